# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Strict request assertions: each violation answers 400 with X-Emulator-Violation and is recorded."""

import http.client
import json
import time

import pytest

from emulator_client import API_KEY

AUTH = {'Authorization': 'Bearer ' + API_KEY}
JSON = dict(AUTH, **{'Content-Type': 'application/json'})
RULE = {'Protocol': 'SFTP', 'Source': '10.0.0.1', 'Action': 'allow', 'State': 'enabled'}


def assert_violation(answer, code, emu):
    """400 (or the given status), the marker header, a journal entry and a violations entry with ``code``."""
    assert answer.violation == code, answer
    assert answer.json['message']
    assert emu.get_journal()[-1]['violation'] == code
    assert emu.get_violations()[-1]['code'] == code


def test_authorization_header_must_be_exact(client, emu):
    """Strict mode wants exactly "Bearer <key>"; lenient mode accepts other spellings."""
    answer = client.raw('GET', client.prefix + '/users', headers={'Authorization': 'bearer ' + API_KEY})
    assert answer.status == 400
    assert_violation(answer, 'auth_header', emu)
    emu.set_config(strict=False)
    assert client.raw('GET', client.prefix + '/users', headers={'Authorization': 'bearer  ' + API_KEY}).status == 200


def test_key_in_query_string(client, emu):
    """The API key in the query string is a violation."""
    answer = client.api('GET', '/users?api_key=' + API_KEY)
    assert answer.status == 400
    assert_violation(answer, 'key_in_query', emu)


@pytest.mark.parametrize('content_type', [None, 'text/plain', 'application/x-www-form-urlencoded'])
def test_body_needs_json_content_type(client, emu, content_type):
    """A body without Content-Type: application/json is a violation."""
    headers = dict(AUTH, **({'Content-Type': content_type} if content_type else {}))
    answer = client.raw('POST', client.prefix + '/users', b'{"UserName": "partner-0001"}', headers)
    assert answer.status == 400
    assert_violation(answer, 'content_type', emu)


def test_charset_parameter_is_fine(client):
    """A charset parameter on the content type is accepted."""
    headers = dict(AUTH, **{'Content-Type': 'application/json; charset=utf-8'})
    assert client.raw('POST', client.prefix + '/users', b'{"UserName": "partner-0001"}', headers).status == 201


@pytest.mark.parametrize('raw, code', [(b'{"UserName": ', 'body_not_json'), (b'\xff\xfe', 'body_not_json'),
                                       (b'["UserName"]', 'body_not_object'), (b'null', 'body_not_object')])
def test_body_must_be_a_json_object(client, emu, raw, code):
    """Invalid JSON and non-object bodies answer 400, with the marker only in strict mode."""
    answer = client.raw('POST', client.prefix + '/users', raw, JSON)
    assert answer.status == 400
    assert_violation(answer, code, emu)
    emu.set_config(strict=False)
    lenient = client.raw('POST', client.prefix + '/users', raw, JSON)
    assert lenient.status == 400 and lenient.violation is None


@pytest.mark.parametrize('method, route', [('GET', '/users'), ('DELETE', '/users/' + '0' * 30)])
def test_get_and_delete_carry_no_body(client, emu, method, route):
    """GET and DELETE with a body are violations."""
    answer = client.raw(method, client.prefix + route, b'{}', JSON)
    assert answer.status == 400
    assert_violation(answer, 'body_on_get_delete', emu)


@pytest.mark.parametrize('body', [{'Password': 'Chosen-pass-1', 'Force': True}, {'Password': 5}, {'password': 'x'}])
def test_rotation_body_shape(client, emu, body):
    """A rotation body other than absent, {} or {"Password": str} is a violation."""
    cred = client.create_user()
    answer = client.api('POST', f"/users/{cred['Id']}/credential-rotations", body)
    assert answer.status == 400
    assert_violation(answer, 'rotation_body', emu)


