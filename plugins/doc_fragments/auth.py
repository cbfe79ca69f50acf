# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """Connection options of every module of this collection."""

    DOCUMENTATION = r'''
options:
  api_key:
    description:
      - The SFTP To Go API key, sent in the C(Authorization) header as a bearer token.
      - If not set, the value of the E(SFTPTOGO_API_KEY) environment variable is used.
      - Never shown in output, diffs or error messages.
    type: str
    required: true
  organization_id:
    description:
      - The Id of the organization (the SFTP To Go instance) to manage, as shown in the dashboard URL.
      - If not set, the value of the E(SFTPTOGO_ORGANIZATION_ID) environment variable is used.
    type: str
    required: true
  api_url:
    description:
      - Base URL of the management API; requests go to C({api_url}/organizations/{organization_id}/...).
      - If not set, the value of the E(SFTPTOGO_API_URL) environment variable is used, else the default.
    type: str
    default: https://api.sftptogo.com
  validate_certs:
    description:
      - Whether to verify the TLS certificate of O(api_url). Set to V(false) only for a trusted test endpoint.
    type: bool
    default: true
  timeout:
    description:
      - Seconds to wait for each HTTP request.
    type: float
    default: 30
  api_retries:
    description:
      - How often a request is retried (V(0) means one attempt only).
      - V(GET), V(PATCH) and V(DELETE) are retried on HTTP 429, 500, 502, 503 and 504, on connection errors and
        on timeouts. A V(POST) is retried only on HTTP 429 and on a connection that could not be opened, because
        a create that failed in any other way may have been applied; the module then lists the resources again
        and adopts the one it created rather than creating it twice.
      - A C(Retry-After) header (seconds or an HTTP date) is honoured; otherwise the wait grows exponentially
        from 0.5 s with random jitter, each wait capped at 10 s. No retry starts once 60 s have passed since the
        first attempt, so with the defaults a task facing a persistently failing API gives up within about a minute.
    type: int
    default: 5
requirements:
  - requests
notes:
  - The modules talk to the API from wherever they run; use them on V(localhost) (or with C(delegate_to)).
  - All modules are in the action group C(sftptogo.sftptogo.all), so the connection options can be set once with
    the C(group/sftptogo.sftptogo.all) entry of C(module_defaults).
'''
