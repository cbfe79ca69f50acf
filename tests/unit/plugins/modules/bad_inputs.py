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
import struct

import pytest

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


def wire(key_type, *parts):
    """An OpenSSH public key line whose blob holds ``key_type`` and then ``parts`` (to build malformed keys)."""
    blob = b''.join(struct.pack('>I', len(part)) + part for part in (key_type.encode('ascii'),) + parts)
    return '%s %s' % (key_type, base64.b64encode(blob).decode('ascii'))


def bad_input_test(module, cases):
    """The test of one module's table of bad inputs; a test file assigns it to a ``test_...`` name."""

    @pytest.mark.parametrize('args, message', cases, ids=[str(index) for index in range(len(cases))])
    def test_bad_input_fails_before_any_request(api, run_module, args, message):
        result = run_module(module.main, args)
        assert result['failed'] is True
        assert message in result['msg'], result['msg']
        assert 'Traceback' not in result['msg']
        assert api.calls == []

    return test_bad_input_fails_before_any_request
