# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Bad input to sftptogo_organization_info: a clear error naming the option and the rule, no request sent, no traceback."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_organization_info
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.modules.bad_inputs import (
    ABSOLUTE, API_URL, USERNAME, bad_input_test)

CASES = [
    # connection options
    (dict(api_url=''), API_URL + ' with a host'),
    (dict(api_url='https://api.example.test\n'), API_URL + '; it contains whitespace or control characters'),
    (dict(timeout='soon'), "argument 'timeout' is of type str and we were unable to convert to float"),
    # the declaration (no parallelism: it only reads)
    (dict(parallelism=4), 'parallelism is not a known option (known: allow_empty_purge, api_key, '),
    (dict(credentials=[{'username': 'bob'}]), 'credentials[0].' + USERNAME),
    (dict(webhooks=[{'alias': 'a', 'topics': ['x']}]),
     'value of topics must be one or more of: file.created, file.deleted, file.downloaded. Got no match for: x found in webhooks'),
    (dict(share_links=[{'path': 'x'}]), 'share_links[0].path ' + ABSOLUTE),
    (dict(webhooks=[None]), 'webhooks[0] must be a dict; got null'),
    # the review
    (dict(password_max_age=0), 'password_max_age must be a number of days of at least 1; got 0'),
    (dict(password_max_age='a year'), "argument 'password_max_age' is of type str and we were unable to convert to int"),
]

test_bad_input_fails_before_any_request = bad_input_test(sftptogo_organization_info, CASES)
