# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Behaviour switches of the emulator: defaults and checked updates."""

DEFAULTS = {
    # Contract checks of api-contract.md 8.4: violations answer 400 with X-Emulator-Violation.
    'strict': True,
    # Unit of Expiration / ExpiresAt on the wire.
    'timestamp_unit': 'ms',
    # Settings of a new credential: absent (no Settings key), empty (no rules) or allow_all.
    'new_credential_rules': 'absent',
    # Rotation answers "Credentials reset." (older reference) instead of "Password set.".
    'legacy_rotation_message': False,
    # default: at least 8 characters; strict: at least 16 with upper, lower, digit and symbol.
    'password_policy': 'default',
    # Webhook Secret in PATCH responses: empty ("") or repeat (the real secret).
    'secret_on_update': 'empty',
    # Share-link Password in GET, list and PATCH responses (always in the create response).
    'share_link_password_in_get': True,
    # GET /webhooks/{id} and GET /users/{uid}/ssh-public-keys/{kid}: allow or 404.
    'undocumented_endpoints': '404',
    # Add an unknown key to every object returned (forward compatibility).
    'extra_response_keys': False,
    # Echo HomeDirectory without its leading slash (as the reference's update example does).
    'home_directory_without_slash': False,
    # Accept '@' in UserName (the console suggests e-mail addresses as user names).
    'allow_at_in_username': False,
    # Host name used in share-link Urls.
    'portal_domain': 'portal.sftptogo.com',
    # A share link at its AccessLimit: remove (the API reference) or deactivate (State inactive; the console docs).
    'share_link_limit_behavior': 'remove',
    # API requests per second answered; above it 429 Too Many Requests with Retry-After: 1 (0: no limit).
    'rate_limit': 0,
    'webhook_loopback_http': False,  # deliver to https://<loopback> webhook URLs over plain http (local tests only)
}

CHOICES = {
    'timestamp_unit': ('ms', 's'),
    'new_credential_rules': ('absent', 'empty', 'allow_all'),
    'password_policy': ('default', 'strict'),
    'secret_on_update': ('empty', 'repeat'),
    'undocumented_endpoints': ('allow', '404'),
    'share_link_limit_behavior': ('remove', 'deactivate'),
}


def _checked(name, value):
    """The value to store for switch ``name``, or ValueError with a readable message."""
    if name not in DEFAULTS:
        raise ValueError(f"unknown switch {name!r}; known: {', '.join(sorted(DEFAULTS))}")
    default = DEFAULTS[name]
    if name == 'undocumented_endpoints' and value == 404:
        value = '404'
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ValueError(f'switch {name} must be true or false')
        return value
    if isinstance(default, int):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f'switch {name} must be an integer >= 0')
        return value
    if not isinstance(value, str) or not value:
        raise ValueError(f'switch {name} must be a non-empty string')
    if name in CHOICES and value not in CHOICES[name]:
        raise ValueError(f"switch {name} must be one of {', '.join(CHOICES[name])}")
    return value


def updated(current, changes):
    """A copy of ``current`` with ``changes`` applied; ValueError (nothing applied) when one is invalid."""
    if not isinstance(changes, dict):
        raise ValueError('config must be a JSON object of switches')
    result = dict(current)
    for name, value in changes.items():
        result[name] = _checked(name, value)
    return result


def defaults():
    """A fresh copy of the default switches."""
    return dict(DEFAULTS)
