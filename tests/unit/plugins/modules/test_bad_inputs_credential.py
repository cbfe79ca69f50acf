# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Bad input to sftptogo_credential: a clear error naming the option and the rule, no request sent, no traceback."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_credential
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.modules.bad_inputs import (
    ABSOLUTE, IP, ISO, PATH_ID, RETRIES, RULE, UNSUPPORTED, USER, USERNAME, YEARS, bad_input_test)

ORG_REQUIRED = ('organization_id is required: set the organization_id option or the SFTPTOGO_ORGANIZATION_ID environment '
                'variable; got none')
BOTH_REQUIRED = ('api_key and organization_id are required: set the api_key and organization_id options or the '
                 'SFTPTOGO_API_KEY and SFTPTOGO_ORGANIZATION_ID environment variables; got none of them')

CASES = [
    # connection options
    (dict(username=USER, api_key=''), 'api_key is required: set the api_key option or the SFTPTOGO_API_KEY environment variable; got none'),
    (dict(username=USER, api_key='', organization_id=''), BOTH_REQUIRED),
    (dict(username=USER, api_url='https://user:secret@api.example.test'), 'api_url must not contain user info'),
    (dict(username=USER, organization_id='../other-org'), 'organization_id ' + PATH_ID),
    (dict(username=USER, organization_id=None), ORG_REQUIRED),
    (dict(username=USER, api_retries=-1), RETRIES + '; got -1'),
    # lookups and ids
    (dict(username=None), RULE % ('id, username or alias', 'credential')),
    (dict(username=None, alias=None, permission='read-only'), RULE % ('id, username or alias', 'credential')),
    (dict(username=''), RULE % ('id, username or alias', 'credential')),
    (dict(alias=''), RULE % ('id, username or alias', 'credential')),
    (dict(alias='   '), RULE % ('id, username or alias', 'credential')),
    (dict(username=' \t '), RULE % ('id, username or alias', 'credential')),
    (dict(id='../../other-org/users/x'), 'id ' + PATH_ID),
    (dict(id='abc?x=1'), 'id ' + PATH_ID),
    (dict(id='../webhooks', state='absent'), 'id ' + PATH_ID),
    (dict(id=''), 'id ' + PATH_ID),
    (dict(id='abc#frag', username=USER), 'id ' + PATH_ID),
    (dict(id='%2F..%2Fwebhooks'), 'id ' + PATH_ID),
    (dict(id='abc\n', state='absent'), 'id ' + PATH_ID),
    (dict(id='ä'), 'id ' + PATH_ID),
    (dict(id={'id': 'abc'}), 'id must be a str; got a dict'),
    # values
    (dict(username='bob'), USERNAME + "; got 'bob'"),
    (dict(username='x' * 101), USERNAME),
    (dict(username='acme partner 01'), USERNAME),
    (dict(username='acme-partner\n01'), USERNAME),
    (dict(username=USER + '\n'), USERNAME + "; got 'acme-partner-01\\n'"),
    (dict(username='ääääääääääää'), USERNAME),
    (dict(username='../../etc/passwd'), USERNAME),
    (dict(username='   ', alias='partner'), USERNAME),
    (dict(username={'name': USER}), 'username must be a str; got a dict'),
    (dict(username=[USER]), 'username must be a str; got a list'),
    (dict(username=True), 'username must be a str; got True'),
    (dict(username=USER, password={'a': 1}), 'password must be a str; got a dict'),
    (dict(username=USER, password=False), 'password must be a str; got False'),
    (dict(username=USER, alias=['a']), 'alias must be a str; got a list'),
    (dict(username=USER, alias=True), 'alias must be a str; got True'),
    (dict(username=USER, alias=1.10), 'alias must be a str; got the number 1.1 (quote it to keep it as written)'),
    (dict(username=USER, home_directory='relative/dir'), 'home_directory ' + ABSOLUTE),
    (dict(username=USER, home_directory=''), 'home_directory ' + ABSOLUTE),
    (dict(username=USER, home_directory='/home/\x00x'), 'home_directory ' + ABSOLUTE),
    (dict(username=USER, home_directory=['/a']), 'home_directory must be a str; got a list'),
    (dict(username=USER, chroot_directory='x'), 'chroot_directory ' + ABSOLUTE),
    (dict(username=USER, permission='admin'), 'value of permission must be one of: none, read-only, read-write, write-only, full'),
    (dict(username=USER, permission='READ-ONLY'), 'value of permission must be one of: none, read-only'),
    (dict(username=USER, state='gone'), 'value of state must be one of: present, absent, got: gone'),
    (dict(username=USER, password='x' * 12, rotate_password=True), 'parameters are mutually exclusive: password|rotate_password'),
    (dict(username=USER, enabled='maybe'), "argument 'enabled' is of type str and we were unable to convert to bool"),
    # expiration
    (dict(username=USER, expiration=float('inf')), 'expiration ' + YEARS),
    (dict(username=USER, expiration=float('-inf')), 'expiration ' + YEARS),
    (dict(username=USER, expiration=float('nan')), 'expiration ' + YEARS),
    (dict(username=USER, expiration=10 ** 20), 'expiration ' + YEARS),
    (dict(username=USER, expiration=10 ** 400), 'expiration ' + YEARS),
    (dict(username=USER, expiration='9' * 400), 'expiration ' + YEARS),
    (dict(username=USER, expiration=-1), 'expiration ' + YEARS),
    (dict(username=USER, expiration='1969-12-31T23:59:59Z'), 'expiration ' + YEARS),
    (dict(username=USER, expiration='0001-01-01'), 'expiration ' + YEARS),
    (dict(username=USER, expiration='99999-01-01'), 'expiration ' + ISO),
    (dict(username=USER, expiration='tomorrow'), 'expiration ' + ISO),
    (dict(username=USER, expiration='-1'), 'expiration ' + ISO),
    (dict(username=USER, expiration='1e20'), 'expiration ' + ISO),
    (dict(username=USER, expiration='nan'), 'expiration ' + ISO),
    (dict(username=USER, expiration='2026-02-30'), 'expiration ' + ISO),
    (dict(username=USER, expiration='2026-01-01T25:00:00'), 'expiration ' + ISO),
    (dict(username=USER, expiration='2026-06-01T00:00:00+99:00'), 'expiration ' + ISO),
    (dict(username=USER, expiration={'days': 1}), 'expiration must be an ISO 8601 date/datetime or a Unix time; got a dict'),
    (dict(username=USER, expiration=[1]), 'expiration must be an ISO 8601 date/datetime or a Unix time; got a list'),
    (dict(username=USER, expiration=True), 'expiration must be an ISO 8601 date/datetime or a Unix time; got True'),
    (dict(username=USER, expiration='2099-01-01'), 'expiration must be at most one year ahead'),
    (dict(username=USER, expiration='9999-12-31'), 'expiration must be at most one year ahead'),
    # inbound rules
    (dict(username=USER, inbound_rules='203.0.113.7'), 'inbound_rules must be a list; got a string'),
    (dict(username=USER, inbound_rules={'source': '203.0.113.7'}), 'inbound_rules must be a list; got a dict'),
    (dict(username=USER, inbound_rules=['203.0.113.7']), 'inbound_rules[0] must be a dict; got a string'),
    (dict(username=USER, inbound_rules=[None]), 'inbound_rules[0] must be a dict; got null'),
    (dict(username=USER, inbound_rules=[{}]), 'missing required arguments: source found in inbound_rules'),
    (dict(username=USER, inbound_rules=[{'source': '300.1.2.3'}]), 'inbound_rules[0].source ' + IP),
    (dict(username=USER, inbound_rules=[{'source': 'example.com'}]), 'inbound_rules[0].source ' + IP),
    (dict(username=USER, inbound_rules=[{'source': ''}]), 'inbound_rules[0].source ' + IP),
    (dict(username=USER, inbound_rules=[{'source': None}]), 'inbound_rules[0].source ' + IP),
    (dict(username=USER, inbound_rules=[{'source': '10.0.0.1/33'}]), 'inbound_rules[0].source ' + IP),
    (dict(username=USER, inbound_rules=[{'source': '::1/129'}]), 'inbound_rules[0].source ' + IP),
    (dict(username=USER, inbound_rules=[{'source': '010.1.2.3'}]), 'inbound_rules[0].source ' + IP),
    (dict(username=USER, inbound_rules=[{'source': '１.2.3.4'}]), 'inbound_rules[0].source ' + IP),
    (dict(username=USER, inbound_rules=[{'source': 'fe80::1%eth0'}]), 'inbound_rules[0].source ' + IP),
    (dict(username=USER, inbound_rules=[{'source': '1.2.3.4'}, {'source': '1.2.3.4/x'}]), 'inbound_rules[1].source ' + IP),
    (dict(username=USER, inbound_rules=[{'source': {'ip': '1.2.3.4'}}]), 'inbound_rules[0].source must be a str; got a dict'),
    (dict(username=USER, inbound_rules=[{'source': '1.2.3.4', 'description': ['x']}]),
     'inbound_rules[0].description must be a str; got a list'),
    (dict(username=USER, inbound_rules=[{'source': '1.2.3.4', 'protocol': 'HTTP'}]),
     'value of protocol must be one of: *, SFTP, FTPS, got: HTTP found in inbound_rules'),
    (dict(username=USER, inbound_rules=[{'source': '1.2.3.4', 'action': 'deny'}]), UNSUPPORTED + 'inbound_rules.action'),
    (dict(username=USER, inbound_rules=[{'source': '1.2.3.4', 'enabled': 'maybe'}]),
     "argument 'enabled' is of type str found in 'inbound_rules'. and we were unable to convert to bool"),
]

test_bad_input_fails_before_any_request = bad_input_test(sftptogo_credential, CASES)
