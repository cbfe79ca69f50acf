# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fault injection: status answers, resets, delays, commit-then-fail, counters."""

import email.utils
import json
import socket
import time

import pytest


def test_status_fault_with_retry_after_then_normal(client, emu):
    """A status fault answers once with its headers and body, then requests pass; the journal records it."""
    fault = client.control('POST', '/faults', {'method': 'GET', 'route': '/users', 'action': 'status', 'status': 429,
                                               'headers': {'Retry-After': '1'}, 'body': {'message': 'Too Many Requests'}})
    assert fault['id']
    throttled = client.api('GET', '/users')
    assert throttled.status == 429 and throttled.headers['retry-after'] == '1'
    assert throttled.json == {'message': 'Too Many Requests'} and throttled.headers['content-type'] == 'application/json'
    assert client.api('GET', '/users').status == 200
    entries = emu.get_journal()
    assert [e['status'] for e in entries] == [429, 200]
    assert entries[0]['fault'] == {'id': fault['id'], 'action': 'status', 'status': 429} and entries[1]['fault'] is None


def test_faults_fire_in_order(client, emu):
    """Faults on the same route fire one after the other; raw bodies keep their content type."""
    emu.add_fault(method='GET', route='/users', action='status', status=429, retry_after=2)
    emu.add_fault(method='GET', route='/users', action='status', status=503, body='<html><body>Unavailable</body></html>',
                  content_type='text/html')
    first, second, third = (client.api('GET', '/users') for dummy in range(3))
    assert (first.status, first.headers['retry-after']) == (429, '2')
    assert second.status == 503 and second.headers['content-type'] == 'text/html' and second.raw.startswith(b'<html>')
    assert third.status == 200


def test_retry_after_http_date(client, emu):
    """retry_after_date sends Retry-After as an HTTP-date; no body means an empty body."""
    emu.add_fault(route='/users', action='status', status=503, retry_after_date=30)
    answer = client.api('GET', '/users')
    when = email.utils.parsedate_to_datetime(answer.headers['retry-after']).timestamp()
    assert answer.status == 503 and time.time() + 20 < when < time.time() + 40
    assert answer.raw == b'' and answer.headers['content-length'] == '0'


def test_times_skip_method_and_route(client, emu):
    """times 0 fires on every match, skip lets requests through first, method and route must match."""
    emu.add_fault(method='DELETE', route=r'/users/[0-9a-f]{30}', action='status', status=500, times=0, skip=1)
    cred = client.create_user()
    other = client.create_user(UserName='partner-0002')
    assert client.api('GET', '/users/' + cred['Id']).status == 200
    assert client.api('DELETE', '/users/' + cred['Id']).status == 200
    assert [client.api('DELETE', '/users/' + other['Id']).status for dummy in range(3)] == [500, 500, 500]
    assert client.api('DELETE', f"/users/{other['Id']}/ssh-public-keys/x").status == 404
    described = emu.get_faults()[0]
    assert (described['seen'], described['applied'], described['exhausted']) == (4, 3, False)


def test_faults_come_before_auth(client):
    """A fault applies before authentication and routing."""
    client.control('POST', '/faults', {'action': 'status', 'status': 503, 'body': 'down', 'content_type': 'text/plain'})
    answer = client.raw('GET', '/organizations/whatever/users')
    assert (answer.status, answer.raw) == (503, b'down')


def test_reset_closes_without_response(client, emu):
    """A reset fault closes the connection without an answer and applies nothing."""
    emu.add_fault(method='POST', route='/users', action='reset')
    with pytest.raises((ConnectionError, socket.error)):
        client.api('POST', '/users', {'UserName': 'partner-0001'})
    assert len(emu.get_state()['users']) == 1
    entry = emu.get_journal()[-1]
    assert entry['status'] is None and entry['fault']['action'] == 'reset'


def test_delay_then_normal_answer(client, emu):
    """A delay fault sleeps, then the request is answered normally."""
    emu.add_fault(method='GET', route='/users', action='delay', seconds=0.3)
    start = time.time()
    assert client.api('GET', '/users').status == 200
    assert time.time() - start >= 0.3


def test_delay_beyond_client_timeout_still_applies_the_write(client, emu):
    """A create whose client timed out during a delay is applied, journaled as not delivered and makes a blind retry a violation."""
    emu.add_fault(method='POST', route='/users', action='delay', seconds=0.6)
    with pytest.raises(socket.timeout):
        client.api('POST', '/users', {'UserName': 'partner-0001'}, timeout=0.2)
    deadline = time.time() + 3
    while not emu.get_journal() and time.time() < deadline:
        time.sleep(0.05)
    entry = emu.get_journal()[-1]
    assert entry['status'] == 201 and entry['delivered'] is False
    assert [u['UserName'] for u in emu.get_state()['users']][1:] == ['partner-0001']
    assert client.api('POST', '/users', {'UserName': 'partner-0001'}).violation == 'create_retry'


def test_commit_then_status_applies_the_write(client, emu):
    """commit_then_status applies the create and answers the fault status instead."""
    emu.add_fault(method='POST', route='/users', action='commit_then_status', status=502, body={'message': 'Bad Gateway'})
    answer = client.api('POST', '/users', {'UserName': 'partner-0001'})
    assert (answer.status, answer.json) == (502, {'message': 'Bad Gateway'})
    assert [u['UserName'] for u in emu.get_state()['users']][1:] == ['partner-0001']
    entry = emu.get_journal()[-1]
    assert entry['status'] == 502 and entry['applied_status'] == 201


