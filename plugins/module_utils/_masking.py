# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""How a secret is kept out of a message: every form a message may show it in, and where it is masked."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import json
import re

from urllib.parse import parse_qsl, quote, quote_plus, urlsplit

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._render import MESSAGE_MASK as MASK

MIN_TOKEN_LENGTH = 4  # a part of a secret (the token of 'Bearer <token>') shorter than this is no secret alone
# A secret shorter than this is masked as a whole word only: it never masks letters of other words. A longer one
# is masked wherever it occurs whole; never where only its beginning does (that would tell how it begins).
WORD_ONLY_LENGTH = 8


def _url_forms(value):
    """The parts of a URL that are a token on their own: user info and its password, the path and each tail of it
    that starts at a random-looking segment (a Slack token alone, after /services/), the query and its values."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return []
    if not parts.scheme or not parts.netloc:
        return []
    forms = [parts.path + ('?' + parts.query if parts.query else ''), parts.query]
    if '@' in parts.netloc:
        userinfo = parts.netloc.rsplit('@', 1)[0]
        forms.extend([userinfo, userinfo.partition(':')[2]])
    segments = parts.path.split('/')
    for index, segment in enumerate(segments):
        if len(segment) >= WORD_ONLY_LENGTH and not segment.islower():  # 'services', 'webhooks' are no token
            forms.append('/'.join(segments[index:]))
    forms.extend(query_value for _name, query_value in parse_qsl(parts.query))
    return forms


def _basic_forms(value):
    """Of a 'Basic <base64>' header: the decoded 'user:password' and the password."""
    scheme, _sep, token = value.partition(' ')
    if scheme.lower() != 'basic':
        return []
    try:
        decoded = base64.b64decode(token.strip(), validate=True).decode('utf-8')
    except (ValueError, UnicodeDecodeError):
        return []
    return [decoded, decoded.partition(':')[2]]


def secret_forms(value):
    """Every form of a secret a message may show: itself, its token after a scheme ('Bearer <token>'), the parts of a
    URL or a decoded Basic header that are secrets on their own; each also escaped (%r, JSON) and URL-encoded.

    A part shorter than MIN_TOKEN_LENGTH is left out (the whole value still counts).
    """
    parts = value.split()
    forms = [value] + ([parts[1]] if len(parts) == 2 else []) + _url_forms(value) + _basic_forms(value)
    found = set()
    for form in forms:
        if form and (form == value or len(form) >= MIN_TOKEN_LENGTH):
            found.update((form, repr(form)[1:-1], json.dumps(form)[1:-1], quote(form, safe=''), quote_plus(form)))
    return found


def _is_word_char(text, index):
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] == '_')


# A word of a message made of a secret's characters: a truncated echo of a token is one of these.
ECHOED_WORD = re.compile(r'[A-Za-z0-9_\-.~+/=]{%d,}' % WORD_ONLY_LENGTH)


def _random_looking(word):
    """Whether ``word`` mixes letters and digits, as an API key does (no word of prose, such as 'Credentials')."""
    return any(char.isdigit() for char in word) and any(char.isalpha() for char in word)


def mask_truncated_echo(text, secret):
    """``text`` with every random-looking word of WORD_ONLY_LENGTH or more characters that starts ``secret`` masked:
    for the API key, which a service may echo truncated ('key k3y9AbCd12...'). Only for a random secret: a password
    or a 'user:password' may start with a word of the message (a user name), which must stay readable."""
    def masked(match):
        word = match.group(0).rstrip('.')  # 'k3y9AbCd12...': the dots of the truncation are no part of the key
        dots = match.group(0)[len(word):]
        shown = len(word) >= WORD_ONLY_LENGTH and _random_looking(word) and secret.startswith(word)
        return (MASK if shown else word) + dots
    return ECHOED_WORD.sub(masked, text)


def mask_secret(text, secret):
    """``text`` with every whole occurrence of ``secret`` masked, in any letter case; a secret shorter than
    WORD_ONLY_LENGTH only where it is a whole word (a one-letter password never masks the letters of other words)."""
    low, key = text.lower(), secret.lower()
    if len(low) != len(text) or len(key) != len(secret):
        low, key = text, secret  # a letter whose lower case is longer: compare as written
    short = len(key) < WORD_ONLY_LENGTH
    pieces, start, found = [], 0, low.find(key)
    while found >= 0:
        end = found + len(key)
        if not short or not (_is_word_char(text, found - 1) or _is_word_char(text, end)):
            pieces.extend((text[start:found], MASK))
            start = end
        found = low.find(key, end if start == end else found + 1)
    return ''.join(pieces) + text[start:]
