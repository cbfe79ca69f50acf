# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Bad input to sftptogo_share_link_info: a clear error naming the option and the rule, no request sent, no traceback."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_share_link_info
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.modules.bad_inputs import (
    ABSOLUTE, API_KEY, API_URL, PATH_ID, TIMEOUT, bad_input_test)

CASES = [
    # connection options
    (dict(api_key='abc\tdef'), API_KEY + '; it contains whitespace'),
    (dict(api_url='api.example.test'), API_URL + ' with a host'),
    (dict(api_url='https://[::1'), API_URL + '; Invalid IPv6 URL'),
    (dict(timeout=float('inf')), TIMEOUT + '; got inf'),
    (dict(timeout=3600.5), TIMEOUT + '; got 3600.5'),
    (dict(timeout=True), 'timeout must be a float; got True'),
    # ids and filters
    (dict(path='rel', show_secrets=False), 'path ' + ABSOLUTE),
    (dict(path=''), 'path ' + ABSOLUTE),
    (dict(path='/a\x00'), 'path ' + ABSOLUTE),
    (dict(path={'p': '/a/'}), 'path must be a str; got a dict'),
    (dict(id='a?b', show_secrets=False), 'id ' + PATH_ID),
]

test_bad_input_fails_before_any_request = bad_input_test(sftptogo_share_link_info, CASES)
