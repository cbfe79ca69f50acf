# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Real webhook deliveries of simulated file events: signed POSTs, retries with backoff, auto-pause.

The shape of the body is the service documentation's (Id, Topic, CreatedAt, UpdatedAt, Actor, Resource,
PreviousData, Data{Path, Size[, Metadata]}, Metadata{Organization, Webhook, Delivery, Attempt, Event}).
Planning and recording run under the emulator lock; the HTTP requests run outside it, so a receiver that
calls the API while it handles a delivery does not deadlock the emulator.
"""

import hashlib
import hmac
import http.client
import ipaddress
import json
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request

import activity
from common import ApiError

TOPICS = ('file.created', 'file.deleted', 'file.downloaded')
PROTOCOLS = ('SFTP', 'FTPS', 'WEB_PORTAL')
# Attempts per delivery and the pause before each retry (exponential); the service documents retries with
# exponential backoff on 5xx, 429, 408 and network errors, not their number: these are the emulator's.
ATTEMPTS = 4
BACKOFF_SECONDS = 0.25
TIMEOUT_SECONDS = 10
RETRY_STATUSES = (408, 429)
EVENT_KEYS = ('topic', 'path', 'size', 'actor', 'protocol', 'client_ip')


def _string(body, key, default=None):
    """A non-empty string of the control body, or ``default`` when absent."""
    value = body.get(key, default)
    if not isinstance(value, str) or not value:
        raise ApiError(400, f'{key} must be a non-empty string')
    return value


def _size(body, topic):
    """Data.Size: the given integer (default 0); deletions carry null, as the documentation's example."""
    if topic == 'file.deleted':
        return None
    size = body.get('size', 0)
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise ApiError(400, 'size must be an integer >= 0')
    return size


def _actor(store, body):
    """Actor: {"Type": "User" | "IAM", "Id": ...}; the Root credential's user name by default."""
    actor = body.get('actor')
    if actor is None:
        root = next((user for user in store.users.values() if user.get('IsDefault')), None)
        return {'Type': 'User', 'Id': root['UserName'] if root else 'root'}
    if not isinstance(actor, dict) or set(actor) != {'Type', 'Id'} or actor['Type'] not in ('User', 'IAM'):
        raise ApiError(400, 'actor must be {"Type": "User" or "IAM", "Id": "..."}')
    return {'Type': actor['Type'], 'Id': _string(actor, 'Id')}


def _data(store, body, topic):
    """The Data object: Path as the service sends it (a bucket key, URL-encoded form style) and Size."""
    path = _string(body, 'path')
    # The service's paths are storage keys: no leading '/', spaces as '+', other bytes %-escaped.
    data = {'Path': urllib.parse.quote_plus(path.lstrip('/'), safe='/'), 'Size': _size(body, topic)}
    if topic == 'file.downloaded':
        protocol = _string(body, 'protocol', 'SFTP')
        if protocol not in PROTOCOLS:
            raise ApiError(400, f"protocol must be one of {', '.join(PROTOCOLS)}")
        data['Metadata'] = {'Protocol': protocol, 'ClientIp': _string(body, 'client_ip', '198.51.100.20'),
                            'SessionId': store.text(10, '0123456789')}
    return data


def make_event(store, body):
    """The event of a simulated upload, download or deletion, without its per-delivery Metadata."""
    if not isinstance(body, dict):
        raise ApiError(400, 'the body must be a JSON object')
    unknown = sorted(set(body) - set(EVENT_KEYS))
    if unknown:
        raise ApiError(400, f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(EVENT_KEYS)}")
    topic = _string(body, 'topic')
    if topic not in TOPICS:
        raise ApiError(400, f"topic must be one of {', '.join(TOPICS)}")
    now = store.now_ms()
    return {'Id': store.new_uuid(), 'Topic': topic, 'CreatedAt': now, 'UpdatedAt': now,
            'Actor': _actor(store, body), 'Resource': 'File', 'PreviousData': None,
            'Data': _data(store, body, topic)}


