# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""sftptogo_organization_info: the requests it makes, the drift it finds, and no secret in its result."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_organization_info
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.modules.test_sftptogo_credential import (
    CID, ROOT_ID, SECRET, USER, credential, root, rules)

KEY_A = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIL8DLGjHdEH76mSskhyxKAGoMKE5RwHG9Qi5KP5owXJa alice@laptop'
KEY_B = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINuJznr4V9lrpVji7npWwbh8eoDJRcrD4O6h5UVtWO45 carol@tablet'
HEADER = 'Bearer hook-secret-0001'
WID = '2da7967f-847a-4873-833e-5a6101d3e1fe'
LID = 'BSsdas5CBscVy'


def webhook(**overrides):
    """An API webhook object."""
    obj = {'Id': WID, 'Alias': 'Uploads', 'Url': 'https://hooks.example.com/up', 'Type': 'webhook',
           'AuthorizationHeader': HEADER, 'Secret': '', 'Topics': ['file.created'], 'State': 'enabled'}
    obj.update(overrides)
    return obj


def link(**overrides):
    """An API share link object (no Password: the API does not return it)."""
    obj = {'Id': LID, 'Type': 'share', 'Path': '/partners/acme/', 'Permission': 'read-write', 'ExpiresAt': None,
           'AccessLimit': 0, 'Notes': None, 'State': 'active', 'Url': 'https://portal.sftptogo.com/p/shares/' + LID}
    obj.update(overrides)
    return obj


def api_key(key_line, key_id='k1'):
    """An API SSH key object."""
    return {'Id': key_id, 'UserId': CID, 'SshPublicKeyBody': key_line, 'Comment': key_line.split()[-1]}


@pytest.fixture
def run(run_module):
    """Run sftptogo_organization_info with the given options."""
    return lambda check_mode=False, **args: run_module(sftptogo_organization_info.main, args, check_mode)


def lists(api, users, hooks=(), links=()):
    """The three list requests every run starts with."""
    api.expect('GET', '/users', response=list(users))
    api.expect('GET', '/webhooks', response=list(hooks))
    api.expect('GET', '/portal-links', response=list(links))


def test_without_declaration_reads_three_lists_and_masks_secrets(api, run):
    lists(api, [root(), credential()], [webhook()], [link()])
    result = run()
    assert result['changed'] is False and result['drift'] == [] and result['summary'] == []
    assert result['host'] == 'warm-soda-25793.sftptogo.com'
    assert len(result['credentials']) == 2 and result['webhooks'][0]['alias'] == 'Uploads'
    assert SECRET not in json.dumps(result) and HEADER not in json.dumps(result)
    assert api.writes() == []


def test_matching_declaration_has_no_drift_and_skips_keyless_credentials(api, run):
    lists(api, [root(), credential(Settings=rules(('203.0.113.0/24', '*', 'r1')), SshPublicKeysCount=0)],
          [webhook()], [link()])
    result = run(credentials=[dict(username=USER, password=SECRET, permission='read-only', home_directory='/home/acme/',
                                   inbound_rules=[dict(source='203.0.113.0/24')], ssh_keys=[])],
                 webhooks=[dict(alias='Uploads', authorization_header=HEADER, topics=['file.created'], enabled=True)],
                 share_links=[dict(path='/partners/acme/', permission='read-write', password='Link-pass-01',
                                   update_password='on_create')],
                 purge_credentials=True, purge_webhooks=True, purge_share_links=True)
    assert result['drift'] == []
    assert result['converge'] == dict(credentials=[], ssh_keys=[], webhooks=[], share_links=[], remove_credentials=[],
                                      remove_webhooks=[], remove_share_links=[])


