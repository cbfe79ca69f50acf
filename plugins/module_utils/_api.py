# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Transport layer: one HTTP session to the SFTP To Go management API.

Private to this collection (leading underscore): other collections must not import it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import random
import re
import time
import traceback

from ansible.module_utils.basic import env_fallback, missing_required_lib

try:
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.exceptions import MaxRetryError
    from urllib3.util.retry import Retry
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
    Retry = object
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None

COLLECTION_VERSION = '0.1.0'
DEFAULT_API_URL = 'https://api.sftptogo.com'

# Retries: exponential backoff (0.5 s, 1 s, 2 s, 4 s, ...) with jitter, each wait capped,
# and no retry started once the budget is spent, so a failing API gives up within a minute.
BACKOFF_FACTOR = 0.5
BACKOFF_CAP = 10.0
RETRY_BUDGET = 60.0
RETRY_STATUSES = (429, 500, 502, 503, 504)
IDEMPOTENT_METHODS = ('GET', 'PATCH', 'DELETE')

AUTH_ARGUMENT_SPEC = dict(
    api_key=dict(type='str', required=True, no_log=True, fallback=(env_fallback, ['SFTPTOGO_API_KEY'])),
    organization_id=dict(type='str', required=True, fallback=(env_fallback, ['SFTPTOGO_ORGANIZATION_ID'])),
    api_url=dict(type='str', default=DEFAULT_API_URL, fallback=(env_fallback, ['SFTPTOGO_API_URL'])),
    validate_certs=dict(type='bool', default=True),
    timeout=dict(type='float', default=30),
    api_retries=dict(type='int', default=5),
)


class ApiError(Exception):
    """A failed API call: HTTP status (None when no response came), method, path and the API's message."""

    def __init__(self, method, path, status=None, message=''):
        self.method = method
        self.path = path
        self.status = status
        self.message = message
        super(ApiError, self).__init__(str(self))

    def __str__(self):
        if self.status is None:
            return '%s %s failed: %s' % (self.method, self.path, self.message)
        return '%s %s failed with HTTP %s: %s' % (self.method, self.path, self.status, self.message)

    @property
    def ambiguous(self):
        """True when the server may have applied the request although it failed (no response, or a 5xx)."""
        return self.status is None or self.status >= 500


def backoff_delay(attempt, jitter):
    """Seconds to wait before retry number ``attempt`` (1-based); ``jitter`` in [0, 1) spreads clients apart."""
    if attempt < 1:
        return 0.0
    delay = min(BACKOFF_CAP, BACKOFF_FACTOR * 2 ** (attempt - 1))
    return delay * (0.5 + jitter / 2)


class _Retry(Retry):
    """urllib3's Retry with this collection's rules.

    urllib3 retries a method on a status only when the method is in ``allowed_methods``; a create
    must not be resent after a 5xx or a lost response (it may have been applied), but a 429 is
    answered before the request is processed, so POST is let through on 429 only. A refused
    connection never reached the server: urllib3 retries those for every method already.
    """

    def __init__(self, *args, **kwargs):
        self.deadline = kwargs.pop('deadline', None)
        self.jitter = random.random()
        super(_Retry, self).__init__(*args, **kwargs)

    def new(self, **kw):
        kw.setdefault('deadline', self.deadline)
        return super(_Retry, self).new(**kw)

    def is_retry(self, method, status_code, has_retry_after=False):
        if method.upper() == 'POST':
            return status_code == 429 and bool(self.total)
        return super(_Retry, self).is_retry(method, status_code, has_retry_after)

    def get_backoff_time(self):
        return backoff_delay(len(self.history), self.jitter)

    def get_retry_after(self, response):
        try:
            return super(_Retry, self).get_retry_after(response)
        except Exception:  # pylint: disable=broad-except
            return None  # an unreadable Retry-After falls back to the backoff

    def planned_wait(self, response):
        """The wait before the next attempt: the server's Retry-After, else the backoff."""
        if response is not None:
            retry_after = self.get_retry_after(response)
            if retry_after is not None:
                return retry_after
        return self.get_backoff_time()

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
        retry = super(_Retry, self).increment(method, url, response, error, _pool, _stacktrace)
        if self.deadline is not None and time.monotonic() + retry.planned_wait(response) > self.deadline:
            raise MaxRetryError(_pool, url, error)
        return retry


