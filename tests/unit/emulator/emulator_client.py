# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Helpers of the emulator's own tests: an HTTP client (http.client only) and synthetic SSH public keys."""

import base64
import http.client
import json
import struct

API_KEY = 'test-key-0123456789'
ORG = '72e9cf24-be8c-4f15-9aa2-813281fb98fe'
ABSENT = object()


class Answer:
    """One HTTP answer: status, headers (lower-case names) and the body (parsed JSON when it is JSON)."""

    def __init__(self, status, headers, raw):
        self.status = status
        self.headers = headers
        self.raw = raw
        try:
            self.json = json.loads(raw.decode('utf-8')) if raw else None
        except ValueError:
            self.json = None

    @property
    def violation(self):
        """The X-Emulator-Violation header, or None."""
        return self.headers.get('x-emulator-violation')

    def __repr__(self):
        return f'Answer({self.status}, {self.raw[:200]!r})'


class Client:
    """Talks to one emulator over real HTTP (http.client), one connection per request."""

    def __init__(self, emulator):
        self.emulator = emulator
        self.prefix = f'/organizations/{ORG}'

    def raw(self, method, path, body=None, headers=None, timeout=10):
        """Send exactly what is given; returns an Answer."""
        conn = http.client.HTTPConnection('127.0.0.1', self.emulator.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return Answer(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
        finally:
            conn.close()

    def api(self, method, route, body=ABSENT, headers=None, **kwargs):
        """A well-formed API call: Bearer key, Content-Type with a JSON body."""
        sent = {'Authorization': 'Bearer ' + API_KEY}
        data = None
        if body is not ABSENT:
            sent['Content-Type'] = 'application/json'
            data = json.dumps(body).encode('utf-8')
        sent.update(headers or {})
        return self.raw(method, self.prefix + route, data, sent, **kwargs)

    def control(self, method, path, body=ABSENT):
        """A call to the control API; returns the parsed JSON (asserts HTTP 200)."""
        data = None if body is ABSENT else json.dumps(body).encode('utf-8')
        answer = self.raw(method, '/__emulator' + path, data, {'Content-Type': 'application/json'} if data else {})
        assert answer.status == 200, answer
        return answer.json

    def create_user(self, **fields):
        """Create a credential (UserName defaults to partner-0001); returns the created object."""
        fields.setdefault('UserName', 'partner-0001')
        answer = self.api('POST', '/users', fields)
        assert answer.status == 201, answer
        return answer.json


def _field(data):
    """One length-prefixed field of the SSH wire format."""
    return struct.pack('>I', len(data)) + data


def ssh_key_line(key_type='ssh-ed25519', fill=b'\x01', comment=None):
    """A structurally valid OpenSSH public key line of ``key_type`` (not a real key pair)."""
    name = key_type.encode('ascii')
    if key_type == 'ssh-rsa':
        fields = [name, b'\x01\x00\x01', b'\x00' + fill * 256]
    elif key_type.startswith('ecdsa-sha2-'):
        fields = [name, key_type.rsplit('-', 1)[1].encode('ascii'), b'\x04' + fill * 64]
    elif key_type == 'sk-ecdsa-sha2-nistp256@openssh.com':
        fields = [name, b'nistp256', b'\x04' + fill * 64, b'ssh:']
    elif key_type == 'sk-ssh-ed25519@openssh.com':
        fields = [name, fill * 32, b'ssh:']
    else:
        fields = [name, fill * 32]
    blob = b''.join(_field(item) for item in fields)
    return ' '.join([key_type, base64.b64encode(blob).decode('ascii')] + ([comment] if comment else []))
