# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Bad input to sftptogo_webhook_info: a clear error naming the option and the rule, no request sent, no traceback."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_webhook_info
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.modules.bad_inputs import (
    API_KEY, API_URL, PATH_ID, TIMEOUT, bad_input_test)

CASES = [
    # connection options
    (dict(api_key='abc def'), API_KEY + '; it contains whitespace'),
    (dict(api_url='file:///etc/passwd'), API_URL + ' with a host'),
    (dict(api_url='https://api.example.test/?'), 'api_url must not have a query string or fragment'),
    (dict(organization_id=['org']), 'organization_id must be a str; got a list'),
    (dict(timeout=0), TIMEOUT + '; got 0.0'),
    # ids and filters
    (dict(id='x/y', show_secrets=False), 'id ' + PATH_ID),
    (dict(id=''), 'id ' + PATH_ID),
    (dict(alias={'a': 1}), 'alias must be a str; got a dict'),
    (dict(alias=False), 'alias must be a str; got False'),
]

test_bad_input_fails_before_any_request = bad_input_test(sftptogo_webhook_info, CASES)
