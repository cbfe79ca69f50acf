# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""sftptogo_webhook_info: filters, masking, never the signing secret, only GET requests."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_webhook_info
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._descriptor import MASK
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.modules.test_sftptogo_webhook import (
    HEADER, OTHER_ID, SIGNING, WID, other, webhook)


@pytest.fixture
def run(run_module):
    """Run sftptogo_webhook_info with the given options."""
    return lambda check_mode=False, **args: run_module(sftptogo_webhook_info.main, args, check_mode)


def test_lists_all_with_headers_masked(api, run):
    api.expect('GET', '/webhooks', response=[webhook(), other()])
    result = run()
    assert result['changed'] is False
    assert [hook['id'] for hook in result['webhooks']] == [WID, OTHER_ID]
    assert result['webhooks'][0]['authorization_header'] == MASK
    assert result['webhooks'][1]['authorization_header'] == ''
    assert result['webhooks'][0]['topics'] == ['file.created', 'file.deleted']
    assert 'secret' not in result['webhooks'][0]
    assert HEADER not in json.dumps(result)


def test_show_secrets_reveals_headers_but_never_the_signing_secret(api, run):
    api.expect('GET', '/webhooks', response=[webhook(Secret=SIGNING)])
    result = run(show_secrets=True)
    assert result['webhooks'][0]['authorization_header'] == HEADER
    assert SIGNING not in json.dumps(result)


@pytest.mark.parametrize('args, expected', [(dict(id=OTHER_ID), [OTHER_ID]), (dict(alias='Ingest'), [WID]),
                                            (dict(id='no-such-id'), []), (dict(alias='nobody'), []),
                                            (dict(id=WID, alias='Other'), []), (dict(alias=''), [])])
def test_filters_list_and_match(api, run, args, expected):
    api.expect('GET', '/webhooks', response=[webhook(), other()])
    assert [hook['id'] for hook in run(**args)['webhooks']] == expected


def test_runs_in_check_mode_and_reports_api_errors(api, run):
    api.expect('GET', '/webhooks', status=403, response={'message': 'Forbidden'})
    result = run(check_mode=True)
    assert result['failed'] is True
    assert result['msg'] == 'GET /webhooks failed with HTTP 403: Forbidden'
