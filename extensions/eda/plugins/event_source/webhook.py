# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Event-Driven Ansible source: receives the signed webhook deliveries of SFTP To Go.

One file: ansible-rulebook loads a collection's source with runpy.run_path, outside any package, so a sibling module
could not be imported. Its sections, in order:

1. Arguments: settings() checks the rulebook's arguments (LIMITS: the limits' defaults and minimums).
2. Deliveries: the signature and Authorization checks, the event's fields, the Ids already seen (Seen).
3. Hardening against unauthenticated load (what a client without the secret can make the source hold):
   3.1 refusal logs, throttled (_Throttle); 3.2 the byte budget of unverified bodies (Budget);
   3.3 connection caps, overall and per address, and header/idle deadlines (Connections);
   3.4 one connection's reads and its timed TLS handshake (_Tracked); 3.5 aiohttp's parser and buffer limits.
4. The handler: reads a body within the budget and body_timeout, checks it, queues its event (Receiver).
5. The listener: main() serves on a socket of its own whose protocol factory is Connections.
"""

DOCUMENTATION = r'''
---
short_description: Receive SFTP To Go webhook notifications (uploads, downloads, deletions)
description:
  - An event source for C(ansible-rulebook) that listens for the notifications an SFTP To Go webhook sends when a file
    is uploaded, downloaded or deleted, and turns each one into an event for the rules.
  - Every delivery must carry a valid C(X-Hub-Signature) header (HMAC-SHA256 of the raw body with the webhook's signing
    secret); a delivery that does not is answered 401 and becomes no event.
  - The service retries a delivery that failed; the same event Id is turned into one event only.
  - 'Answers V(204) to an accepted delivery, V(400) to a body that is not a JSON object with C(Id) and C(Topic) and to a
    delivery whose C(CreatedAt) is outside O(max_age), V(401) to a bad signature or C(Authorization) header, V(405) to
    methods other than C(POST) and C(GET), V(408) to a body slower than O(body_timeout), V(413) to a body over 1 MiB
    (at once when its C(Content-Length) says so), V(500) to a signed delivery that cannot be turned into an event (for
    example a C(CreatedAt) that is not a number), and V(503) when the limits below leave no room. C(GET) on any path
    answers V(200) C({"status": "ok"}), a health check.'
  - The service retries a delivery answered V(408) or 5xx; such a delivery's Id is not remembered, so its retry becomes
    the event. A delivery answered V(400) is not retried (the same body would be refused again).
  - 'Limits against unauthenticated load, fair to each client address: at most O(max_connections) connections, at most
    O(max_connections_per_address) of them from one address (an IPv6 /64 counts as one address), at most
    O(max_unverified_bytes) bytes of bodies received before their signature is checked (counted as they arrive, not as
    announced), the headers of each request within O(header_timeout) (also the limit for an idle connection and the TLS
    handshake), the body within O(body_timeout). At most 32 headers of at most 4096 bytes each.'
  - 'When O(max_connections) or O(max_unverified_bytes) is full, a newcomer from an address holding less is not refused:
    a connection without a complete request from the address holding the most connections (or body bytes) is closed
    to make way, the longest-waiting first; so is any connection that has waited over a second without a complete
    request. Idle, slow or silent connections from other addresses thus cannot keep the service''s deliveries out.
    V(503) (the service retries) over O(max_connections_per_address), and when nothing can make way.'
  - Memory held under such load is about O(max_unverified_bytes) plus 300 KiB per connection, and returns when the load
    goes. Behind a reverse proxy every connection comes from the proxy's address; see the Event-Driven Ansible guide.
  - Event Ids are remembered until their C(CreatedAt) leaves the O(max_age) window, and a delivery outside that window is
    refused, so a captured delivery cannot fire again later, also after a restart of the source (which forgets the Ids),
    except within O(max_age) of its creation.
  - The service refuses self-signed certificates. Serve TLS with a certificate of a public authority (O(certfile),
    O(keyfile)), or put a TLS-terminating proxy with such a certificate in front of this source.
  - "Each event holds C(sftptogo) (the fields rules need: C(id), C(topic), C(path) URL-decoded, C(raw_path),
    C(is_directory), C(size), C(actor) with C(type) and C(id), C(organization_id), C(webhook_id), C(delivery_id),
    C(attempt_id), C(created_at) in ISO 8601 UTC and, for downloads, C(protocol) and C(client_ip)), C(payload) (the
    body as sent) and C(meta) (C(endpoint) and C(headers): only C(Content-Type), C(User-Agent), C(X-Request-Id),
    C(Forwarded), C(X-Forwarded-For), C(X-Forwarded-Host), C(X-Forwarded-Proto) and C(X-Real-IP); no other header, so
    no cookie, credential or key reaches the rules)."
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
  max_connections:
    description:
      - The most connections open at once. A new connection over it takes the place of a connection without a
        complete request (see the description); V(503) when none can make way.
    type: int
    default: 128
  max_connections_per_address:
    description:
      - The most connections open at once from one client address (an IPv6 /64 counts as one); more are answered
        V(503) and closed.
      - Behind a reverse proxy all connections come from the proxy; raise it to O(max_connections) there and let the
        proxy limit each client.
    type: int
    default: 16
  max_unverified_bytes:
    description:
      - The most bytes of request bodies received before their signature is checked, over all connections, counted as
        they arrive (not as announced). A body that would pass it closes the bodies of an address holding more to make
        way; V(503) when there is none. At least 1048576 (one body of the largest size).
    type: int
    default: 16777216
  header_timeout:
    description:
      - Seconds within which a request's headers must have arrived (counted from the opening of the connection or the
        end of the previous request on it; also the TLS handshake's limit). The connection is closed after it.
    type: float
    default: 10
  body_timeout:
    description:
      - Seconds within which a request's body must have arrived once its headers did; answered V(408) and closed after.
    type: float
    default: 20
  max_age:
    description:
      - Seconds a delivery stays valid after its C(CreatedAt) (the service's clock), either way; a delivery outside the
        window is answered V(400) and becomes no event. Event Ids are remembered for that long.
      - Keep it above the time the service keeps retrying a delivery and the clock difference with the service.
    type: float
    default: 600
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
import ctypes
import ctypes.util
import hashlib
import hmac
import ipaddress
import json
import logging
import math
import ssl
import time
from collections import OrderedDict
from datetime import datetime, timezone
from urllib.parse import unquote_plus

from aiohttp import web

LOGGER = logging.getLogger(__name__)


# ====================================================================================================================
# 1. Arguments: the rulebook's arguments, checked once at start (settings).
# ====================================================================================================================

# The largest body a delivery may have (413 above it).
MAX_BODY = 1024 * 1024
# The limits against unauthenticated load: argument -> (default, integer, minimum); bytes and seconds.
LIMITS = {
    'max_connections': (128, True, 1),
    'max_connections_per_address': (16, True, 1),
    'max_unverified_bytes': (16 * MAX_BODY, True, MAX_BODY),
    'header_timeout': (10, False, 0.1),
    'body_timeout': (20, False, 0.1),
    'max_age': (600, False, 1),
}


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


def _number(name, value, integer, minimum):
    """A limit argument: a finite number (or a string of one) at least ``minimum``; an integer when asked."""
    number = None
    if not isinstance(value, bool):
        try:
            number = float(str(value).strip())
        except (ValueError, OverflowError):
            number = None
    kind = 'an integer' if integer else 'a number of seconds'
    if number is None or not math.isfinite(number) or (integer and number != int(number)):
        raise ValueError(f'{name} must be {kind}')
    if number < minimum:
        raise ValueError(f'{name} must be at least {minimum}')
    return int(number) if integer else number


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
    config = {
        'host': str(args.get('host') or '0.0.0.0'),
        'port': _port(args['port']),
        'secret': secret.encode('utf-8'),
        'authorization': authorization.encode('utf-8') if authorization else None,
        'topics': _topics(args.get('topics')),
        'certfile': args.get('certfile') or None,
        'keyfile': args.get('keyfile') or None,
        'ping': _bool('ping', args.get('ping', False)),
    }
    for name, (default, integer, minimum) in LIMITS.items():
        value = args.get(name)
        config[name] = _number(name, default if value is None else value, integer, minimum)
    return config


# ====================================================================================================================
# 2. Deliveries: authenticity (signature, Authorization), the event's fields, repeats (Seen).
# ====================================================================================================================

SIGNATURE_PREFIX = 'sha256='
# The only request headers an event carries (meta.headers): what describes the delivery and the proxies in front of
# the source. An allow-list: cookies, credentials and keys that a client or proxy adds never reach the rules.
EVENT_HEADERS = ('content-type', 'user-agent', 'x-request-id', 'forwarded', 'x-forwarded-for', 'x-forwarded-host',
                 'x-forwarded-proto', 'x-real-ip')
# Ids remembered at most; they are forgotten sooner, once their CreatedAt leaves the max_age window.
SEEN_IDS = 100000


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


def _created(payload):
    """CreatedAt (epoch milliseconds) in epoch seconds, or None when it is not a finite number."""
    value = payload.get('CreatedAt')
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    try:
        seconds = value / 1000.0
    except OverflowError:
        return None
    return seconds if math.isfinite(seconds) else None


def _label(event_id):
    """An event Id for a log line (it may be any string the service signed)."""
    return repr(event_id[:80])


def _headers(request):
    """The request headers an event carries: EVENT_HEADERS only."""
    return {name: value for name, value in request.headers.items() if name.lower() in EVENT_HEADERS}


class Seen:
    """The Ids turned into events, each kept until its CreatedAt leaves the max_age window (at most SEEN_IDS)."""

    def __init__(self, max_age, size=SEEN_IDS):
        self.max_age = max_age
        self.size = size
        self.expiry = OrderedDict()

    def _forget_expired(self):
        now = time.time()
        while self.expiry and next(iter(self.expiry.values())) < now:
            self.expiry.popitem(last=False)

    def __contains__(self, event_id):
        self._forget_expired()
        return event_id in self.expiry

    def add(self, event_id, created):
        """Remember ``event_id`` until ``created`` (epoch seconds) + max_age."""
        self._forget_expired()
        self.expiry[event_id] = created + self.max_age
        if len(self.expiry) > self.size:
            self.expiry.popitem(last=False)
            THROTTLE.warn('memory', 'over %s events within max_age: the oldest Id is forgotten before its time',
                          self.size)

    def discard(self, event_id):
        """Forget ``event_id`` (its event did not reach the queue)."""
        self.expiry.pop(event_id, None)


# ====================================================================================================================
# 3. Hardening: the listener against unauthenticated load. Everything here exists to bound what a client that
# has no secret can make the source hold (connections, bytes, time, log lines); a delivery passes through it
# unchanged. Limits: LIMITS (arguments, section 1); the body's own deadline and size in Receiver._body (section 4).
# ====================================================================================================================


# --------------------------------------------------------------------------------------------------------------------
# 3.1 Refusal logs: a refusal an attacker can repeat at will is logged once per 1000.
# --------------------------------------------------------------------------------------------------------------------

class _Throttle:
    """Warnings of refusals that an attacker can repeat at will: the first, then one per 1000, with the count."""

    def __init__(self):
        self.counts = {}

    def warn(self, kind, message, *args):
        """Log ``message`` % ``args`` unless it is one of the 999 repeats of ``kind`` after a logged one."""
        count = self.counts[kind] = self.counts.get(kind, 0) + 1
        if count % 1000 == 1:
            LOGGER.warning(message + ' (%s so far)', *(args + (count,)))


THROTTLE = _Throttle()


# --------------------------------------------------------------------------------------------------------------------
# 3.2 Byte budget: the bytes of bodies received before their signature is checked (max_unverified_bytes), fair
# to each address; and freed memory handed back to the system after a load.
# --------------------------------------------------------------------------------------------------------------------

class _Held:
    """The unverified body of one request: its bytes so far, its address and connection, so that it can make way."""

    def __init__(self, address, transport, started):
        self.address = address
        self.transport = transport
        self.started = started
        self.body = bytearray()
        self.evicted = False


class Budget:
    """The bytes of bodies received before their signature is checked, over all connections, under a cap. When a
    chunk does not fit, the bodies of the address holding the most bytes make way (the largest, then the oldest), as
    long as that address holds more than the chunk's would: equal holders do not push each other out."""

    def __init__(self, limit):
        self.limit = limit
        self.used = 0
        self.asked = 0  # since the last look at the load (Connections.watch)
        self.holders = set()

    def hold(self, request):
        """A new, empty body of ``request`` counted in the budget."""
        held = _Held(_address_of(request.transport), request.transport, time.monotonic())
        self.holders.add(held)
        return held

    def take(self, held, chunk):
        """Add ``chunk`` to ``held``'s body, making way if needed; False (nothing added) when ``held`` itself is the
        body to make way."""
        self.asked += len(chunk)
        while self.used + len(chunk) > self.limit:
            victim = self._victim(held, len(chunk))
            if victim is None:
                return False
            self._evict(victim)
        self.used += len(chunk)
        held.body += chunk
        return True

    def give(self, held):
        """Forget ``held`` (its body was verified, refused or made way)."""
        self.used -= len(held.body)
        self.holders.discard(held)

    def _victim(self, held, size):
        """The body to make way for ``size`` more bytes of ``held``, or None."""
        totals = {}
        for other in self.holders:
            totals[other.address] = totals.get(other.address, 0) + len(other.body)
        victim = max(self.holders, key=lambda other: (totals[other.address], len(other.body), -other.started))
        if victim.address == held.address or totals[victim.address] <= totals.get(held.address, 0) + size:
            return None
        return victim

    def _evict(self, victim):
        """Free ``victim``'s bytes now and close its connection (its handler then answers nobody)."""
        THROTTLE.warn('budget_make_way', 'max_unverified_bytes (%s) in use: a body of the address holding the most '
                      'made way (last from %s)', self.limit, victim.address)
        self.give(victim)
        victim.body = bytearray()
        victim.evicted = True
        if victim.transport is not None:
            victim.transport.abort()


