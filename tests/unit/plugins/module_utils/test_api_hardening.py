# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The API client against the in-process emulator: accept_missing, lost DELETEs and creates, 409 adoption,
the retry wait and budget, timeouts, connection option checks and masking."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import json
import time
import types

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _api, _connection, _retry
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._api import ApiClient, ApiError
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._token import masked_url
from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_credential_info, sftptogo_webhook
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.conftest import API_KEY, ORGANIZATION_ID

KEY = API_KEY
ORG = ORGANIZATION_ID
USER = 'partner-0001'
MASK_TEXT = _connection.MASK


@pytest.fixture
def waits(monkeypatch):
    """The client's retry waits, recorded instead of slept; random() answers 0.5 unless a test says otherwise."""
    recorded = []
    fake_time = types.SimpleNamespace(sleep=recorded.append, monotonic=time.monotonic, time=time.time)
    for module in (_api, _retry):
        monkeypatch.setattr(module, 'time', fake_time)
    monkeypatch.setattr(_retry, 'random', types.SimpleNamespace(random=lambda: 0.5))
    return recorded


def client_for(emu, retries=3, timeout=5):
    """A client of the emulator's organization."""
    return ApiClient(KEY, ORG, emu.url, timeout=timeout, retries=retries)


def api_requests(emu, method):
    """The journal entries of ``method``."""
    return [entry for entry in emu.get_journal() if entry['method'] == method]


def lister(client, calls=None):
    """A find_created() that lists the credentials and returns the one named USER (counting its calls)."""
    def find_created():
        if calls is not None:
            calls.append(1)
        return next((user for user in client.get('/users') if user['UserName'] == USER), None)
    return find_created


# -- accept_missing ---------------------------------------------------------------------------------------

def test_get_accept_missing_turns_only_a_404_into_none(emu, waits):
    client = client_for(emu)
    assert client.get('/users/doesnotexist', accept_missing=True) is None
    with pytest.raises(ApiError) as exc:
        client.get('/users/doesnotexist')
    assert exc.value.status == 404
    emu.add_fault(method='GET', action='status', status=403, body={'message': 'Forbidden'})
    with pytest.raises(ApiError) as exc:
        client.get('/users/doesnotexist', accept_missing=True)
    assert exc.value.status == 403


def test_delete_says_whether_this_call_deleted(emu, waits):
    client = client_for(emu)
    user = client.post('/users', {'UserName': USER})
    assert client.delete('/users/' + user['Id']) is True
    assert client.delete('/users/' + user['Id'], accept_missing=True) is False
    with pytest.raises(ApiError) as exc:
        client.delete('/users/' + user['Id'])
    assert exc.value.status == 404


@pytest.mark.parametrize('accept_missing', [True, False])
@pytest.mark.parametrize('fault', [dict(action='commit_then_status', status=502, body={'message': 'Bad Gateway'}),
                                   dict(action='commit_then_status', status=504),
                                   dict(action='commit_then_reset')])
def test_a_404_after_an_ambiguous_failure_was_this_delete(emu, waits, fault, accept_missing):
    client = client_for(emu)
    user = client.post('/users', {'UserName': USER})
    emu.add_fault(dict(fault, method='DELETE', route='/users/.*'))
    assert client.delete('/users/' + user['Id'], accept_missing=accept_missing) is True
    deletes = api_requests(emu, 'DELETE')
    assert [entry['status'] for entry in deletes] == [fault.get('status'), 404]
    assert deletes[0]['applied_status'] == 200


def test_a_404_after_a_429_was_already_gone(emu, waits):
    emu.add_fault(method='DELETE', action='status', status=429, body={'message': 'Too Many Requests'})
    assert client_for(emu).delete('/users/doesnotexist', accept_missing=True) is False
    assert [entry['status'] for entry in api_requests(emu, 'DELETE')] == [429, 404]


