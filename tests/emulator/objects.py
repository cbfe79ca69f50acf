# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Out-of-band changes, as if made in the console: no API validation, generated fields filled in."""

import copy

import sshkeys
import views
from common import ApiError
from store import REMOVABLE, apply_changes

TABLES = {'users': 'users', 'webhooks': 'webhooks', 'portal-links': 'links', 'ssh-public-keys': 'keys'}


def _table(store, kind):
    """The dict of stored objects of ``kind``."""
    if kind not in TABLES:
        raise ApiError(404, f"unknown object kind {kind!r}; known: {', '.join(TABLES)}")
    return getattr(store, TABLES[kind])


def _fields(fields):
    """The fields of an out-of-band change: a JSON object."""
    if fields is None:
        return {}
    if not isinstance(fields, dict):
        raise ApiError(400, 'the object fields must be a JSON object')
    return fields


def view(store, kind, obj):
    """An object as the state dump shows it (secrets included)."""
    if kind == 'users':
        return views.credential_state(store, obj)
    return copy.deepcopy(obj)


def find(store, kind, object_id, user_id=None):
    """A stored object, or 404; SSH keys must belong to credential ``user_id``."""
    obj = _table(store, kind).get(object_id)
    if obj is None or (kind == 'ssh-public-keys' and user_id is not None and obj['UserId'] != user_id):
        raise ApiError(404, f'{kind} {object_id} not found')
    return obj


def insert(store, config, kind, fields, user_id=None):
    """Create an object of ``kind`` from ``fields`` (defaults and generated fields filled in)."""
    fields = copy.deepcopy(_fields(fields))
    table = _table(store, kind)
    if fields.get('Id') in table:
        raise ApiError(409, f"{kind} {fields['Id']} already exists")
    if kind == 'users':
        obj = store.make_credential(fields)
    elif kind == 'webhooks':
        obj = store.make_webhook(fields)
    elif kind == 'portal-links':
        obj = store.make_link(fields, config['portal_domain'])
    else:
        find(store, 'users', user_id)
        try:
            parsed = sshkeys.parse(fields.pop('SshPublicKeyBody', None))
        except sshkeys.BadKey as err:
            raise ApiError(400, str(err)) from None
        obj = store.make_key(user_id, parsed, fields)
    return view(store, kind, obj)


def edit(store, kind, object_id, fields, user_id=None):
    """Change stored fields without any check; UpdatedAt moves unless given."""
    obj = find(store, kind, object_id, user_id)
    fields = {key: value for key, value in _fields(fields).items() if key != 'Id'}
    apply_changes(obj, fields, REMOVABLE.get(kind, ()), store.now_ms())
    if 'UpdatedAt' in fields:
        obj['UpdatedAt'] = fields['UpdatedAt']
    return view(store, kind, obj)


def delete(store, kind, object_id, user_id=None):
    """Remove an object (a credential takes its SSH keys with it); returns what was removed."""
    obj = find(store, kind, object_id, user_id)
    result = view(store, kind, obj)
    if kind == 'users':
        store.delete_credential(object_id)
    else:
        del _table(store, kind)[object_id]
    return result


def reserve_username(store, username):
    """Mark ``username`` as used by another organization, so creating it here answers 409."""
    if not isinstance(username, str) or not username:
        raise ApiError(400, 'UserName must be a non-empty string')
    store.foreign_usernames[username] = store.foreign_usernames.get(username) or store.new_uuid()
    return {'UserName': username, 'OrganizationId': store.foreign_usernames[username]}
