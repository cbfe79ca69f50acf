# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The sftptogo.sftptogo.webhook event source, served on a free port and driven by an aiohttp client."""

import asyncio
import datetime
import hashlib
import hmac
import importlib.util
import json
import logging
import os
import socket
import ssl
import time
import uuid

import aiohttp
import pytest
import pytest_asyncio

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, '..', '..', '..', '..', '..', '..', 'extensions', 'eda', 'plugins', 'event_source',
                      'webhook.py')
SECRET = 'unit-signing-secret-5f0c8e'
AUTHORIZATION = 'Bearer unit-authorization-token-77'


def _load_source():
    """The source module, loaded from its file (no collection loader needed)."""
    spec = importlib.util.spec_from_file_location('sftptogo_eda_webhook', os.path.normpath(SOURCE))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


webhook = _load_source()


def free_port():
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def sign(body, secret=SECRET):
    """The X-Hub-Signature value of ``body``."""
    return 'sha256=' + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def now_ms():
    """The current time in epoch milliseconds, as the service writes CreatedAt."""
    return int(time.time() * 1000)


def event_body(topic='file.created', path='inbound/daily%20report+2026.csv', size=357464, event_id=None, **extra):
    """A delivery body in the service's shape, created now (CreatedAt) unless ``extra`` says otherwise."""
    event_id = event_id or str(uuid.uuid4())
    created = now_ms()
    body = {
        'Id': event_id, 'Topic': topic, 'CreatedAt': created, 'UpdatedAt': created,
        'Actor': {'Type': 'User', 'Id': 'partner-0001'}, 'Resource': 'File', 'PreviousData': None,
        'Data': {'Path': path, 'Size': size},
        'Metadata': {'Organization': {'Id': 'org-1'}, 'Webhook': {'Id': 'hook-1'}, 'Delivery': {'Id': 'delivery-1'},
                     'Attempt': {'Id': 'attempt-1'}, 'Event': {'Id': event_id, 'Topic': topic}},
    }
    body.update(extra)
    return json.dumps(body).encode()


class Source:
    """A running source: its queue, URL and an aiohttp session to post to it."""

    def __init__(self, queue, url, session):
        self.queue = queue
        self.url = url
        self.session = session

    async def post(self, body, signature=True, headers=None):
        """POST ``body``; ``signature`` True signs it, a string is sent as the header, None sends none."""
        headers = dict(headers or {})
        if signature is True:
            headers['X-Hub-Signature'] = sign(body)
        elif signature is not None:
            headers['X-Hub-Signature'] = signature
        async with self.session.post(self.url + '/hook', data=body, headers=headers) as response:
            return response.status

    def events(self):
        """The events queued so far (taken off the queue)."""
        found = []
        while not self.queue.empty():
            found.append(self.queue.get_nowait())
        return found


async def start(args, scheme='http', client_ssl=None):
    """Start main() on a free port; returns (task, url) once the health check answers."""
    queue = asyncio.Queue()
    port = free_port()
    task = asyncio.ensure_future(webhook.main(queue, dict({'host': '127.0.0.1', 'port': str(port)}, **args)))
    url = f'{scheme}://127.0.0.1:{port}'
    async with aiohttp.ClientSession() as session:
        for _attempt in range(100):
            try:
                async with session.get(url + '/health', ssl=client_ssl) as response:
                    if response.status == 200:
                        return task, queue, url
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.02)
            if task.done():
                task.result()
    raise AssertionError('the source did not start')


async def stop(task):
    """Cancel a running source."""
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass


@pytest_asyncio.fixture
async def source_factory():
    """Starts sources with the given arguments; stops them after the test."""
    tasks = []
    sessions = []

    async def factory(**args):
        task, queue, url = await start(dict({'secret': SECRET}, **args))
        tasks.append(task)
        session = aiohttp.ClientSession()
        sessions.append(session)
        return Source(queue, url, session)

    yield factory
    for session in sessions:
        await session.close()
    for task in tasks:
        await stop(task)


@pytest_asyncio.fixture
async def source(source_factory):  # pylint: disable=redefined-outer-name
    """A source with the default arguments."""
    return await source_factory()


def test_signature_test_vector():
    """The service documentation's test vector."""
    body = b'Hello! This is a test payload.'
    header = 'sha256=8ba4c47558de1872150c3ec82211c34bf0cbd6d60fc4f9875b97853af06de917'
    assert webhook.signature_valid(b'Very Secret Secret', body, header)
    assert not webhook.signature_valid(b'Very Secret Secret!', body, header)
    assert not webhook.signature_valid(b'Very Secret Secret', body + b' ', header)


