# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fault injection: per method and route, the first matching active fault decides what happens to a request."""

import collections
import copy
import email.utils
import json
import re
import time

from common import Response

ACTIONS = ('status', 'reset', 'delay', 'commit_then_status', 'commit_then_reset', 'race', 'omit_keys')
METHODS = ('GET', 'POST', 'PATCH', 'DELETE', 'PUT', '*')
SPEC_KEYS = ('method', 'route', 'action', 'status', 'headers', 'body', 'content_type', 'seconds', 'times', 'skip',
             'retry_after', 'retry_after_date', 'other_body', 'keys')


def _count(spec, key, default):
    """A non-negative integer option."""
    value = spec.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f'{key} must be an integer >= 0')
    return value


def _number(spec, key):
    """A non-negative number option, or None when absent."""
    value = spec.get(key)
    if value is not None and (not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0):
        raise ValueError(f'{key} must be a number >= 0')
    return value


class Fault:
    """One injected fault and its counters; ``spec`` holds the options with their defaults filled in."""

    def __init__(self, fault_id, spec):
        if not isinstance(spec, dict):
            raise ValueError('a fault must be a JSON object')
        unknown = sorted(set(spec) - set(SPEC_KEYS))
        if unknown:
            raise ValueError(f"unknown fault keys: {', '.join(unknown)}")
        self.fault_id = fault_id
        self.spec = dict(spec, method=str(spec.get('method', '*')).upper(), route=spec.get('route', '.*'),
                         times=_count(spec, 'times', 1), skip=_count(spec, 'skip', 0))
        if self.spec['method'] not in METHODS:
            raise ValueError(f"method must be one of {', '.join(METHODS)}")
        if self.action not in ACTIONS:
            raise ValueError(f"action must be one of {', '.join(ACTIONS)}")
        try:
            self.route = re.compile(self.spec['route'])
        except (re.error, TypeError) as err:
            raise ValueError(f'route must be a regular expression: {err}') from None
        self._check_options(spec)
        self.counts = {'seen': 0, 'applied': 0}

    @property
    def action(self):
        """What the fault does."""
        return self.spec.get('action')

    def _check_options(self, spec):
        """Check the options of the action."""
        status = spec.get('status')
        if self.action in ('status', 'commit_then_status'):
            if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 599:
                raise ValueError(f'status must be an HTTP status code for action {self.action}')
        if self.action == 'delay' and _number(spec, 'seconds') is None:
            raise ValueError('seconds is required for action delay')
        _number(spec, 'seconds')
        if not isinstance(spec.get('other_body', {}), dict):
            raise ValueError('other_body must be an object of keys to set in the other client\'s request body')
        keys = spec.get('keys')
        if self.action == 'omit_keys' and (not isinstance(keys, list) or not keys
                                           or not all(isinstance(key, str) for key in keys)):
            raise ValueError('keys (a non-empty list of key names) is required for action omit_keys')
        headers = spec.get('headers', {})
        if not isinstance(headers, dict):
            raise ValueError('headers must be an object of header names to values')
        if 'content_type' in spec and not isinstance(spec['content_type'], str):
            raise ValueError('content_type must be a string')
        _number(spec, 'retry_after')
        _number(spec, 'retry_after_date')

    def matches(self, method, route):
        """True when the fault applies to this method and org-relative route."""
        return self.spec['method'] in ('*', method) and self.route.fullmatch(route or '') is not None

    @property
    def exhausted(self):
        """True once the fault was applied ``times`` times (never when times is 0)."""
        return bool(self.spec['times']) and self.counts['applied'] >= self.spec['times']

    def summary(self):
        """What the journal records about the applied fault."""
        return {'id': self.fault_id, 'action': self.action, 'status': self.spec.get('status')}

    def describe(self):
        """The fault as the control API lists it."""
        return dict(self.spec, id=self.fault_id, exhausted=self.exhausted, **self.counts)

    def raced(self, request):
        """``race``: the request another client sends just before this one (``other_body`` keys set in its body)."""
        other = copy.copy(request)
        other.headers = dict(request.headers)
        if self.spec.get('other_body'):
            try:
                body = json.loads(request.raw.decode('utf-8')) if request.raw else {}
            except ValueError:
                return other
            if isinstance(body, dict):
                other.raw = json.dumps(dict(body, **self.spec['other_body'])).encode('utf-8')
        return other

    def trimmed(self, response):
        """``omit_keys``: the response without the ``keys`` of its object (or of each object of its list)."""
        try:
            value = json.loads(response.body.decode('utf-8'))
        except ValueError:
            return response
        for obj in value if isinstance(value, list) else [value]:
            if isinstance(obj, dict):
                for key in self.spec['keys']:
                    obj.pop(key, None)
        return Response.json(response.status, value, [header for header in response.headers
                                                      if header[0].lower() != 'content-type'])

    def response(self):
        """The answer for ``status`` and ``commit_then_status``; a reset for the ``*_reset`` actions."""
        if self.action in ('reset', 'commit_then_reset'):
            return Response(reset=True)
        headers = [(str(name), str(value)) for name, value in self.spec.get('headers', {}).items()]
        if self.spec.get('retry_after') is not None:
            headers.append(('Retry-After', str(self.spec['retry_after'])))
        if self.spec.get('retry_after_date') is not None:
            headers.append(('Retry-After', email.utils.formatdate(time.time() + self.spec['retry_after_date'], usegmt=True)))
        has_type = any(name.lower() == 'content-type' for name, dummy in headers)
        if 'body' not in self.spec:
            return Response(self.spec['status'], b'', headers)
        body = self.spec['body']
        content_type = self.spec.get('content_type', 'application/json')
        if not (isinstance(body, str) and 'content_type' in self.spec):
            body = json.dumps(body)
        if not has_type:
            headers.append(('Content-Type', content_type))
        return Response(self.spec['status'], body.encode('utf-8'), headers)


class Faults:
    """The ordered list of injected faults, and the rate limit's record of recently answered requests."""

    def __init__(self):
        self._faults = []
        self._next_id = 1
        self._answered = collections.deque()

    def throttle(self, rate_limit, now=None):
        """The 429 answer when ``rate_limit`` requests were answered in the last second (0: no limit), else None.

        Throttled requests do not count, as a gateway's token bucket spends no token on them.
        """
        if not rate_limit:
            return None
        now = time.monotonic() if now is None else now
        while self._answered and self._answered[0] <= now - 1.0:
            self._answered.popleft()
        if len(self._answered) >= rate_limit:
            return Response.json(429, {'message': 'Too Many Requests'}, [('Retry-After', '1')])
        self._answered.append(now)
        return None

    def add(self, spec):
        """Add a fault (ValueError when the spec is invalid); returns it."""
        fault = Fault(f'fault-{self._next_id}', spec)
        self._next_id += 1
        self._faults.append(fault)
        return fault

    def take(self, method, route):
        """The fault that fires for this request, counting skips and applications; None when none fires."""
        for fault in self._faults:
            if fault.exhausted or not fault.matches(method, route):
                continue
            fault.counts['seen'] += 1
            if fault.counts['seen'] <= fault.spec['skip']:
                continue
            fault.counts['applied'] += 1
            return fault
        return None

    def describe(self):
        """Every fault with its counters."""
        return [fault.describe() for fault in self._faults]

    def remove(self, fault_id):
        """Remove one fault; True when it existed."""
        before = len(self._faults)
        self._faults = [fault for fault in self._faults if fault.fault_id != fault_id]
        return len(self._faults) != before

    def clear(self):
        """Remove every fault."""
        self._faults = []
