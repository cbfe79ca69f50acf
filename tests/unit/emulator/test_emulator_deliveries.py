# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Simulated file events (control API): signed deliveries, retries, auto-pause, loopback switch."""

import hashlib
import hmac
import http.server
import json
import threading

import pytest

import deliveries

HOOK = {'Alias': 'Uploads', 'Type': 'webhook', 'Topics': ['file.created'], 'AuthorizationHeader': 'Bearer hook-token-1'}


class Receiver:
    """A plain-http receiver on a free loopback port: records each request, answers from a script of statuses."""

    def __init__(self, statuses=(204,)):
        self.statuses = list(statuses)
        self.requests = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            """Records the POST and answers the next scripted status (the last one repeats)."""

            def do_POST(self):  # pylint: disable=invalid-name
                body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
                receiver.requests.append({'path': self.path, 'headers': dict(self.headers), 'body': body})
                status = receiver.statuses.pop(0) if len(receiver.statuses) > 1 else receiver.statuses[0]
                self.send_response(status)
                self.send_header('Content-Length', '0')
                self.end_headers()

            def log_message(self, *args):  # pylint: disable=arguments-differ
                pass

        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f'https://127.0.0.1:{self.server.server_address[1]}/sftptogo'

    def close(self):
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    """A receiver answering 204; its script can be changed with ``statuses``."""
    server = Receiver()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(autouse=True)
def fast_backoff(monkeypatch):
    """Retries without the real pauses."""
    monkeypatch.setattr(deliveries, 'BACKOFF_SECONDS', 0.001)


def _hook(client, url, **fields):
    """A webhook created through the API."""
    answer = client.api('POST', '/webhooks', dict(HOOK, Url=url, **fields))
    assert answer.status == 201, answer
    return answer.json


def _event(client, **body):
    """Simulate a file event through the control API (asserts 200)."""
    return client.control('POST', '/file-events', body)


def test_upload_is_delivered_signed_in_the_service_shape(emu, client, receiver):
    emu.set_config(webhook_loopback_http=True)
    hook = _hook(client, receiver.url)
    answer = _event(client, topic='file.created', path='/inbound/daily report+v2 é.csv', size=42)
    (request,) = receiver.requests
    body = json.loads(request['body'])
    assert request['path'] == '/sftptogo'
    expected = 'sha256=' + hmac.new(hook['Secret'].encode(), request['body'], hashlib.sha256).hexdigest()
    assert request['headers']['X-Hub-Signature'] == expected
    assert request['headers']['Authorization'] == 'Bearer hook-token-1'
    assert request['headers']['Content-Type'] == 'application/json'
    assert set(body) == {'Id', 'Topic', 'CreatedAt', 'UpdatedAt', 'Actor', 'Resource', 'PreviousData', 'Data',
                         'Metadata'}
    assert body['Data'] == {'Path': 'inbound/daily+report%2Bv2+%C3%A9.csv', 'Size': 42}
    assert (body['Topic'], body['Resource'], body['PreviousData']) == ('file.created', 'File', None)
    assert body['Actor']['Type'] == 'User'
    assert body['Metadata']['Event'] == {'Id': body['Id'], 'Topic': 'file.created'}
    assert body['Metadata']['Webhook'] == {'Id': hook['Id']}
    assert body['Metadata']['Organization']['Id'] == hook['OrganizationId']
    (report,) = answer['deliveries']
    assert (report['succeeded'], report['paused'], len(report['attempts'])) == (True, False, 1)
    assert report['attempts'][0]['status'] == 204
    assert answer['event']['Id'] == body['Id']


def test_download_and_deletion_bodies(emu, client, receiver):
    emu.set_config(webhook_loopback_http=True)
    _hook(client, receiver.url, Topics=['file.downloaded', 'file.deleted'])
    _event(client, topic='file.downloaded', path='out/r.pdf', size=7, protocol='WEB_PORTAL', client_ip='203.0.113.5',
           actor={'Type': 'IAM', 'Id': 'AIDAEXAMPLE'})
    _event(client, topic='file.deleted', path='out/r.pdf')
    download, deletion = [json.loads(request['body']) for request in receiver.requests]
    assert download['Data']['Metadata']['Protocol'] == 'WEB_PORTAL'
    assert download['Data']['Metadata']['ClientIp'] == '203.0.113.5'
    assert download['Actor'] == {'Type': 'IAM', 'Id': 'AIDAEXAMPLE'}
    assert deletion['Data'] == {'Path': 'out/r.pdf', 'Size': None}