@pytest.mark.asyncio
async def test_good_signature_makes_one_event_with_clean_fields(source):  # pylint: disable=redefined-outer-name
    created = 1591106805970 + (now_ms() - 1591106805970) // 1000 * 1000  # now, with .970 ms
    body = event_body(event_id='36cd78bc-0662-43b1-a7aa-0cde4876ab2a', CreatedAt=created)
    assert await source.post(body, headers={'X-Trace': 't-1', 'User-Agent': 'SFTPToGo-Webhooks'}) == 204
    (event,) = source.events()
    assert event['payload'] == json.loads(body)
    assert event['sftptogo'] == {
        'id': '36cd78bc-0662-43b1-a7aa-0cde4876ab2a', 'topic': 'file.created',
        'path': 'inbound/daily report 2026.csv', 'raw_path': 'inbound/daily%20report+2026.csv',
        'is_directory': False, 'size': 357464, 'actor': {'type': 'User', 'id': 'partner-0001'},
        'organization_id': 'org-1', 'webhook_id': 'hook-1', 'delivery_id': 'delivery-1', 'attempt_id': 'attempt-1',
        'created_at': datetime.datetime.fromtimestamp(created // 1000, datetime.timezone.utc).strftime(
            '%Y-%m-%dT%H:%M:%S.970Z'),
    }
    assert event['meta']['endpoint'] == '/hook'
    assert event['meta']['headers']['User-Agent'] == 'SFTPToGo-Webhooks'
    assert not {'authorization', 'x-hub-signature', 'x-trace'} & {name.lower() for name in event['meta']['headers']}


@pytest.mark.asyncio
async def test_only_allowed_headers_reach_the_event(source_factory):  # pylint: disable=redefined-outer-name
    source = await source_factory(authorization=AUTHORIZATION)
    sent = {'Authorization': AUTHORIZATION, 'Cookie': 'session=s3cr3t', 'Proxy-Authorization': 'Basic cHJveHk6cHc=',
            'X-Api-Key': 'key-123', 'X-Amz-Security-Token': 'tok', 'X-Custom': 'c',
            'User-Agent': 'SFTPToGo-Webhooks', 'X-Request-Id': 'r-1', 'X-Forwarded-For': '203.0.113.7',
            'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'eda.example.com', 'X-Real-IP': '203.0.113.7',
            'Forwarded': 'for=203.0.113.7;proto=https'}
    assert await source.post(event_body(), headers=sent) == 204
    (event,) = source.events()
    headers = {name.lower(): value for name, value in event['meta']['headers'].items()}
    assert set(headers) - {'content-type'} == {'user-agent', 'x-request-id', 'x-forwarded-for', 'x-forwarded-proto',
                                               'x-forwarded-host', 'x-real-ip', 'forwarded'}
    assert headers['x-forwarded-for'] == '203.0.113.7'
    for value in ('s3cr3t', 'cHJveHk6cHc=', 'key-123', 'tok', AUTHORIZATION):
        assert value not in json.dumps(event['meta'])


@pytest.mark.asyncio
async def test_directory_download_and_deletion_fields(source):  # pylint: disable=redefined-outer-name
    assert await source.post(event_body(path='inbound/new%2Bdir/', size=None)) == 204
    download = event_body(topic='file.downloaded', path='out/r%C3%A9sum%C3%A9.pdf')
    payload = json.loads(download)
    payload['Data']['Metadata'] = {'Protocol': 'WEB_PORTAL', 'ClientIp': '203.0.113.9', 'SessionId': '12'}
    assert await source.post(json.dumps(payload).encode()) == 204
    assert await source.post(event_body(topic='file.deleted', size=None)) == 204
    directory, downloaded, deleted = [event['sftptogo'] for event in source.events()]
    assert (directory['path'], directory['is_directory'], directory['size']) == ('inbound/new+dir/', True, None)
    assert 'protocol' not in directory
    assert downloaded['path'] == 'out/r\u00e9sum\u00e9.pdf'
    assert (downloaded['protocol'], downloaded['client_ip']) == ('WEB_PORTAL', '203.0.113.9')
    assert (deleted['topic'], deleted['size']) == ('file.deleted', None)


