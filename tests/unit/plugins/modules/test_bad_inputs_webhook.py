# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Bad input to sftptogo_webhook: a clear error naming the option and the rule, no request sent, no traceback."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_webhook
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.modules.bad_inputs import (
    ANY_URL, API_KEY, EMAIL, PATH_ID, RETRIES, RULE, bad_input_test)

CASES = [
    # connection options
    (dict(alias='a', api_key='k3y-from-a-vault-file\n'), API_KEY + '; it starts or ends with whitespace or a newline: remove it'),
    (dict(alias='a', api_url='https://evil.example\\@api.example.test'), 'api_url must not contain user info'),
    (dict(alias='a', organization_id='org?x=1'), 'organization_id ' + PATH_ID),
    (dict(alias='a', api_retries=11), RETRIES + '; got 11'),
    # lookups and ids
    (dict(topics=['file.created']), 'one of the following is required: id, alias, url'),
    (dict(alias=None, url=None), RULE % ('id, alias or url', 'webhook')),
    (dict(id='../x'), 'id ' + PATH_ID),
    (dict(id=''), 'id ' + PATH_ID),
    (dict(id={'id': 'x'}), 'id must be a str; got a dict'),
    (dict(alias={'a': 1}), 'alias must be a str; got a dict'),
    (dict(alias=' \n'), RULE % ('id, alias or url', 'webhook')),
    # url and type
    (dict(alias='a', url='http://hooks.example.com/x'), ANY_URL),
    (dict(alias='a', url='https://'), ANY_URL),
    (dict(alias='a', url='https://hooks example.com/x'), ANY_URL),
    (dict(alias='a', url='https://[::1/x'), ANY_URL),
    (dict(alias='a', url='javascript:alert(1)'), ANY_URL),
    (dict(alias='a', url=''), ANY_URL),
    (dict(alias='a', url={'href': 'x'}), 'url must be a str; got a dict'),
    (dict(url='http://hooks.example.com/x'), 'url must be an https:// URL for type webhook'),
    (dict(alias='a', url='ftp://hooks.example.com/x', type='webhook'), 'url must be an https:// URL for type webhook'),
    (dict(alias='a', url='ops@example.com', type='slack'), 'url must be an https:// URL for type slack'),
    (dict(alias='a', url='not-an-address', type='email'), EMAIL),
    (dict(alias='a', url='ops@localhost', type='email'), EMAIL),
    (dict(alias='a', url='ops@@example.com', type='email'), EMAIL),
    (dict(alias='a', url='Ops <ops@example.com', type='email'), EMAIL),
    (dict(alias='a', url='https://hooks.example.com/x', type='email'), EMAIL),
    (dict(alias='a', type='teams'), 'value of type must be one of: webhook, slack, ms-teams, email, got: teams'),
    (dict(alias='a', type='Slack'), 'value of type must be one of: webhook, slack, ms-teams, email, got: Slack'),
    (dict(alias='a', url='https://hooks.example.com/x\n'), ANY_URL),
    (dict(alias='a', url='https://hooks.example.com/x\n', type='webhook'), 'url must be an https:// URL for type webhook'),
    (dict(alias='a', url='https://hooks.example.com/x\x00'), ANY_URL),
    (dict(alias='a', url='https://hooks.example.com:99999/x', type='webhook'), 'url must be an https:// URL for type webhook'),
    (dict(alias='a', url='https://hooks.example.com:abc/x'), ANY_URL),
    (dict(alias='a', url='ops@example.com\n', type='email'), EMAIL),
    (dict(alias='a', url='Ops\nBcc: all@example.com <ops@example.com>', type='email'), EMAIL),
    (dict(alias='a', url='mailto:ops@example.com', type='email'), EMAIL),
    (dict(alias='a', url='http://hooks.slack.com/services/T0/B0/s3cr\\et', type='slack'),
     "url must be an https:// URL for type slack; got 'http://hooks.slack.com/\u2026 (digest "),
    (dict(alias='a', url='http://hooks.slack.com/services/T0/B0/s3cr\\et'),
     ANY_URL + "; got 'http://hooks.slack.com/\u2026 (digest "),
    # topics, header, state
    (dict(alias='a', topics=[]), 'topics must hold at least one of file.created, file.deleted, file.downloaded'),
    (dict(alias='a', topics='file.created'), 'topics must be a list; got a string'),
    (dict(alias='a', topics={'file.created': True}), 'topics must be a list; got a dict'),
    (dict(alias='a', topics=[{'name': 'file.created'}]), 'topics[0] must be a str; got a dict'),
    (dict(alias='a', topics=[True]), 'topics[0] must be a str; got True'),
    (dict(alias='a', topics=['file.created', None]), 'topics[1] must be a str; got null'),
    (dict(alias='a', topics=['file.renamed']),
     'value of topics must be one or more of: file.created, file.deleted, file.downloaded. Got no match for: file.renamed'),
    (dict(alias='a', topics=['FILE.CREATED']), 'value of topics must be one or more of: file.created'),
    (dict(alias='a', authorization_header='Bearer a\nb'), 'authorization_header must be a single line'),
    (dict(alias='a', authorization_header='Bearer a\rX-Injected: 1'), 'authorization_header must be a single line'),
    (dict(alias='a', authorization_header={'Bearer': 'x'}), 'authorization_header must be a str; got a dict'),
    (dict(alias='a', authorization_header=True), 'authorization_header must be a str; got True'),
    (dict(alias='a', authorization_header='Bearer abc\x00def'), 'authorization_header must be a single line (no CR, LF or other control characters'),
    (dict(alias='a', authorization_header='Bearer abc\x1b[2J'), 'authorization_header must be a single line (no CR, LF or other control characters'),
    (dict(alias='a', state='disabled'), 'value of state must be one of: present, absent, got: disabled'),
]

test_bad_input_fails_before_any_request = bad_input_test(sftptogo_webhook, CASES)