def test_commit_then_reset_applies_the_write(client, emu):
    """commit_then_reset applies the PATCH and closes the connection without an answer."""
    cred = client.create_user()
    emu.add_fault(method='PATCH', route='/users/.*', action='commit_then_reset')
    with pytest.raises((ConnectionError, socket.error)):
        client.api('PATCH', '/users/' + cred['Id'], {'Permission': 'read-write'})
    assert client.api('GET', '/users/' + cred['Id']).json['Permission'] == 'read-write'
    entry = [e for e in emu.get_journal() if e['method'] == 'PATCH'][0]
    assert entry['status'] is None and entry['applied_status'] == 200


def test_fault_management_over_http(client):
    """Faults can be listed, removed one by one and cleared over HTTP."""
    first = client.control('POST', '/faults', {'action': 'status', 'status': 500})
    client.control('POST', '/faults', {'action': 'delay', 'seconds': 0})
    assert [f['id'] for f in client.control('GET', '/faults')] == [first['id'], 'fault-2']
    client.control('DELETE', '/faults/' + first['id'])
    assert [f['id'] for f in client.control('GET', '/faults')] == ['fault-2']
    assert client.raw('DELETE', '/__emulator/faults/' + first['id']).status == 404
    client.control('DELETE', '/faults')
    assert client.control('GET', '/faults') == []


@pytest.mark.parametrize('spec, message', [
    ({'action': 'explode'}, 'action must be one of'),
    ({'action': 'status'}, 'status must be an HTTP status'),
    ({'action': 'status', 'status': 700}, 'status must be an HTTP status'),
    ({'action': 'delay'}, 'seconds is required'),
    ({'action': 'reset', 'route': '('}, 'regular expression'),
    ({'action': 'reset', 'method': 'TRACE'}, 'method must be one of'),
    ({'action': 'reset', 'times': -1}, 'times must be'),
    ({'action': 'reset', 'colour': 'red'}, 'unknown fault keys'),
    ({'action': 'status', 'status': 500, 'headers': ['x']}, 'headers must be'),
    ({'action': 'omit_keys'}, 'keys (a non-empty list'),
    ({'action': 'omit_keys', 'keys': [1]}, 'keys (a non-empty list'),
    ({'action': 'race', 'other_body': ['x']}, 'other_body must be'),
    ({'action': 'race', 'seconds': -1}, 'seconds must be'),
])
def test_invalid_fault_specs(client, spec, message):
    """Invalid fault specifications answer 400 with a reason."""
    answer = client.raw('POST', '/__emulator/faults', json.dumps(spec).encode(), {'Content-Type': 'application/json'})
    assert answer.status == 400 and message in answer.json['message'], answer


def test_race_lets_another_client_create_the_same_credential_first(client, emu):
    """race: another client's copy of the create (with other_body keys) lands first; this one gets the API's 409."""
    emu.add_fault(method='POST', route='/users', action='race', other_body={'Permission': 'read-write'})
    answer = client.api('POST', '/users', {'UserName': 'partner-0001', 'Permission': 'full'})
    assert answer.status == 409 and 'taken' in answer.json['message']
    users = [user for user in emu.get_state()['users'] if user['UserName'] == 'partner-0001']
    assert len(users) == 1 and users[0]['Permission'] == 'read-write'
    assert [(entry['method'], entry['status']) for entry in emu.get_journal()] == [('POST', 409)]
    assert client.api('POST', '/users', {'UserName': 'partner-0002'}).status == 201  # once only


def test_race_on_a_key_answers_409_and_on_a_webhook_makes_a_second_one(client, emu):
    """The same key twice on one credential is a 409; the same webhook twice is two webhooks."""
    cred = client.create_user()
    line = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIL8DLGjHdEH76mSskhyxKAGoMKE5RwHG9Qi5KP5owXJa alice@laptop'
    emu.add_fault(method='POST', route='/users/.*/ssh-public-keys', action='race')
    assert client.api('POST', f"/users/{cred['Id']}/ssh-public-keys", {'SshPublicKeyBody': line}).status == 409
    assert len(emu.get_state()['ssh_public_keys']) == 1
    emu.add_fault(method='POST', route='/webhooks', action='race')
    hook = {'Alias': 'Twice', 'Type': 'webhook', 'Url': 'https://hooks.example.com/x', 'Topics': ['file.created']}
    assert client.api('POST', '/webhooks', hook).status == 201
    assert [h['Alias'] for h in emu.get_state()['webhooks']] == ['Twice', 'Twice']


def test_omit_keys_leaves_keys_out_of_list_and_object_answers(client, emu):
    """omit_keys drops the keys from each object of a list answer, or from an object answer."""
    cred = client.create_user()
    emu.add_fault(method='GET', route='/users.*', action='omit_keys', keys=['SshPublicKeysCount', 'Host'], times=2)
    listed = client.api('GET', '/users')
    assert listed.status == 200 and all('SshPublicKeysCount' not in u and 'Host' not in u for u in listed.json)
    one = client.api('GET', '/users/' + cred['Id'])
    assert one.status == 200 and 'SshPublicKeysCount' not in one.json and one.json['UserName'] == 'partner-0001'
    assert 'SshPublicKeysCount' in client.api('GET', '/users').json[0]