@pytest.mark.asyncio
@pytest.mark.parametrize('signature', [
    None,
    'sha256=' + '0' * 64,
    sign(b'another body'),
    sign(b'x', secret='not the secret'),
    'sha1=' + hmac.new(SECRET.encode(), b'', hashlib.sha1).hexdigest(),
    'sha512=' + '0' * 128,
    '',
], ids=['missing', 'zeros', 'other-body', 'other-secret', 'sha1-prefix', 'sha512-prefix', 'empty'])
async def test_bad_signature_is_401_and_no_event(source, signature):  # pylint: disable=redefined-outer-name
    assert await source.post(event_body(), signature=signature) == 401
    assert source.events() == []


@pytest.mark.asyncio
async def test_signature_without_prefix_is_refused(source):  # pylint: disable=redefined-outer-name
    body = event_body()
    assert await source.post(body, signature=sign(body)[len('sha256='):]) == 401
    assert await source.post(body, signature=sign(body).replace('sha256=', 'SHA256 ')) == 401
    assert source.events() == []


@pytest.mark.asyncio
async def test_duplicate_id_is_one_event(source):  # pylint: disable=redefined-outer-name
    body = event_body()
    assert [await source.post(body) for _attempt in range(3)] == [204, 204, 204]
    assert len(source.events()) == 1
    assert await source.post(event_body()) == 204
    assert len(source.events()) == 1


@pytest.mark.asyncio
async def test_forged_delivery_does_not_burn_the_id(source):  # pylint: disable=redefined-outer-name
    body = event_body()
    assert await source.post(body, signature='sha256=' + 'f' * 64) == 401
    assert await source.post(body) == 204
    assert len(source.events()) == 1


@pytest.mark.asyncio
async def test_topics_filter(source_factory):  # pylint: disable=redefined-outer-name
    source = await source_factory(topics=['file.created'])
    assert await source.post(event_body(topic='file.deleted')) == 204
    assert await source.post(event_body(topic='file.created')) == 204
    assert [event['sftptogo']['topic'] for event in source.events()] == ['file.created']


@pytest.mark.asyncio
async def test_ping_only_when_asked(source_factory):  # pylint: disable=redefined-outer-name
    ping = {'Data': {'Topics': ['file.created'], 'State': 'enabled'}, 'Resource': 'webhook'}
    quiet = await source_factory()
    assert await quiet.post(event_body(topic='webhook.ping', **ping)) == 204
    assert quiet.events() == []
    loud = await source_factory(ping='true')
    assert await loud.post(event_body(topic='webhook.ping', **ping)) == 204
    (event,) = loud.events()
    assert (event['sftptogo']['topic'], event['sftptogo']['path'], event['sftptogo']['is_directory']) == (
        'webhook.ping', None, None)


@pytest.mark.asyncio
@pytest.mark.parametrize('body', [b'{not json', b'[1, 2]', b'"text"', b'{"Topic": "file.created"}',
                                  b'{"Id": "x"}', b'{"Id": 7, "Topic": "file.created"}', b'\xff\xfe'],
                         ids=['broken', 'array', 'string', 'no-id', 'no-topic', 'id-not-string', 'not-utf8'])
async def test_bad_json_is_400(source, body):  # pylint: disable=redefined-outer-name
    assert await source.post(body) == 400
    assert source.events() == []


@pytest.mark.asyncio
async def test_oversize_body_is_413(source):  # pylint: disable=redefined-outer-name
    limit = webhook.MAX_BODY
    padded = json.loads(event_body())
    padded['Padding'] = ''
    exact = json.dumps(padded).encode()
    padded['Padding'] = 'x' * (limit - len(exact))
    at_limit = json.dumps(padded).encode()
    assert len(at_limit) == limit
    assert await source.post(at_limit) == 204
    padded['Id'] = str(uuid.uuid4())
    padded['Padding'] += 'x'
    assert await source.post(json.dumps(padded).encode()) == 413
    assert len(source.events()) == 1


@pytest.mark.asyncio
async def test_health_check_and_methods(source):  # pylint: disable=redefined-outer-name
    async with source.session.get(source.url + '/any/path') as response:
        assert (response.status, await response.json()) == (200, {'status': 'ok'})
    for method in ('PUT', 'DELETE', 'PATCH'):
        async with source.session.request(method, source.url + '/hook', data=event_body()) as response:
            assert response.status == 405
    assert source.events() == []


