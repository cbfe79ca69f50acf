# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Transport layer: one HTTP session to the SFTP To Go management API.

Private to this collection (leading underscore): other collections must not import it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import json
import random
import re
import threading
import time
import traceback

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._connection import (
    DEFAULT_API_URL, MASK, connection_option_problems, connection_option_warnings, connection_options)

try:
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, NewConnectionError
    from urllib3.exceptions import SSLError as Urllib3SSLError
    from urllib3.exceptions import TimeoutError as Urllib3TimeoutError
    from urllib3.util.retry import Retry
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
    Retry = HTTPAdapter = object
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None

COLLECTION_VERSION = '0.1.0'

# Retries: the larger of Retry-After and the exponential backoff (0.5 s, 1 s, 2 s, ... capped), plus up to
# half of that again at random; no retry starts past the budget, so a failing API gives up within a minute.
BACKOFF_FACTOR = 0.5
BACKOFF_CAP = 10.0
JITTER_SHARE = 0.5
RETRY_BUDGET = 60.0
RETRY_STATUSES = (429, 500, 502, 503, 504)
IDEMPOTENT_METHODS = ('GET', 'PATCH', 'DELETE')
MIN_TOKEN_LENGTH = 4


class ApiError(Exception):
    """A failed API call: HTTP status (None when no response came), method, path and the API's message.

    ``sent=False`` says the request certainly never reached the server (connection refused, TLS handshake
    failed); ``retry_after`` holds the seconds the server asked to wait, if it said.
    """

    def __init__(self, method, path, status=None, message='', sent=True, retry_after=None):
        self.method = method
        self.path = path
        self.status = status
        self.message = message
        self.sent = sent
        self.retry_after = retry_after
        super(ApiError, self).__init__(str(self))

    def __str__(self):
        if self.status is None:
            return '%s %s failed: %s' % (self.method, self.path, self.message)
        return '%s %s failed with HTTP %s: %s' % (self.method, self.path, self.status, self.message)

    @property
    def ambiguous(self):
        """True when the server may have applied the request although it failed (no response, or a 5xx)."""
        return self.sent and (self.status is None or self.status >= 500)


def backoff_delay(attempt, jitter=None, retry_after=None):
    """Seconds to wait before retry number ``attempt`` (1-based).

    The larger of ``retry_after`` (the server's Retry-After, seconds) and the capped exponential backoff, plus
    ``jitter`` (in [0, 1); random when None) times half of that, so parallel clients never retry in step.
    """
    if attempt < 1:
        return 0.0
    base = max(retry_after or 0.0, min(BACKOFF_CAP, BACKOFF_FACTOR * 2 ** (attempt - 1)))
    if jitter is None:
        jitter = random.random()
    return base * (1 + JITTER_SHARE * jitter)


