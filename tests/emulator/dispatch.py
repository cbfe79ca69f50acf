# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The API request pipeline: fault, authentication, organization, route, strict checks, handler, journal."""

import json
import re
from urllib.parse import unquote

import sharing_api
import users_api
from common import VIOLATION_HEADER, ApiError, Context, Response
from journal import Journal

UID = r'(?P<uid>[^/]+)'
ROUTES = (
    ('GET', r'/users', users_api.list_users),
    ('POST', r'/users', users_api.create_user),
    ('GET', r'/users/' + UID, users_api.get_user),
    ('PATCH', r'/users/' + UID, users_api.patch_user),
    ('DELETE', r'/users/' + UID, users_api.delete_user),
    ('POST', r'/users/' + UID + r'/credential-rotations', users_api.rotate),
    ('GET', r'/users/' + UID + r'/ssh-public-keys', users_api.list_keys),
    ('POST', r'/users/' + UID + r'/ssh-public-keys', users_api.add_key),
    ('GET', r'/users/' + UID + r'/ssh-public-keys/(?P<kid>[^/]+)', users_api.get_key),
    ('DELETE', r'/users/' + UID + r'/ssh-public-keys/(?P<kid>[^/]+)', users_api.delete_key),
    ('GET', r'/webhooks', sharing_api.list_webhooks),
    ('POST', r'/webhooks', sharing_api.create_webhook),
    ('GET', r'/webhooks/(?P<wid>[^/]+)', sharing_api.get_webhook),
    ('PATCH', r'/webhooks/(?P<wid>[^/]+)', sharing_api.patch_webhook),
    ('DELETE', r'/webhooks/(?P<wid>[^/]+)', sharing_api.delete_webhook),
    ('GET', r'/portal-links', sharing_api.list_links),
    ('POST', r'/portal-links', sharing_api.create_link),
    ('GET', r'/portal-links/(?P<lid>[^/]+)', sharing_api.get_link),
    ('PATCH', r'/portal-links/(?P<lid>[^/]+)', sharing_api.patch_link),
    ('DELETE', r'/portal-links/(?P<lid>[^/]+)', sharing_api.delete_link),
)
COMPILED = tuple((method, re.compile(pattern), handler) for method, pattern, handler in ROUTES)
CREATES = (users_api.create_user, users_api.add_key, sharing_api.create_webhook, sharing_api.create_link)
LISTS = (users_api.list_users, users_api.list_keys, sharing_api.list_webhooks, sharing_api.list_links)
UNDOCUMENTED = (users_api.get_key, sharing_api.get_webhook)
PREFIX_RE = re.compile(r'/organizations/(?P<org>[^/]+)(?P<route>/.*)?')


def split_path(path):
    """(organization id, org-relative route) of an API path; (None, path) outside ``/organizations/{org}``."""
    match = PREFIX_RE.fullmatch(path)
    if match is None:
        return None, path
    return match.group('org'), match.group('route') or ''


def find_route(method, route):
    """(handler, path parameters) for a documented method and route, or None."""
    for route_method, pattern, handler in COMPILED:
        match = pattern.fullmatch(route)
        if match is not None and route_method == method:
            return handler, match.groupdict()
    return None


def authenticate(ctx):
    """401 without the right key; strict mode wants exactly ``Bearer <key>``."""
    header = ctx.request.headers.get('authorization', '')
    parts = header.split()
    if len(parts) != 2 or parts[0].lower() != 'bearer' or parts[1] != ctx.emulator.api_key:
        raise ApiError(401, 'Unauthorized')
    if header != 'Bearer ' + ctx.emulator.api_key:
        ctx.violate('auth_header', 'the Authorization header must be exactly "Bearer <API key>"')
    if ctx.request.query and ctx.emulator.api_key in unquote(ctx.request.query):
        ctx.violate('key_in_query', 'the API key must not appear in the query string')


def parse_body(ctx):
    """The JSON object of the body, or None when there is no body."""
    raw = ctx.request.raw
    if not raw:
        return None
    if ctx.method in ('GET', 'DELETE'):
        ctx.violate('body_on_get_delete', f'{ctx.method} requests carry no body')
        return None
    content_type = ctx.request.headers.get('content-type', '')
    if content_type.split(';')[0].strip().lower() != 'application/json':
        ctx.violate('content_type', 'a request with a body must be sent with Content-Type: application/json')
    try:
        value = json.loads(raw.decode('utf-8'))
    except ValueError:
        ctx.violate('body_not_json', 'the request body is not valid UTF-8 JSON')
        raise ApiError(400, 'the request body is not valid JSON') from None
    if not isinstance(value, dict):
        ctx.violate('body_not_object', 'the request body must be a JSON object')
        raise ApiError(400, 'the request body must be a JSON object')
    return value