def test_lenient_rotation_ignores_extra_keys(client, emu):
    """Lenient mode sets the password and ignores other rotation keys."""
    cred = client.create_user()
    emu.set_config(strict=False)
    assert client.api('POST', f"/users/{cred['Id']}/credential-rotations", {'Password': 'Chosen-pass-1', 'X': 1}).status == 200
    assert client.api('GET', '/users/' + cred['Id']).json['Password'] == 'Chosen-pass-1'


@pytest.mark.parametrize('body, code', [
    ({'Foo': 1}, 'unknown_key'),
    ({'Id': 'abc'}, 'read_only_key'),
    ({'URI': 'sftp://x'}, 'read_only_key'),
    ({'IsDefault': False}, 'read_only_key'),
    ({'Settings': {'Network': {'InboundRules': [RULE]}}}, 'settings_on_create'),
    ({'Expiration': str(int(time.time() * 1000) + 3600000)}, 'type_integer'),
    ({'Expiration': True}, 'type_integer'),
    ({'Expiration': float(int(time.time() * 1000) + 3600000)}, 'type_integer'),
])
def test_credential_create_keys(client, emu, body, code):
    """Unknown, read-only and Settings keys and non-integer Expiration in a credential create are violations."""
    answer = client.api('POST', '/users', dict({'UserName': 'partner-0001'}, **body))
    assert answer.status == 400
    assert_violation(answer, code, emu)


def test_lenient_create_ignores_unknown_and_read_only_keys_and_coerces(client, emu):
    """Lenient mode drops unknown and read-only keys, coerces numeric strings and applies Settings."""
    emu.set_config(strict=False)
    expiration = int(time.time() * 1000) + 3600000
    cred = client.create_user(Foo=1, Id='abc', Expiration=str(expiration), Settings={'Network': {'InboundRules': [RULE]}})
    assert 'Foo' not in cred and cred['Id'] != 'abc' and cred['Expiration'] == expiration
    assert cred['Settings']['Network']['InboundRules'][0]['Source'] == '10.0.0.1'
    assert emu.get_violations() == []


def test_patch_must_be_non_empty_and_minimal(client, emu):
    """Empty PATCHes and keys that do not change anything are violations."""
    cred = client.create_user(Permission='read-write')
    path = '/users/' + cred['Id']
    assert_violation(client.api('PATCH', path, {}), 'empty_patch', emu)
    assert_violation(client.api('PATCH', path, headers={'Content-Type': 'application/json'}), 'empty_patch', emu)
    assert_violation(client.api('PATCH', path, {'Permission': 'read-write', 'Alias': 'x'}), 'noop_patch', emu)
    assert_violation(client.api('PATCH', path, {'Expiration': None}), 'noop_patch', emu)
    assert client.api('PATCH', path, {'Alias': 'x'}).status == 200


def test_settings_noop_is_exact_comparison(client, emu):
    """Re-sending the stored rules is a no-op violation; another order or other rules are a change; unknown rule keys are violations."""
    cred = client.create_user()
    path = '/users/' + cred['Id']
    stored = client.api('PATCH', path, {'Settings': {'Network': {'InboundRules': [RULE, dict(RULE, Source='10.0.0.2')]}}}).json['Settings']
    assert_violation(client.api('PATCH', path, {'Settings': stored}), 'noop_patch', emu)
    reordered = {'Network': {'InboundRules': stored['Network']['InboundRules'][::-1]}}
    assert client.api('PATCH', path, {'Settings': reordered}).status == 200
    assert client.api('PATCH', path, {'Settings': {'Network': {'InboundRules': [RULE]}}}).status == 200
    answer = client.api('PATCH', path, {'Settings': {'Network': {'InboundRules': [dict(RULE, Extra=1)]}}})
    assert_violation(answer, 'unknown_key', emu)