@pytest.mark.asyncio
async def test_authorization_header(source_factory):  # pylint: disable=redefined-outer-name
    source = await source_factory(authorization=AUTHORIZATION)
    assert await source.post(event_body()) == 401
    assert await source.post(event_body(), headers={'Authorization': 'Bearer wrong'}) == 401
    assert await source.post(event_body(), headers={'Authorization': AUTHORIZATION}) == 204
    assert len(source.events()) == 1


@pytest.mark.asyncio
async def test_secret_and_authorization_never_logged(source_factory, caplog):  # pylint: disable=redefined-outer-name
    caplog.set_level(logging.DEBUG)
    source = await source_factory(authorization=AUTHORIZATION)
    body = event_body()
    await source.post(body, headers={'Authorization': AUTHORIZATION})
    await source.post(body, headers={'Authorization': AUTHORIZATION})
    await source.post(event_body(), headers={'Authorization': 'Bearer wrong'})
    await source.post(event_body(), signature='sha256=' + '1' * 64, headers={'Authorization': AUTHORIZATION})
    assert caplog.records, 'the source logs nothing at all: this test would prove nothing'
    for secret in (SECRET, AUTHORIZATION, sign(body)[len('sha256='):]):
        assert secret not in caplog.text


def _self_signed(tmp_path):
    """A self-signed certificate for 127.0.0.1: (certfile, keyfile)."""
    from cryptography import x509  # pylint: disable=import-outside-toplevel
    from cryptography.hazmat.primitives import hashes, serialization  # pylint: disable=import-outside-toplevel
    from cryptography.hazmat.primitives.asymmetric import ec  # pylint: disable=import-outside-toplevel
    import ipaddress  # pylint: disable=import-outside-toplevel
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, 'localhost')])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address('127.0.0.1'))]), False)
            .sign(key, hashes.SHA256()))
    certfile, keyfile = tmp_path / 'cert.pem', tmp_path / 'key.pem'
    certfile.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    keyfile.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    return str(certfile), str(keyfile)


@pytest.mark.asyncio
async def test_tls(tmp_path):
    certfile, keyfile = _self_signed(tmp_path)
    client_ssl = ssl.create_default_context(cafile=certfile)
    task, queue, url = await start({'secret': SECRET, 'certfile': certfile, 'keyfile': keyfile}, 'https', client_ssl)
    try:
        body = event_body()
        async with aiohttp.ClientSession() as session:
            headers = {'X-Hub-Signature': sign(body)}
            async with session.post(url + '/hook', data=body, headers=headers, ssl=client_ssl) as response:
                assert response.status == 204
            with pytest.raises(aiohttp.ClientConnectorCertificateError):
                async with session.post(url + '/hook', data=body, headers=headers):
                    pass
        assert queue.qsize() == 1
    finally:
        await stop(task)


@pytest.mark.asyncio
async def test_tls_handshakes_that_never_come_give_way(tmp_path):
    certfile, keyfile = _self_signed(tmp_path)
    client_ssl = ssl.create_default_context(cafile=certfile)
    task, queue, url = await start({'secret': SECRET, 'certfile': certfile, 'keyfile': keyfile,
                                    'max_connections': '2'}, 'https', client_ssl)
    try:
        await asyncio.sleep(0.1)
        silent = [await _raw_from(url, '127.0.0.2') for _index in range(2)]
        await asyncio.sleep(0.1)
        body = event_body()
        async with aiohttp.ClientSession() as session:
            async with session.post(url + '/hook', data=body, headers={'X-Hub-Signature': sign(body)},
                                    ssl=client_ssl) as response:
                assert response.status == 204
        assert await _closed_within(silent[0][0], 3) == b''
        assert queue.qsize() == 1
        for _reader, writer in silent:
            writer.close()
    finally:
        await stop(task)


