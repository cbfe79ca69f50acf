# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""emulator_request: one HTTP request to the emulator, sent by the controller (test-only action).

The targets drive the emulator (reset, faults, clock, objects, simulated deliveries) some 130 times a run;
as ansible.builtin.uri each call was a module run (~0.4 s), as this action a few milliseconds. It
returns what the targets read from uri: ``status`` and ``json`` (the decoded body, when it is JSON).
Options: url (required), method (GET), body (sent as JSON), headers, status_code (200; an int or a list),
timeout (30 s). A status not in status_code fails the task, with the body in the message.
Role-embedded: available to every target, as each depends on setup_emulator.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from ansible.plugins.action import ActionBase

OPTIONS = frozenset(('url', 'method', 'body', 'headers', 'status_code', 'timeout'))


def send(url, method, body, headers, timeout):
    """(status, text) of one request; an HTTP error status is an answer, not an exception."""
    data = None
    headers = dict(headers or {})
    if body is not None:
        data = json.dumps(body).encode('utf-8')
        headers.setdefault('Content-Type', 'application/json')
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # nosec: the emulator, on loopback
            return response.status, response.read().decode('utf-8')
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode('utf-8')


class ActionModule(ActionBase):
    """Sends the request from the controller; no module runs."""

    TRANSFERS_FILES = False
    _requires_connection = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        args = self._task.args
        unknown = sorted(set(args) - OPTIONS)
        if unknown or not args.get('url'):
            return dict(result, failed=True, msg='emulator_request takes url (required) and %s; got %s'
                        % (', '.join(sorted(OPTIONS - {'url'})), ', '.join(unknown) or 'no url'))
        expected = args.get('status_code', 200)
        method = str(args.get('method', 'GET')).upper()
        try:
            expected = [int(code) for code in (expected if isinstance(expected, list) else [expected])]
            status, text = send(args['url'], method, args.get('body'), args.get('headers'),
                                float(args.get('timeout', 30)))
        except (OSError, TypeError, ValueError) as error:  # unreachable, not JSON-serializable, bad option value
            return dict(result, failed=True, msg='%s %s: %s' % (method, args['url'], error))
        result.update(changed=False, status=status, url=args['url'])
        try:
            result['json'] = json.loads(text) if text else None
        except ValueError:
            result['content'] = text
        if status not in expected:
            message = '%s %s answered %s, expected %s: %s' % (method, args['url'], status, expected, text[:500])
            result.update(failed=True, msg=message)
        return result
