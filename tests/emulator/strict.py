# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Strict request assertions (api-contract.md 8.4) on the keys of a body and on PATCH minimality.

Each check calls ``ctx.violate``: in strict mode that answers 400 with the violation code; in lenient
mode it returns and the check falls back to what a forgiving server would do (usually: ignore the key).
"""

import json

from validation import fail

READ_ONLY = {
    'credential': ('Id', 'OrganizationId', 'Host', 'URI', 'IsDefault', 'SshPublicKeysCount', 'PasswordCreatedAt',
                   'CreatedAt', 'UpdatedAt'),
    'key': ('Id', 'UserId', 'Fingerprint', 'Type', 'Comment', 'CreatedAt', 'UpdatedAt'),
    'webhook': ('Id', 'OrganizationId', 'Secret', 'CreatedAt', 'UpdatedAt'),
    'link': ('Id', 'OrganizationId', 'Url', 'AccessCount', 'State', 'CreatedBy', 'CreatedAt', 'UpdatedAt'),
}
WRITABLE = {
    'credential': ('Alias', 'UserName', 'Password', 'HomeDirectory', 'ChrootDirectory', 'Permission', 'Expiration',
                   'State', 'Settings'),
    'key': ('SshPublicKeyBody',),
    'webhook': ('Alias', 'Url', 'Type', 'AuthorizationHeader', 'Topics', 'State'),
    'link': ('Path', 'Permission', 'ExpiresAt', 'AccessLimit', 'Password', 'Notes', 'Type'),
}
# Writable keys that one method must not carry: (violation code, message, lenient mode keeps the key).
RESTRICTED = {
    ('credential', 'POST'): {
        'Settings': ('settings_on_create', 'Settings is not a create parameter: create the credential, then PATCH its rules', True),
    },
    ('credential', 'PATCH'): {
        'Password': ('password_in_patch', 'change a password with POST .../credential-rotations, not PATCH', True),
    },
    ('link', 'PATCH'): {
        'Path': ('immutable_key', 'Path of a share link cannot be changed: delete and create the link', False),
        'Type': ('immutable_key', 'Type of a share link cannot be changed', False),
    },
}


def screen(ctx, kind, body):
    """The body keys a handler may use: restricted, read-only and unknown keys are violations (dropped when lenient)."""
    restricted = RESTRICTED.get((kind, ctx.method), {})
    result = {}
    for key, value in body.items():
        if key in restricted:
            code, message, keep = restricted[key]
            ctx.violate(code, message)
            if not keep:
                continue
        elif key in READ_ONLY[kind]:
            ctx.violate('read_only_key', f'{key} is read-only and must not be sent')
            continue
        elif key not in WRITABLE[kind]:
            ctx.violate('unknown_key', f'{key} is not a documented parameter of {ctx.method} {ctx.route}')
            continue
        result[key] = value
    return result


def same_value(key, sent, current):
    """True when ``sent`` equals ``current`` (JSON types must match too; Topics compare as sets)."""
    if key == 'Topics' and isinstance(sent, list) and isinstance(current, list):
        try:
            return sorted(set(sent)) == sorted(set(current)) and len(sent) == len(current)
        except TypeError:
            return False
    return json.dumps(sent, sort_keys=True) == json.dumps(current, sort_keys=True)


def require_patch_body(ctx, body):
    """A PATCH must carry at least one key."""
    if not body:
        ctx.violate('empty_patch', 'a PATCH body must not be empty; send only the keys that change')


def require_changes(ctx, body, current, ignore=()):
    """Every key of a PATCH must change the stored value (a PATCH is minimal).

    A PATCH re-sent after its first attempt failed ambiguously (5xx, reset, lost response) may find its
    changes applied already: that is a legitimate retry, not a no-op.
    """
    if ctx.emulator.journal.ambiguous_patches.get(ctx.route) == json.dumps(body, sort_keys=True):
        return
    for key, value in body.items():
        if key not in ignore and same_value(key, value, current.get(key)):
            ctx.violate('noop_patch', f'{key} already has this value; a PATCH carries only the keys that change')


def rotation_body(ctx, body):
    """The rotation body: absent, empty, {} or exactly {"Password": <string>}; returns the password or None."""
    if not body:
        return None
    if set(body) != {'Password'} or not isinstance(body.get('Password'), str):
        ctx.violate('rotation_body', 'the rotation body must be absent, {} or exactly {"Password": "<string>"}')
    value = body.get('Password')
    if value is not None and not isinstance(value, str):
        fail('Password must be a string')
    return value
