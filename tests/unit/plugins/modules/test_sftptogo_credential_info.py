# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""sftptogo_credential_info: filters, masking, and only GET requests."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_credential_info
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._descriptor import MASK
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.modules.test_sftptogo_credential import CID, SECRET, USER, credential, root


@pytest.fixture
def run(run_module):
    """Run sftptogo_credential_info with the given options."""
    return lambda check_mode=False, **args: run_module(sftptogo_credential_info.main, args, check_mode)


def test_lists_all_with_secrets_masked(api, run):
    api.expect('GET', '/users', response=[root(), credential()])
    result = run()
    assert result['changed'] is False
    assert [c['alias'] for c in result['credentials']] == ['Root', 'ACME']
    assert result['credentials'][1]['password'] == MASK
    assert result['credentials'][1]['uri'] == 'sftp://%s:%s@warm-soda-25793.sftptogo.com' % (USER, MASK)
    assert SECRET not in json.dumps(result)


def test_show_secrets_returns_them(api, run):
    api.expect('GET', '/users', response=[credential()])
    result = run(username=USER, show_secrets=True)
    assert result['credentials'][0]['password'] == SECRET


@pytest.mark.parametrize('args, expected', [(dict(username=USER), ['ACME']), (dict(alias='Root'), ['Root']),
                                            (dict(alias='nobody'), [])])
def test_filters(api, run, args, expected):
    api.expect('GET', '/users', response=[root(), credential()])
    assert [c['alias'] for c in run(**args)['credentials']] == expected


def test_id_reads_one_and_unknown_id_is_empty(api, run):
    api.expect('GET', '/users/' + CID, response=credential())
    assert len(run(id=CID)['credentials']) == 1
    api.expect('GET', '/users/' + CID, status=404, response={'message': 'not found'})
    assert run(id=CID)['credentials'] == []


def test_runs_in_check_mode_and_reports_api_errors(api, run):
    api.expect('GET', '/users', status=403, response={'message': 'Forbidden'})
    result = run(check_mode=True)
    assert result['failed'] is True
    assert result['msg'] == 'GET /users failed with HTTP 403: Forbidden'
