# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Connection errors say what to fix: a missing key names the option and the variable, a 401 where the key came from."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_credential_info
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins import conftest

WRONG_KEY = 'wrong-key-0123456789'


def without_key(monkeypatch, run_module, **connection):
    """The connection of every run_module call, without api_key (plus ``connection``)."""
    args = dict(conftest.CONNECTION, **connection)
    args.pop('api_key')
    monkeypatch.setitem(run_module.__globals__, 'CONNECTION', args)  # the conftest module pytest loaded


def test_a_missing_key_names_the_option_and_the_variable(monkeypatch, api, run_module):
    monkeypatch.delenv('SFTPTOGO_API_KEY', raising=False)
    without_key(monkeypatch, run_module)
    result = run_module(sftptogo_credential_info.main, {})
    assert result['failed'] is True
    assert result['msg'] == ('api_key is required: set the api_key option or the SFTPTOGO_API_KEY environment variable; '
                             'got none')


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