def check_route(ctx, org, found):
    """403 for another organization, 404 for unknown routes and (by default) undocumented endpoints."""
    if org is not None and org != ctx.emulator.organization_id:
        raise ApiError(403, f'the API key does not grant access to organization {org}')
    if org is None or found is None:
        ctx.note('unknown_route', f'{ctx.method} {ctx.request.path} is not an endpoint of the API')
        raise ApiError(404, 'Not Found')
    if found[0] in UNDOCUMENTED and ctx.config['undocumented_endpoints'] != 'allow':
        ctx.note('undocumented_endpoint', f'{ctx.method} {ctx.route} is not a documented endpoint')
        raise ApiError(404, 'Not Found')


def process(ctx, org, found):
    """Run one request through the checks and its handler; always returns a Response."""
    try:
        authenticate(ctx)
        check_route(ctx, org, found)
        handler, params = found
        body = parse_body(ctx)
        pending = ctx.emulator.journal.ambiguous_creates.get(ctx.route, set())
        if handler in CREATES and json.dumps(body, sort_keys=True) in pending:
            pending.discard(json.dumps(body, sort_keys=True))
            ctx.note('create_retry', f'POST {ctx.route} repeated after an ambiguous failure without listing first')
        ctx.store.expire_credentials(ctx.config['timestamp_unit'])
        status, value = handler(ctx, params, body)
        response = Response.json(status, value)
    except ApiError as err:
        response = Response.error(err)
    if ctx.violations:
        response.headers.append((VIOLATION_HEADER, ctx.violations[0][0]))
    return response


def track_ambiguous(emulator, handler, route, entry):
    """Remember creates and PATCHes whose outcome the client cannot know; a successful list clears a create."""
    status = entry['status']
    ambiguous = status is None or status >= 500 or entry.get('delivered') is False
    if handler in CREATES and ambiguous:
        emulator.journal.ambiguous_creates.setdefault(route, set()).add(json.dumps(entry['body'], sort_keys=True))
    elif handler in LISTS and status == 200:
        emulator.journal.ambiguous_creates.pop(route, None)
    if entry['method'] == 'PATCH':
        if ambiguous:
            emulator.journal.ambiguous_patches[route] = json.dumps(entry['body'], sort_keys=True)
        else:
            emulator.journal.ambiguous_patches.pop(route, None)


def handle_api(emulator, request):
    """Answer one API request (faults first), journal it and return the Response."""
    org, route = split_path(request.path)
    found = find_route(request.method, route) if org is not None else None
    with emulator.lock:
        entry = Journal.new_entry(request, route, emulator.api_key)
        fault = emulator.faults.take(request.method, route)
        throttled = None if fault is not None else emulator.faults.throttle(emulator.config['rate_limit'])
    ctx = None
    if fault is not None:
        entry['fault'] = fault.summary()
        if fault.action in ('delay', 'race') and fault.spec.get('seconds'):
            emulator.sleep(fault.spec['seconds'])
    if throttled is not None:
        response = throttled
    elif fault is not None and fault.action in ('status', 'reset'):
        response = fault.response()
    else:
        with emulator.lock:
            if fault is not None and fault.action == 'race':
                # Another client's request lands first (not journaled, as it is not this client's): a create of the
                # same object then answers as the API does to a second one (409 for a taken UserName or a key).
                process(Context(emulator, fault.raced(request), route), org, found)
            ctx = Context(emulator, request, route)
            response = process(ctx, org, found)
        if fault is not None and fault.action.startswith('commit_then_'):
            entry['applied_status'] = response.status
            response = fault.response()
        elif fault is not None and fault.action == 'omit_keys':
            response = fault.trimmed(response)
    with emulator.lock:
        entry['status'] = None if response.reset else response.status
        if not response.reset and request.peer_closed():
            entry['delivered'] = False
        track_ambiguous(emulator, found[0] if found else None, route, entry)
        emulator.journal.add(entry, ctx.violations if ctx is not None else [])
    return response
