# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Bad input to sftptogo_ssh_key_info: a clear error naming the option and the rule, no request sent, no traceback."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_ssh_key_info
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.modules.bad_inputs import (
    API_KEY, API_URL, PATH_ID, RULE, TIMEOUT, USER, USERNAME, bad_input_test)

CASES = [
    # connection options
    (dict(username=USER, api_key='abc\x00def'), API_KEY + '; it contains a non-ASCII or control character'),
    (dict(username=USER, api_url='https://'), API_URL + ' with a host'),
    (dict(username=USER, organization_id='örg'), 'organization_id ' + PATH_ID),
    (dict(username=USER, timeout=float('nan')), TIMEOUT + '; got nan'),
    (dict(username=USER, timeout=10 ** 10), TIMEOUT + '; got 10000000000.0'),
    # the credential
    (dict(), 'one of the following is required: credential_id, username'),
    (dict(username=None), RULE % ('credential_id or username', 'credential')),
    (dict(credential_id='abc', username=USER), 'parameters are mutually exclusive: credential_id|username'),
    (dict(credential_id='../x'), 'credential_id ' + PATH_ID),
    (dict(credential_id=''), 'credential_id ' + PATH_ID),
    (dict(credential_id={'id': 'x'}), 'credential_id must be a str; got a dict'),
    (dict(username='bob'), USERNAME),
    (dict(username=USER + '\n'), USERNAME),
]

test_bad_input_fails_before_any_request = bad_input_test(sftptogo_ssh_key_info, CASES)
