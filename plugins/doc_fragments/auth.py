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
      - The SFTP To Go API key, sent as a bearer token; never shown in output, diffs or messages.
      - If not set, the E(SFTPTOGO_API_KEY) environment variable; one of the two is required.
      - Printable ASCII without whitespace; a trailing newline is refused.
    type: str
  organization_id:
    description:
      - The Id of the organization (the SFTP To Go instance) to manage, as in the dashboard URL.
      - If not set, the E(SFTPTOGO_ORGANIZATION_ID) environment variable; one of the two is required.
    type: str
  api_url:
    description:
      - Base URL of the management API. V(http://) warns that the API key travels in clear text, unless the host is a
        loopback address.
      - If not set, the E(SFTPTOGO_API_URL) environment variable, else the default.
    type: str
    default: https://api.sftptogo.com
  validate_certs:
    description:
      - Whether to verify the TLS certificate of O(api_url). V(false) warns; use it only for a trusted test endpoint.
    type: bool
    default: true
  timeout:
    description:
      - Seconds to wait for each HTTP request (positive, at most V(3600)).
    type: float
    default: 30
  api_retries:
    description:
      - Retries (V(0) to V(10)) on HTTP 429 and 500/502/503/504, timeouts and connection errors, with backoff. A create
        is never resent blindly.
    type: int
    default: 5
requirements:
  - requests
notes:
  - A missing O(api_key) or O(organization_id) fails before any request, naming the option and the environment
    variable; when the API refuses the key (HTTP 401), the message says which of the two it came from. O(api_url)
    takes V(https://) without user info, query or fragment; requests go to C({api_url}/organizations/{organization_id}/...).
    See R(the authentication guide,ansible_collections.sftptogo.sftptogo.docsite.guide_authentication) for the
    retries and the messages.
  - The modules talk to the API from wherever they run; use them on V(localhost) (or with C(delegate_to)).
  - All modules are in the action group C(sftptogo.sftptogo.all), so the connection options can be set once with
    the C(group/sftptogo.sftptogo.all) entry of C(module_defaults).
'''
