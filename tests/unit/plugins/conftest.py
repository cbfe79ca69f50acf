# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Unit-test harness: a scripted API in place of HTTP, and a runner for module main() functions."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import json
import os
import sys

import pytest

from ansible.module_utils import basic
from ansible.module_utils.common import warnings

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _api

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core < 2.19
    patch_module_args = None

API_KEY = 'unit-test-api-key-0123456789'
ORGANIZATION_ID = '72e9cf24-be8c-4f15-9aa2-813281fb98fe'
CONNECTION = dict(api_key=API_KEY, organization_id=ORGANIZATION_ID, api_url='https://api.example.test')
ANY = object()
EMULATOR_DIR = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'emulator'))
if EMULATOR_DIR not in sys.path:
    sys.path.insert(0, EMULATOR_DIR)

from server import Emulator  # noqa: E402  pylint: disable=wrong-import-position,import-error


class FakeResponse:
    """The parts of requests.Response the client reads."""

    def __init__(self, status, body=None, text=None):
        self.status_code = status
        self.text = json.dumps(body) if text is None and body is not None else (text or '')
        self.content = self.text.encode('utf-8')
        self.reason = 'Reason %s' % status
        self.headers = {'Content-Type': 'application/json'}

    def json(self):
        """Decode the body like requests does."""
        return json.loads(self.text)


class ScriptedApi:
    """Expected requests, in order, each with its answer; anything else fails the test."""

    def __init__(self):
        self.expected = []
        self.calls = []

    def expect(self, method, path, body=ANY, status=200, response=None, text=None):
        """Add one expected request (``body=ANY`` skips the body check)."""
        self.expected.append((method, path, body, FakeResponse(status, response, text)))
        return self

    def send(self, method, path, body):
        """Stands in for ApiClient._send (set on the class, so it is called without the client)."""
        self.calls.append((method, path, body))
        assert self.expected, 'unexpected request %s %s %r' % (method, path, body)
        exp_method, exp_path, exp_body, response = self.expected.pop(0)
        assert (method, path) == (exp_method, exp_path), 'got %s %s, expected %s %s' % (method, path, exp_method, exp_path)
        if exp_body is not ANY:
            assert body == exp_body
        return response

    def writes(self):
        """The requests that are not GET."""
        return [call for call in self.calls if call[0] != 'GET']


class ModuleExit(Exception):
    """exit_json or fail_json was called."""

    def __init__(self, result):
        super(ModuleExit, self).__init__(result)
        self.result = result


@pytest.fixture
def emu():
    """An in-process emulator (strict mode) for API_KEY and ORGANIZATION_ID, stopped after the test."""
    with Emulator(api_key=API_KEY, organization_id=ORGANIZATION_ID, seed=11) as emulator:
        yield emulator


@pytest.fixture
def api(monkeypatch):
    """A ScriptedApi wired in place of HTTP; fails the test if an expected request was not made."""
    scripted = ScriptedApi()
    monkeypatch.setattr(_api.ApiClient, '_send', scripted.send)
    yield scripted
    assert not scripted.expected, 'requests expected but not made: %r' % [e[:3] for e in scripted.expected]


@pytest.fixture
def run_module(monkeypatch):
    """run_module(main, args, check_mode=False, diff=False) -> the module result (with 'failed' on failure)."""

    def collected_warnings():
        messages = list(warnings.get_warning_messages())
        warnings._global_warnings.clear()  # pylint: disable=protected-access
        return messages

    def exit_json(module, **result):
        raise ModuleExit(dict(result, failed=False, warnings=collected_warnings()))

    def fail_json(module, msg, **result):
        raise ModuleExit(dict(result, failed=True, msg=msg, warnings=collected_warnings()))

    monkeypatch.setattr(basic.AnsibleModule, 'exit_json', exit_json)
    monkeypatch.setattr(basic.AnsibleModule, 'fail_json', fail_json)

    def run(main, args, check_mode=False, diff=False):
        args = dict(CONNECTION, **args)
        args.update(_ansible_check_mode=check_mode, _ansible_diff=diff)
        with pytest.raises(ModuleExit) as exc:
            with module_args(monkeypatch, args):
                main()
        return exc.value.result

    return run


@pytest.fixture
def run_module_printed(monkeypatch, capsys):
    """run_module_printed(main, args) -> what the module prints for Ansible: its own exit_json/fail_json, no_log included."""

    def run(main, args):
        with pytest.raises(SystemExit):
            with module_args(monkeypatch, dict(CONNECTION, **args)):
                main()
        return json.loads(capsys.readouterr().out)

    return run


@contextlib.contextmanager
def module_args(monkeypatch, args):
    """The module arguments a main() reads, as each ansible-core version passes them."""
    if patch_module_args is not None:
        with patch_module_args(args):
            yield
    else:
        monkeypatch.setattr(basic, '_ANSIBLE_ARGS', json.dumps({'ANSIBLE_MODULE_ARGS': args}).encode('utf-8'))
        yield
