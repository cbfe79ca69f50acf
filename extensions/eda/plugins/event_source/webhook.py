# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Event-Driven Ansible source: receives the signed webhook deliveries of SFTP To Go."""

DOCUMENTATION = r'''
---
short_description: Receive SFTP To Go webhook notifications (uploads, downloads, deletions)
description:
  - An event source for C(ansible-rulebook) that listens for the notifications an SFTP To Go webhook sends when a file
    is uploaded, downloaded or deleted, and turns each one into an event for the rules.
  - Every delivery must carry a valid C(X-Hub-Signature) header (HMAC-SHA256 of the raw body with the webhook's signing
    secret); a delivery that does not is answered 401 and becomes no event.
  - The service retries a delivery that failed; the same event Id is turned into one event only.
  - 'Answers V(204) to an accepted delivery, V(400) to a body that is not a JSON object with C(Id) and C(Topic), V(401)
    to a bad signature or C(Authorization) header, V(405) to methods other than C(POST) and C(GET), V(413) to a body
    over 1 MiB. C(GET) on any path answers V(200) C({"status": "ok"}), a health check.'
  - The service refuses self-signed certificates. Serve TLS with a certificate of a public authority (O(certfile),
    O(keyfile)), or put a TLS-terminating proxy with such a certificate in front of this source.
  - "Each event holds C(sftptogo) (the fields rules need: C(id), C(topic), C(path) URL-decoded, C(raw_path),
    C(is_directory), C(size), C(actor) with C(type) and C(id), C(organization_id), C(webhook_id), C(delivery_id),
    C(attempt_id), C(created_at) in ISO 8601 UTC and, for downloads, C(protocol) and C(client_ip)), C(payload) (the
    body as sent) and C(meta) (C(endpoint) and the C(headers) without C(Authorization) and C(X-Hub-Signature))."
options:
  host:
    description: The address to listen on.
    type: str
    default: 0.0.0.0
  port:
    description: The TCP port to listen on.
    type: int
    required: true
  secret:
    description:
      - The webhook's signing secret, returned once by M(sftptogo.sftptogo.sftptogo_webhook) when it creates the webhook.
      - Pass it as a variable (C(ansible-rulebook -E) or a vault), never written into the rulebook, which
        C(ansible-rulebook -vv) prints.
    type: str
    required: true
  authorization:
    description:
      - When set, the C(Authorization) header of a delivery must equal it (the webhook's authorization header).
    type: str
  topics:
    description:
      - Only these topics become events; deliveries of other topics are answered V(204) and dropped.
      - All topics when left out.
    type: list
    elements: str
  certfile:
    description: A PEM certificate chain; the source then serves HTTPS.
    type: str
  keyfile:
    description: The PEM private key of O(certfile), unless O(certfile) holds it.
    type: str
  ping:
    description: Turn C(webhook.ping) deliveries (the console's test button) into events too.
    type: bool
    default: false
'''

EXAMPLES = r'''
- name: Process partner uploads
  hosts: all
  sources:
    - sftptogo.sftptogo.webhook:
        port: 5000
        secret: "{{ SFTPTOGO_WEBHOOK_SECRET }}"
        topics:
          - file.created
  rules:
    - name: A CSV file landed in inbound/
      condition: >-
        event.sftptogo.topic == "file.created" and not event.sftptogo.is_directory
        and event.sftptogo.path is match("inbound/.*[.]csv")
      action:
        run_playbook:
          name: process_upload.yml
'''

import asyncio
import hashlib
import hmac
import json
import logging
import ssl
from collections import OrderedDict
from datetime import datetime, timezone
from urllib.parse import unquote_plus

from aiohttp import web

LOGGER = logging.getLogger(__name__)
MAX_BODY = 1024 * 1024
SEEN_IDS = 10000
SIGNATURE_PREFIX = 'sha256='
HIDDEN_HEADERS = ('authorization', 'x-hub-signature')


