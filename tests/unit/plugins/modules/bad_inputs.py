# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the test_bad_inputs_<module>.py files share: the rule fragments they expect, and their one test.

Each of those files is a table of one module's bad inputs, rows of (args, expected message fragment): the
module must fail with a message holding the fragment (naming the option and the rule), without a Python
traceback, and without sending any request.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import re
import struct

import pytest

from ansible.module_utils.ansible_release import __version__ as ANSIBLE_CORE_VERSION

USER = 'acme-partner-01'
KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIL8DLGjHdEH76mSskhyxKAGoMKE5RwHG9Qi5KP5owXJa alice@laptop'
RULE = 'one of %s is required to find the %s (null counts as not given)'
PATH_ID = "must be letters, digits, '_' or '-' only (it goes into the request path)"
USERNAME = "username must be 10 to 100 characters of letters, digits, '_', '-' or '.'"
API_KEY = 'api_key must be non-empty printable ASCII without whitespace'
API_URL = 'api_url must be an http:// or https:// URL'
TIMEOUT = 'timeout must be a positive number of seconds, and finite (at most 3600, one hour)'
RETRIES = 'api_retries must be 0 or more and at most 10 (0: one attempt only)'
YEARS = 'must be a time between the years 1970 and 9999'
ISO = 'must be an ISO 8601 date/datetime (e.g. 2026-12-31 or 2026-12-31T17:00:00Z) or a Unix time'
IP = 'must be an IP address or a CIDR range'
ANY_URL = 'url must be an https:// URL (types webhook, slack, ms-teams) or an e-mail address (type email)'
EMAIL = "url must be an e-mail address (or 'Name <address>') for type email"
ABSOLUTE = "must be an absolute path starting with '/'"
UNSUPPORTED = 'Unsupported parameters for (basic.py) module: '
CORE_VERSION = tuple(int(part) for part in ANSIBLE_CORE_VERSION.split('.')[:2])


def wire(key_type, *parts):
    """An OpenSSH public key line whose blob holds ``key_type`` and then ``parts`` (to build malformed keys)."""
    blob = b''.join(struct.pack('>I', len(part)) + part for part in (key_type.encode('ascii'),) + parts)
    return '%s %s' % (key_type, base64.b64encode(blob).decode('ascii'))


def accepted_messages(args, message):
    """The row's message, or the refusal by which ansible-core itself stops some inputs first on some versions.

    Those still fail before any request: core logs the arguments to syslog, which a NUL breaks (not 2.19), and
    before 2.19 core refuses a null given for a string option.
    """
    accepted = [message]
    if '\\x00' in repr(args):
        accepted.append('Failed to log to syslog (embedded null character)')
    if CORE_VERSION < (2, 19) and None in _values(args):
        accepted.append("is of type NoneType")
    return accepted


def _values(value):
    if isinstance(value, dict):
        return [inner for item in value.values() for inner in _values(item)]
    if isinstance(value, list):
        return [inner for item in value for inner in _values(item)]
    return [value]


def bad_input_test(module, cases):
    """The test of one module's table of bad inputs; a test file assigns it to a ``test_...`` name."""

    @pytest.mark.parametrize('args, message', cases, ids=[str(index) for index in range(len(cases))])
    def test_bad_input_fails_before_any_request(api, run_module, args, message):
        result = run_module(module.main, args)
        assert result['failed'] is True
        # ansible-core's own messages as 2.19 words them (before: "is of type <class 'float'>").
        shown = re.sub(r"<class '(\w+)'>", r'\1', result['msg'])
        assert any(accepted in shown for accepted in accepted_messages(args, message)), result['msg']
        assert 'Traceback' not in result['msg']
        assert api.calls == []

    return test_bad_input_fails_before_any_request