def test_password_in_credential_patch(client, emu):
    """Password in a credential PATCH is a violation (applied in lenient mode)."""
    cred = client.create_user()
    answer = client.api('PATCH', '/users/' + cred['Id'], {'Password': 'Another-pass-1'})
    assert answer.status == 400
    assert_violation(answer, 'password_in_patch', emu)
    emu.set_config(strict=False)
    assert client.api('PATCH', '/users/' + cred['Id'], {'Password': 'Another-pass-1'}).json['Password'] == 'Another-pass-1'


def test_webhook_keys(client, emu):
    """Webhook create without Type, Topics not an array of strings, read-only keys and reordered Topics are violations."""
    base = {'Url': 'https://example.com/h', 'Topics': ['file.created']}
    assert_violation(client.api('POST', '/webhooks', base), 'missing_type', emu)
    assert_violation(client.api('POST', '/webhooks', dict(base, Type='webhook', Topics='file.created')), 'type_topics', emu)
    assert_violation(client.api('POST', '/webhooks', dict(base, Type='webhook', Topics=[1])), 'type_topics', emu)
    hook = client.api('POST', '/webhooks', dict(base, Type='webhook', Topics=['file.created', 'file.deleted'])).json
    assert_violation(client.api('PATCH', '/webhooks/' + hook['Id'], {'Secret': 'x'}), 'read_only_key', emu)
    assert_violation(client.api('PATCH', '/webhooks/' + hook['Id'], {'Topics': ['file.deleted', 'file.created']}), 'noop_patch', emu)
    emu.set_config(strict=False)
    assert client.api('POST', '/webhooks', base).json['Type'] == 'webhook'


def test_share_link_keys(client, emu):
    """Path/Type in a link PATCH, read-only keys, string integers and an unchanged password are violations."""
    link = client.api('POST', '/portal-links', {'Path': '/shared/', 'Type': 'share', 'Password': 'Link-pass-1'}).json
    path = '/portal-links/' + link['Id']
    assert_violation(client.api('PATCH', path, {'Path': '/other/'}), 'immutable_key', emu)
    assert_violation(client.api('PATCH', path, {'Type': 'share'}), 'immutable_key', emu)
    assert_violation(client.api('PATCH', path, {'State': 'inactive'}), 'read_only_key', emu)
    assert_violation(client.api('PATCH', path, {'AccessLimit': '5'}), 'type_integer', emu)
    assert_violation(client.api('PATCH', path, {'Password': 'Link-pass-1'}), 'noop_patch', emu)
    assert_violation(client.api('POST', '/portal-links', {'Path': '/s/', 'Type': 'share', 'Url': 'x'}), 'read_only_key', emu)
    emu.set_config(share_link_password_in_get=False)
    assert client.api('PATCH', path, {'Password': 'Link-pass-1'}).status == 200
    emu.set_config(strict=False)
    lenient = client.api('PATCH', path, {'Path': '/other/', 'AccessLimit': '5'}).json
    assert lenient['Path'] == '/shared/' and lenient['AccessLimit'] == 5


def test_ssh_key_read_only_keys(client, emu):
    """Read-only keys in an SSH key create are violations."""
    cred = client.create_user()
    answer = client.api('POST', f"/users/{cred['Id']}/ssh-public-keys", {'SshPublicKeyBody': 'x', 'Fingerprint': 'y'})
    assert_violation(answer, 'read_only_key', emu)


def test_unknown_route_is_recorded(client, emu):
    """An unknown route answers 404 and is recorded as a violation."""
    answer = client.api('GET', '/users/')
    assert answer.status == 404
    assert_violation(answer, 'unknown_route', emu)