def test_only_enabled_subscribed_http_webhooks_receive(emu, client, receiver):
    emu.set_config(webhook_loopback_http=True)
    _hook(client, receiver.url, Topics=['file.deleted'])
    _hook(client, receiver.url, State='paused')
    _hook(client, 'ops@example.com', Type='email')
    answer = _event(client, topic='file.created', path='a.txt')
    assert answer['deliveries'] == []
    assert receiver.requests == []


def test_retry_on_5xx_keeps_event_and_delivery_ids(emu, client, receiver):
    emu.set_config(webhook_loopback_http=True)
    receiver.statuses = [503, 429, 204]
    _hook(client, receiver.url)
    (report,) = _event(client, topic='file.created', path='a.txt')['deliveries']
    assert [attempt['status'] for attempt in report['attempts']] == [503, 429, 204]
    assert report['succeeded']
    bodies = [json.loads(request['body']) for request in receiver.requests]
    assert len({body['Id'] for body in bodies}) == 1
    assert len({body['Metadata']['Delivery']['Id'] for body in bodies}) == 1
    assert len({body['Metadata']['Attempt']['Id'] for body in bodies}) == 3


def test_4xx_is_not_retried(emu, client, receiver):
    emu.set_config(webhook_loopback_http=True)
    receiver.statuses = [401]
    _hook(client, receiver.url)
    (report,) = _event(client, topic='file.created', path='a.txt')['deliveries']
    assert ([attempt['status'] for attempt in report['attempts']], report['succeeded']) == ([401], False)


def test_five_failed_deliveries_pause_the_webhook(emu, client, receiver):
    emu.set_config(webhook_loopback_http=True)
    receiver.statuses = [500]
    hook = _hook(client, receiver.url)
    reports = [_event(client, topic='file.created', path=f'f{n}.txt')['deliveries'][0] for n in range(5)]
    assert [report['paused'] for report in reports] == [False] * 4 + [True]
    assert all(len(report['attempts']) == deliveries.ATTEMPTS for report in reports)
    assert emu.get_state()['webhooks'][0]['State'] == 'paused'
    assert _event(client, topic='file.created', path='late.txt')['deliveries'] == []
    client.api('PATCH', f"/webhooks/{hook['Id']}", {'State': 'enabled'})
    receiver.statuses = [204]
    assert _event(client, topic='file.created', path='again.txt')['deliveries'][0]['succeeded']


def test_without_the_switch_loopback_is_https_and_fails(client, receiver):
    _hook(client, receiver.url)
    (report,) = _event(client, topic='file.created', path='a.txt')['deliveries']
    assert not report['succeeded']
    assert len(report['attempts']) == deliveries.ATTEMPTS
    assert all(attempt['status'] is None and attempt['error'] for attempt in report['attempts'])
    assert receiver.requests == []


def test_target_url_switch_only_for_loopback():
    assert deliveries.target_url('https://127.0.0.1:8443/x?y=1', True) == 'http://127.0.0.1:8443/x?y=1'
    assert deliveries.target_url('https://localhost/x', True) == 'http://localhost/x'
    assert deliveries.target_url('https://hooks.example.com/x', True) == 'https://hooks.example.com/x'
    assert deliveries.target_url('https://127.0.0.1/x', False) == 'https://127.0.0.1/x'


@pytest.mark.parametrize('body', [
    {}, {'topic': 'file.moved', 'path': 'a'}, {'topic': 'file.created'}, {'topic': 'file.created', 'path': ''},
    {'topic': 'file.created', 'path': 'a', 'size': -1}, {'topic': 'file.created', 'path': 'a', 'other': 1},
    {'topic': 'file.created', 'path': 'a', 'actor': {'Type': 'Robot', 'Id': 'x'}},
    {'topic': 'file.downloaded', 'path': 'a', 'protocol': 'HTTP'},
])
def test_bad_event_requests_are_400(client, body):
    answer = client.raw('POST', '/__emulator/file-events', json.dumps(body).encode(),
                        {'Content-Type': 'application/json'})
    assert answer.status == 400, answer