def _bool(name, value):
    """A boolean argument; rulebook arguments rendered by Jinja arrive as strings."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ('true', 'yes', 'on', '1', 'false', 'no', 'off', '0'):
        return value.strip().lower() in ('true', 'yes', 'on', '1')
    raise ValueError(f'{name} must be true or false')


def _port(value):
    """The port argument as an integer (rulebook arguments may be strings)."""
    try:
        port = int(str(value).strip())
    except ValueError:
        raise ValueError('port must be an integer') from None
    if not 0 <= port <= 65535:
        raise ValueError('port must be between 0 and 65535')
    return port


def _topics(value):
    """The topics argument: None (all) or a frozenset of topic names."""
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) and item for item in value):
        raise ValueError('topics must be a list of topic names')
    return frozenset(value)


def settings(args):
    """The checked source arguments; ValueError names the bad one (never showing the secret)."""
    if 'port' not in args:
        raise ValueError('port is required')
    secret = args.get('secret')
    if not isinstance(secret, str) or not secret:
        raise ValueError('secret is required: the signing secret of the webhook')
    authorization = args.get('authorization')
    if authorization is not None and not isinstance(authorization, str):
        raise ValueError('authorization must be a string')
    if args.get('keyfile') and not args.get('certfile'):
        raise ValueError('keyfile needs certfile')
    return {
        'host': str(args.get('host') or '0.0.0.0'),
        'port': _port(args['port']),
        'secret': secret.encode('utf-8'),
        'authorization': authorization.encode('utf-8') if authorization else None,
        'topics': _topics(args.get('topics')),
        'certfile': args.get('certfile') or None,
        'keyfile': args.get('keyfile') or None,
        'ping': _bool('ping', args.get('ping', False)),
    }


def signature_valid(secret, body, header):
    """True when ``header`` is ``sha256=<hex HMAC-SHA256(secret, body)>``, compared in constant time."""
    if not header or not header.startswith(SIGNATURE_PREFIX):
        return False
    expected = hmac.new(secret, body, hashlib.sha256).hexdigest().encode('ascii')
    given = header[len(SIGNATURE_PREFIX):].strip().lower().encode('utf-8', 'replace')
    return hmac.compare_digest(expected, given)


def _authorized(expected, header):
    """True when no Authorization is configured, or the header equals it (constant time)."""
    if expected is None:
        return True
    return header is not None and hmac.compare_digest(expected, header.encode('utf-8', 'replace'))


def _get(data, *keys):
    """data[k1][k2]... or None when any level is missing or not an object."""
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _iso_time(value):
    """Epoch milliseconds as ISO 8601 UTC (``2020-06-02T14:06:45.970Z``), None when not a number."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    moment = datetime.fromtimestamp(value / 1000.0, tz=timezone.utc)
    return moment.isoformat(timespec='milliseconds').replace('+00:00', 'Z')


def fields(payload):
    """The clean fields of a delivery body that rules match on (the ``sftptogo`` key of the event)."""
    raw_path = _get(payload, 'Data', 'Path')
    size = _get(payload, 'Data', 'Size')
    # Data.Path is URL-encoded as a form value: '+' is a space (the service's own handlers decode it so).
    path = unquote_plus(raw_path) if isinstance(raw_path, str) else None
    result = {
        'id': payload.get('Id'),
        'topic': payload.get('Topic'),
        'path': path,
        'raw_path': raw_path if isinstance(raw_path, str) else None,
        'is_directory': path.endswith('/') if path is not None else None,
        'size': size if isinstance(size, (int, float)) and not isinstance(size, bool) else None,
        'actor': {'type': _get(payload, 'Actor', 'Type'), 'id': _get(payload, 'Actor', 'Id')},
        'organization_id': _get(payload, 'Metadata', 'Organization', 'Id'),
        'webhook_id': _get(payload, 'Metadata', 'Webhook', 'Id'),
        'delivery_id': _get(payload, 'Metadata', 'Delivery', 'Id'),
        'attempt_id': _get(payload, 'Metadata', 'Attempt', 'Id'),
        'created_at': _iso_time(payload.get('CreatedAt')),
    }
    if result['topic'] == 'file.downloaded':
        result['protocol'] = _get(payload, 'Data', 'Metadata', 'Protocol')
        result['client_ip'] = _get(payload, 'Data', 'Metadata', 'ClientIp')
    return result