def _release_memory():
    """Hand freed heap memory back to the system (glibc keeps it otherwise); nothing elsewhere."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library('c'))
        libc.malloc_trim(0)
    except (OSError, AttributeError, TypeError):
        pass


# --------------------------------------------------------------------------------------------------------------------
# 3.3 Connection limits: at most max_connections, max_connections_per_address from one address (an IPv6 /64 is
# one); a full table makes the longest-waiting connection without a complete request give way; the deadlines
# of headers and idle connections (header_timeout: slow clients, slow-loris).
# --------------------------------------------------------------------------------------------------------------------

# asyncio accepts up to this many connections per turn of the loop; those over a cap close the next turn: the sockets
# open at once stay under max_connections + 2 * LISTEN_BACKLOG (accepted, closing) = max_connections + 128.
LISTEN_BACKLOG = 64
# Seconds after which a connection still without a complete request gives way to any newcomer when the table is full
# (a delivery takes a round trip or two); a younger one only to a newcomer whose address holds fewer connections.
MAKE_WAY_AFTER = 1.0
REFUSAL = (b'HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Type: application/json\r\n'
           b'Content-Length: 46\r\nConnection: close\r\n\r\n{"message": "too many connections, try again"}')


def _address_of(transport):
    """The address a connection counts against: its IP; an IPv6 /64 (what one host usually gets) counts as one."""
    peer = transport.get_extra_info('peername') if transport is not None else None
    host = peer[0] if isinstance(peer, (tuple, list)) and peer else str(peer)
    try:
        address = ipaddress.ip_address(str(host).split('%', 1)[0])
    except ValueError:
        return str(host)
    if address.version == 6 and address.ipv4_mapped:
        return str(address.ipv4_mapped)
    if address.version == 6:
        return str(ipaddress.ip_network(f'{address}/64', strict=False))
    return str(address)


class Connections:
    """The protocol factory of the listener: the caps on open connections (all, per address), the deadline of each
    request's headers. A full table makes the connection that has waited longest for a complete request, from the
    address holding the most connections, give way to the newcomer."""

    def __init__(self, server, config, context):
        self.server = server
        self.context = context
        self.limit = config['max_connections']
        self.per_address = config['max_connections_per_address']
        self.timeout = config['header_timeout']
        self.open = {}  # aiohttp handler -> _Tracked
        self.counts = {}  # address -> connections open
        self.opened = 0  # since the last look at the load (watch)
        self.loop = asyncio.get_running_loop()

    def __call__(self):
        self.opened += 1
        return _Tracked(self)

    def admit(self, tracked):
        """Serve a new connection, making way for it when the table is full; 503 over its address's cap or when
        nothing can make way."""
        tracked.address = _address_of(tracked.transport)
        if self.counts.get(tracked.address, 0) >= self.per_address:
            return self._refuse(tracked, 'max_connections_per_address', self.per_address)
        if len(self.open) >= self.limit and not self._make_way(tracked.address):
            return self._refuse(tracked, 'max_connections', self.limit)
        handler = self.server()
        self.open[handler] = tracked
        self.counts[tracked.address] = self.counts.get(tracked.address, 0) + 1
        tracked.since = self.loop.time()
        tracked.deadline = tracked.since + self.timeout
        tracked.serve(handler, self.context, self.timeout)
        return None

    @staticmethod
    def _refuse(tracked, name, limit):
        THROTTLE.warn(name, '%s (%s) reached and nothing can make way: new connections answered 503 (last from %s)',
                      name, limit, tracked.address)
        tracked.transport.write(REFUSAL)
        tracked.transport.close()

    def _make_way(self, address):
        """Close a connection without a complete request for a newcomer from ``address``: the longest-waiting of the
        address holding the most connections when it holds more than ``address`` would, else the longest-waiting
        one when it has waited MAKE_WAY_AFTER; False when neither exists (equal holders do not push each other out)."""
        waiting = [tracked for tracked in self.open.values() if not tracked.complete]
        if not waiting:
            return False
        victim = max(waiting, key=lambda tracked: (self.counts[tracked.address], -tracked.since))
        if self.counts[victim.address] <= self.counts.get(address, 0) + 1:
            victim = min(waiting, key=lambda tracked: tracked.since)
            if self.loop.time() - victim.since < MAKE_WAY_AFTER:
                return False
        THROTTLE.warn('make_way', 'max_connections (%s) reached: a connection without a complete request made way '
                      'for a newcomer (last from %s)', self.limit, victim.address)
        self._close(victim)
        return True

    def _close(self, tracked):
        """Abort a connection and forget it now (its connection_lost comes later)."""
        self.lost(tracked)
        tracked.transport.abort()

    def lost(self, tracked):
        """A connection closed."""
        if self.open.get(tracked.handler) is not tracked:
            return
        del self.open[tracked.handler]
        self.counts[tracked.address] -= 1
        if not self.counts[tracked.address]:
            del self.counts[tracked.address]

    def started(self, handler):
        """A request's headers arrived: no deadline while it is handled (its body has body_timeout)."""
        if handler in self.open:
            self.open[handler].deadline = None

    def completed(self, handler):
        """A request is complete (its body read): its connection no longer makes way for others."""
        if handler in self.open:
            self.open[handler].complete = True

    def idle(self, handler):
        """A request was handled: the next one's headers must arrive within header_timeout."""
        tracked = self.open.get(handler)
        if tracked is not None:
            tracked.since = self.loop.time()
            tracked.deadline = tracked.since + self.timeout
            tracked.complete = False

    def expire(self):
        """Close the connections past their deadline."""
        now = self.loop.time()
        for tracked in list(self.open.values()):
            if tracked.deadline is not None and now >= tracked.deadline:
                self._close(tracked)

    def close_all(self):
        """Abort every connection (shutdown)."""
        for tracked in list(self.open.values()):
            self._close(tracked)

    async def watch(self, budget):
        """Enforce the deadlines until cancelled; give freed memory back while a load (many connections or body
        bytes since the last time) lasts, and once it is gone."""
        while True:
            await asyncio.sleep(min(1.0, self.timeout / 4))
            self.expire()
            if self.opened > self.limit // 4 or budget.asked > budget.limit // 4:
                # Bodies made to give way are replaced by others: without this the heap keeps every freed one.
                _release_memory()
                if len(self.open) <= 1 and not budget.used:
                    self.opened = budget.asked = 0


