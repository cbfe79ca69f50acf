# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The control API: reset, config, journal, state, out-of-band objects, clock, response switches."""

import json

import pytest

from server import Emulator
from emulator_client import API_KEY, ORG, Client, ssh_key_line

RULE = {'Protocol': 'SFTP', 'Source': '10.0.0.1', 'Action': 'allow', 'State': 'enabled'}


def test_health(client, emu):
    """GET /__emulator/health tells where the emulator listens."""
    health = client.control('GET', '/health')
    assert health['status'] == 'ok' and health['organization_id'] == ORG and health['url'] == emu.url
    assert health['api_url'] == emu.url + '/organizations/' + ORG


def test_reset_restores_the_seeded_organization(client, emu):
    """Reset drops objects, journal, violations, faults, reservations and the clock offset; config and seed can be given."""
    root_id = emu.get_state()['users'][0]['Id']
    client.create_user()
    client.control('POST', '/faults', {'action': 'delay', 'seconds': 0, 'times': 0})
    client.control('PATCH', '/config', {'strict': False})
    client.control('POST', '/foreign-username', {'UserName': 'elsewhere-01'})
    client.control('POST', '/clock', {'advance_seconds': 60})
    client.api('POST', '/users', {'Foo': 1})
    answer = client.control('POST', '/reset', {'config': {'legacy_rotation_message': True}})
    assert answer['config']['legacy_rotation_message'] is True and answer['config']['strict'] is True
    state = client.control('GET', '/state')
    assert [u['Id'] for u in state['users']] == [root_id]
    assert state['foreign_usernames'] == [] and state['clock_offset_ms'] == 0
    assert client.control('GET', '/journal') == [] and client.control('GET', '/faults') == []
    assert client.control('GET', '/violations') == []
    client.control('POST', '/reset')
    assert client.control('GET', '/config')['legacy_rotation_message'] is False
    client.control('POST', '/reset', {'seed': 8})
    assert client.control('GET', '/state')['users'][0]['Id'] != root_id
    assert Emulator(seed=8).get_state()['users'][0]['Id'] == client.control('GET', '/state')['users'][0]['Id']


def test_config_get_and_patch(client):
    """Switches can be read and set; unknown switches and invalid values answer 400 and change nothing."""
    config = client.control('GET', '/config')
    assert config['strict'] is True and config['timestamp_unit'] == 'ms' and config['undocumented_endpoints'] == '404'
    assert client.control('PATCH', '/config', {'timestamp_unit': 's', 'undocumented_endpoints': 'allow'})['timestamp_unit'] == 's'
    for bad in ({'strict': 'yes'}, {'timestamp_unit': 'us'}, {'nope': 1}, {'portal_domain': ''}):
        answer = client.raw('PATCH', '/__emulator/config', json.dumps(bad).encode(), {'Content-Type': 'application/json'})
        assert answer.status == 400 and answer.json['message'], bad
    assert client.control('GET', '/config')['timestamp_unit'] == 's'


def test_journal_entries_and_masking(client):
    """Journal entries carry method, path, route, headers (key masked), body and status; control requests are not journaled."""
    client.api('POST', '/users', {'UserName': 'partner-0001'}, headers={'X-Trace': 'abc'})
    client.raw('GET', client.prefix + '/users?x=1', headers={'Authorization': 'Bearer wrong'})
    client.control('GET', '/state')
    entries = client.control('GET', '/journal')
    assert [e['seq'] for e in entries] == [1, 2]
    first, second = entries
    assert (first['method'], first['route'], first['status'], first['violation'], first['fault']) == ('POST', '/users', 201, None, None)
    assert first['path'] == f'/organizations/{ORG}/users' and first['body'] == {'UserName': 'partner-0001'}
    assert first['headers']['authorization'] == 'Bearer ***' and first['headers']['x-trace'] == 'abc'
    assert API_KEY not in str(entries)
    assert second['headers']['authorization'] == '<invalid>' and second['status'] == 401 and second['body'] is None
    client.control('DELETE', '/journal')
    assert client.control('GET', '/journal') == []
    client.api('POST', '/users', {'UserName': 'partner-0002'})
    taken = client.control('GET', '/journal/take')
    assert [e['seq'] for e in taken] == [3] and client.control('GET', '/journal') == []


def test_state_holds_every_secret(client, emu):
    """The state dump shows passwords, the webhook secret, the share-link password and the keys."""
    cred = client.create_user(Password='Secret-pass-1')
    client.api('POST', f"/users/{cred['Id']}/ssh-public-keys", {'SshPublicKeyBody': ssh_key_line()})
    hook = client.api('POST', '/webhooks', {'Type': 'webhook', 'Url': 'https://e.example/h', 'Topics': ['file.created']}).json
    client.api('POST', '/portal-links', {'Path': '/s/', 'Type': 'share', 'Password': 'Link-pass-1'})
    state = emu.get_state()
    assert state['users'][1]['Password'] == 'Secret-pass-1' and state['users'][1]['SshPublicKeysCount'] == 1
    assert state['ssh_public_keys'][0]['UserId'] == cred['Id']
    assert state['webhooks'][0]['Secret'] == hook['Secret'] and state['portal_links'][0]['Password'] == 'Link-pass-1'
    assert state['organization_id'] == ORG and state['host'].endswith('.sftptogo.com')


