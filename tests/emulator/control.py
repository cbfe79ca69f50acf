# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The control API under /__emulator/: no authentication, JSON in and out, never journaled.

Every route calls the Emulator method of the same purpose, so tests in-process and over HTTP see the same thing.
"""

import json
import re

from common import ApiError, Response

PREFIX = '/__emulator'
KIND = r'(?P<kind>users|webhooks|portal-links)'
KEYS = r'/objects/users/(?P<uid>[^/]+)/ssh-public-keys'


def _body(request):
    """The JSON body of a control request (None when empty)."""
    if not request.raw:
        return None
    try:
        return json.loads(request.raw.decode('utf-8'))
    except ValueError:
        raise ApiError(400, 'the control request body is not valid JSON') from None


def _object(body):
    """A body that must be a JSON object (empty means {})."""
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise ApiError(400, 'the control request body must be a JSON object')
    return body


def _reset(emu, _params, body):
    """POST /reset: optional {"config": {...}, "seed": N}."""
    body = _object(body)
    emu.reset(config=body.get('config'), **({'seed': body['seed']} if 'seed' in body else {}))
    return {'message': 'reset', 'config': emu.get_config()}


def _add_fault(emu, _params, body):
    """POST /faults: returns the new fault's id."""
    return {'id': emu.add_fault(_object(body))['id']}


def _remove_fault(emu, params, _body):
    """DELETE /faults/{id}."""
    if not emu.remove_fault(params['id']):
        raise ApiError(404, f"no fault {params['id']}")
    return {}


def _foreign(emu, _params, body):
    """POST /foreign-username {"UserName": ...}."""
    return emu.reserve_foreign_username(_object(body).get('UserName'))


def _advance(emu, _params, body):
    """POST /clock {"advance_seconds": N}."""
    seconds = _object(body).get('advance_seconds', 0)
    if not isinstance(seconds, (int, float)) or isinstance(seconds, bool):
        raise ApiError(400, 'advance_seconds must be a number')
    return emu.advance_clock(seconds)


def _only_keys(body, allowed):
    """The body as a JSON object carrying no key outside ``allowed``."""
    body = _object(body)
    unknown = sorted(set(body) - set(allowed))
    if unknown:
        raise ApiError(400, f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(allowed)}")
    return body


def _accesses(emu, params, body):
    """POST /portal-links/{id}/accesses {"count": N} (default 1)."""
    return emu.access_share_link(params['id'], _only_keys(body, ('count',)).get('count', 1))


def _deliveries(emu, params, body):
    """POST /webhooks/{id}/deliveries {"failed": N} or {"succeeded": N}."""
    body = _only_keys(body, ('failed', 'succeeded'))
    return emu.deliver_webhook(params['id'], failed=body.get('failed'), succeeded=body.get('succeeded'))


def _shutdown(emu, _params, _body):
    """POST /shutdown: answers, then stops the server."""
    emu.request_shutdown()
    return {'message': 'shutting down'}


ROUTES = (
    ('GET', r'/health', lambda emu, p, b: emu.health()),
    ('POST', r'/reset', _reset),
    ('GET', r'/config', lambda emu, p, b: emu.get_config()),
    ('PATCH', r'/config', lambda emu, p, b: emu.set_config(_object(b))),
    ('POST', r'/config', lambda emu, p, b: emu.set_config(_object(b))),
    ('GET', r'/journal', lambda emu, p, b: emu.get_journal()),
    ('DELETE', r'/journal', lambda emu, p, b: emu.clear_journal() or {}),
    # A GET, so that Ansible's url lookup reads and clears it from the controller, without a module run per read.
    ('GET', r'/journal/take', lambda emu, p, b: emu.take_journal()),
    ('GET', r'/violations', lambda emu, p, b: emu.get_violations()),
    ('DELETE', r'/violations', lambda emu, p, b: emu.clear_violations() or {}),
    ('GET', r'/faults', lambda emu, p, b: emu.get_faults()),
    ('POST', r'/faults', _add_fault),
    ('DELETE', r'/faults', lambda emu, p, b: emu.clear_faults() or {}),
    ('DELETE', r'/faults/(?P<id>[^/]+)', _remove_fault),
    ('GET', r'/state', lambda emu, p, b: emu.get_state()),
    ('POST', r'/objects/' + KIND, lambda emu, p, b: emu.insert_object(p['kind'], _object(b))),
    ('PATCH', r'/objects/' + KIND + r'/(?P<id>[^/]+)', lambda emu, p, b: emu.edit_object(p['kind'], p['id'], _object(b))),
    ('DELETE', r'/objects/' + KIND + r'/(?P<id>[^/]+)', lambda emu, p, b: emu.delete_object(p['kind'], p['id'])),
    ('POST', KEYS, lambda emu, p, b: emu.insert_object('ssh-public-keys', _object(b), user_id=p['uid'])),
    ('PATCH', KEYS + r'/(?P<id>[^/]+)', lambda emu, p, b: emu.edit_object('ssh-public-keys', p['id'], _object(b), user_id=p['uid'])),
    ('DELETE', KEYS + r'/(?P<id>[^/]+)', lambda emu, p, b: emu.delete_object('ssh-public-keys', p['id'], user_id=p['uid'])),
    ('POST', r'/foreign-username', _foreign),
    ('POST', r'/portal-links/(?P<id>[^/]+)/accesses', _accesses),
    ('POST', r'/webhooks/(?P<id>[^/]+)/deliveries', _deliveries),
    ('POST', r'/file-events', lambda emu, p, b: emu.simulate_file_event(_object(b))),
    ('GET', r'/clock', lambda emu, p, b: emu.advance_clock(0)),
    ('POST', r'/clock', _advance),
    ('POST', r'/shutdown', _shutdown),
)
COMPILED = tuple((method, re.compile(pattern), func) for method, pattern, func in ROUTES)


def is_control(path):
    """True for paths of the control API."""
    return path == PREFIX or path.startswith(PREFIX + '/')


def handle(emu, request):
    """Answer one control request (always 200 on success, so Ansible's uri module needs no status_code)."""
    sub_path = request.path[len(PREFIX):]
    try:
        body = _body(request)
        for method, pattern, func in COMPILED:
            match = pattern.fullmatch(sub_path)
            if match is not None and method == request.method:
                return Response.json(200, func(emu, match.groupdict(), body))
        raise ApiError(404, f'no control endpoint {request.method} {request.path}')
    except ApiError as err:
        return Response.error(err)
    except ValueError as err:
        return Response.json(400, {'message': str(err)})
