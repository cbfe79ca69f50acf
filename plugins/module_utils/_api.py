# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Transport layer: one HTTP session to the SFTP To Go management API.

Private to this collection (leading underscore): other collections must not import it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re
import time

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._connection import (
    DEFAULT_API_URL, connection_option_problems, connection_option_warnings, connection_options, shown_api_url)
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._retry import (
    HAS_REQUESTS, IDEMPOTENT_METHODS, REQUESTS_IMPORT_ERROR, RETRY_STATUSES, BudgetRetry, RetryBudget, RetryingAdapter,
    Throttle, describe_transport_error, earlier_attempt_ambiguous, never_sent, parse_retry_after, requests)
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._failure import ModuleFailure
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._masking import mask_secret, mask_truncated_echo, secret_forms
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._token import use_digest_key

COLLECTION_VERSION = '0.1.0'


class ApiError(Exception):
    """A failed API call: HTTP status (None when no response came), method, path and the API's message.

    ``sent=False`` says the request certainly never reached the server (connection refused, TLS handshake
    failed); ``retry_after`` holds the seconds the server asked to wait, if it said. ``url``: the whole URL tried,
    as a message may show it; a failure without a response names it (the host is what to check), others the path.
    """

    def __init__(self, method, path, status=None, message='', sent=True, retry_after=None, url=None):
        self.method = method
        self.path = path
        self.status = status
        self.message = message
        self.sent = sent
        self.retry_after = retry_after
        self.url = url
        super(ApiError, self).__init__(str(self))

    def __str__(self):
        if self.status is None:
            return '%s %s failed: %s' % (self.method, self.url or self.path, self.message)
        return '%s %s failed with HTTP %s: %s' % (self.method, self.path, self.status, self.message)

    @property
    def ambiguous(self):
        """True when the server may have applied the request although it failed (no response, or a 5xx)."""
        return self.sent and (self.status is None or self.status >= 500)


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
        self.key_source = 'the api_key option'
        self._secrets = set()
        self._api_key = api_key
        self.add_secret(api_key)
        use_digest_key(api_key)
        self._throttle = Throttle()
        self._adapter = RetryingAdapter()
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
        """A client from the module's connection options; ModuleFailure on bad values, warns on risky ones."""
        if not HAS_REQUESTS:
            raise ModuleFailure(missing_required_lib('requests'), result=dict(exception=REQUESTS_IMPORT_ERROR))
        problems = connection_option_problems(module.params)
        if problems:
            raise ModuleFailure('; '.join(problems))
        for warning in connection_option_warnings(module.params):
            module.warn(warning)
        options = connection_options(module.params)
        client = cls(options['api_key'], options['organization_id'], options['api_url'], options['validate_certs'],
                     options['timeout'], options['api_retries'])
        if os.environ.get('SFTPTOGO_API_KEY') == options['api_key']:
            client.key_source = 'the SFTPTOGO_API_KEY environment variable'
        return client

    def add_secret(self, value):
        """Never let ``value`` appear in an error message, in any form a message may echo it (see secret_forms)."""
        if isinstance(value, str) and value.strip():
            self._secrets.update(secret_forms(value))

    def add_secrets(self, forms):
        """Mask each of ``forms`` (already every form of a secret, see secret_forms) as it is."""
        self._secrets.update(form for form in forms if isinstance(form, str) and form.strip())

    def redact(self, text):
        """``text`` with every known secret replaced by a mask (the longest first); see mask_secret."""
        for secret in sorted(self._secrets, key=len, reverse=True):
            text = mask_secret(text, secret)
        return mask_truncated_echo(text, self._api_key)

    def _send(self, method, path, body):
        """One HTTP exchange through the session; urllib3 retries it as the adapter's Retry says."""
        kwargs = dict(timeout=self.timeout, verify=self.validate_certs, allow_redirects=False)
        if body is not None:
            kwargs['data'] = json.dumps(body)
            kwargs['headers'] = {'Content-Type': 'application/json'}
        return self.session.request(method, self.base_url + path, **kwargs)

    def _exchange(self, method, path, body, budget):
        """Send with retries spending ``budget``; the final response, or ApiError when none came."""
        self._adapter.max_retries = BudgetRetry(
            total=budget.left, redirect=0, other=0, allowed_methods=frozenset(IDEMPOTENT_METHODS),
            status_forcelist=frozenset(RETRY_STATUSES), raise_on_status=False, budget=budget)
        self._throttle.wait()
        try:
            return self._send(method, path, body)
        except (requests.exceptions.RequestException, ValueError) as exc:
            raise ApiError(method, path, None, self.redact(describe_transport_error(exc, self.timeout)),
                           sent=not never_sent(exc), url=self.redact(shown_api_url(self.base_url + path)))

    def _result(self, method, path, response):
        """The decoded JSON body of a 2xx ``response`` (None when empty); ApiError for any other status."""
        if not 200 <= response.status_code < 300:
            message = self.redact(api_message(response))
            if response.status_code == 401:
                message += ' (the API key was refused; it came from %s)' % self.key_source
            raise ApiError(method, path, response.status_code, message,
                           retry_after=parse_retry_after(response.headers.get('Retry-After')))
        if not response.content or not response.content.strip():
            return None
        try:
            return response.json()
        except ValueError:
            raise ApiError(method, path, response.status_code, 'the response is not valid JSON')

    def request(self, method, path, body=None):
        """Send a request; return the decoded JSON body (None when empty) or raise ApiError."""
        return self._result(method, path, self._exchange(method, path, body, RetryBudget(self.retries, self._throttle)))

    def get(self, path, accept_missing=False):
        """GET ``path``; with ``accept_missing``, None when it does not exist (404) instead of ApiError."""
        response = self._exchange('GET', path, None, RetryBudget(self.retries, self._throttle))
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
        response = self._exchange('DELETE', path, None, RetryBudget(self.retries, self._throttle))
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
        the same retry count and time budget as every request. With ``adopt_on_conflict``, a 409 (another
        client created it meanwhile) calls it (a function; ``True``: ``find_created``) and returns what it
        finds; a 409 that finds nothing, and any other error, is ApiError.
        """
        budget = RetryBudget(self.retries, self._throttle)
        if adopt_on_conflict is True:
            adopt_on_conflict = find_created
        while True:
            try:
                return self._result('POST', path, self._exchange('POST', path, body, budget))
            except ApiError as err:
                find = find_created if err.ambiguous else adopt_on_conflict if err.status == 409 else None
                found = find() if find else None
                if found is not None:
                    return found
                wait = budget.next_wait(err.retry_after) if err.ambiguous else None
                if wait is None:
                    raise
                budget.spend()
                time.sleep(wait)