@pytest.mark.parametrize('args, message', [
    ({'secret': SECRET}, 'port is required'),
    ({'port': '5000'}, 'secret is required'),
    ({'port': '5000', 'secret': ''}, 'secret is required'),
    ({'port': 'http', 'secret': SECRET}, 'port must be an integer'),
    ({'port': 70000, 'secret': SECRET}, 'between 0 and 65535'),
    ({'port': 1, 'secret': SECRET, 'keyfile': 'k.pem'}, 'keyfile needs certfile'),
    ({'port': 1, 'secret': SECRET, 'topics': [1]}, 'topics must be a list'),
    ({'port': 1, 'secret': SECRET, 'ping': 'maybe'}, 'ping must be true or false'),
    ({'port': 1, 'secret': SECRET, 'max_connections': '0'}, 'max_connections must be at least 1'),
    ({'port': 1, 'secret': SECRET, 'max_connections': '2.5'}, 'max_connections must be an integer'),
    ({'port': 1, 'secret': SECRET, 'max_connections': True}, 'max_connections must be an integer'),
    ({'port': 1, 'secret': SECRET, 'max_unverified_bytes': 1000}, 'max_unverified_bytes must be at least 1048576'),
    ({'port': 1, 'secret': SECRET, 'header_timeout': 'nan'}, 'header_timeout must be a number of seconds'),
    ({'port': 1, 'secret': SECRET, 'body_timeout': 'soon'}, 'body_timeout must be a number of seconds'),
    ({'port': 1, 'secret': SECRET, 'max_age': '1e400'}, 'max_age must be a number of seconds'),
    ({'port': 1, 'secret': SECRET, 'max_age': 0}, 'max_age must be at least 1'),
])
def test_bad_arguments(args, message):
    with pytest.raises(ValueError, match=message) as error:
        webhook.settings(args)
    assert SECRET not in str(error.value)


def test_arguments_from_strings():
    config = webhook.settings({'port': ' 5000 ', 'secret': SECRET, 'topics': 'file.created', 'ping': 'yes',
                               'max_connections': '64', 'header_timeout': '2.5', 'max_age': 300})
    assert (config['port'], config['topics'], config['ping'], config['host']) == (
        5000, frozenset(['file.created']), True, '0.0.0.0')
    assert (config['max_connections'], config['header_timeout'], config['max_age']) == (64, 2.5, 300.0)


def test_limit_defaults_are_documented():
    yaml = pytest.importorskip('yaml')
    options = yaml.safe_load(webhook.DOCUMENTATION)['options']
    config = webhook.settings({'port': 1, 'secret': SECRET})
    for name, (default, _integer, _minimum) in webhook.LIMITS.items():
        assert options[name]['default'] == default == config[name]


def test_documentation_parses_and_names_every_argument():
    yaml = pytest.importorskip('yaml')
    doc = yaml.safe_load(webhook.DOCUMENTATION)
    assert set(doc['options']) == set(webhook.settings({'port': 1, 'secret': SECRET}))
    assert doc['short_description'] and doc['description']
    (example,) = yaml.safe_load(webhook.EXAMPLES)
    assert 'sftptogo.sftptogo.webhook' in example['sources'][0]


def _with_created(created_text, event_id):
    """A delivery body whose CreatedAt is the raw JSON text ``created_text`` (NaN, 1e400 are not json.dumps output)."""
    body = json.loads(event_body(event_id=event_id))
    body['CreatedAt'] = '@CREATED@'
    return json.dumps(body).replace('"@CREATED@"', created_text).encode()


@pytest.mark.asyncio
@pytest.mark.parametrize('created', ['NaN', '1e400', '-Infinity', '"1591106805970"', 'null', 'true', '1' + '0' * 400],
                         ids=['nan', 'overflow', 'minus-infinity', 'string', 'null', 'bool', 'huge-int'])
async def test_created_at_not_a_time_is_500_and_the_retry_fires(source, created):  # pylint: disable=redefined-outer-name
    event_id = str(uuid.uuid4())
    assert await source.post(_with_created(created, event_id)) == 500
    assert source.events() == []
    assert await source.post(event_body(event_id=event_id)) == 204
    assert [event['sftptogo']['id'] for event in source.events()] == [event_id]


@pytest.mark.asyncio
async def test_event_that_cannot_be_built_is_500_and_not_seen(source, monkeypatch):  # pylint: disable=redefined-outer-name
    real_fields = webhook.fields

    def broken(payload):
        raise ValueError('cannot build')

    monkeypatch.setattr(webhook, 'fields', broken)
    body = event_body()
    assert await source.post(body) == 500
    assert source.events() == []
    monkeypatch.setattr(webhook, 'fields', real_fields)
    assert await source.post(body) == 204
    assert len(source.events()) == 1
    assert await source.post(body) == 204
    assert source.events() == []