def api_message(response):
    """The API's own message from an error response, whatever its shape (JSON, text, HTML, empty)."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        for key in ('message', 'Message', 'error', 'errorMessage', 'error_description'):
            if body.get(key):
                return str(body[key])
        if body.get('errors'):
            return '; '.join(str(e.get('message', e)) if isinstance(e, dict) else str(e) for e in body['errors'])
    elif isinstance(body, str) and body:
        return body
    text = re.sub(r'<(script|style)\b.*?</\1>|<[^>]+>', ' ', response.text or '', flags=re.S | re.I)
    text = ' '.join(text.split())
    if text:
        return text[:300]
    return response.reason or 'no message in the response'


def describe_transport_error(exc, timeout):
    """A short, secret-free description of a failure that produced no HTTP response."""
    if isinstance(exc, requests.exceptions.Timeout):
        return 'no response within %s s (timeout)' % timeout
    if isinstance(exc, requests.exceptions.SSLError):
        return 'TLS error (set validate_certs=false only for a trusted test endpoint)'
    text = str(exc)
    for marker, meaning in (('refused', 'connection refused'), ('reset', 'connection reset by the server'),
                            ('RemoteDisconnected', 'connection closed without a response'),
                            ('Name or service not known', 'host name not found')):
        if marker in text:
            return meaning
    return 'connection error (%s)' % type(exc).__name__


class ApiClient:
    """Requests to ``{api_url}/organizations/{organization_id}``; paths passed in are relative to that."""

    def __init__(self, api_key, organization_id, api_url=DEFAULT_API_URL, validate_certs=True, timeout=30, retries=5):
        self.base_url = '%s/organizations/%s' % (api_url.rstrip('/'), organization_id)
        self.timeout = timeout
        self.retries = retries
        self.validate_certs = validate_certs
        self._secrets = set([api_key])
        self._adapter = HTTPAdapter()
        self.session = requests.Session()
        self.session.mount('http://', self._adapter)
        self.session.mount('https://', self._adapter)
        self.session.headers.update({
            'Authorization': 'Bearer %s' % api_key,
            'Accept': 'application/json',
            'User-Agent': 'ansible-collection-sftptogo/%s' % COLLECTION_VERSION,
        })

    @classmethod
    def from_module(cls, module):
        """A client from the module's connection options, failing the module on bad values."""
        if not HAS_REQUESTS:
            module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
        params = module.params
        problems = connection_option_problems(params)
        if problems:
            module.fail_json(msg='; '.join(problems))
        return cls(params['api_key'], params['organization_id'], params['api_url'],
                   params['validate_certs'], params['timeout'], params['api_retries'])

    def fork(self):
        """A client with the same settings and the same secrets, for another thread (sessions are not shared)."""
        other = ApiClient('-', 'x', validate_certs=self.validate_certs, timeout=self.timeout, retries=self.retries)
        other.base_url = self.base_url
        other.session.headers.update(self.session.headers)
        other._secrets = self._secrets  # pylint: disable=protected-access
        return other

    def add_secret(self, value):
        """Never let ``value`` appear in an error message."""
        if value:
            self._secrets.add(value)

    def redact(self, text):
        """``text`` with every known secret replaced by a mask."""
        for secret in list(self._secrets):
            text = text.replace(secret, '********')
        return text

    def _new_retry(self):
        return _Retry(total=self.retries, connect=self.retries, read=self.retries, status=self.retries,
                      redirect=0, other=0, allowed_methods=frozenset(IDEMPOTENT_METHODS),
                      status_forcelist=frozenset(RETRY_STATUSES), backoff_factor=BACKOFF_FACTOR,
                      raise_on_status=False, respect_retry_after_header=True,
                      deadline=time.monotonic() + RETRY_BUDGET)

    def _send(self, method, path, body):
        """One logical request (urllib3 does the retries); returns the final ``requests.Response``."""
        self._adapter.max_retries = self._new_retry()
        kwargs = dict(timeout=self.timeout, verify=self.validate_certs, allow_redirects=False)
        if body is not None:
            kwargs['data'] = json.dumps(body)
            kwargs['headers'] = {'Content-Type': 'application/json'}
        return self.session.request(method, self.base_url + path, **kwargs)

    def request(self, method, path, body=None):
        """Send a request; return the decoded JSON body (None when empty) or raise ApiError."""
        try:
            response = self._send(method, path, body)
        except requests.exceptions.RequestException as exc:
            raise ApiError(method, path, None, self.redact(describe_transport_error(exc, self.timeout)))
        if not 200 <= response.status_code < 300:
            raise ApiError(method, path, response.status_code, self.redact(api_message(response)))
        if not response.content or not response.content.strip():
            return None
        try:
            return response.json()
        except ValueError:
            raise ApiError(method, path, response.status_code, 'the response is not valid JSON')

    def get(self, path, accept_missing=False):
        """GET ``path``; with ``accept_missing`` a 404 gives None."""
        try:
            return self.request('GET', path)
        except ApiError as err:
            if accept_missing and err.status == 404:
                return None
            raise

    def post(self, path, body=None):
        """POST ``body`` (a dict, or None for no body) to ``path``."""
        return self.request('POST', path, body)

    def create(self, path, body, find_created, adopt_on_conflict=False):
        """POST a create, never resent blindly.

        After an ambiguous failure (no response, or a 5xx) ``find_created()`` lists again and what it finds is
        adopted; only when it finds nothing is the POST sent again, at most ``retries`` times. With
        ``adopt_on_conflict`` a 409 is adopted the same way (a concurrent run created it).
        """
        attempt = 0
        while True:
            try:
                return self.post(path, body)
            except ApiError as err:
                if not (err.ambiguous or (adopt_on_conflict and err.status == 409)):
                    raise
                adopted = find_created()
                if adopted is not None:
                    return adopted
                attempt += 1
                if attempt > self.retries or err.status == 409:
                    raise
                time.sleep(backoff_delay(attempt, random.random()))

    def patch(self, path, body):
        """PATCH ``path`` with ``body``."""
        return self.request('PATCH', path, body)

    def delete(self, path, accept_missing=False):
        """DELETE ``path``; True when deleted. With ``accept_missing`` a 404 gives False (already gone)."""
        try:
            self.request('DELETE', path)
        except ApiError as err:
            if accept_missing and err.status == 404:
                return False
            raise
        return True


PATH_ID = re.compile(r'^[A-Za-z0-9_-]+$')


def check_path_id(option, value):
    """``value`` if it can go into a URL path as an Id (None passes), else a ValueError naming ``option``."""
    if value is not None and not (isinstance(value, str) and PATH_ID.match(value)):
        raise ValueError("%s must be an Id (letters, digits, '-' or '_'); got %r" % (option, value))
    return value


def connection_option_problems(params):
    """Rule violations in the connection options, each naming the option."""
    problems = []
    if not re.match(r'^https?://[^/\s]+', params['api_url'] or ''):
        problems.append("api_url must be an http:// or https:// URL; got %r" % params['api_url'])
    if not re.match(r'^[A-Za-z0-9._-]+$', params['organization_id'] or ''):
        problems.append('organization_id must be the organization Id (letters, digits, "-"); got %r' % params['organization_id'])
    if params['timeout'] is not None and params['timeout'] <= 0:
        problems.append('timeout must be a positive number of seconds; got %s' % params['timeout'])
    if params['api_retries'] is not None and params['api_retries'] < 0:
        problems.append('api_retries must be 0 or more; got %s' % params['api_retries'])
    return problems
