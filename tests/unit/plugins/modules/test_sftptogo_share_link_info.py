# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""sftptogo_share_link_info: filters, masking, and only GET requests."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_share_link_info
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._descriptor import MASK
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.modules.test_sftptogo_share_link import (
    FILE, FOLDER, LID, OTHER_ID, SECRET, URL, hidden, link)


@pytest.fixture
def run(run_module):
    """Run sftptogo_share_link_info with the given options."""
    return lambda check_mode=False, **args: run_module(sftptogo_share_link_info.main, args, check_mode)


def links():
    """A folder link with a password and a file link without one."""
    return [link(), hidden(Id=OTHER_ID, Path=FILE)]


def test_lists_all_with_passwords_masked(api, run):
    api.expect('GET', '/portal-links', response=links())
    result = run()
    assert result['changed'] is False
    assert [item['id'] for item in result['share_links']] == [LID, OTHER_ID]
    assert result['share_links'][0]['password'] == MASK
    assert result['share_links'][0]['url'] == URL
    assert 'password' not in result['share_links'][1]
    assert SECRET not in json.dumps(result)


def test_show_secrets_returns_them(api, run):
    api.expect('GET', '/portal-links', response=links())
    result = run(path=FOLDER, show_secrets=True)
    assert result['share_links'][0]['password'] == SECRET


@pytest.mark.parametrize('path, expected', [(FOLDER, [LID]), (FILE, [OTHER_ID]), ('/outgoing/acme', []),
                                            ('/nowhere/', [])])
def test_path_filter_is_exact(api, run, path, expected):
    api.expect('GET', '/portal-links', response=links())
    assert [item['id'] for item in run(path=path)['share_links']] == expected


def test_id_reads_one_and_unknown_id_is_empty(api, run):
    api.expect('GET', '/portal-links/' + LID, response=link())
    assert [item['id'] for item in run(id=LID)['share_links']] == [LID]
    api.expect('GET', '/portal-links/' + LID, status=404, response={'message': 'Share link not found'})
    assert run(id=LID)['share_links'] == []


def test_id_and_path_both_filter(api, run):
    api.expect('GET', '/portal-links/' + LID, response=link())
    assert run(id=LID, path=FILE)['share_links'] == []


def test_bad_path_fails_before_any_request(api, run):
    result = run(path='outgoing/')
    assert result['failed'] is True
    assert "path must be an absolute path starting with '/'" in result['msg']
    assert api.calls == []


def test_runs_in_check_mode_and_reports_api_errors(api, run):
    api.expect('GET', '/portal-links', status=403, response={'message': 'Forbidden'})
    result = run(check_mode=True)
    assert result['failed'] is True
    assert result['msg'] == 'GET /portal-links failed with HTTP 403: Forbidden'