@pytest.mark.asyncio
async def test_created_at_outside_max_age_is_400_without_event(source_factory):  # pylint: disable=redefined-outer-name
    source = await source_factory(max_age='60')
    old = event_body(CreatedAt=now_ms() - 61 * 1000)
    future = event_body(CreatedAt=now_ms() + 61 * 1000)
    assert await source.post(old) == 400
    assert await source.post(future) == 400
    assert await source.post(event_body(CreatedAt=now_ms() - 50 * 1000)) == 204
    assert await source.post(event_body(CreatedAt=now_ms() + 50 * 1000)) == 204
    assert len(source.events()) == 2


@pytest.mark.asyncio
async def test_captured_delivery_replayed_after_a_restart(source_factory):  # pylint: disable=redefined-outer-name
    """A fresh source (a restart) has forgotten every Id: an old delivery is refused by its age, not its Id."""
    captured = event_body(CreatedAt=now_ms() - (webhook.LIMITS['max_age'][0] + 5) * 1000)
    restarted = await source_factory()
    assert await restarted.post(captured) == 400
    assert restarted.events() == []


def test_seen_ids_are_forgotten_by_age_and_bounded():
    seen = webhook.Seen(max_age=10, size=3)
    now = time.time()
    seen.add('old', now - 11)
    seen.add('fresh', now)
    assert 'old' not in seen and 'fresh' in seen
    for name in ('a', 'b', 'c'):
        seen.add(name, now)
    assert 'fresh' not in seen and {'a', 'b', 'c'} == set(seen.expiry)


async def _raw(url):
    """A raw TCP connection to the source: (reader, writer)."""
    host, port = url.split('//')[1].split(':')
    return await asyncio.open_connection(host, int(port))


async def _closed_within(reader, seconds):
    """The bytes the server sent before it closed the connection; fails when it is still open after ``seconds``."""
    async def read_all():
        data = b''
        while True:
            try:
                chunk = await reader.read(65536)
            except ConnectionError:  # closed by a reset (abort) while we were writing
                return data
            if not chunk:
                return data
            data += chunk

    return await asyncio.wait_for(read_all(), seconds)


def _head(length, path='/hook', signature='sha256=' + '0' * 64):
    """The request line and headers of a POST with Content-Length ``length``."""
    return (f'POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n'
            f'X-Hub-Signature: {signature}\r\n\r\n').encode()


@pytest.mark.asyncio
async def test_slow_headers_and_idle_connections_are_closed(source_factory):  # pylint: disable=redefined-outer-name
    source = await source_factory(header_timeout='0.5')
    idle_reader, _idle = await _raw(source.url)
    slow_reader, slow = await _raw(source.url)
    slow.write(b'POST /hook HTTP/1.1\r\nHost: x\r\n')
    started = time.monotonic()
    try:
        for _tick in range(20):
            await asyncio.sleep(0.1)
            slow.write(b'X-Slow: 1\r\n')
            await slow.drain()
    except ConnectionError:
        pass
    assert await _closed_within(slow_reader, 3) == b''
    assert await _closed_within(idle_reader, 3) == b''
    assert 0.5 <= time.monotonic() - started < 2
    assert await source.post(event_body()) == 204


@pytest.mark.asyncio
async def test_slow_body_is_408_and_closed(source_factory):  # pylint: disable=redefined-outer-name
    source = await source_factory(body_timeout='0.5')
    reader, writer = await _raw(source.url)
    writer.write(_head(1000) + b'{"Id": ')
    answer = await _closed_within(reader, 3)
    assert answer.startswith(b'HTTP/1.1 408 ')
    assert source.events() == [] and await source.post(event_body()) == 204


async def _still_open(reader, seconds=0.3):
    """True when the server neither answered nor closed the connection within ``seconds``."""
    try:
        await asyncio.wait_for(reader.read(1), seconds)
    except asyncio.TimeoutError:
        return True
    except ConnectionError:
        return False
    return False


async def _raw_from(url, address):
    """A raw TCP connection to the source from the loopback ``address`` (127.0.0.x): (reader, writer)."""
    host, port = url.split('//')[1].split(':')
    return await asyncio.open_connection(host, int(port), local_addr=(address, 0))


async def _signed_from(url, address, body=None):
    """A signed delivery sent on a new connection from ``address``; its status line."""
    body = body or event_body()
    reader, writer = await _raw_from(url, address)
    writer.write(_head(len(body), signature=sign(body)) + body)
    line = await asyncio.wait_for(reader.readline(), 3)
    writer.close()
    return line