def test_an_earlier_refused_connection_is_not_ambiguous():
    refused = _retry.requests.packages.urllib3.exceptions.NewConnectionError(None, 'Connection refused')
    history = (_retry.requests.packages.urllib3.util.retry.RequestHistory('DELETE', '/x', refused, None, None),)
    response = types.SimpleNamespace(raw=types.SimpleNamespace(retries=_retry.Retry(history=history)))
    assert _retry.earlier_attempt_ambiguous(response) is False
    assert _retry.earlier_attempt_ambiguous(types.SimpleNamespace()) is False


# -- create -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize('fault', [dict(action='commit_then_reset'),
                                   dict(action='commit_then_status', status=502, body={'message': 'Bad Gateway'}),
                                   dict(action='commit_then_status', status=504)])
def test_create_adopts_what_a_lost_response_created(emu, waits, fault):
    client = client_for(emu)
    emu.add_fault(dict(fault, method='POST', route='/users'))
    created = client.create('/users', {'UserName': USER}, lister(client))
    assert created['UserName'] == USER
    assert len(api_requests(emu, 'POST')) == 1
    assert [user['UserName'] for user in emu.get_state()['users']].count(USER) == 1
    assert emu.get_violations() == []


def test_create_resends_only_after_listing_finds_nothing(emu, waits):
    client = client_for(emu)
    calls = []
    emu.add_fault(method='POST', route='/users', action='status', status=503, body={'message': 'unavailable'})
    created = client.create('/users', {'UserName': USER}, lister(client, calls))
    assert created['UserName'] == USER and created['Id']
    assert [entry['method'] for entry in emu.get_journal()] == ['POST', 'GET', 'POST']
    assert len(calls) == 1 and len(waits) == 1
    assert emu.get_violations() == []


def test_create_spends_the_same_retry_count_as_every_request(emu, waits):
    client = client_for(emu, retries=2)
    emu.add_fault(method='POST', route='/users', action='status', status=429, body={'message': 'Too Many Requests'})
    emu.add_fault(method='POST', route='/users', action='status', status=503, times=0)
    with pytest.raises(ApiError) as exc:
        client.create('/users', {'UserName': USER}, lister(client))
    assert exc.value.status == 503
    assert [entry['status'] for entry in api_requests(emu, 'POST')] == [429, 503, 503]
    assert len(waits) == 2


def test_create_starts_no_resend_past_the_time_budget(emu, monkeypatch):
    monkeypatch.setattr(_retry, 'RETRY_BUDGET', 2.0)
    client = client_for(emu)
    emu.add_fault(method='POST', route='/users', action='status', status=503, retry_after=30, times=0)
    started = time.monotonic()
    with pytest.raises(ApiError) as exc:
        client.create('/users', {'UserName': USER}, lister(client))
    assert exc.value.status == 503 and time.monotonic() - started < 2
    assert len(api_requests(emu, 'POST')) == 1


def test_create_is_not_resent_after_a_client_error(emu, waits):
    client = client_for(emu)
    calls = []
    with pytest.raises(ApiError) as exc:
        client.create('/users', {'UserName': 'bob'}, lister(client, calls))
    assert exc.value.status == 400 and calls == []


def test_a_409_adopts_what_a_concurrent_run_created(emu, waits):
    client = client_for(emu)
    existing = emu.insert_object('users', {'UserName': USER})
    adopted = client.create('/users', {'UserName': USER}, lister(client), adopt_on_conflict=True)
    assert adopted['Id'] == existing['Id']
    assert [entry['status'] for entry in api_requests(emu, 'POST')] == [409]


def test_a_409_fails_without_adopt_on_conflict(emu, waits):
    client = client_for(emu)
    emu.insert_object('users', {'UserName': USER})
    calls = []
    with pytest.raises(ApiError) as exc:
        client.create('/users', {'UserName': USER}, lister(client, calls))
    assert exc.value.status == 409 and calls == []


def test_a_409_fails_when_the_name_is_taken_elsewhere(emu, waits):
    client = client_for(emu)
    emu.reserve_foreign_username(USER)
    calls = []
    with pytest.raises(ApiError) as exc:
        client.create('/users', {'UserName': USER}, lister(client, calls), adopt_on_conflict=True)
    assert exc.value.status == 409 and calls == [1]
    assert len(api_requests(emu, 'POST')) == 1


