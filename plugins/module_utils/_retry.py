# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""How the API client retries: back-off and budgets over urllib3's Retry, and what a failure without a
response means (was the request sent? may it have been applied?).

Private to this collection (leading underscore): other collections must not import it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import random
import re
import threading
import time
import traceback

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
    requests = None
    Retry = HTTPAdapter = object
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None


# Retries: the larger of Retry-After and the exponential backoff (0.5 s, 1 s, 2 s, ... capped), plus up to
# half of that again at random; no retry starts past the budget, so a failing API gives up within a minute.
BACKOFF_FACTOR = 0.5
BACKOFF_CAP = 10.0
JITTER_SHARE = 0.5
RETRY_BUDGET = 60.0
RETRY_STATUSES = (429, 500, 502, 503, 504)
IDEMPOTENT_METHODS = ('GET', 'PATCH', 'DELETE')


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


class Throttle:
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


class RetryBudget:
    """What one logical call may still spend on retries: a count and a deadline, shared by all its attempts."""

    def __init__(self, retries, throttle=None):
        self.left = retries
        self.used = 0
        self.deadline = time.monotonic() + RETRY_BUDGET
        self.throttle = throttle or Throttle()

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


class BudgetRetry(Retry):
    """urllib3's Retry with this collection's rules, spending a RetryBudget.

    urllib3 retries a method on a status only when the method is in ``allowed_methods``; a create
    must not be resent after a 5xx or a lost response (it may have been applied), but a 429 is
    answered before the request is processed, so POST is let through on 429 only. A refused
    connection never reached the server: urllib3 retries those for every method already.
    """

    def __init__(self, *args, **kwargs):
        self.budget = kwargs.pop('budget', None) or RetryBudget(kwargs.get('total') or 0)
        self.wait = 0.0
        super(BudgetRetry, self).__init__(*args, **kwargs)

    def new(self, **kw):
        kw.setdefault('budget', self.budget)
        return super(BudgetRetry, self).new(**kw)

    def is_retry(self, method, status_code, has_retry_after=False):
        if method.upper() == 'POST':
            return status_code == 429 and bool(self.total)
        return super(BudgetRetry, self).is_retry(method, status_code, has_retry_after)

    def get_retry_after(self, response):
        return parse_retry_after(response.headers.get('Retry-After'))

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
        retry = super(BudgetRetry, self).increment(method, url, response, error, _pool, _stacktrace)
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


class RetryingAdapter(HTTPAdapter):
    """An HTTPAdapter whose Retry is set per call and per thread, so threads can share one client."""

    def __init__(self):
        self._local = threading.local()
        super(RetryingAdapter, self).__init__()

    @property
    def max_retries(self):
        return getattr(self._local, 'retry', None) or BudgetRetry(0, read=False)

    @max_retries.setter
    def max_retries(self, retry):
        self._local.retry = retry


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