def test_create_retry_after_ambiguous_failure(client, emu):
    """A create repeated after a 5xx without a list in between is recorded but answered; after a 429 it is fine."""
    emu.add_fault(method='POST', route='/users', action='commit_then_status', status=502, body={'message': 'Bad Gateway'})
    assert client.api('POST', '/users', {'UserName': 'partner-0001'}).status == 502
    other = client.api('POST', '/users', {'UserName': 'partner-0002'})  # another create (a parallel worker's)
    assert other.status == 201 and other.violation is None
    retry = client.api('POST', '/users', {'UserName': 'partner-0001'})
    assert retry.status == 409 and retry.violation == 'create_retry'
    assert emu.get_violations()[-1]['code'] == 'create_retry'
    emu.add_fault(method='POST', route='/users', action='status', status=504)
    assert client.api('POST', '/users', {'UserName': 'partner-0003'}).status == 504
    assert client.api('GET', '/users').status == 200
    assert client.api('POST', '/users', {'UserName': 'partner-0003'}).violation is None
    emu.add_fault(method='POST', route='/users', action='status', status=429)
    assert client.api('POST', '/users', {'UserName': 'partner-0004'}).status == 429
    assert client.api('POST', '/users', {'UserName': 'partner-0004'}).violation is None


def test_violations_list_and_strict_off(client, emu):
    """Violations are listed and cleared; with strict off nothing is recorded."""
    client.api('POST', '/users', {'Foo': 1})
    violations = client.control('GET', '/violations')
    assert [(v['code'], v['method'], v['route']) for v in violations] == [('unknown_key', 'POST', '/users')]
    assert 'Foo' in violations[0]['message']
    client.control('DELETE', '/violations')
    assert client.control('GET', '/violations') == []
    emu.set_config(strict=False)
    assert client.api('POST', '/users', {'Foo': 1}).status == 201
    assert emu.get_violations() == [] and emu.get_journal()[-1]['violation'] is None


def test_journal_records_raw_text_bodies(client, emu):
    """The journal keeps bodies as parsed JSON or, when not JSON, as text."""
    client.raw('POST', client.prefix + '/users', b'not json', JSON)
    assert emu.get_journal()[-1]['body'] == 'not json'
    client.raw('POST', client.prefix + '/users', json.dumps({'UserName': 'partner-0001'}).encode(), JSON)
    assert emu.get_journal()[-1]['body'] == {'UserName': 'partner-0001'}


def test_chunked_request_body(client, emu):
    """A chunked request body is read like one with Content-Length."""
    conn = http.client.HTTPConnection('127.0.0.1', emu.port, timeout=5)
    try:
        conn.request('POST', client.prefix + '/users', body=iter([b'{"UserName": ', b'"partner-0001"}']), headers=JSON,
                     encode_chunked=True)
        answer = conn.getresponse()
        assert answer.status == 201 and json.loads(answer.read())['UserName'] == 'partner-0001'
    finally:
        conn.close()
    assert emu.get_journal()[-1]['headers']['transfer-encoding'] == 'chunked'


def test_a_patch_resent_after_an_ambiguous_failure_is_a_retry_not_a_noop(client, emu, cred):
    """A PATCH whose response was lost may be re-sent as it was; a third identical PATCH is a no-op again."""
    path = '/users/' + cred['Id']
    emu.add_fault(method='PATCH', route=path, action='commit_then_status', status=502, body={'message': 'Bad Gateway'})
    assert client.api('PATCH', path, {'Permission': 'read-write'}).status == 502
    retried = client.api('PATCH', path, {'Permission': 'read-write'})
    assert retried.status == 200 and retried.violation is None
    assert_violation(client.api('PATCH', path, {'Permission': 'read-write'}), 'noop_patch', emu)


def test_only_the_identical_patch_counts_as_a_retry(client, emu, cred):
    """After an ambiguous PATCH, another no-op PATCH of the same route is still a violation."""
    path = '/users/' + cred['Id']
    emu.add_fault(method='PATCH', route=path, action='commit_then_status', status=504)
    client.api('PATCH', path, {'Permission': 'read-write'})
    assert_violation(client.api('PATCH', path, {'ChrootDirectory': '/'}), 'noop_patch', emu)
