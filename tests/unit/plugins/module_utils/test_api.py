# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The API client against a real loopback HTTP server: retries, Retry-After, errors, headers, secrets."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import json
import socket
import struct
import threading
import time

import pytest

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _retry
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._api import ApiClient, ApiError

KEY = 'client-test-key-9876543210'
ORG = '72e9cf24-be8c-4f15-9aa2-813281fb98fe'


class ScriptedHandler(BaseHTTPRequestHandler):
    """Answers each request with the next step of the server's script."""

    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):  # pylint: disable=arguments-differ
        pass

    def handle_any(self):
        """Record the request, then play the next step: (status, headers, body), 'reset' or ('sleep', s, step)."""
        length = int(self.headers.get('Content-Length') or 0)
        body = self.rfile.read(length).decode('utf-8') if length else None
        self.server.requests.append((self.command, self.path, dict(self.headers), body))
        step = self.server.script.pop(0) if self.server.script else (200, {}, '[]')
        if isinstance(step, tuple) and step[0] == 'sleep':
            time.sleep(step[1])
            step = step[2]
        if step == 'reset':
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
            self.connection.close()
            self.close_connection = True
            return
        status, headers, text = step
        payload = text.encode('utf-8')
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header('Content-Length', str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PATCH = do_DELETE = handle_any


@pytest.fixture
def server():
    """A scripted loopback server; ``server.script`` is a list of steps, ``server.requests`` what it got."""
    httpd = ThreadingHTTPServer(('127.0.0.1', 0), ScriptedHandler)
    httpd.script, httpd.requests = [], []
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def fast_backoff(monkeypatch):
    """Keep backoff waits tiny; Retry-After waits stay real."""
    monkeypatch.setattr(_retry, 'BACKOFF_FACTOR', 0.001)


def client_for(server, retries=3, timeout=5):
    """A client talking to the scripted server."""
    return ApiClient(KEY, ORG, 'http://127.0.0.1:%d' % server.server_address[1], timeout=timeout, retries=retries)


def json_step(status, body, headers=None):
    """A scripted JSON answer."""
    return (status, dict({'Content-Type': 'application/json'}, **(headers or {})), json.dumps(body))


@pytest.mark.parametrize('method', ['GET', 'PATCH', 'DELETE'])
@pytest.mark.parametrize('status', [429, 500, 502, 503, 504])
def test_idempotent_methods_are_retried_on_retryable_statuses(server, method, status):
    server.script = [json_step(status, {'message': 'try again'}), json_step(200, {'ok': True})]
    body = {'Alias': 'x'} if method == 'PATCH' else None
    assert client_for(server).request(method, '/users/abc', body) == {'ok': True}
    assert len(server.requests) == 2


@pytest.mark.parametrize('status', [500, 502, 503, 504])
def test_post_is_not_retried_on_5xx(server, status):
    server.script = [json_step(status, {'message': 'boom'})]
    with pytest.raises(ApiError) as exc:
        client_for(server).post('/users', {'UserName': 'someone-123'})
    assert exc.value.status == status and exc.value.ambiguous
    assert len(server.requests) == 1


def test_post_is_retried_on_429(server):
    server.script = [json_step(429, {'message': 'Too Many Requests'}), json_step(201, {'Id': 'x'})]
    assert client_for(server).post('/users', {'UserName': 'someone-123'}) == {'Id': 'x'}
    assert len(server.requests) == 2


@pytest.mark.parametrize('status', [400, 401, 403, 404, 409, 422])
def test_client_errors_are_never_retried(server, status):
    server.script = [json_step(status, {'message': 'no'})]
    with pytest.raises(ApiError) as exc:
        client_for(server).get('/users')
    assert exc.value.status == status and not exc.value.ambiguous
    assert len(server.requests) == 1


def test_retries_are_bounded_by_api_retries(server):
    server.script = [json_step(503, {'message': 'down'})] * 5
    with pytest.raises(ApiError) as exc:
        client_for(server, retries=2).get('/users')
    assert str(exc.value) == 'GET /users failed with HTTP 503: down'
    assert len(server.requests) == 3


def test_zero_retries_means_one_attempt(server):
    server.script = [json_step(503, {'message': 'down'}), json_step(200, [])]
    with pytest.raises(ApiError):
        client_for(server, retries=0).get('/users')
    assert len(server.requests) == 1


def test_retry_after_seconds_is_honoured(server):
    server.script = [json_step(429, {'message': 'slow down'}, {'Retry-After': '1'}), json_step(200, [])]
    started = time.monotonic()
    client_for(server).get('/users')
    assert time.monotonic() - started >= 0.9


def test_retry_after_http_date_is_honoured(server):
    when = email.utils.formatdate(time.time() + 2, usegmt=True)
    server.script = [json_step(503, {'message': 'maintenance'}, {'Retry-After': when}), json_step(200, [])]
    started = time.monotonic()
    client_for(server).get('/users')
    assert time.monotonic() - started >= 0.9
    assert len(server.requests) == 2


def test_no_retry_starts_past_the_time_budget(server, monkeypatch):
    monkeypatch.setattr(_retry, 'RETRY_BUDGET', 2.0)
    server.script = [json_step(429, {'message': 'later'}, {'Retry-After': '30'}), json_step(200, [])]
    started = time.monotonic()
    with pytest.raises(ApiError) as exc:
        client_for(server).get('/users')
    assert exc.value.status == 429
    assert time.monotonic() - started < 2
    assert len(server.requests) == 1


def test_default_retries_give_up_within_a_minute(server):
    """With the defaults, the backoff alone (no Retry-After) never approaches the 60 s budget."""
    waits = [_retry.backoff_delay(attempt, 0.999) for attempt in range(1, 6)]
    assert sum(waits) < 60 and max(waits) <= _retry.BACKOFF_CAP
    assert waits == sorted(waits)


def test_connection_reset_is_retried_for_get(server):
    server.script = ['reset', json_step(200, [])]
    assert client_for(server).get('/users') == []
    assert len(server.requests) == 2


def test_connection_reset_on_post_is_not_retried(server):
    server.script = ['reset', json_step(201, {'Id': 'x'})]
    with pytest.raises(ApiError) as exc:
        client_for(server).post('/users', {'UserName': 'someone-123'})
    assert exc.value.status is None and exc.value.ambiguous
    assert len(server.requests) == 1


def test_read_timeout_is_retried_for_get_only(server):
    server.script = [('sleep', 0.6, json_step(200, [])), json_step(200, ['second'])]
    assert client_for(server, timeout=0.3).get('/users') == ['second']
    server.script = [('sleep', 0.6, json_step(201, {}))]
    server.requests[:] = []
    with pytest.raises(ApiError) as exc:
        client_for(server, timeout=0.3).post('/users', {'UserName': 'someone-123'})
    assert 'timeout' in str(exc.value)
    assert len(server.requests) == 1


def test_refused_connection_fails_cleanly_without_the_key():
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        port = probe.getsockname()[1]
    client = ApiClient(KEY, ORG, 'http://127.0.0.1:%d' % port, timeout=2, retries=1)
    with pytest.raises(ApiError) as exc:
        client.post('/users', {'UserName': 'someone-123'})
    assert str(exc.value) == 'POST http://127.0.0.1:%d/organizations/%s/users failed: connection refused' % (port, ORG)
    assert KEY not in str(exc.value)


def test_a_refused_connection_is_retried_even_for_post():
    retry = _retry.BudgetRetry(total=2, connect=2, allowed_methods=frozenset(_retry.IDEMPOTENT_METHODS))
    error = _retry.requests.packages.urllib3.exceptions.NewConnectionError(None, 'refused')
    assert retry.increment('POST', '/users', error=error).total == 1


@pytest.mark.parametrize('headers, text, message', [
    ({'Content-Type': 'application/json'}, '{"message": "UserName is invalid"}', 'UserName is invalid'),
    ({'Content-Type': 'application/json'}, '{"Message": "Forbidden"}', 'Forbidden'),
    ({'Content-Type': 'application/json'}, '{"error": "bad things"}', 'bad things'),
    ({'Content-Type': 'application/json'}, '{"status": 400, "message": "Invalid user", "error": "x"}', 'Invalid user'),
    ({'Content-Type': 'application/json'}, '{"errors": [{"message": "one"}, "two"]}', 'one; two'),
    ({'Content-Type': 'text/plain'}, 'plain failure text', 'plain failure text'),
    ({'Content-Type': 'text/html'}, '<html><head><style>p{}</style></head><body><h1>502 Bad Gateway</h1></body></html>',
     '502 Bad Gateway'),
    ({}, '', 'Bad Request'),
])
def test_error_bodies_are_parsed_tolerantly(server, headers, text, message):
    server.script = [(400, headers, text)]
    with pytest.raises(ApiError) as exc:
        client_for(server).get('/users')
    assert str(exc.value) == 'GET /users failed with HTTP 400: %s' % message


def test_the_key_never_appears_in_an_error(server):
    server.script = [json_step(401, {'message': 'Invalid key client-test-key-9876543210 for Bearer'})]
    with pytest.raises(ApiError) as exc:
        client_for(server).get('/users')
    assert KEY not in str(exc.value)


def test_headers_auth_and_content_type_only_with_a_body(server):
    server.script = [json_step(200, []), json_step(201, {})]
    client = client_for(server)
    client.get('/users')
    client.post('/users/abc/credential-rotations')
    client.patch('/users/abc', {'Alias': 'x'})
    (get_method, get_path, get_headers, get_body), (post_method, dummy, post_headers, post_body), patch = server.requests
    assert get_path == '/organizations/%s/users' % ORG
    assert get_headers['Authorization'] == 'Bearer %s' % KEY
    assert 'Content-Type' not in get_headers and get_body is None
    assert 'Content-Type' not in post_headers and post_body is None
    assert patch[2]['Content-Type'] == 'application/json' and json.loads(patch[3]) == {'Alias': 'x'}


def test_an_invalid_json_success_body_is_an_error(server):
    server.script = [(200, {'Content-Type': 'application/json'}, '{"truncated": ')]
    with pytest.raises(ApiError) as exc:
        client_for(server).get('/users')
    assert 'not valid JSON' in str(exc.value)


def test_empty_success_body_is_none(server):
    server.script = [(200, {}, ''), (200, {}, '')]
    assert client_for(server).request('DELETE', '/webhooks/x') is None
    assert client_for(server).delete('/webhooks/x') is True