# --------------------------------------------------------------------------------------------------------------------
# 3.4 One connection: its reads bounded (RECEIVE_SIZE) and its TLS handshake timed (header_timeout) like any wait
# for headers, so a client stuck in the handshake gives way too.
# --------------------------------------------------------------------------------------------------------------------

# The most asyncio's transports read from a socket at once (256 KiB by default).
RECEIVE_SIZE = 64 * 1024


class _Tracked(asyncio.Protocol):
    """One connection: admitted or refused by Connections, then served by aiohttp's protocol (after TLS when set)."""

    def __init__(self, connections):
        self.connections = connections
        self.handler = None  # aiohttp's protocol, once admitted
        self.transport = None  # the TCP connection
        self.address = None
        self.since = 0.0  # when the wait for the current request began
        self.deadline = None  # of that wait (TLS handshake, headers); None while a request is handled
        self.complete = False  # a complete request is being handled: the connection never makes way then
        self.handshake = None

    def connection_made(self, transport):
        self.transport = transport
        if hasattr(transport, 'max_size'):
            # asyncio reads up to 256 KiB at a time, which aiohttp holds until the body is read: a quarter of that
            # bounds what each connection holds (uvloop's transports have no such attribute).
            transport.max_size = RECEIVE_SIZE
        self.connections.admit(self)

    def serve(self, handler, context, timeout):
        """Hand the connection to ``handler``, after a TLS handshake within ``timeout`` when ``context`` is set."""
        self.handler = handler
        if context is None:
            handler.connection_made(self.transport)
            return
        # The handshake runs over our own transport (start_tls) so that a connection in it can be timed and made to
        # give way like any other; reading waits for it.
        self.transport.pause_reading()
        self.handshake = asyncio.ensure_future(self._handshake(context, timeout))

    async def _handshake(self, context, timeout):
        try:
            tls = await asyncio.get_running_loop().start_tls(self.transport, self, context, server_side=True,
                                                             ssl_handshake_timeout=timeout)
        except Exception:  # pylint: disable=broad-except  # any failed handshake: the connection is gone
            tls = None
        if tls is None:  # failed, or closed as it ended (made to give way)
            self.connections.lost(self)
            return
        self.handler.connection_made(tls)

    def data_received(self, data):
        if self.handler is not None:
            self.handler.data_received(data)

    def eof_received(self):
        return self.handler.eof_received() if self.handler is not None else None

    def pause_writing(self):
        if self.handler is not None:
            self.handler.pause_writing()

    def resume_writing(self):
        if self.handler is not None:
            self.handler.resume_writing()

    def connection_lost(self, exc):
        self.connections.lost(self)
        if self.handler is not None and self.handler.transport is not None:
            self.handler.connection_lost(exc)