@pytest.mark.asyncio
async def test_a_full_table_makes_the_longest_waiting_connection_give_way(source_factory):  # pylint: disable=redefined-outer-name
    source = await source_factory(max_connections='3')
    held = [await _raw_from(source.url, f'127.0.0.{2 + index}') for index in range(3)]
    held[1][1].write(b'POST /hook HTTP/1.1\r\nHost: x\r\n')  # half a header: waiting too, not newer
    early_reader, _early = await _raw_from(source.url, '127.0.0.5')  # one each: none waited MAKE_WAY_AFTER yet
    answer = await _closed_within(early_reader, 3)
    assert answer.startswith(b'HTTP/1.1 503 ') and b'Retry-After: 1' in answer
    await asyncio.sleep(webhook.MAKE_WAY_AFTER)
    assert (await _signed_from(source.url, '127.0.0.1')).startswith(b'HTTP/1.1 204 ')
    assert await _closed_within(held[0][0], 3) == b''
    assert await _still_open(held[1][0]) and await _still_open(held[2][0])
    assert len(source.events()) == 1
    for _reader, writer in held:
        writer.close()


@pytest.mark.asyncio
async def test_the_address_holding_most_gives_way_and_its_cap_holds(source_factory):  # pylint: disable=redefined-outer-name
    source = await source_factory(max_connections='3', max_connections_per_address='2')
    crowd = [await _raw_from(source.url, '127.0.0.2') for _index in range(3)]
    answer = await _closed_within(crowd[2][0], 3)  # over its address's cap
    assert answer.startswith(b'HTTP/1.1 503 ') and b'Retry-After: 1' in answer
    other = await _raw_from(source.url, '127.0.0.3')
    await asyncio.sleep(0.1)
    assert await _still_open(crowd[0][0]) and await _still_open(crowd[1][0]) and await _still_open(other[0])
    single = await _raw_from(source.url, '127.0.0.4')  # the table is full: 127.0.0.2 holds the most
    assert await _closed_within(crowd[0][0], 3) == b''
    assert await _still_open(crowd[1][0]) and await _still_open(other[0]) and await _still_open(single[0])
    for _reader, writer in crowd + [other, single]:
        writer.close()


class _HeldQueue:
    """A queue whose put waits until released: requests stay complete and in hand."""

    def __init__(self):
        self.events = []
        self.release = asyncio.Event()

    async def put(self, event):
        """Wait for the release, then keep the event."""
        await self.release.wait()
        self.events.append(event)


@pytest.mark.asyncio
async def test_503_only_when_every_connection_handles_a_complete_request():
    queue, port = _HeldQueue(), free_port()
    task = asyncio.ensure_future(webhook.main(queue, {'host': '127.0.0.1', 'port': port, 'secret': SECRET,
                                                      'max_connections': '2'}))
    url = f'http://127.0.0.1:{port}'
    try:
        await asyncio.sleep(0.3)
        pending = [asyncio.ensure_future(_signed_from(url, '127.0.0.1')) for _index in range(2)]
        await asyncio.sleep(0.3)
        reader, writer = await _raw_from(url, '127.0.0.1')
        writer.write(b'GET / HTTP/1.1\r\nHost: x\r\n\r\n')
        answer = await _closed_within(reader, 3)
        assert answer.startswith(b'HTTP/1.1 503 ') and b'Retry-After: 1' in answer
        queue.release.set()
        assert [line[:13] for line in await asyncio.gather(*pending)] == [b'HTTP/1.1 204 '] * 2
        assert len(queue.events) == 2
    finally:
        await stop(task)


@pytest.mark.asyncio
async def test_announced_lengths_take_no_budget(source_factory):  # pylint: disable=redefined-outer-name
    source = await source_factory(max_unverified_bytes=str(webhook.MAX_BODY))
    announcers = [await _raw_from(source.url, f'127.0.0.{2 + index}') for index in range(4)]
    for _reader, writer in announcers:
        writer.write(_head(webhook.MAX_BODY) + b'x' * 10)
    await asyncio.sleep(0.2)
    assert (await _signed_from(source.url, '127.0.0.1')).startswith(b'HTTP/1.1 204 ')
    still_open = [await _still_open(reader) for reader, _writer in announcers]
    assert still_open == [True] * len(announcers)
    for _reader, writer in announcers:
        writer.close()