# -- retry waits ------------------------------------------------------------------------------------------

def test_the_wait_is_the_larger_of_retry_after_and_the_backoff_plus_jitter():
    assert _retry.backoff_delay(1, 0.0) == 0.5
    assert _retry.backoff_delay(1, 0.0, retry_after=3) == 3
    assert _retry.backoff_delay(4, 0.0, retry_after=1) == 4
    assert _retry.backoff_delay(4, 0.5, retry_after=1) == 4 * 1.25
    assert _retry.backoff_delay(9, 0.0, retry_after=None) == _retry.BACKOFF_CAP
    assert _retry.backoff_delay(2, 0.999) < 1.5


def test_each_retry_waits_max_retry_after_backoff_with_its_own_jitter(emu, waits, monkeypatch):
    jitters = iter([0.2, 0.8, 0.4])
    monkeypatch.setattr(_retry, 'random', types.SimpleNamespace(random=lambda: next(jitters)))
    emu.add_fault(method='GET', route='/users', action='status', status=429, retry_after=3)
    emu.add_fault(method='GET', route='/users', action='status', status=503)
    emu.add_fault(method='GET', route='/users', action='status', status=503, retry_after=0)
    client_for(emu).get('/users')
    assert waits == [pytest.approx(3 * 1.1), pytest.approx(1.0 * 1.4), pytest.approx(2.0 * 1.2)]


def test_with_defaults_a_persistently_failing_api_is_given_up_within_a_minute():
    worst = sum(_retry.backoff_delay(attempt, 0.999999) for attempt in range(1, 6))
    assert worst < _retry.RETRY_BUDGET and _retry.RETRY_BUDGET <= 60
    assert _connection.AUTH_ARGUMENT_SPEC['api_retries']['default'] == 5


# -- timeouts -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize('method, retries', [('GET', 1), ('GET', 0), ('POST', 1)])
def test_a_timeout_says_so(emu, waits, method, retries):
    emu.add_fault(method=method, route='/users', action='delay', seconds=1, times=0)
    client = client_for(emu, retries=retries, timeout=0.2)
    with pytest.raises(ApiError) as exc:
        client.request(method, '/users', {'UserName': USER} if method == 'POST' else None)
    assert str(exc.value) == '%s %s/organizations/%s/users failed: no response within 0.2 s (timeout)' % (method, emu.url, ORG)
    assert exc.value.ambiguous


def test_a_timeout_past_the_budget_says_so(emu, monkeypatch):
    monkeypatch.setattr(_retry, 'RETRY_BUDGET', 0.1)
    emu.add_fault(method='GET', route='/users', action='delay', seconds=1, times=0)
    with pytest.raises(ApiError) as exc:
        client_for(emu, timeout=0.2).get('/users')
    assert str(exc.value) == 'GET %s/organizations/%s/users failed: no response within 0.2 s (timeout)' % (emu.url, ORG)
    assert emu.get_faults()[0]['seen'] == 1


def test_a_refused_connection_is_not_ambiguous():
    client = ApiClient(KEY, ORG, 'http://127.0.0.1:9', timeout=2, retries=0)
    with pytest.raises(ApiError) as exc:
        client.create('/users', {'UserName': USER}, lambda: pytest.fail('nothing to look for'))
    assert str(exc.value) == 'POST http://127.0.0.1:9/organizations/%s/users failed: connection refused' % ORG
    assert not exc.value.ambiguous and exc.value.path == '/users'


def test_a_connection_error_names_the_url_tried_never_the_key_nor_user_info():
    client = ApiClient(KEY, ORG, 'http://127.0.0.1:9/base/', timeout=2, retries=0)
    client.add_secret('s3cret-password-42')
    with pytest.raises(ApiError) as exc:
        client.get('/users/s3cret-password-42')
    assert str(exc.value) == 'GET http://127.0.0.1:9/base/organizations/%s/users/%s failed: connection refused' % (ORG, MASK_TEXT)
    assert KEY not in str(exc.value)
    assert _connection.shown_api_url('https://user:pw@api.example.test/organizations/o/users') == (
        'https://%s@api.example.test/organizations/o/users' % MASK_TEXT)