# --------------------------------------------------------------------------------------------------------------------
# 3.5 aiohttp's own limits: what a connection may hold while its headers or body arrive (used by main).
# --------------------------------------------------------------------------------------------------------------------

# aiohttp's parser limits: a delivery's headers take a few hundred bytes; these bound what a connection can hold
# while its headers arrive (aiohttp before 3.14 allowed 32768 headers).
HEADER_LIMITS = {'max_headers': 32, 'max_field_size': 4096, 'max_line_size': 4096}
# What aiohttp buffers of a body before the source reads it: up to twice this per connection (64 KiB by default).
READ_BUFFER = 16 * 1024


# ====================================================================================================================
# 4. The handler: reads a body within the budget and body_timeout, checks it, queues its event (Receiver).
# ====================================================================================================================

# The status of a body whose connection closed (by the client, or to make way for another): no answer is read.
GONE = 499


def _answer(status, message=None, close=False):
    """A response: 204 without a body, others with ``{"message": ...}``; ``close`` ends the connection after it."""
    if status == 204:
        response = web.Response(status=204)
    else:
        response = web.json_response({'message': message}, status=status)
    if close:
        response.force_close()
    return response


class Receiver:
    """The HTTP handler: checks a delivery, drops repeats and filtered topics, queues the rest as events."""

    def __init__(self, queue, config):
        self.queue = queue
        self.config = config
        self.seen = Seen(config['max_age'])
        self.budget = Budget(config['max_unverified_bytes'])
        self.connections = None

    # Hardening (section 3) of the body read: counted in the byte budget as it arrives, within MAX_BODY and
    # body_timeout; a body that may not be read closes its connection.

    async def _chunks(self, request, held):
        """Read the body into ``held`` chunk by chunk, each counted in the budget as it arrives; None when it is all
        there, else the status refusing it: 413, 503 (its address holds the most of the budget), GONE."""
        while True:
            try:
                chunk = await request.content.readany()
            except ConnectionError as closed:
                # The error stays in the request's stream: with its traceback it would keep this frame and the
                # body alive in a reference cycle, memory that only the cycle collector frees, much later.
                closed.__traceback__ = None
                return GONE
            if held.evicted:
                return GONE
            if not chunk:
                return None
            if len(held.body) + len(chunk) > MAX_BODY:
                return 413
            if not self.budget.take(held, chunk):
                return 503

    async def _body(self, request, held):
        """Read the raw body into ``held``; None, or the status refusing it: 413 over MAX_BODY (an announced length
        at once), 503 over the budget, 408 too slow, GONE."""
        if request.content_length is not None and request.content_length > MAX_BODY:
            return 413
        if request.transport is None:  # closed before this handler ran: aiohttp told its stream nothing
            return GONE
        try:
            return await asyncio.wait_for(self._chunks(request, held), self.config['body_timeout'])
        except asyncio.TimeoutError:
            return 408

    def _refuse_body(self, request, status):
        """The answer to a body not read (see _body); the connection closes after it."""
        if status == GONE:  # closed, by the client or to make way: nobody reads this answer
            return _answer(503, 'gone', close=True)
        if status == 503:
            THROTTLE.warn('budget', 'deliveries refused: max_unverified_bytes (%s) in use (last from %s)',
                          self.config['max_unverified_bytes'], request.remote)
            return _answer(503, 'busy, try again', close=True)
        if status == 408:
            THROTTLE.warn('slow', 'deliveries refused: body slower than body_timeout (last from %s)', request.remote)
            return _answer(408, 'the body did not arrive in time', close=True)
        THROTTLE.warn('large', 'deliveries refused: body over %s bytes (last from %s)', MAX_BODY, request.remote)
        return _answer(413, f'the body is over {MAX_BODY} bytes', close=True)

    def _check(self, request, body):
        """None when the delivery is authentic, else the 401 answer."""
        if not _authorized(self.config['authorization'], request.headers.get('Authorization')):
            THROTTLE.warn('authorization', 'deliveries refused: wrong or missing Authorization header (last from %s)',
                          request.remote)
            return _answer(401, 'not authorized')
        if not signature_valid(self.config['secret'], body, request.headers.get('X-Hub-Signature')):
            THROTTLE.warn('signature', 'deliveries refused: missing or wrong X-Hub-Signature (last from %s)',
                          request.remote)
            return _answer(401, 'bad signature')
        return None

    def _wanted(self, topic):
        """True when a delivery of ``topic`` becomes an event."""
        if topic == 'webhook.ping' and not self.config['ping']:
            return False
        return self.config['topics'] is None or topic in self.config['topics']

    def _event(self, request, payload):
        """The event handed to the rules."""
        return {'sftptogo': fields(payload), 'payload': payload,
                'meta': {'endpoint': request.path, 'headers': _headers(request)}}

    def _stale(self, payload, created):
        """The 400 answer when CreatedAt is outside the max_age window, else None."""
        age = time.time() - created
        if abs(age) <= self.config['max_age']:
            return None
        LOGGER.warning('event %s refused: created %.0f s %s, outside max_age (%s s)', _label(payload['Id']),
                       abs(age), 'ago' if age > 0 else 'in the future', self.config['max_age'])
        return _answer(400, 'CreatedAt is outside the max_age window of the source')

    async def _accept(self, request, payload):
        """Queue the event of an authentic delivery, once per Id; 500 (retried, Id not kept) when it cannot be built."""
        event_id, created = payload['Id'], _created(payload)
        if created is None:
            LOGGER.warning('event %s: CreatedAt is not a time; answered 500 so that the service retries',
                           _label(event_id))
            return _answer(500, 'the event could not be built: CreatedAt is not a time')
        stale = self._stale(payload, created)
        if stale is not None:
            return stale
        if event_id in self.seen:
            LOGGER.info('event %s delivered again: ignored', _label(event_id))
            return _answer(204)
        if not self._wanted(payload['Topic']):
            self.seen.add(event_id, created)
            return _answer(204)
        try:
            event = self._event(request, payload)
        except Exception as exc:  # pylint: disable=broad-except  # whatever the reason, the retry must get through
            LOGGER.warning('event %s could not be built (%s); answered 500 so that the service retries',
                           _label(event_id), type(exc).__name__)
            return _answer(500, 'the event could not be built')
        self.seen.add(event_id, created)
        try:
            await self.queue.put(event)
        except BaseException:
            self.seen.discard(event_id)
            raise
        return _answer(204)

    async def _deliver(self, request):
        """Answer one POST: read and authenticate the body within the limits, then accept it."""
        held = self.budget.hold(request)
        try:
            status = await self._body(request, held)
            if status is not None:
                return self._refuse_body(request, status)
            self.connections.completed(request.protocol)
            body = held.body
            refusal = self._check(request, body)
            if refusal is not None:
                return refusal
        finally:
            self.budget.give(held)
        payload = _parse(body)
        if payload is None:
            return _answer(400, 'the body must be a JSON object with Id and Topic')
        return await self._accept(request, payload)

    async def handle(self, request):
        """Answer one request (see DOCUMENTATION for the status codes)."""
        self.connections.started(request.protocol)
        try:
            if request.method == 'GET':
                return web.json_response({'status': 'ok'})
            if request.method != 'POST':
                return _answer(405, 'only POST (deliveries) and GET (health check)')
            return await self._deliver(request)
        finally:
            self.connections.idle(request.protocol)


