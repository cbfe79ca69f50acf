# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Connection errors say what to fix: every missing setting named in one message with its option and variable, a 401
where the key came from."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_credential_info, sftptogo_organization, sftptogo_webhook
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins import conftest

WRONG_KEY = 'wrong-key-0123456789'


def without_key(monkeypatch, run_module, left_out=('api_key',), **connection):
    """The connection of every run_module call, without api_key (or the options ``left_out``), plus ``connection``."""
    args = dict(conftest.CONNECTION, **connection)
    for option in left_out:
        args.pop(option)
    monkeypatch.setitem(run_module.__globals__, 'CONNECTION', args)  # the conftest module pytest loaded


def test_a_missing_key_names_the_option_and_the_variable(monkeypatch, api, run_module):
    monkeypatch.delenv('SFTPTOGO_API_KEY', raising=False)
    without_key(monkeypatch, run_module)
    result = run_module(sftptogo_credential_info.main, {})
    assert result['failed'] is True
    assert result['msg'] == ('api_key is required: set the api_key option or the SFTPTOGO_API_KEY environment variable; '
                             'got none')


@pytest.mark.parametrize('main, args', [
    (sftptogo_credential_info.main, {}),
    (sftptogo_webhook.main, dict(alias='Uploads', url='https://hooks.example.com/up', topics=['file.created'])),
    (sftptogo_organization.main, dict(credentials=[dict(username='partner-0001')])),
])
def test_neither_key_nor_organization_names_both_in_one_message(monkeypatch, api, run_module, main, args):
    monkeypatch.delenv('SFTPTOGO_API_KEY', raising=False)
    monkeypatch.delenv('SFTPTOGO_ORGANIZATION_ID', raising=False)
    without_key(monkeypatch, run_module, left_out=('api_key', 'organization_id'))
    result = run_module(main, args)
    assert result['failed'] is True
    assert result['msg'] == ('api_key and organization_id are required: set the api_key and organization_id options or '
                             'the SFTPTOGO_API_KEY and SFTPTOGO_ORGANIZATION_ID environment variables; got none of them')
    assert api.calls == []


def test_a_missing_organization_names_the_option_and_the_variable(monkeypatch, api, run_module):
    monkeypatch.delenv('SFTPTOGO_ORGANIZATION_ID', raising=False)
    without_key(monkeypatch, run_module, left_out=('organization_id',))
    result = run_module(sftptogo_credential_info.main, {})
    assert result['msg'] == ('organization_id is required: set the organization_id option or the SFTPTOGO_ORGANIZATION_ID '
                             'environment variable; got none')
    assert api.calls == []


def test_a_refused_key_from_the_option(monkeypatch, emu, run_module):
    monkeypatch.delenv('SFTPTOGO_API_KEY', raising=False)
    result = run_module(sftptogo_credential_info.main, dict(api_key=WRONG_KEY, api_url=emu.url))
    assert result['failed'] is True
    assert 'HTTP 401' in result['msg'] and 'the API key was refused; it came from the api_key option' in result['msg']
    assert WRONG_KEY not in result['msg']


def test_a_refused_key_from_the_environment(monkeypatch, emu, run_module):
    monkeypatch.setenv('SFTPTOGO_API_KEY', WRONG_KEY)
    without_key(monkeypatch, run_module, api_url=emu.url)
    result = run_module(sftptogo_credential_info.main, {})
    assert result['failed'] is True
    assert 'the API key was refused; it came from the SFTPTOGO_API_KEY environment variable' in result['msg']
    assert WRONG_KEY not in result['msg']