def test_an_http_error_names_the_path_as_before(emu, waits):
    with pytest.raises(ApiError) as exc:
        client_for(emu).get('/users/doesnotexist')
    assert str(exc.value).startswith('GET /users/doesnotexist failed with HTTP 404: ')


# -- masking ------------------------------------------------------------------------------------------------

def test_a_scheme_and_token_secret_is_masked_whole_and_as_the_token(emu, waits):
    client = client_for(emu)
    client.add_secret('Bearer hook-token-778899')
    client.add_secret('Basic abc')
    client.add_secret('a plain password')
    client.add_secret('pw')
    echoed = ('token hook-token-778899, header Bearer hook-token-778899, Basic abc, a plain password, '
              'abc stays, pw is short')
    emu.add_fault(method='GET', action='status', status=400, body={'message': echoed})
    with pytest.raises(ApiError) as exc:
        client.get('/users')
    assert exc.value.message == ('token ********, header ********, ********, ********, abc stays, ******** is short')
    assert KEY not in client.redact('key %s' % KEY)


def test_a_secret_quoted_escaped_is_masked_too(emu, waits):
    client = client_for(emu)
    url = 'https://hooks.slack.com/services/T000/B000/XXXX\\yyyy\tzz'
    client.add_secret(url)
    header = 'Bearer p\u00e9\\"q-token'
    client.add_secret(header)
    assert client.redact('got %r' % url) == "got '********'"
    assert client.redact(json.dumps({'url': url})) == '{"url": "********"}'
    assert client.redact(json.dumps({'h': header})) == '{"h": "********"}'
    assert client.redact(json.dumps({'t': header.split()[1]})) == '{"t": "********"}'


# -- connection options -------------------------------------------------------------------------------------

GOOD = dict(api_key=KEY, organization_id=ORG, api_url='https://api.sftptogo.com', validate_certs=True, timeout=30,
            api_retries=5)


@pytest.mark.parametrize('changes, expected', [
    (dict(api_key=''), 'api_key is required: set the api_key option or the SFTPTOGO_API_KEY environment variable'),
    (dict(api_key=KEY + '\n'), 'ends with whitespace or a newline: remove it (the usual cause is a vault'),
    (dict(api_key=' ' + KEY), 'starts or ends with whitespace'),
    (dict(api_key=KEY[:8] + ' ' + KEY[8:]), 'api_key must be non-empty printable ASCII without whitespace; it contains whitespace'),
    (dict(api_key=KEY[:8] + '\u00e9' + KEY[8:]), 'it contains a non-ASCII or control character'),
    (dict(api_key=KEY[:8] + '\x00' + KEY[8:]), 'it contains a non-ASCII or control character'),
    (dict(api_url='ftp://api.sftptogo.com'), 'api_url must be an http:// or https:// URL with a host'),
    (dict(api_url='api.sftptogo.com'), 'api_url must be an http:// or https:// URL with a host'),
    (dict(api_url='https://'), 'api_url must be an http:// or https:// URL with a host'),
    (dict(api_url='https://user:pass@api.sftptogo.com'), 'api_url must not contain user info'),
    (dict(api_url='https://api.sftptogo.com/?key=' + KEY), 'api_url must not have a query string or fragment'),
    (dict(api_url='https://api.sftptogo.com/#top'), 'api_url must not have a query string or fragment'),
    (dict(api_url='https://api.sftptogo.com:99999'), 'api_url must be an http:// or https:// URL;'),
    (dict(api_url='https://api sftptogo.com'), 'api_url must be an http:// or https:// URL; it contains whitespace'),
    (dict(organization_id='org.with.dots'), "organization_id must be letters, digits, '_' or '-' only"),
    (dict(organization_id=ORG + '\n'), "organization_id must be letters, digits, '_' or '-' only"),
    (dict(organization_id='../admin'), "organization_id must be letters, digits, '_' or '-' only"),
    (dict(timeout=0), 'timeout must be a positive number of seconds, and finite'),
    (dict(timeout=float('inf')), 'timeout must be a positive number of seconds, and finite'),
    (dict(timeout=float('nan')), 'timeout must be a positive number of seconds, and finite'),
    (dict(api_retries=-1), 'api_retries must be 0 or more and at most 10'),
    (dict(api_retries=11), 'api_retries must be 0 or more and at most 10'),
])
def test_bad_connection_options_name_the_option_and_the_rule(changes, expected):
    problems = _connection.connection_option_problems(dict(GOOD, **changes))
    assert len(problems) == 1 and expected in problems[0], problems
    assert KEY not in problems[0] and KEY[:8] not in problems[0]
    options = dict(GOOD, **changes)
    with pytest.raises(ValueError) as exc:
        ApiClient(options['api_key'], options['organization_id'], options['api_url'], options['validate_certs'],
                  options['timeout'], options['api_retries'])
    assert str(exc.value) == problems[0]