# ====================================================================================================================
# 5. The listener: our own server socket, whose protocol factory is Connections (main).
# ====================================================================================================================

def _ssl_context(config):
    """A server TLS context when certfile is set, else None."""
    if not config['certfile']:
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(config['certfile'], config['keyfile'])
    return context


async def _listen(connections, config):
    """The listening server, handing each connection to ``connections`` (which serves TLS itself)."""
    return await asyncio.get_running_loop().create_server(
        connections, config['host'], config['port'], backlog=LISTEN_BACKLOG, reuse_address=True)


async def main(queue, args):
    """Serve until cancelled, putting one event on ``queue`` per accepted delivery."""
    config = settings(args)
    receiver = Receiver(queue, config)
    app = web.Application(client_max_size=MAX_BODY)
    app.router.add_route('*', '/{tail:.*}', receiver.handle)
    # keepalive_timeout closes idle connections (from the start of a connection on aiohttp 3.14, on earlier ones
    # only between requests: Connections does it on all); lingering_time=0: an unread body is not drained.
    runner = web.AppRunner(app, access_log=None, keepalive_timeout=config['header_timeout'], lingering_time=0,
                           read_bufsize=READ_BUFFER, **HEADER_LIMITS)
    await runner.setup()
    # Our own listener instead of a TCPSite: its protocol factory (Connections) caps and times the connections.
    receiver.connections = connections = Connections(runner.server, config, _ssl_context(config))
    listener = await _listen(connections, config)
    watcher = asyncio.ensure_future(connections.watch(receiver.budget))
    LOGGER.info('sftptogo.sftptogo.webhook listening on %s:%s (%s)', config['host'], config['port'],
                'https' if config['certfile'] else 'http')
    try:
        await asyncio.Future()
    finally:
        watcher.cancel()
        listener.close()
        connections.close_all()
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
