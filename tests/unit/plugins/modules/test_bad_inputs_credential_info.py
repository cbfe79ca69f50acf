# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Bad input to sftptogo_credential_info: a clear error naming the option and the rule, no request sent, no traceback."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_credential_info
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.modules.bad_inputs import (
    API_URL, PATH_ID, TIMEOUT, USER, USERNAME, bad_input_test)

CASES = [
    # connection options
    (dict(api_key=None), 'api_key is required: set the api_key option or the SFTPTOGO_API_KEY environment variable; got none'),
    (dict(api_url='ftp://api.example.test'), API_URL + ' with a host'),
    (dict(api_url='https://api.example.test/#x'), 'api_url must not have a query string or fragment'),
    (dict(api_url={'url': 'x'}), 'api_url must be a str; got a dict'),
    (dict(organization_id=''), 'organization_id is required: set the organization_id option or the SFTPTOGO_ORGANIZATION_ID '
                               'environment variable; got none'),
    (dict(timeout=-1), TIMEOUT + '; got -1.0'),
    (dict(timeout=1e12), TIMEOUT + '; got 1000000000000.0'),
    (dict(validate_certs='maybe'), "argument 'validate_certs' is of type str and we were unable to convert to bool"),
    # ids and filters
    (dict(id='../x', show_secrets=False), 'id ' + PATH_ID),
    (dict(id=''), 'id ' + PATH_ID),
    (dict(username={'name': USER}), 'username must be a str; got a dict'),
    (dict(username='bob'), USERNAME),
    (dict(username=USER + '\n'), USERNAME),
    (dict(alias=['a']), 'alias must be a str; got a list'),
    (dict(show_secrets='maybe'), "argument 'show_secrets' is of type str and we were unable to convert to bool"),
    (dict(alias=True), 'alias must be a str; got True'),
]

test_bad_input_fails_before_any_request = bad_input_test(sftptogo_credential_info, CASES)