def test_differences_are_reported_without_secrets(api, run):
    lists(api, [root(), credential(SshPublicKeysCount=2), credential(Id='b' * 30, UserName='console-user-01')],
          [webhook(State='paused'), webhook(Id='w2', Alias='Console hook')], [link()])
    api.expect('GET', '/users/%s/ssh-public-keys' % CID, response=[api_key(KEY_A), api_key(KEY_A.replace('alice', 'x'), 'k2'),
                                                                   api_key(KEY_B, 'k3')])
    result = run(check_mode=True,
                 credentials=[dict(username=USER, password='Other-pass-0002', permission='read-write', ssh_keys=[KEY_A]),
                              dict(username='new-partner-01', password='New-pass-0003')],
                 webhooks=[dict(alias='Uploads', authorization_header='Bearer other-0004', enabled=True)],
                 share_links=[dict(path='/partners/acme/', password='Link-pass-01')],
                 purge_credentials=True, purge_webhooks=True)
    text = json.dumps(result)
    for secret in (SECRET, 'Other-pass-0002', 'New-pass-0003', HEADER, 'Bearer other-0004', 'Link-pass-01'):
        assert secret not in text
    assert result['check_mode'] is True
    assert 'credential acme-partner-01: update password: (hidden) -> (hidden, changed); permission: read-only -> read-write' \
        in result['summary']
    assert result['converge']['credentials'] == [0, 1]
    assert result['converge']['ssh_keys'] == [0]
    keys = [entry for entry in result['drift'] if entry['kind'] == 'ssh_keys'][0]
    assert keys['added'] == [] and len(keys['removed']) == 2  # an undeclared key, and a declared one twice
    assert result['converge']['remove_credentials'] == ['b' * 30]  # never the Root credential
    assert result['converge']['webhooks'] == [0] and result['converge']['remove_webhooks'] == ['w2']
    assert result['converge']['share_links'] == [0]  # password not returned: update_password=always sends it
    assert api.writes() == []


def test_bad_values_fail_before_any_request(api, run):
    result = run(credentials=[dict(username='bob')])
    assert result['failed'] and "credentials[0] (username 'bob'): username must be 10 to 100" in result['msg']
    result = run(credentials=[dict(username=USER, inbound_rules=[dict(source='300.1.2.3')])])
    assert result['failed'] and 'inbound_rules[0].source' in result['msg']
    result = run(credentials=[dict(username=USER, ssh_keys=['ssh-ed25519 nope'])])
    assert result['failed'] and 'ssh_keys line 1' in result['msg']
    result = run(share_links=[dict(path='/report.csv', permission='read-write')])
    assert result['failed'] and 'read-only for a file link' in result['msg']
    result = run(webhooks=[dict(alias='x', url='http://insecure.example.com')])
    assert result['failed'] and 'https://' in result['msg']
    result = run(credentials=[dict(username=USER), dict(username='other-partner'), dict(username=USER)])
    assert result['failed'] and 'credentials[2] has the same username as credentials[0]' in result['msg']
    result = run(share_links=[dict(path='/a/', notes='x'), dict(path='/a/', notes='y'), dict(path='/a/', notes='x')])
    assert result['failed'] and 'share_links[2] has the same path and notes as share_links[0]' in result['msg']
    result = run(webhooks=[dict(alias='')])
    assert result['failed'] and 'alias must not be empty' in result['msg']
    assert api.calls == []


def test_root_declared_absent_fails(api, run):
    lists(api, [root()])
    result = run(credentials=[dict(username=ROOT_ID, state='absent')])
    assert result['failed'] and 'Root credential' in result['msg']


def test_ambiguous_or_incomplete_webhooks_fail(api, run):
    lists(api, [root()], [webhook(), webhook(Id='w2')])
    result = run(webhooks=[dict(alias='Uploads')])
    assert result['failed'] and '2 webhooks have alias' in result['msg']
    lists(api, [root()])
    result = run(webhooks=[dict(alias='New hook', url='https://hooks.example.com/x')])
    assert result['failed'] and 'url and topics are required' in result['msg']


def test_declared_absent_and_api_errors(api, run):
    lists(api, [root(), credential()], [webhook()], [link()])
    result = run(credentials=[dict(username=USER, state='absent')], webhooks=[dict(alias='Uploads', state='absent')],
                 share_links=[dict(path='/partners/acme/', state='absent')])
    assert result['converge']['remove_credentials'] == [CID]
    assert result['converge']['remove_webhooks'] == [WID] and result['converge']['remove_share_links'] == [LID]
    api.expect('GET', '/users', status=403, response={'message': 'Forbidden'})
    result = run()
    assert result['failed'] and result['msg'] == 'GET /users failed with HTTP 403: Forbidden'