def plan(store, body):
    """(event, deliveries): one delivery per enabled webhook of type ``webhook`` subscribed to the topic."""
    event = make_event(store, body)
    deliveries = []
    for hook in store.webhooks.values():
        if hook.get('Type') != 'webhook' or hook.get('State') != 'enabled' or event['Topic'] not in hook['Topics']:
            continue
        deliveries.append({'webhook_id': hook['Id'], 'url': hook['Url'], 'secret': hook['Secret'],
                           'authorization': hook.get('AuthorizationHeader') or '',
                           'delivery_id': store.new_uuid(), 'attempt_ids': [store.new_uuid() for n in range(ATTEMPTS)]})
    return event, deliveries


def _body(event, organization_id, delivery, attempt_id):
    """The JSON bytes of one attempt: the event plus its Metadata."""
    metadata = {'Organization': {'Id': organization_id}, 'Webhook': {'Id': delivery['webhook_id']},
                'Delivery': {'Id': delivery['delivery_id']}, 'Attempt': {'Id': attempt_id},
                'Event': {'Id': event['Id'], 'Topic': event['Topic']}}
    return json.dumps(dict(event, Metadata=metadata)).encode('utf-8')


def _is_loopback(host):
    """True for localhost and loopback addresses."""
    if host == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def target_url(url, loopback_http):
    """Where an attempt goes: the webhook's https URL; with the switch, loopback URLs over plain http."""
    parts = urllib.parse.urlsplit(url)
    if loopback_http and parts.scheme == 'https' and _is_loopback(parts.hostname or ''):
        return urllib.parse.urlunsplit(('http',) + tuple(parts[1:]))
    return url


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer that is not 2xx: the delivery failed (it is not followed)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


OPENER = urllib.request.build_opener(
    _NoRedirect(), urllib.request.HTTPSHandler(context=ssl.create_default_context()))


def send(url, body, secret, authorization):
    """POST one attempt; returns (HTTP status or None, error text or None). Certificates are verified."""
    headers = {'Content-Type': 'application/json', 'User-Agent': 'SFTPToGo-Webhooks-Emulator',
               'X-Hub-Signature': 'sha256=' + hmac.new(secret.encode('utf-8'), body, hashlib.sha256).hexdigest()}
    if authorization:
        headers['Authorization'] = authorization
    request = urllib.request.Request(url, data=body, headers=headers, method='POST')
    try:
        with OPENER.open(request, timeout=TIMEOUT_SECONDS) as response:
            response.read()
            return response.status, None
    except urllib.error.HTTPError as err:
        return err.code, None
    except (urllib.error.URLError, http.client.HTTPException, socket.timeout, ssl.SSLError, OSError) as err:
        reason = getattr(err, 'reason', err)
        return None, f'{type(reason).__name__}: {reason}'


def _retryable(status):
    """True for the outcomes the service retries: no answer (network error, timeout), 5xx, 408, 429."""
    return status is None or status >= 500 or status in RETRY_STATUSES


def deliver(event, organization_id, delivery, loopback_http, sleep=time.sleep):
    """Attempt one delivery (retries with exponential backoff); returns its report, succeeded True or False."""
    url = target_url(delivery['url'], loopback_http)
    attempts = []
    for number, attempt_id in enumerate(delivery['attempt_ids']):
        if number:
            sleep(BACKOFF_SECONDS * 2 ** (number - 1))
        started = time.monotonic()
        status, error = send(url, _body(event, organization_id, delivery, attempt_id),
                             delivery['secret'], delivery['authorization'])
        attempts.append({'attempt_id': attempt_id, 'status': status, 'error': error,
                         'seconds': round(time.monotonic() - started, 4)})
        if status is not None and 200 <= status < 300:
            break
        if not _retryable(status):
            break
    succeeded = attempts[-1]['status'] is not None and 200 <= attempts[-1]['status'] < 300
    return {'webhook_id': delivery['webhook_id'], 'delivery_id': delivery['delivery_id'],
            'succeeded': succeeded, 'attempts': attempts}


def record(store, report):
    """Count the delivery's outcome against its webhook (5 failed deliveries in a row pause it)."""
    if report['webhook_id'] not in store.webhooks:
        return dict(report, paused=False)
    return dict(report, paused=activity.record_delivery(store, report['webhook_id'], report['succeeded']))