def test_good_connection_options_pass():
    for changes in ({}, dict(api_retries=0), dict(api_retries=10), dict(timeout=0.5), dict(organization_id='a_B-9'),
                    dict(api_url='https://proxy.example.com:8443/sftptogo/'), dict(api_url='http://127.0.0.2:8080'),
                    dict(api_url=None, timeout=None, api_retries=None, validate_certs=None)):
        assert _connection.connection_option_problems(dict(GOOD, **changes)) == [], changes


@pytest.mark.parametrize('changes, expected', [
    (dict(api_url='http://api.example.com'), ['api_url uses http://: the API key travels in clear text to '
                                              'api.example.com; use https://']),
    (dict(api_url='http://127.0.0.1:8080'), []),
    (dict(api_url='http://127.9.9.9'), []),
    (dict(api_url='http://[::1]:8080'), []),
    (dict(api_url='http://LocalHost:1'), []),
    (dict(validate_certs=False), ['validate_certs is false: the TLS certificate of api.sftptogo.com is not checked, '
                                  'so the API key can be intercepted; use it only for a trusted test endpoint']),
    (dict(api_url='http://localhost:1', validate_certs=False), []),
])
def test_risky_connection_options_warn(changes, expected):
    assert _connection.connection_option_warnings(dict(GOOD, **changes)) == expected


def test_check_path_id_names_the_option():
    assert _connection.check_path_id('id', 'AbC_12-x') == 'AbC_12-x'
    assert _connection.check_path_id('id', None) is None  # not given
    for value in ('a/b', 'a.b', '', 'a b', 'x\n', 12):
        with pytest.raises(ValueError) as exc:
            _connection.check_path_id('credential_id', value)
        assert str(exc.value).startswith("credential_id must be letters, digits, '_' or '-' only")


class FakeModule:
    """What from_module uses of AnsibleModule."""

    def __init__(self, **params):
        self.params = params
        self.warnings = []

    def fail_json(self, msg, **kwargs):
        raise AssertionError('fail_json: ' + msg)

    def warn(self, message):
        self.warnings.append(message)


def test_from_module_warns_and_takes_defaults_for_nulls():
    module = FakeModule(**GOOD)
    module.params.update(api_url='http://api.example.com', timeout=None, api_retries=None)
    client = ApiClient.from_module(module)
    assert (client.timeout, client.retries, client.base_url) == (30, 5, 'http://api.example.com/organizations/' + ORG)
    assert module.warnings == _connection.connection_option_warnings(module.params) and len(module.warnings) == 1


