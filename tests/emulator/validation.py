# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Field rules of the API (api-contract.md sections 2 and 3). Each check returns the value to store or raises a 400."""

import ipaddress
import re
from urllib.parse import urlsplit

from common import ApiError

CREDENTIAL_PERMISSIONS = ('none', 'read-only', 'read-write', 'write-only', 'full')
CREDENTIAL_STATES = ('active', 'inactive')
RULE_PROTOCOLS = ('*', 'SFTP', 'FTPS')
RULE_STATES = ('enabled', 'disabled')
RULE_REQUIRED = ('Protocol', 'Source', 'Action', 'State')
RULE_KEYS = RULE_REQUIRED + ('Id', 'Description')
WEBHOOK_TYPES = ('webhook', 'slack', 'ms-teams', 'email')
WEBHOOK_STATES = ('enabled', 'paused')
TOPICS = ('file.created', 'file.deleted', 'file.downloaded')
LINK_PERMISSIONS = ('read-only', 'read-write', 'write-only', 'read-write-no-delete')
MAX_STRING = 256
MAX_TEXT = 1024
MAX_RULES = 50
YEAR_MS = 366 * 24 * 3600 * 1000
USERNAME_RE = re.compile(r'[A-Za-z0-9_.-]{10,100}')
USERNAME_AT_RE = re.compile(r'[A-Za-z0-9_.@-]{10,100}')
EMAIL_RE = re.compile(r'[^@\s<>]+@[^@\s<>.]+(\.[^@\s<>.]+)+')
NAMED_EMAIL_RE = re.compile(r'[^<>]*<([^<>]+)>')


def fail(message):
    """Refuse the request with 400 and ``message``."""
    raise ApiError(400, message)


def string(key, value, max_len=MAX_STRING):
    """null, or a string of at most ``max_len`` characters."""
    if value is None:
        return None
    if not isinstance(value, str):
        fail(f'{key} must be a string')
    if len(value) > max_len:
        fail(f'{key} must be at most {max_len} characters')
    return value


def enum(key, value, choices):
    """One of ``choices``, compared case-sensitively."""
    if not isinstance(value, str) or value not in choices:
        fail(f"{key} must be one of {', '.join(choices)}")
    return value


def integer(ctx, key, value):
    """A JSON integer; strict mode flags strings, booleans and floats, lenient mode coerces what it can."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    ctx.violate('type_integer', f'{key} must be a JSON integer, not {type(value).__name__}')
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r'-?[0-9]+', value.strip()):
        return int(value.strip())
    return fail(f'{key} must be an integer')


def username(value, allow_at=False):
    """10 to 100 letters, digits, '_', '-', '.' (and '@' when the switch allows it)."""
    pattern = USERNAME_AT_RE if allow_at else USERNAME_RE
    if not isinstance(value, str) or not pattern.fullmatch(value):
        fail("UserName must be 10 to 100 characters of letters, digits, '_', '-' or '.'")
    return value


def password(value, policy):
    """A password that satisfies the organization's policy (the value is never echoed)."""
    if not isinstance(value, str):
        fail('Password must be a string')
    if len(value) > MAX_STRING:
        fail(f'Password must be at most {MAX_STRING} characters')
    if policy == 'strict':
        classes = (any(c.isupper() for c in value), any(c.islower() for c in value),
                   any(c.isdigit() for c in value), any(not c.isalnum() for c in value))
        if len(value) < 16 or not all(classes):
            fail('Password does not meet the password policy: at least 16 characters with upper and lower case letters, a digit and a symbol')
    elif len(value) < 8:
        fail('Password does not meet the password policy: at least 8 characters')
    return value


def directory(key, value):
    """An absolute path."""
    if not isinstance(value, str) or not value.startswith('/') or len(value) > MAX_TEXT or '\0' in value:
        fail(f'{key} must be an absolute path starting with /')
    return value


def expiry(ctx, key, value, within_year):
    """null, or an epoch integer in the future (in the configured unit); credentials: at most one year ahead."""
    if value is None:
        return None
    value = integer(ctx, key, value)
    as_ms = value * 1000 if ctx.config['timestamp_unit'] == 's' else value
    now = ctx.now_ms()
    if as_ms <= now:
        fail(f'{key} must be in the future')
    if within_year and as_ms > now + YEAR_MS:
        fail(f'{key} must be at most one year in the future')
    return value


