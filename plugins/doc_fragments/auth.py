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
      - Printable ASCII without whitespace; a trailing newline (as a vault C(|) block adds) is refused.
      - Never shown in output, diffs or error messages.
      - Required, as the option or the environment variable; a missing one fails naming both (with O(organization_id),
        when that is missing too). When the API refuses the key (HTTP 401), the message says which of the two it came
        from.
    type: str
  organization_id:
    description:
      - The Id of the organization (the SFTP To Go instance) to manage, as shown in the dashboard URL (letters,
        digits, V(_) and V(-)).
      - If not set, the value of the E(SFTPTOGO_ORGANIZATION_ID) environment variable is used.
      - Required, as the option or the environment variable; a missing one fails naming both, before any request.
    type: str
  api_url:
    description:
      - Base URL of the management API; requests go to C({api_url}/organizations/{organization_id}/...).
      - V(https://), without user info, query or fragment. V(http://) warns that the API key travels in clear text,
        unless the host is a loopback address (a local test endpoint).
      - If not set, the value of the E(SFTPTOGO_API_URL) environment variable is used, else the default.
    type: str
    default: https://api.sftptogo.com
  validate_certs:
    description:
      - Whether to verify the TLS certificate of O(api_url). V(false) warns; use it only for a trusted test endpoint.
    type: bool
    default: true
  timeout:
    description:
      - Seconds to wait for each HTTP request (positive, at most V(3600)); a request without an answer by then fails as a timeout.
    type: float
    default: 30
  api_retries:
    description:
      - Retries (V(0) to V(10)) on HTTP 429 and 500/502/503/504, timeouts and connection errors. A possibly applied
        POST is resent only as a create not found by listing again. Waits are the larger of C(Retry-After) and
        exponential backoff, plus jitter; none starts after 60 s.
    type: int
    default: 5
requirements:
  - requests
notes:
  - The modules talk to the API from wherever they run; use them on V(localhost) (or with C(delegate_to)).
  - All modules are in the action group C(sftptogo.sftptogo.all), so the connection options can be set once with
    the C(group/sftptogo.sftptogo.all) entry of C(module_defaults).
'''