@pytest.mark.asyncio
async def test_unverified_bytes_are_capped_and_the_largest_holder_gives_way(source_factory):  # pylint: disable=redefined-outer-name
    source = await source_factory(max_unverified_bytes=str(webhook.MAX_BODY))
    small_reader, small = await _raw_from(source.url, '127.0.0.3')
    small.write(_head(webhook.MAX_BODY) + b'x' * 1000)
    large_reader, large = await _raw_from(source.url, '127.0.0.2')
    large.write(_head(webhook.MAX_BODY) + b'x' * (webhook.MAX_BODY - 1100))  # 100 bytes left
    await asyncio.sleep(0.3)
    assert (await _signed_from(source.url, '127.0.0.1')).startswith(b'HTTP/1.1 204 ')
    assert await _closed_within(large_reader, 3) == b''  # no answer: its bytes were dropped at once
    assert await _still_open(small_reader)
    reader, writer = await _raw_from(source.url, '127.0.0.1')  # now the address holding the most itself
    writer.write(_head(webhook.MAX_BODY) + b'x' * webhook.MAX_BODY)
    assert (await _closed_within(reader, 3)).startswith(b'HTTP/1.1 503 ')
    assert await _still_open(small_reader)
    assert len(source.events()) == 1
    small.close()
    large.close()


@pytest.mark.asyncio
async def test_equal_holders_do_not_push_each_other_out(source_factory):  # pylint: disable=redefined-outer-name
    source = await source_factory(max_unverified_bytes=str(webhook.MAX_BODY))
    half = webhook.MAX_BODY // 2 - 1000
    first_reader, first = await _raw_from(source.url, '127.0.0.2')
    first.write(_head(webhook.MAX_BODY) + b'x' * half)
    await asyncio.sleep(0.2)
    second_reader, second = await _raw_from(source.url, '127.0.0.3')
    second.write(_head(webhook.MAX_BODY) + b'x' * (half + 5000))  # passes the budget while holding about as much
    assert (await _closed_within(second_reader, 3)).startswith(b'HTTP/1.1 503 ')
    assert await _still_open(first_reader)
    assert (await _signed_from(source.url, '127.0.0.1')).startswith(b'HTTP/1.1 204 ')
    first.close()
    second.close()


@pytest.mark.asyncio
async def test_oversize_announced_length_is_413_before_the_body(source):  # pylint: disable=redefined-outer-name
    reader, writer = await _raw_from(source.url, '127.0.0.2')
    writer.write(_head(webhook.MAX_BODY + 1))
    assert (await _closed_within(reader, 3)).startswith(b'HTTP/1.1 413 ')
    writer.close()


@pytest.mark.parametrize('peer, address', [
    (('127.0.0.2', 5000), '127.0.0.2'),
    (('2001:db8:1:2:3:4:5:6', 5000, 0, 0), '2001:db8:1:2::/64'),
    (('::ffff:192.0.2.7', 5000, 0, 0), '192.0.2.7'),
    (('fe80::1%eth0', 5000, 0, 2), 'fe80::/64'),
])
def test_address_of_a_connection(peer, address):
    class Transport:  # pylint: disable=too-few-public-methods
        """Only the peer name."""

        @staticmethod
        def get_extra_info(name):
            """The peer."""
            return peer if name == 'peername' else None

    assert webhook._address_of(Transport()) == address  # pylint: disable=protected-access


@pytest.mark.asyncio
async def test_chunked_body_is_counted_as_it_arrives(source_factory):  # pylint: disable=redefined-outer-name
    source = await source_factory()

    async def chunks(body):
        for start in range(0, len(body), 1000):
            yield body[start:start + 1000]

    body = event_body()
    headers = {'X-Hub-Signature': sign(body)}
    async with source.session.post(source.url + '/hook', data=chunks(body), headers=headers) as response:
        assert response.status == 204
    big = b'x' * (webhook.MAX_BODY + 1)
    async with source.session.post(source.url + '/hook', data=chunks(big), headers=headers) as response:
        assert response.status == 413
    assert len(source.events()) == 1


@pytest.mark.asyncio
async def test_expect_100_continue(source):  # pylint: disable=redefined-outer-name
    body = event_body()
    reader, writer = await _raw(source.url)
    head = _head(len(body), signature=sign(body)).replace(b'\r\n\r\n', b'\r\nExpect: 100-continue\r\n\r\n')
    writer.write(head)
    assert (await asyncio.wait_for(reader.readline(), 3)).startswith(b'HTTP/1.1 100 ')
    await reader.readline()
    writer.write(body)
    assert (await asyncio.wait_for(reader.readline(), 3)).startswith(b'HTTP/1.1 204 ')
    writer.close()
    assert len(source.events()) == 1