def test_out_of_band_objects(client, emu):
    """Objects can be created, edited and deleted out of band, including SSH keys; duplicates and unknown kinds are refused."""
    cred = client.control('POST', '/objects/users', {'UserName': 'console-user-1', 'Alias': 'From console'})
    assert cred['HomeDirectory'] == '/home/console-user-1' and cred['Permission'] == 'read-only'
    assert client.api('GET', '/users/' + cred['Id']).json['Alias'] == 'From console'
    renamed = client.control('PATCH', '/objects/users/' + cred['Id'], {'UserName': cred['Id'], 'Expiration': None})
    assert renamed['UserName'] == cred['Id'] and renamed['UpdatedAt'] >= cred['UpdatedAt']
    key = client.control('POST', f"/objects/users/{cred['Id']}/ssh-public-keys", {'SshPublicKeyBody': ssh_key_line(comment='c')})
    assert key['Comment'] == 'c' and key['UserId'] == cred['Id']
    edited_key = client.control('PATCH', f"/objects/users/{cred['Id']}/ssh-public-keys/{key['Id']}", {'Comment': 'edited'})
    assert edited_key['Comment'] == 'edited'
    hook = client.control('POST', '/objects/webhooks', {'Alias': 'console hook'})
    assert client.control('PATCH', '/objects/webhooks/' + hook['Id'], {'State': 'paused'})['State'] == 'paused'
    assert client.api('GET', '/webhooks').json[0]['State'] == 'paused'
    link = client.control('POST', '/objects/portal-links', {'Id': 'AbCdEfGhIjKlM', 'Path': '/x/', 'AccessCount': 3})
    assert link['Url'].endswith('/p/shares/AbCdEfGhIjKlM') and link['CreatedBy']['Type'] == 'Admin'
    assert client.raw('POST', '/__emulator/objects/portal-links', b'{"Id": "AbCdEfGhIjKlM"}').status == 409
    assert client.control('DELETE', '/objects/users/' + cred['Id'])['Id'] == cred['Id']
    assert emu.get_state()['ssh_public_keys'] == []
    assert client.raw('DELETE', '/__emulator/objects/users/' + cred['Id']).status == 404
    assert client.raw('POST', '/__emulator/objects/things', b'{}').status == 404
    assert client.raw('POST', f"/__emulator/objects/users/{'0' * 30}/ssh-public-keys", b'{}').status == 404


def test_out_of_band_edit_is_not_validated(emu, client):
    """Out-of-band edits store any value, and even the Root credential can be removed that way."""
    root = emu.get_state()['users'][0]
    emu.edit_object('users', root['Id'], {'Permission': 'anything', 'HomeDirectory': 'no-slash'})
    answer = client.api('GET', '/users/' + root['Id']).json
    assert (answer['Permission'], answer['HomeDirectory']) == ('anything', 'no-slash')
    assert emu.delete_object('users', root['Id'])['IsDefault'] is True


def test_clock(client):
    """The clock can be read and advanced."""
    before = client.control('GET', '/clock')
    after = client.control('POST', '/clock', {'advance_seconds': 3600})
    assert after['offset_ms'] == 3600 * 1000 and after['now'] - before['now'] >= 3600 * 1000


def test_unknown_control_routes_and_bad_bodies(client):
    """Unknown control routes answer 404, malformed control bodies 400."""
    assert client.raw('GET', '/__emulator/nothing').status == 404
    assert client.raw('POST', '/__emulator/reset', b'{oops', {'Content-Type': 'application/json'}).status == 400
    assert client.raw('POST', '/__emulator/reset', b'[1]', {'Content-Type': 'application/json'}).status == 400
    assert client.raw('POST', '/__emulator/foreign-username', b'{}').status == 400


@pytest.mark.parametrize('mode, expected', [('absent', None), ('empty', []), ('allow_all', ['0.0.0.0/0'])])
def test_new_credential_rules(client, emu, mode, expected):
    """new_credential_rules decides the Settings of a new credential."""
    emu.set_config(new_credential_rules=mode)
    cred = client.create_user()
    if expected is None:
        assert 'Settings' not in cred
    else:
        assert [r['Source'] for r in cred['Settings']['Network']['InboundRules']] == expected


def test_extra_keys_and_home_directory_switches(client, emu):
    """extra_response_keys adds an unknown key to objects and rules; home_directory_without_slash drops the slash; the state is unaffected."""
    cred = client.create_user()
    client.api('PATCH', '/users/' + cred['Id'], {'Settings': {'Network': {'InboundRules': [RULE]}}})
    emu.set_config(extra_response_keys=True, home_directory_without_slash=True)
    answer = client.api('GET', '/users/' + cred['Id']).json
    assert answer['HomeDirectory'] == 'home/partner-0001' and 'EmulatorUnknownKey' in answer
    assert 'EmulatorUnknownKey' in answer['Settings']['Network']['InboundRules'][0]
    assert 'EmulatorUnknownKey' in client.api('GET', '/users').json[0]
    assert 'EmulatorUnknownKey' not in emu.get_state()['users'][1]


def test_allow_at_in_username(client, emu):
    """allow_at_in_username accepts '@', which the URI percent-encodes."""
    assert client.api('POST', '/users', {'UserName': 'someone@example.com'}).status == 400
    emu.set_config(allow_at_in_username=True)
    assert client.api('POST', '/users', {'UserName': 'someone@example.com'}).json['URI'].startswith('sftp://someone%40example.com:')


def test_shutdown_over_http():
    """An in-process emulator stops on POST /__emulator/shutdown."""
    emulator = Emulator(api_key=API_KEY, organization_id=ORG).start()
    assert Client(emulator).control('POST', '/shutdown') == {'message': 'shutting down'}
    assert emulator.wait(5) is True
