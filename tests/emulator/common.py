# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Small shared types of the emulator: the API error, the HTTP response and the request context."""

import json

VIOLATION_HEADER = 'X-Emulator-Violation'


class ApiError(Exception):
    """An error answer: HTTP status and the ``message`` of its JSON body."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


class Response:
    """What the HTTP layer sends back: status, headers, body bytes; ``reset`` closes the connection instead."""

    def __init__(self, status=200, body=b'', headers=None, reset=False):
        self.status = status
        self.body = body
        self.headers = list(headers or [])
        self.reset = reset

    @classmethod
    def json(cls, status, value, headers=None):
        """A response carrying ``value`` as JSON."""
        body = json.dumps(value).encode('utf-8')
        return cls(status, body, [('Content-Type', 'application/json')] + list(headers or []))

    @classmethod
    def error(cls, err):
        """The response for an ``ApiError``: ``{"message": ...}``."""
        return cls.json(err.status, {'message': err.message})


class Context:
    """One API request as the handlers see it: config, store, route parameters and the strictness switch."""

    def __init__(self, emulator, request, route):
        self.emulator = emulator
        self.store = emulator.store
        self.config = emulator.config
        self.request = request
        self.route = route
        self.violations = []

    @property
    def strict(self):
        """True when the strict request assertions are on."""
        return bool(self.config['strict'])

    @property
    def method(self):
        """The HTTP method."""
        return self.request.method

    def violate(self, code, message):
        """Strict mode: record the violation and answer 400. Lenient mode: return, the caller carries on."""
        if self.strict:
            self.violations.append((code, message))
            raise ApiError(400, message)

    def note(self, code, message):
        """Strict mode: record a violation without refusing the request."""
        if self.strict:
            self.violations.append((code, message))

    def now_ms(self):
        """The emulator clock in epoch milliseconds."""
        return self.store.now_ms()