def settings(ctx, value):
    """``{"Network": {"InboundRules": [...]}}`` with every rule complete; the rules replace the stored ones."""
    if not isinstance(value, dict) or not isinstance(value.get('Network'), dict):
        fail('Settings must be an object {"Network": {"InboundRules": [...]}}')
    for extra in sorted(set(value) - {'Network'}) + sorted(set(value['Network']) - {'InboundRules'}):
        ctx.violate('unknown_key', f'Settings carries an undocumented key: {extra}')
    rules = value['Network'].get('InboundRules')
    if not isinstance(rules, list):
        fail('Settings.Network.InboundRules must be an array')
    if len(rules) > MAX_RULES:
        fail(f'Settings.Network.InboundRules holds at most {MAX_RULES} rules')
    return {'Network': {'InboundRules': [inbound_rule(ctx, index, rule) for index, rule in enumerate(rules)]}}


def inbound_rule(ctx, index, rule):
    """One complete inbound rule; a missing Id is generated."""
    where = f'Settings.Network.InboundRules[{index}]'
    if not isinstance(rule, dict):
        fail(f'{where} must be an object')
    for extra in sorted(set(rule) - set(RULE_KEYS)):
        ctx.violate('unknown_key', f'{where} carries an undocumented key: {extra}')
    for key in RULE_REQUIRED:
        if key not in rule:
            fail(f'{where}.{key} is required (every rule must be complete)')
    result = {'Action': enum(where + '.Action', rule['Action'], ('allow',))}
    description = string(where + '.Description', rule.get('Description'))
    if description is not None:
        result['Description'] = description
    rule_id = rule.get('Id')
    if rule_id is not None and (not isinstance(rule_id, str) or not rule_id):
        fail(f'{where}.Id must be a non-empty string')
    result['Id'] = rule_id or ctx.store.new_uuid()
    result['Protocol'] = enum(where + '.Protocol', rule['Protocol'], RULE_PROTOCOLS)
    result['Source'] = source(where + '.Source', rule['Source'])
    result['State'] = enum(where + '.State', rule['State'], RULE_STATES)
    return result


def source(key, value):
    """An IPv4 address or CIDR range, stored as sent."""
    try:
        ipaddress.IPv4Network(value, strict=False)
    except (ValueError, TypeError):
        fail(f'{key} must be an IPv4 address or CIDR range')
    return value


def webhook_url(hook_type, value):
    """https URL for webhook, slack and ms-teams; an e-mail address (or ``Name <address>``) for email."""
    if not isinstance(value, str) or not value or len(value) > MAX_TEXT:
        fail('Url must be a non-empty string')
    if hook_type == 'email':
        named = NAMED_EMAIL_RE.fullmatch(value.strip())
        address = named.group(1).strip() if named else value
        if not EMAIL_RE.fullmatch(address):
            fail('Url must be an e-mail address for Type email')
        return value
    parts = urlsplit(value)
    if parts.scheme != 'https' or not parts.hostname:
        fail(f'Url must be an https URL for Type {hook_type}')
    return value


def topics(ctx, value):
    """A non-empty array of distinct topics."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        ctx.violate('type_topics', 'Topics must be an array of strings')
        fail('Topics must be an array of strings')
    if not value:
        fail('Topics must hold at least one topic')
    unknown = [item for item in value if item not in TOPICS]
    if unknown:
        fail(f"Topics must be taken from {', '.join(TOPICS)}")
    if len(set(value)) != len(value):
        fail('Topics must not repeat a topic')
    return list(value)


def link_path(value):
    """An absolute path; a trailing slash marks a folder."""
    if not isinstance(value, str) or not value.startswith('/') or len(value) > MAX_TEXT or '\0' in value:
        fail('Path must be an absolute path starting with / (folders end with /)')
    return value


def link_permission(path, permission):
    """A share-link permission; a file link (no trailing slash) can only be read-only."""
    enum('Permission', permission, LINK_PERMISSIONS)
    if not path.endswith('/') and permission != 'read-only':
        fail('a file share link (Path without a trailing /) can only be read-only')
    return permission
