# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Credentials, rotation, errors and routing of the emulator, over real HTTP."""

import re
import time

import pytest

from emulator_client import ORG, ssh_key_line

DAY_MS = 24 * 3600 * 1000


def test_root_credential_is_seeded(client, emu):
    """A fresh organization holds exactly the Root credential, shaped like the reference's list example."""
    users = client.api('GET', '/users').json
    assert len(users) == 1
    root = users[0]
    assert re.fullmatch(r'[0-9a-f]{30}', root['Id'])
    assert root['UserName'] == root['Id']
    assert root['IsDefault'] is True and root['Alias'] == 'Root' and root['Permission'] == 'full'
    assert root['HomeDirectory'] == '/sftptg-prod-us-east-1-' + ORG
    assert root['ChrootDirectory'] == '/' and root['State'] == 'active' and root['OrganizationId'] == ORG
    assert re.fullmatch(r'[A-Za-z0-9]{40}', root['Password'])
    assert re.fullmatch(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z', root['PasswordCreatedAt'])
    assert re.fullmatch(r'[a-z]+-[a-z]+-\d{5}\.sftptogo\.com', root['Host'])
    assert root['URI'] == f"sftp://{root['UserName']}:{root['Password']}@{root['Host']}"
    assert root['SshPublicKeysCount'] == 0
    rule = root['Settings']['Network']['InboundRules'][0]
    assert rule == {'Action': 'allow', 'Description': 'Allow all inbound traffic from anywhere',
                    'Id': 'c1d91788-e46f-45a0-9c7b-386e90db000a', 'Protocol': 'SFTP', 'Source': '0.0.0.0/0', 'State': 'enabled'}
    assert emu.get_state()['users'][0]['Password'] == root['Password']


def test_same_seed_same_organization():
    """The same seed generates the same ids and host."""
    from server import Emulator  # pylint: disable=import-outside-toplevel
    first, second = Emulator(seed=42), Emulator(seed=42)
    assert first.get_state()['users'][0]['Id'] == second.get_state()['users'][0]['Id']
    assert first.get_state()['host'] == second.get_state()['host']


def test_create_with_defaults_get_list(client):
    """A created credential gets the assumed defaults and reads back the same through GET and the list."""
    created = client.create_user(Password='my-secret-password')
    assert re.fullmatch(r'[0-9a-f]{30}', created['Id'])
    assert created['HomeDirectory'] == '/home/partner-0001' and created['ChrootDirectory'] == '/'
    assert created['Permission'] == 'read-only' and created['State'] == 'active' and created['IsDefault'] is False
    assert created['Alias'] == '' and 'Settings' not in created and 'Expiration' not in created
    assert created['CreatedAt'] == created['UpdatedAt'] and created['CreatedAt'] > 1e12
    assert created['URI'].startswith('sftp://partner-0001:my-secret-password@')
    assert client.api('GET', '/users/' + created['Id']).json == created
    assert [u['Id'] for u in client.api('GET', '/users').json][1:] == [created['Id']]


def test_create_generates_username_and_password(client):
    """Without UserName and Password the server generates both (UserName = Id)."""
    created = client.api('POST', '/users', {'Alias': 'generated'}).json
    assert created['UserName'] == created['Id']
    assert re.fullmatch(r'[A-Za-z0-9]{40}', created['Password'])
    assert created['HomeDirectory'] == '/home/' + created['Id']


def test_create_with_every_field(client):
    """Every documented create parameter is stored as sent."""
    expiration = int(time.time() * 1000) + 30 * DAY_MS
    created = client.create_user(Alias='Partner', Password='Secret-pass-1', HomeDirectory='/partners/a', ChrootDirectory='/in',
                                 Permission='read-write', State='inactive', Expiration=expiration)
    assert (created['Alias'], created['HomeDirectory'], created['ChrootDirectory']) == ('Partner', '/partners/a', '/in')
    assert (created['Permission'], created['State'], created['Expiration']) == ('read-write', 'inactive', expiration)


@pytest.mark.parametrize('body, message', [
    ({'UserName': 'short'}, 'UserName must be 10 to 100'),
    ({'UserName': 'x' * 101}, 'UserName must be 10 to 100'),
    ({'UserName': 'has space in it'}, 'UserName'),
    ({'UserName': 'mail@example.com'}, 'UserName'),
    ({'Password': 'short'}, 'password policy'),
    ({'Permission': 'admin'}, 'Permission must be one of'),
    ({'Permission': 'read-write-no-delete'}, 'Permission must be one of'),
    ({'State': 'enabled'}, 'State must be one of'),
    ({'HomeDirectory': 'relative'}, 'HomeDirectory must be an absolute path'),
    ({'Expiration': 1000}, 'must be in the future'),
    ({'Expiration': int(time.time()) + 3600}, 'must be in the future'),
    ({'Expiration': int(time.time() * 1000) + 400 * DAY_MS}, 'at most one year'),
    ({'Alias': 12}, 'Alias must be a string'),
])
def test_create_validation(client, body, message):
    """Invalid create parameters answer 400 with a message naming the field, and create nothing."""
    answer = client.api('POST', '/users', dict({'UserName': 'partner-0001'}, **body))
    assert answer.status == 400 and message in answer.json['message'], answer
    assert answer.violation is None
    assert len(client.api('GET', '/users').json) == 1


def test_username_unique_in_org_and_across_orgs(client, emu):
    """A UserName used here or reserved in another organization answers 409."""
    client.create_user()
    assert client.api('POST', '/users', {'UserName': 'partner-0001'}).status == 409
    client.control('POST', '/foreign-username', {'UserName': 'taken-elsewhere'})
    answer = client.api('POST', '/users', {'UserName': 'taken-elsewhere'})
    assert answer.status == 409 and 'taken' in answer.json['message']
    assert emu.reserve_foreign_username('other-taken-1')['UserName'] == 'other-taken-1'
    assert client.api('POST', '/users', {'UserName': 'other-taken-1'}).status == 409


def test_patch_is_sparse_and_bumps_updated_at_only_on_change(client, emu):
    """PATCH merges only the keys sent; UpdatedAt moves only on a real change."""
    created = client.create_user(Password='Secret-pass-1')
    emu.advance_clock(1)
    patched = client.api('PATCH', '/users/' + created['Id'], {'Permission': 'read-write', 'Alias': 'B'}).json
    assert patched['Permission'] == 'read-write' and patched['Alias'] == 'B'
    assert patched['HomeDirectory'] == created['HomeDirectory'] and patched['Password'] == 'Secret-pass-1'
    assert patched['UpdatedAt'] > created['UpdatedAt'] and patched['CreatedAt'] == created['CreatedAt']
    emu.set_config(strict=False)
    emu.advance_clock(1)
    again = client.api('PATCH', '/users/' + created['Id'], {'Permission': 'read-write'}).json
    assert again['UpdatedAt'] == patched['UpdatedAt']


def test_patch_rename_recomputes_uri_and_checks_uniqueness(client):
    """The URI is percent-encoded and follows a rename; renaming to a used UserName answers 409."""
    created = client.create_user(Password='p@ss:word/1')
    assert created['URI'].startswith('sftp://partner-0001:p%40ss%3Aword%2F1@')
    renamed = client.api('PATCH', '/users/' + created['Id'], {'UserName': 'partner-0002'}).json
    assert renamed['URI'].startswith('sftp://partner-0002:p%40ss%3Aword%2F1@')
    root_name = client.api('GET', '/users').json[0]['UserName']
    assert client.api('PATCH', '/users/' + created['Id'], {'UserName': root_name}).status == 409
    assert client.create_user()['UserName'] == 'partner-0001'


def test_patch_expiration_set_and_clear(client):
    """Expiration can be set and cleared with null (the key then disappears)."""
    created = client.create_user()
    expiration = int(time.time() * 1000) + DAY_MS
    assert client.api('PATCH', '/users/' + created['Id'], {'Expiration': expiration}).json['Expiration'] == expiration
    cleared = client.api('PATCH', '/users/' + created['Id'], {'Expiration': None}).json
    assert 'Expiration' not in cleared


def test_inbound_rules_replace_the_whole_list(client):
    """Settings.Network.InboundRules replaces the stored rules; ids are kept when sent and generated otherwise."""
    created = client.create_user()
    rules = [{'Protocol': 'SFTP', 'Source': '203.0.113.7', 'Action': 'allow', 'State': 'enabled', 'Description': 'office'},
             {'Protocol': '*', 'Source': '198.51.100.1/24', 'Action': 'allow', 'State': 'disabled', 'Id': 'my-rule-id'}]
    first = client.api('PATCH', '/users/' + created['Id'], {'Settings': {'Network': {'InboundRules': rules}}}).json
    stored = first['Settings']['Network']['InboundRules']
    assert [r['Source'] for r in stored] == ['203.0.113.7', '198.51.100.1/24']
    assert re.fullmatch(r'[0-9a-f-]{36}', stored[0]['Id']) and stored[1]['Id'] == 'my-rule-id'
    assert 'Description' not in stored[1]
    second = client.api('PATCH', '/users/' + created['Id'], {'Settings': {'Network': {'InboundRules': [stored[1]]}}}).json
    assert second['Settings']['Network']['InboundRules'] == [stored[1]]
    empty = client.api('PATCH', '/users/' + created['Id'], {'Settings': {'Network': {'InboundRules': []}}}).json
    assert empty['Settings'] == {'Network': {'InboundRules': []}}


@pytest.mark.parametrize('rule, message', [
    ({'Protocol': 'SFTP', 'Source': '10.0.0.1', 'Action': 'allow'}, 'State is required'),
    ({'Protocol': 'HTTP', 'Source': '10.0.0.1', 'Action': 'allow', 'State': 'enabled'}, 'Protocol must be one of'),
    ({'Protocol': 'SFTP', 'Source': '10.0.0.300', 'Action': 'allow', 'State': 'enabled'}, 'IPv4 address or CIDR'),
    ({'Protocol': 'SFTP', 'Source': '2001:db8::/32', 'Action': 'allow', 'State': 'enabled'}, 'IPv4 address or CIDR'),
    ({'Protocol': 'SFTP', 'Source': '10.0.0.1', 'Action': 'deny', 'State': 'enabled'}, 'Action must be one of'),
    ({'Protocol': 'SFTP', 'Source': '10.0.0.1', 'Action': 'allow', 'State': 'on'}, 'State must be one of'),
])
def test_inbound_rule_validation(client, rule, message):
    """Incomplete or invalid inbound rules answer 400."""
    created = client.create_user()
    answer = client.api('PATCH', '/users/' + created['Id'], {'Settings': {'Network': {'InboundRules': [rule]}}})
    assert answer.status == 400 and message in answer.json['message'], answer


def test_rotation_generates_or_sets_password(client):
    """Rotation without body generates a password, with {"Password"} sets it after the policy check."""
    created = client.create_user(Password='Secret-pass-1')
    path = f"/users/{created['Id']}/credential-rotations"
    answer = client.api('POST', path, headers={'Content-Type': 'application/json'})
    assert (answer.status, answer.json) == (200, {'message': 'Password set.'})
    rotated = client.api('GET', '/users/' + created['Id']).json
    assert re.fullmatch(r'[A-Za-z0-9]{40}', rotated['Password']) and rotated['Password'] in rotated['URI']
    assert rotated['PasswordCreatedAt'] >= created['PasswordCreatedAt']
    assert client.api('POST', path, {}).status == 200
    assert client.api('POST', path, {'Password': 'Chosen-pass-2'}).json == {'message': 'Password set.'}
    assert client.api('GET', '/users/' + created['Id']).json['Password'] == 'Chosen-pass-2'
    answer = client.api('POST', path, {'Password': 'Tiny-1'})
    assert answer.status == 400 and 'Tiny-1' not in answer.json['message']
    assert client.api('POST', f"/users/{'0' * 30}/credential-rotations").status == 404


def test_rotation_legacy_message_and_strict_policy(client, emu):
    """The legacy rotation message and the strict password policy switches."""
    created = client.create_user()
    path = f"/users/{created['Id']}/credential-rotations"
    emu.set_config(legacy_rotation_message=True, password_policy='strict')
    assert client.api('POST', path).json == {'message': 'Credentials reset.'}
    assert client.api('POST', path, {'Password': 'longbutnocomplexity'}).status == 400
    assert client.api('POST', path, {'Password': 'Long-enough-Pass-1'}).status == 200
    assert client.api('POST', '/users', {'UserName': 'partner-0002', 'Password': 'Secret-pass-1'}).status == 400


def test_delete_returns_object_cascades_and_frees_username(client, emu):
    """DELETE answers the credential, removes its keys and frees its UserName; a repeat answers 404."""
    created = client.create_user()
    emu.insert_object('ssh-public-keys', {'SshPublicKeyBody': ssh_key_line()}, user_id=created['Id'])
    answer = client.api('DELETE', '/users/' + created['Id'])
    assert answer.status == 200 and answer.json['Id'] == created['Id'] and answer.json['Password'] == created['Password']
    assert emu.get_state()['ssh_public_keys'] == []
    assert client.api('DELETE', '/users/' + created['Id']).status == 404
    assert client.api('GET', '/users/' + created['Id']).status == 404
    assert client.create_user()['UserName'] == 'partner-0001'


def test_root_cannot_be_deleted(client, root):
    """Deleting the Root credential answers 400 and is recorded as a violation."""
    answer = client.api('DELETE', '/users/' + root['Id'])
    assert answer.status == 400 and answer.json['message'] and answer.violation == 'delete_default'
    assert len(client.api('GET', '/users').json) == 1


@pytest.mark.parametrize('headers, status', [
    ({}, 401),
    ({'Authorization': 'Bearer wrong-key'}, 401),
    ({'Authorization': 'test-key-0123456789'}, 401),
    ({'Authorization': 'Basic dGVzdA=='}, 401),
])
def test_authentication(client, headers, status):
    """A missing, wrong or malformed key answers 401."""
    answer = client.raw('GET', client.prefix + '/users', headers=headers)
    assert answer.status == status and answer.json == {'message': 'Unauthorized'}


def test_routing_errors(client):
    """Query strings are ignored; another organization answers 403; unknown routes, ids, trailing slashes and PUT answer 404."""
    assert client.api('GET', '/users?limit=1&offset=0').status == 200
    other = client.raw('GET', '/organizations/00000000-0000-4000-8000-000000000000/users',
                       headers={'Authorization': 'Bearer test-key-0123456789'})
    assert other.status == 403 and 'message' in other.json
    for route in ('/users/', '/nothing', '/users/' + '0' * 30, ''):
        answer = client.api('GET', route)
        assert answer.status == 404 and 'message' in answer.json, route
    assert client.api('PUT', '/users', {}).status == 404
    assert client.raw('GET', '/elsewhere', headers={'Authorization': 'Bearer test-key-0123456789'}).status == 404


def test_expiry_after_clock_advance(client, emu):
    """Past its Expiration a credential becomes inactive and loses the Expiration."""
    created = client.create_user(Expiration=int(time.time() * 1000) + DAY_MS)
    emu.advance_clock(2 * 24 * 3600)
    after = client.api('GET', '/users/' + created['Id']).json
    assert after['State'] == 'inactive' and 'Expiration' not in after
