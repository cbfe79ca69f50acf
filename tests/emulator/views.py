# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""How stored objects look in API responses (computed fields, response switches) and in the state dump."""

import copy
from urllib.parse import quote

EXTRA_KEY = 'EmulatorUnknownKey'
EXTRA_VALUE = 'an undocumented key, to check that clients ignore what they do not know'
USERINFO_SAFE = "!$&'()*+,;="


def uri(username, password, host):
    """``sftp://user:password@host`` with RFC 3986 userinfo percent-encoding."""
    return f'sftp://{quote(username, safe=USERINFO_SAFE)}:{quote(password, safe=USERINFO_SAFE)}@{host}'


def _extra(ctx, obj):
    """Add the unknown key when the ``extra_response_keys`` switch is on."""
    if ctx is not None and ctx.config['extra_response_keys']:
        obj[EXTRA_KEY] = EXTRA_VALUE
    return obj


def credential_state(store, cred):
    """A credential with its computed fields (Host, URI, SshPublicKeysCount), keys in alphabetical order."""
    result = copy.deepcopy(cred)
    result['Host'] = store.host
    result['URI'] = uri(str(cred.get('UserName', '')), str(cred.get('Password', '')), store.host)
    result['SshPublicKeysCount'] = len(store.keys_of(cred['Id']))
    return dict(sorted(result.items()))


def credential(ctx, cred):
    """A credential as the API returns it."""
    result = credential_state(ctx.store, cred)
    if ctx.config['home_directory_without_slash'] and isinstance(result.get('HomeDirectory'), str):
        result['HomeDirectory'] = result['HomeDirectory'][1:] if result['HomeDirectory'].startswith('/') else result['HomeDirectory']
    rules = result.get('Settings', {}).get('Network', {}).get('InboundRules')
    for rule in rules if isinstance(rules, list) else []:
        _extra(ctx, rule)
    return _extra(ctx, result)


def key(ctx, stored):
    """An SSH key as the API returns it."""
    return _extra(ctx, copy.deepcopy(stored))


def webhook(ctx, stored, with_secret=False):
    """A webhook; its Secret is ``""`` unless ``with_secret`` (the create response)."""
    result = copy.deepcopy(stored)
    if not with_secret:
        result['Secret'] = ''
    return _extra(ctx, result)


def link(ctx, stored, with_password=None):
    """A share link; Password only when set and visible (create response, or the ``share_link_password_in_get`` switch)."""
    result = copy.deepcopy(stored)
    if with_password is None:
        with_password = ctx.config['share_link_password_in_get']
    if not with_password:
        result.pop('Password', None)
    return _extra(ctx, result)


def state(store):
    """Everything the organization holds, secrets included, for assertions in tests."""
    return {
        'organization_id': store.organization_id,
        'host': store.host,
        'clock_offset_ms': store.clock_offset_ms,
        'users': [credential_state(store, cred) for cred in store.users.values()],
        'ssh_public_keys': copy.deepcopy(list(store.keys.values())),
        'webhooks': copy.deepcopy(list(store.webhooks.values())),
        'portal_links': copy.deepcopy(list(store.links.values())),
        'webhook_consecutive_failures': {wid: store.webhook_failures.get(wid, 0) for wid in store.webhooks},
        'foreign_usernames': [{'UserName': name, 'OrganizationId': org} for name, org in store.foreign_usernames.items()],
    }
