# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The request journal and the list of contract violations, for assertions in tests."""

import copy
import json


def masked_headers(headers, api_key):
    """Request headers with lower-case names; the Authorization value never shows the key."""
    result = {}
    for name, value in headers.items():
        name = name.lower()
        if name == 'authorization':
            value = 'Bearer ***' if api_key and api_key in value.split() else '<invalid>'
        result[name] = value
    return result


def journal_body(raw):
    """The body as parsed JSON, as text when it is not JSON, or None when empty."""
    if not raw:
        return None
    text = raw.decode('utf-8', 'replace')
    try:
        return json.loads(text)
    except ValueError:
        return text


class Journal:
    """Every API request (never control requests), in the order they completed."""

    def __init__(self):
        self.entries = []
        self.violations = []
        # Create route -> bodies of its POSTs that failed ambiguously (5xx, reset, response not delivered):
        # the same body sent again before a list is a blind retry (other creates, e.g. by parallel workers, are not).
        self.ambiguous_creates = {}
        # Route -> body of the last PATCH that failed ambiguously: re-sending it is a retry, not a no-op.
        self.ambiguous_patches = {}
        self._seq = 0

    @staticmethod
    def new_entry(request, route, api_key):
        """A journal entry for ``request``; status, fault and violation are filled in later."""
        return {
            'seq': None, 'method': request.method, 'path': request.path, 'route': route,
            'headers': masked_headers(request.headers, api_key), 'body': journal_body(request.raw),
            'status': None, 'fault': None, 'violation': None,
        }

    def add(self, entry, violations):
        """Append a finished entry; ``violations`` is a list of (code, message)."""
        self._seq += 1
        entry['seq'] = self._seq
        if violations:
            entry['violation'] = violations[0][0]
        self.entries.append(entry)
        for code, message in violations:
            self.violations.append({'seq': self._seq, 'method': entry['method'], 'path': entry['path'],
                                    'route': entry['route'], 'code': code, 'message': message})

    def list(self):
        """A copy of the entries."""
        return copy.deepcopy(self.entries)

    def list_violations(self):
        """A copy of the violations."""
        return copy.deepcopy(self.violations)

    def clear(self):
        """Forget the entries (the violations stay until reset or cleared on their own)."""
        self.entries = []

    def clear_violations(self):
        """Forget the violations."""
        self.violations = []
