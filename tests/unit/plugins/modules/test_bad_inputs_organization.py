# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Bad input to sftptogo_organization: a clear error naming the option and the rule, no request sent, no traceback."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_organization
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.modules.bad_inputs import (
    ABSOLUTE, ANY_URL, API_URL, EMAIL, IP, KEY, PATH_ID, USER, USERNAME, YEARS, bad_input_test)

ORG_REQUIRED = ('organization_id is required: set the organization_id option or the SFTPTOGO_ORGANIZATION_ID environment '
                'variable; got none')

CASES = [
    # connection options
    (dict(api_key={'key': 'x'}), 'api_key must be a str; got a dict'),
    (dict(api_url='https://api.example.test:abc'), API_URL + '; Port could not be cast to integer'),
    (dict(organization_id='org 1'), 'organization_id ' + PATH_ID),
    (dict(organization_id=None), ORG_REQUIRED),
    (dict(api_retries=2.5), "argument 'api_retries' is of type float and we were unable to convert to int"),
    # the declared lists and parallelism
    (dict(credentials='x'), 'credentials must be a list; got a string'),
    (dict(credentials={'username': USER}), 'credentials must be a list; got a dict'),
    (dict(credentials=['x']), 'credentials[0] must be a dict; got a string'),
    (dict(credentials=[None]), 'credentials[0] must be a dict; got null'),
    (dict(webhooks='a'), 'webhooks must be a list; got a string'),
    (dict(share_links={'path': '/a/'}), 'share_links must be a list; got a dict'),
    (dict(parallelism=0), 'parallelism must be 1 to 16; got 0'),
    (dict(parallelism=-1), 'parallelism must be 1 to 16; got -1'),
    (dict(parallelism=17), 'parallelism must be 1 to 16; got 17'),
    (dict(parallelism=10 ** 30), 'parallelism must be 1 to 16'),
    (dict(parallelism='many'), "argument 'parallelism' is of type str and we were unable to convert to int"),
    (dict(parallelism=True), 'parallelism must be an int; got True'),
    (dict(purge_credentials='maybe'), "argument 'purge_credentials' is of type str and we were unable to convert to bool"),
    # declared credentials
    (dict(credentials=[{}]), 'missing required arguments: username found in credentials'),
    (dict(credentials=[{'username': ''}]), 'credentials[0].username must not be empty: it is how a declared credential is found'),
    (dict(credentials=[{'username': '   '}]), 'credentials[0].username must not be empty: it is how a declared credential is found'),
    (dict(credentials=[{'username': 'bob'}]), 'credentials[0].' + USERNAME),
    (dict(credentials=[{'username': USER + '\n'}]), 'credentials[0].' + USERNAME),
    (dict(credentials=[{'username': {'name': USER}}]), 'credentials[0].username must be a str; got a dict'),
    (dict(credentials=[{'username': USER}, {'username': USER}]),
     'credentials[1] has the same username as credentials[0]; declare each one once'),
    (dict(credentials=[{'username': USER, 'id': 'abc'}]), 'credentials[0].id is not a known option (known: alias, '),
    (dict(credentials=[{'username': USER, 'rotate_password': True}]),
     'credentials[0].rotate_password is not a known option; did you mean password?'),
    # a misspelt key, at any level, names its place and the closest known key
    (dict(credentails=[{'username': USER}]), 'credentails is not a known option; did you mean credentials?'),
    (dict(purge_credential=True), 'purge_credential is not a known option; did you mean purge_credentials?'),
    (dict(credentials=[{'username': USER}, {'username': USER, 'home_dir': '/a'}]),
     'credentials[1].home_dir is not a known option; did you mean home_directory?'),
    (dict(credentials=[{'username': USER, 'inbound_rules': [{'source': '1.2.3.4', 'protocl': 'SFTP'}]}]),
     'credentials[0].inbound_rules[0].protocl is not a known option; did you mean protocol?'),
    (dict(webhooks=[{'alias': 'a', 'topic': ['file.created']}]), 'webhooks[0].topic is not a known option; did you mean topics?'),
    (dict(credentials=[{'username': USER, 'permission': 'admin'}]),
     'value of permission must be one of: none, read-only, read-write, write-only, full, got: admin found in credentials'),
    (dict(credentials=[{'username': USER, 'password': ['x']}]), 'credentials[0].password must be a str; got a list'),
    (dict(credentials=[{'username': USER, 'home_directory': 'rel'}]), 'credentials[0].home_directory ' + ABSOLUTE),
    (dict(credentials=[{'username': USER, 'expiration': float('inf')}]), 'credentials[0].expiration ' + YEARS),
    (dict(credentials=[{'username': USER, 'expiration': '2099-01-01'}]), 'credentials[0].expiration must be at most one year ahead'),
    (dict(credentials=[{'username': USER, 'inbound_rules': [{'source': 'x'}]}]), 'credentials[0].inbound_rules[0].source ' + IP),
    (dict(credentials=[{'username': USER}, {'username': USER + '2', 'inbound_rules': [{'source': '1.2.3.4'}, {'source': '::g'}]}]),
     'credentials[1].inbound_rules[1].source ' + IP),
    (dict(credentials=[{'username': USER, 'inbound_rules': [{'source': {'ip': 'x'}}]}]),
     'credentials[0].inbound_rules[0].source must be a str; got a dict'),
    (dict(credentials=[{'username': USER, 'inbound_rules': [None]}]), 'credentials[0].inbound_rules[0] must be a dict; got null'),
    (dict(credentials=[{'username': USER, 'inbound_rules': [{'source': 'fe80::1%eth0/64'}]}]), 'credentials[0].inbound_rules[0].source ' + IP),
    (dict(credentials=[{'username': USER, 'inbound_rules': [{'source': '1.2.3.4', 'protocol': 'ssh'}]}]),
     'value of protocol must be one of: *, SFTP, FTPS, got: ssh found in credentials -> inbound_rules'),
    (dict(credentials=[{'username': USER, 'ssh_keys': KEY}]), 'credentials[0].ssh_keys must be a list; got a string'),
    (dict(credentials=[{'username': USER, 'ssh_keys': [{'key': KEY}]}]), 'credentials[0].ssh_keys[0] must be a str; got a dict'),
    (dict(credentials=[{'username': USER, 'ssh_keys': [True]}]), 'credentials[0].ssh_keys[0] must be a str; got True'),
    (dict(credentials=[{'username': USER, 'ssh_keys': [KEY, None]}]), 'credentials[0].ssh_keys[1] must be a str; got null'),
    (dict(credentials=[{'username': USER, 'ssh_keys': ['not a key']}]), "credentials[0].ssh_keys[0]: unknown key type 'not'"),
    (dict(credentials=[{'username': USER, 'ssh_keys': [KEY, 'ssh-ed25519 !!']}]),
     'credentials[0].ssh_keys[1]: the key data is not valid base64'),
    (dict(credentials=[{'username': USER, 'ssh_keys': ['-----BEGIN OPENSSH PRIVATE KEY-----']}]),
     'credentials[0].ssh_keys[0]: this is a private key; give the public key'),
    # declared webhooks
    (dict(webhooks=[{}]), 'missing required arguments: alias found in webhooks'),
    (dict(webhooks=[{'alias': ''}]), 'webhooks[0].alias must not be empty: it is how a declared webhook is found'),
    (dict(webhooks=[{'alias': ' '}]), 'webhooks[0].alias must not be empty: it is how a declared webhook is found'),
    (dict(webhooks=[{'alias': 'a'}, {'alias': 'a'}]), 'webhooks[1] has the same alias as webhooks[0]; declare each one once'),
    (dict(webhooks=[{'alias': 'a', 'url': 'http://hooks.example.com'}]), 'webhooks[0].' + ANY_URL),
    (dict(webhooks=[{'alias': 'a', 'url': 'http://hooks.example.com', 'type': 'slack'}]),
     'webhooks[0].url must be an https:// URL for type slack'),
    (dict(webhooks=[{'alias': 'a', 'url': 'x', 'type': 'email'}]), 'webhooks[0].' + EMAIL),
    (dict(webhooks=[{'alias': 'a', 'url': 'ops@example.com\n', 'type': 'email'}]), 'webhooks[0].' + EMAIL),
    (dict(webhooks=[{'alias': 'a', 'topics': []}]), 'webhooks[0].topics must hold at least one of'),
    (dict(webhooks=[{'alias': 'a', 'authorization_header': 'a\nb'}]), 'webhooks[0].authorization_header must be a single line'),
    (dict(webhooks=[{'alias': 'a', 'authorization_header': 'Bearer \x7f'}]), 'webhooks[0].authorization_header must be a single line'),
    (dict(webhooks=[{'alias': 'a', 'type': 'teams'}]), 'value of type must be one of: webhook, slack, ms-teams, email, got: teams found in webhooks'),
    # declared share links
    (dict(share_links=[{}]), 'missing required arguments: path found in share_links'),
    (dict(share_links=[{'path': ''}]), 'share_links[0].path must not be empty: it is how a declared share_link is found'),
    (dict(share_links=[{'path': '\t'}]), 'share_links[0].path must not be empty: it is how a declared share_link is found'),
    (dict(share_links=[{'path': 'rel/'}]), 'share_links[0].path ' + ABSOLUTE),
    (dict(share_links=[{'path': '/a/', 'notes': ''}, {'path': '/a/'}]),
     'share_links[1] has the same path and notes as share_links[0]; declare each one once'),
    (dict(share_links=[{'path': '/a/', 'id': 'x'}]), 'share_links[0].id is not a known option (known: '),
    (dict(share_links=[{'path': '/a/', 'access_limit': -1}]), 'share_links[0].access_limit must be 0 (unlimited) or a positive number'),
    (dict(share_links=[{'path': '/a/', 'access_limit': False}]), 'share_links[0].access_limit must be an int; got False'),
    (dict(share_links=[{'path': '/a.csv', 'permission': 'read-write'}]), 'share_links[0].permission must be read-only for a file link'),
    (dict(share_links=[{'path': '/a/', 'expires_at': float('nan')}]), 'share_links[0].expires_at ' + YEARS),
    (dict(share_links=[{'path': '/a/', 'expires_at': 10 ** 400}]), 'share_links[0].expires_at ' + YEARS),
]

test_bad_input_fails_before_any_request = bad_input_test(sftptogo_organization, CASES)


def test_a_wrong_shape_is_reported_with_only_the_secrets_masked(api, run_module_printed):
    # What Ansible prints, its no_log scrubbing included: the declared password is masked, and the other
    # strings of the declaration (here a one-letter value) are not masked wherever they appear.
    printed = run_module_printed(sftptogo_organization.main, dict(credentials=[
        {'username': {'b': 'b'}, 'password': 'Declared-pass-0001', 'alias': 'Alias with Declared-pass-0001'}]))
    assert printed['failed'] is True
    assert printed['msg'] == 'credentials[0].username must be a str; got a dict'
    assert 'Declared-pass-0001' not in json.dumps(printed)
    assert api.calls == []