@pytest.mark.parametrize('changes, expected', [
    (dict(api_key='unit-test-api-key-0123456789\n'), 'api_key must be non-empty printable ASCII'),
    (dict(api_key='unit-test-\u00e4pi-key-0123456789'), 'api_key must be non-empty printable ASCII'),
    (dict(api_url='https://api.example.test?x=1'), 'api_url must not have a query string'),
    (dict(organization_id='a.b'), 'organization_id must be'),
])
def test_a_module_fails_cleanly_before_any_request(api, run_module, changes, expected):
    result = run_module(sftptogo_credential_info.main, changes)
    assert result['failed'] is True and expected in result['msg']
    assert 'unit-test' not in result['msg'] and 'Traceback' not in result['msg']
    assert api.calls == []


# -- transformed forms of a secret, short secrets, token URLs at run time ---------------------------------------

SLACK_URL = 'https://hooks.slack.com/services/T0AAAA000/B0BBBB000/Slack0Token0abcdef123456'
BASIC = 'Basic ' + base64.b64encode(b'hook-user:Basic-pass-0001').decode()


@pytest.mark.parametrize('secret, echoed', [
    (KEY, 'key ' + KEY.upper()),
    ('Password-0001', 'password password-0001 rejected'),
    ('Bearer hook-token-778899', 'token HOOK-TOKEN-778899'),
    ('pa ss/w:rd?&0001', 'got pa%20ss%2Fw%3Ard%3F%260001'),
    ('pa ss/w:rd?&0001', 'got pa+ss%2Fw%3Ard%3F%260001'),
    (BASIC, 'user hook-user:Basic-pass-0001 denied'),
    (BASIC, 'password Basic-pass-0001 denied'),
    (SLACK_URL, 'token Slack0Token0abcdef123456 revoked'),
    (SLACK_URL, 'token T0AAAA000/B0BBBB000/Slack0Token0abcdef123456 revoked'),
    (SLACK_URL, 'url https%3A%2F%2Fhooks.slack.com%2Fservices%2FT0AAAA000%2FB0BBBB000%2FSlack0Token0abcdef123456'),
    ('https://discord.com/api/webhooks/123456789012345678/Discord-token-0001', 'token Discord-token-0001'),
    ('https://chat.googleapis.com/v1/spaces/AAAA/messages?key=AIzaKey0001&token=Chat-token-0001',
     'key AIzaKey0001 token Chat-token-0001'),
    ('https://hook-user:Userinfo-pass-01@hooks.example.com/x', 'auth Userinfo-pass-01 failed'),
])
def test_transformed_forms_of_a_secret_are_masked(secret, echoed):
    client = ApiClient(KEY, ORG, 'https://api.example.test')
    client.add_secret(secret)
    masked = client.redact(echoed)
    assert MASK_TEXT in masked
    for part in (secret, 'Slack0Token', 'Basic-pass', 'Discord-token', 'AIzaKey', 'Chat-token', 'Userinfo-pass', KEY):
        assert part.lower() not in masked.lower()


@pytest.mark.parametrize('secret, text, expected', [
    # a secret that starts like a word of the message: only its whole occurrence is masked, no word by its prefix
    ('Credentials-Acme-2024', 'credentials[0]: POST /users failed: Credentials-Acme-2024 is weak',
     'credentials[0]: POST /users failed: ******** is weak'),
    ('Declared-pass-0001', '2 of the declared items failed; declared-pass-0001 DECLARED-PASS-0001',
     '2 of the declared items failed; ******** ********'),
    (KEY, 'key %s... refused (%s)' % (KEY[:10], KEY[:8]), 'key %s... refused (%s)' % (KEY[:10], KEY[:8])),
    # a secret that starts with a word of the message (a user name), echoed truncated: the word stays readable
    ('acme-partner-01:Secret-0001', 'credential acme-partner-01 refused', 'credential acme-partner-01 refused'),
    ('webhook-password', 'webhook-pass: webhooks', 'webhook-pass: webhooks'),
    ('Hook-0001-secret', 'xHook-0001-secretx', 'x********x'),  # a long secret: whole, even inside other text
    ('a', 'a bad request: a', '******** bad request: ********'),
    ('x1', 'x1 x12 ax1 (x1)', '******** x12 ax1 (********)'),
    ('abcd', 'abcd abcdef ABCD', '******** abcdef ********'),
    ('abcdefg', 'abcdefgh', 'abcdefgh'),
])
def test_a_secret_is_masked_where_it_occurs_whole_and_a_short_one_as_a_whole_word_only(secret, text, expected):
    client = ApiClient(KEY, ORG, 'https://api.example.test')
    client.add_secret(secret)
    assert client.redact(text) == expected