def parse_retry_after(value):
    """Seconds from a Retry-After header value (delta-seconds or an HTTP date); None when absent or unreadable."""
    value = (value or '').strip()
    if re.match(r'^\d+(\.\d+)?$', value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None or when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


class _Throttle:
    """One back-off for a whole client: after a 429, no other thread starts a request before the wait is over.

    The thread that got the 429 waits anyway, in its own retry.
    """

    def __init__(self):
        self.until = 0.0
        self.holder = None
        self.lock = threading.Lock()

    def hold(self, seconds):
        """No other thread starts a request in the next ``seconds``."""
        with self.lock:
            self.until = max(self.until, time.monotonic() + seconds)
            self.holder = threading.get_ident()

    def wait(self):
        """Sleep until a back-off that another thread started is over."""
        delay = self.until - time.monotonic()
        if delay > 0 and self.holder != threading.get_ident():
            time.sleep(delay)


class _RetryBudget:
    """What one logical call may still spend on retries: a count and a deadline, shared by all its attempts."""

    def __init__(self, retries, throttle=None):
        self.left = retries
        self.used = 0
        self.deadline = time.monotonic() + RETRY_BUDGET
        self.throttle = throttle or _Throttle()

    def next_wait(self, retry_after=None):
        """Seconds to wait before the next retry, or None when the count or the time budget is spent."""
        if self.left <= 0:
            return None
        wait = backoff_delay(self.used + 1, retry_after=retry_after)
        if time.monotonic() + wait > self.deadline:
            return None
        return wait

    def spend(self):
        """Count one retry."""
        self.left -= 1
        self.used += 1


class _Retry(Retry):
    """urllib3's Retry with this collection's rules, spending a _RetryBudget.

    urllib3 retries a method on a status only when the method is in ``allowed_methods``; a create
    must not be resent after a 5xx or a lost response (it may have been applied), but a 429 is
    answered before the request is processed, so POST is let through on 429 only. A refused
    connection never reached the server: urllib3 retries those for every method already.
    """

    def __init__(self, *args, **kwargs):
        self.budget = kwargs.pop('budget', None) or _RetryBudget(kwargs.get('total') or 0)
        self.wait = 0.0
        super(_Retry, self).__init__(*args, **kwargs)

    def new(self, **kw):
        kw.setdefault('budget', self.budget)
        return super(_Retry, self).new(**kw)

    def is_retry(self, method, status_code, has_retry_after=False):
        if method.upper() == 'POST':
            return status_code == 429 and bool(self.total)
        return super(_Retry, self).is_retry(method, status_code, has_retry_after)

    def get_retry_after(self, response):
        return parse_retry_after(response.headers.get('Retry-After'))

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
        retry = super(_Retry, self).increment(method, url, response, error, _pool, _stacktrace)
        wait = self.budget.next_wait(self.get_retry_after(response) if response is not None else None)
        if wait is None:
            raise MaxRetryError(_pool, url, error)
        self.budget.spend()
        if response is not None and response.status == 429:
            self.budget.throttle.hold(wait)  # the server is overloaded: every worker slows down, not just this one
        retry.wait = wait
        return retry

    def sleep(self, response=None):
        time.sleep(self.wait)


class _RetryingAdapter(HTTPAdapter):
    """An HTTPAdapter whose Retry is set per call and per thread, so threads can share one client."""

    def __init__(self):
        self._local = threading.local()
        super(_RetryingAdapter, self).__init__()

    @property
    def max_retries(self):
        return getattr(self._local, 'retry', None) or _Retry(0, read=False)

    @max_retries.setter
    def max_retries(self, retry):
        self._local.retry = retry


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


def _error_chain(exc):
    """``exc`` and the errors it wraps (requests wraps urllib3's errors, which wrap the socket's)."""
    chain = []
    while isinstance(exc, BaseException) and exc not in chain and len(chain) < 10:
        chain.append(exc)
        inner = getattr(exc, 'reason', None)
        if not isinstance(inner, BaseException):
            inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc.__cause__
        exc = inner
    return chain


def never_sent(exc):
    """True when the failure ``exc`` happened before the request reached the server (nothing was applied)."""
    not_sent = (NewConnectionError, ConnectTimeoutError, Urllib3SSLError, requests.exceptions.ConnectTimeout,
                requests.exceptions.SSLError)
    return any(isinstance(error, not_sent) for error in _error_chain(exc))


def describe_transport_error(exc, timeout):
    """A short, secret-free description of a failure that produced no HTTP response."""
    chain = _error_chain(exc)
    text = ' '.join(str(error) for error in chain)
    if any(isinstance(error, NewConnectionError) for error in chain):
        if 'refused' in text:
            return 'connection refused'
        if 'Name or service not known' in text or 'nodename nor servname' in text or 'getaddrinfo' in text:
            return 'host name not found'
        return 'could not connect'
    if any(isinstance(error, (ConnectTimeoutError, requests.exceptions.ConnectTimeout)) for error in chain):
        return 'no connection within %g s (timeout)' % timeout
    if any(isinstance(error, (Urllib3TimeoutError, requests.exceptions.Timeout)) for error in chain):
        return 'no response within %g s (timeout)' % timeout
    if any(isinstance(error, (Urllib3SSLError, requests.exceptions.SSLError)) for error in chain):
        return 'TLS error (set validate_certs=false only for a trusted test endpoint)'
    for marker, meaning in (('reset', 'connection reset by the server'),
                            ('RemoteDisconnected', 'connection closed without a response'),
                            ('refused', 'connection refused')):
        if marker in text:
            return meaning
    return 'connection error (%s)' % type(exc).__name__


def earlier_attempt_ambiguous(response):
    """True when an earlier attempt of the call that got ``response`` failed ambiguously (urllib3's history)."""
    history = getattr(getattr(getattr(response, 'raw', None), 'retries', None), 'history', None) or ()
    for attempt in history:
        if attempt.status is not None and attempt.status >= 500:
            return True
        if attempt.error is not None and not never_sent(attempt.error):
            return True
    return False


class ApiClient:
    """Requests to ``{api_url}/organizations/{organization_id}``; paths passed in are relative to that.

    One client may be shared by threads. Raises ValueError (naming the option, never the key) on bad options.
    """

    def __init__(self, api_key, organization_id, api_url=DEFAULT_API_URL, validate_certs=True, timeout=30, retries=5):
        problems = connection_option_problems(dict(api_key=api_key, organization_id=organization_id, api_url=api_url,
                                                   validate_certs=validate_certs, timeout=timeout, api_retries=retries))
        if problems:
            raise ValueError('; '.join(problems))
        self.base_url = '%s/organizations/%s' % (api_url.rstrip('/'), organization_id)
        self.timeout = timeout
        self.retries = retries
        self.validate_certs = validate_certs
        self._secrets = set()
        self.add_secret(api_key)
        self._throttle = _Throttle()
        self._adapter = _RetryingAdapter()
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
        """A client from the module's connection options; fails the module on bad values, warns on risky ones."""
        if not HAS_REQUESTS:
            module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
        problems = connection_option_problems(module.params)
        if problems:
            module.fail_json(msg='; '.join(problems))
        for warning in connection_option_warnings(module.params):
            module.warn(warning)
        options = connection_options(module.params)
        return cls(options['api_key'], options['organization_id'], options['api_url'], options['validate_certs'],
                   options['timeout'], options['api_retries'])

    def add_secret(self, value):
        """Never let ``value`` appear in an error message.

        Of a ``<scheme> <token>`` value (an Authorization header such as ``Bearer abc123``) the token alone is
        masked too, as a message may echo only the token; tokens shorter than 4 characters are not.
        """
        if not isinstance(value, str) or not value.strip():
            return
        self._secrets.add(value)
        parts = value.split()
        if len(parts) == 2 and len(parts[1]) >= MIN_TOKEN_LENGTH:
            self._secrets.add(parts[1])

    def redact(self, text):
        """``text`` with every known secret replaced by a mask (the longest first)."""
        for secret in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(secret, MASK)
        return text

    def _send(self, method, path, body):
        """One HTTP exchange through the session; urllib3 retries it as the adapter's Retry says."""
        kwargs = dict(timeout=self.timeout, verify=self.validate_certs, allow_redirects=False)
        if body is not None:
            kwargs['data'] = json.dumps(body)
            kwargs['headers'] = {'Content-Type': 'application/json'}
        return self.session.request(method, self.base_url + path, **kwargs)

    def _exchange(self, method, path, body, budget):
        """Send with retries spending ``budget``; the final response, or ApiError when none came."""
        self._adapter.max_retries = _Retry(
            total=budget.left, redirect=0, other=0, allowed_methods=frozenset(IDEMPOTENT_METHODS),
            status_forcelist=frozenset(RETRY_STATUSES), raise_on_status=False, budget=budget)
        self._throttle.wait()
        try:
            return self._send(method, path, body)
        except (requests.exceptions.RequestException, ValueError) as exc:
            raise ApiError(method, path, None, self.redact(describe_transport_error(exc, self.timeout)),
                           sent=not never_sent(exc))

    def _result(self, method, path, response):
        """The decoded JSON body of a 2xx ``response`` (None when empty); ApiError for any other status."""
        if not 200 <= response.status_code < 300:
            raise ApiError(method, path, response.status_code, self.redact(api_message(response)),
                           retry_after=parse_retry_after(response.headers.get('Retry-After')))
        if not response.content or not response.content.strip():
            return None
        try:
            return response.json()
        except ValueError:
            raise ApiError(method, path, response.status_code, 'the response is not valid JSON')

    def request(self, method, path, body=None):
        """Send a request; return the decoded JSON body (None when empty) or raise ApiError."""
        return self._result(method, path, self._exchange(method, path, body, _RetryBudget(self.retries, self._throttle)))

    def get(self, path, accept_missing=False):
        """GET ``path``; with ``accept_missing``, None when it does not exist (404) instead of ApiError."""
        response = self._exchange('GET', path, None, _RetryBudget(self.retries, self._throttle))
        if accept_missing and response.status_code == 404:
            return None
        return self._result('GET', path, response)

    def post(self, path, body=None):
        """POST ``body`` (a dict, or None for no body) to ``path``; for a create, use create()."""
        return self.request('POST', path, body)

    def patch(self, path, body):
        """PATCH ``path`` with ``body``."""
        return self.request('PATCH', path, body)

    def delete(self, path, accept_missing=False):
        """DELETE ``path``; True when this call deleted it.

        A 404 after an ambiguous failure of an earlier attempt of this call means that attempt deleted it:
        True. Any other 404 is False (already gone) with ``accept_missing``, else ApiError.
        """
        response = self._exchange('DELETE', path, None, _RetryBudget(self.retries, self._throttle))
        if response.status_code == 404:
            if earlier_attempt_ambiguous(response):
                return True
            if accept_missing:
                return False
        self._result('DELETE', path, response)
        return True

    def create(self, path, body, find_created, adopt_on_conflict=False):
        """POST a create and return the created object; never resent blindly.

        After an ambiguous failure (no response, or a 5xx) ``find_created()`` lists again and returns the
        object if the POST was applied (it is then returned), else None: only then is the POST resent, within
        the same retry count and time budget as every request. With ``adopt_on_conflict``, a 409 also calls
        ``find_created()`` and adopts what it finds (a concurrent run created it). Otherwise ApiError.
        """
        budget = _RetryBudget(self.retries, self._throttle)
        while True:
            try:
                return self._result('POST', path, self._exchange('POST', path, body, budget))
            except ApiError as err:
                if err.ambiguous or (adopt_on_conflict and err.status == 409):
                    found = find_created()
                    if found is not None:
                        return found
                wait = budget.next_wait(err.retry_after) if err.ambiguous else None
                if wait is None:
                    raise
                budget.spend()
                time.sleep(wait)
