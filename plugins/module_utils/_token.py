# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The token rule: whether a URL is a credential in itself (anyone who has it can post), decided by its shape.

One rule for diffs, drift, summaries, results, messages, module arguments and the export (which leaves such a
URL out). It looks at the URL's parts, not at a list of services: the services below are examples of the shapes,
kept for the tokens that are too short to look random. Private to this collection (leading underscore).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import hmac
import os
import re

from urllib.parse import unquote, urlsplit

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._render import token_url

# A token looks random: a piece of at least TOKEN_MIN_LENGTH characters (between '/', ':', '@', ',' and the like)
# holding a run of at least TOKEN_RUN_LENGTH letters and digits that mixes both. 'upload-done', 'v1', a date
# ('backup-2024-12-31') or a long number (a Discord webhook id) are no token; a hex id, a UUID, a key are.
TOKEN_MIN_LENGTH = 16
TOKEN_RUN_LENGTH = 8
TOKEN_PIECE_SEPARATORS = re.compile(r'[^A-Za-z0-9_~+=.-]+')
LETTERS_AND_DIGITS = re.compile(r'[A-Za-z0-9]{%d,}' % TOKEN_RUN_LENGTH)
# Known token shapes, short or not: Slack (xoxb-, xapp-), Telegram bots (bot<digits>:<token>), GitLab (glpat-),
# GitHub (ghp_, github_pat_).
KNOWN_TOKEN = re.compile(r'^(xox[a-z]-|xapp-|bot\d+:|\d{6,}:[\w-]{20,}|glpat-|glptt-|gh[pousr]_|github_pat_)', re.IGNORECASE)
# Hosts whose every URL is a token (the host itself or any subdomain of it): services whose tokens may be too short
# to look random (Zapier, IFTTT, Make), or sit in the host name (Pipedream), and Slack and Teams.
TOKEN_HOSTS = re.compile(
    r'(^|\.)(hooks\.slack\.com|hooks\.slack-gov\.com'                       # Slack, incl. workflow URLs
    r'|webhook\.office\.com|outlook\.office\.com|outlook\.office365\.com'  # Teams / Office 365 connectors
    r'|logic\.azure\.com|api\.powerplatform\.com'                           # Logic Apps, Teams workflows
    r'|chat\.googleapis\.com|api\.telegram\.org'                            # Google Chat, Telegram bots
    r'|hooks\.zapier\.com|maker\.ifttt\.com|make\.com|integromat\.com'      # Zapier, IFTTT, Make
    r'|m\.pipedream\.net|webexapis\.com|events\.pagerduty\.com'              # Pipedream, Webex, PagerDuty
    r')$', re.IGNORECASE)
# Paths that are a token on the hosts of a service whose token may not look random (Discord and its subdomains).
TOKEN_PATHS = (
    (re.compile(r'(^|\.)discord(app)?\.com$', re.IGNORECASE), re.compile(r'/api(/v\d+)?/webhooks/', re.IGNORECASE)),
)
# Dots a host name may be written with that resolve as '.' (IDNA): 'hooks.slack\u3002com' is Slack too.
HOST_DOTS = re.compile('[\u3002\uff0e\uff61]')
DIGEST_LENGTH = 8  # hex characters: a change of token shows, the token does not


class _DigestKey:  # pylint: disable=too-few-public-methods
    """The key of the digests a masked URL shows: random until an API client sets it from its API key."""

    key = os.urandom(32)


def use_digest_key(api_key):
    """Key the digests of masked URLs with the API key, so a run shows the same digest for the same URL as the run
    before it (a plan approved once matches), and a guessable URL (a short password in its user info, a type
    ``slack`` URL on a known host) cannot be found from its digest by anyone without the key, who could read it
    anyway."""
    _DigestKey.key = hashlib.sha256(b'sftptogo token URL digest\0' + api_key.encode('utf-8', 'surrogatepass')).digest()


def looks_like_token(text):
    """Whether ``text`` (a path segment, a query value; %-decoded here) holds a token: a known token shape, or a
    piece long and random (see TOKEN_MIN_LENGTH)."""
    text = unquote(text)
    if KNOWN_TOKEN.match(text):
        return True
    return any(len(piece) >= TOKEN_MIN_LENGTH and any(_mixed(run) for run in LETTERS_AND_DIGITS.findall(piece))
               for piece in TOKEN_PIECE_SEPARATORS.split(text))


def _mixed(run):
    return not run.isdigit() and not run.isalpha()


def _parts(url):
    """The parts of ``url`` (urlsplit), or None when it is no URL with a host: every string of a task is asked."""
    if not isinstance(url, str) or '//' not in url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return parts if normal_host(parts) else None


def normal_host(parts):
    """The host name as it resolves: lower case, %-decoded, without the trailing dot of a fully qualified name."""
    return HOST_DOTS.sub('.', unquote(parts.hostname or '')).lower().rstrip('.')


def carries_token(url):
    """Whether a URL is a secret in itself: user info, a query or fragment parameter with a value, a path parameter,
    a part that looks like a token, or a host or path of a known service (TOKEN_HOSTS, TOKEN_PATHS)."""
    parts = _parts(url)
    if parts is None:
        return False
    host = normal_host(parts)
    return bool('@' in parts.netloc or TOKEN_HOSTS.search(host)
                or any(hosts.search(host) and path.match(parts.path) for hosts, path in TOKEN_PATHS)
                or _secret_parameters(parts.query) or _secret_parameters(parts.fragment)
                or any(_secret_segment(segment) for segment in parts.path.split('/')))


def _secret_parameters(text):
    """Whether query (or fragment) parameters may hold a credential: any value (services name theirs token, key,
    auth, code, sig, private_token, dd-api-key ...), or a name without value that looks like a token."""
    for parameter in re.split('[&;]', text):
        name, equals, value = parameter.partition('=')
        if value or not equals and looks_like_token(name):
            return True
    return False


def _secret_segment(segment):
    """Whether a path segment holds a token, or path parameters (';name=value')."""
    return looks_like_token(segment) or _secret_parameters(segment.partition(';')[2])


def masked_url(url):
    """A URL that is a secret, as every place shows it: its scheme and host, and a short digest of the whole URL."""
    parts = _parts(url)
    scheme, host = (parts.scheme.lower(), normal_host(parts)) if parts else ('', '')
    digest = hmac.new(_DigestKey.key, url.encode('utf-8', 'surrogatepass'), hashlib.sha256).hexdigest()
    return token_url(scheme, host, digest[:DIGEST_LENGTH])


def shown_url(url):
    """A URL as diffs, drift, results and messages show it: whole, or masked when it carries a token."""
    return masked_url(url) if carries_token(url) else url