def _answer(status, message=None):
    """A response: 204 without a body, others with ``{"message": ...}``."""
    if status == 204:
        return web.Response(status=204)
    return web.json_response({'message': message}, status=status)


def _parse(body):
    """The delivery body as a JSON object with string Id and Topic, or None."""
    try:
        payload = json.loads(body.decode('utf-8'))
    except ValueError:
        return None
    if not isinstance(payload, dict):
        return None
    if not all(isinstance(payload.get(key), str) and payload.get(key) for key in ('Id', 'Topic')):
        return None
    return payload


class Receiver:
    """The HTTP handler: checks a delivery, drops repeats and filtered topics, queues the rest as events."""

    def __init__(self, queue, config):
        self.queue = queue
        self.config = config
        self.seen = OrderedDict()

    async def _body(self, request):
        """The raw body, or None when it is over MAX_BODY."""
        if request.content_length is not None and request.content_length > MAX_BODY:
            return None
        try:
            return await request.read()
        except web.HTTPRequestEntityTooLarge:
            return None

    def _wanted(self, topic):
        """True when a delivery of ``topic`` becomes an event."""
        if topic == 'webhook.ping' and not self.config['ping']:
            return False
        return self.config['topics'] is None or topic in self.config['topics']

    def _first_time(self, event_id):
        """True the first time ``event_id`` is seen; remembers the last SEEN_IDS ids."""
        if event_id in self.seen:
            return False
        self.seen[event_id] = True
        if len(self.seen) > SEEN_IDS:
            self.seen.popitem(last=False)
        return True

    def _event(self, request, payload):
        """The event handed to the rules."""
        headers = {name: value for name, value in request.headers.items() if name.lower() not in HIDDEN_HEADERS}
        return {'sftptogo': fields(payload), 'payload': payload,
                'meta': {'endpoint': request.path, 'headers': headers}}

    async def handle(self, request):
        """Answer one request (see DOCUMENTATION for the status codes)."""
        if request.method == 'GET':
            return web.json_response({'status': 'ok'})
        if request.method != 'POST':
            return _answer(405, 'only POST (deliveries) and GET (health check)')
        body = await self._body(request)
        if body is None:
            return _answer(413, f'the body is over {MAX_BODY} bytes')
        if not _authorized(self.config['authorization'], request.headers.get('Authorization')):
            LOGGER.warning('delivery refused: wrong or missing Authorization header (from %s)', request.remote)
            return _answer(401, 'not authorized')
        if not signature_valid(self.config['secret'], body, request.headers.get('X-Hub-Signature')):
            LOGGER.warning('delivery refused: missing or wrong X-Hub-Signature (from %s)', request.remote)
            return _answer(401, 'bad signature')
        payload = _parse(body)
        if payload is None:
            return _answer(400, 'the body must be a JSON object with Id and Topic')
        if not self._first_time(payload['Id']):
            LOGGER.info('event %s delivered again: ignored', payload['Id'])
        elif self._wanted(payload['Topic']):
            await self.queue.put(self._event(request, payload))
        return _answer(204)


def _ssl_context(config):
    """A server TLS context when certfile is set, else None."""
    if not config['certfile']:
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(config['certfile'], config['keyfile'])
    return context


async def main(queue, args):
    """Serve until cancelled, putting one event on ``queue`` per accepted delivery."""
    config = settings(args)
    receiver = Receiver(queue, config)
    app = web.Application(client_max_size=MAX_BODY)
    app.router.add_route('*', '/{tail:.*}', receiver.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, config['host'], config['port'], ssl_context=_ssl_context(config))
    await site.start()
    LOGGER.info('sftptogo.sftptogo.webhook listening on %s:%s (%s)', config['host'], config['port'],
                'https' if config['certfile'] else 'http')
    try:
        await asyncio.Future()
    finally:
        await runner.cleanup()


if __name__ == '__main__':
    class PrintQueue:
        """Prints events instead of queueing them, to try the source by hand."""

        async def put(self, event):
            """Print one event."""
            print(json.dumps(event, indent=2))

    import os
    asyncio.run(main(PrintQueue(), {'port': os.environ.get('PORT', '5000'),
                                    'secret': os.environ['SFTPTOGO_WEBHOOK_SECRET']}))