def test_the_masking_of_a_token_leaves_the_rest_of_the_message():
    client = ApiClient(KEY, ORG, 'https://api.example.test')
    client.add_secret(SLACK_URL)
    assert client.redact('POST to https://hooks.slack.com/services/ failed') == 'POST to https://hooks.slack.com/services/ failed'
    assert client.redact("got 'https://hooks.slack.com/VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'") == (
        "got 'https://hooks.slack.com/VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'")
    assert client.redact("got %r" % masked_url(SLACK_URL)) == "got %r" % masked_url(SLACK_URL)  # the host and digest stay


@pytest.mark.parametrize('url', ['ftp://hook-user:Userinfo-pass-01@api.example.test', 'https://hook-user:Userinfo-pass-01@'])
def test_an_api_url_with_user_info_is_never_quoted_whole(url):
    problems = _connection.connection_option_problems(dict(GOOD, api_url=url))
    assert problems and 'Userinfo-pass-01' not in ' '.join(problems) and 'hook-user' not in ' '.join(problems)


def test_an_api_url_with_user_info_is_masked_in_the_module_arguments(run_module_printed):
    printed = run_module_printed(sftptogo_credential_info.main, dict(api_url='https://hook-user:Userinfo-pass-01@api.example.test'))
    assert printed['failed'] and 'must not contain user info' in printed['msg']
    assert 'Userinfo-pass-01' not in json.dumps(printed)


@pytest.mark.parametrize('args, message', [
    (dict(type='email'), 'url must be an e-mail address'),
    (dict(type='carrier-pigeon'), 'value of type must be one of'),  # core's own check, before the module's code
    (dict(type='webhook', topics='file.created'), 'topics must be a list'),  # the shape check of new_module
])
def test_a_token_url_is_masked_in_the_module_arguments_at_every_verbosity(run_module_printed, args, message):
    printed = run_module_printed(sftptogo_webhook.main, dict(args, alias='Chat', url=SLACK_URL, _ansible_verbosity=3))
    assert printed['failed'] and message in printed['msg']
    # ansible-core 2.21 adds the invocation later, on the controller; the integration test runs it at -vvv.
    assert printed.get('invocation', {}).get('module_args', {}).get('url', 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER') == (
        'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER')
    assert 'Slack0Token' not in json.dumps(printed)


def test_a_token_url_is_masked_in_a_successful_run(emu, run_module_printed):
    printed = run_module_printed(sftptogo_webhook.main, dict(
        api_url=emu.url, alias='Discord', url='https://discord.com/api/webhooks/123456789012345678/Discord-token-0001',
        topics=['file.created']))
    assert printed['changed'] and printed['webhook']['url'] == masked_url(
        'https://discord.com/api/webhooks/123456789012345678/Discord-token-0001')
    assert printed['webhook']['url'].startswith('https://discord.com/\u2026 (digest ')
    assert 'Discord-token' not in json.dumps(printed)


@pytest.mark.parametrize('text, expected', [
    ('key k3y9AbCd12... refused (k3y9AbCd)', 'key ********... refused (********)'),
    ('key k3y9abcd12 refused', 'key k3y9abcd12 refused'),  # another case: not the key
    ('prefix k3y9 refused', 'prefix k3y9 refused'),  # shorter than a word that could only be the key
])
def test_a_random_api_key_echoed_truncated_is_masked(text, expected):
    client = ApiClient('k3y9AbCd12EfGh34IjKl', ORG, 'https://api.example.test')
    assert client.redact(text) == expected
