# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Credentials (/users), password rotation and SSH public keys. Each handler returns (status, JSON value)."""

import sshkeys
import strict
import validation
import views
from common import ApiError
from store import CREDENTIAL_REMOVABLE, ROOT_RULE, apply_changes

MAX_KEYS = 50


def find_user(ctx, uid):
    """The stored credential ``uid`` or a 404."""
    cred = ctx.store.users.get(uid)
    if cred is None:
        raise ApiError(404, 'Credentials not found')
    return cred


def credential_fields(ctx, body):
    """Validate the credential keys present in ``body``; returns the values to store."""
    checks = {
        'Alias': lambda v: validation.string('Alias', v) or '',
        'UserName': lambda v: validation.username(v, ctx.config['allow_at_in_username']),
        'Password': lambda v: validation.password(v, ctx.config['password_policy']),
        'HomeDirectory': lambda v: validation.directory('HomeDirectory', v),
        'ChrootDirectory': lambda v: validation.directory('ChrootDirectory', v),
        'Permission': lambda v: validation.enum('Permission', v, validation.CREDENTIAL_PERMISSIONS),
        'Expiration': lambda v: validation.expiry(ctx, 'Expiration', v, within_year=True),
        'State': lambda v: validation.enum('State', v, validation.CREDENTIAL_STATES),
        'Settings': lambda v: validation.settings(ctx, v),
    }
    return {key: checks[key](value) for key, value in body.items()}


def check_username_free(ctx, fields, except_id=None):
    """409 when the requested UserName is used anywhere (this organization or another one)."""
    if 'UserName' in fields and ctx.store.username_taken(fields['UserName'], except_id):
        raise ApiError(409, f"UserName {fields['UserName']} is already taken")


def new_credential_settings(ctx):
    """Settings of a new credential per the ``new_credential_rules`` switch (None: no Settings key)."""
    mode = ctx.config['new_credential_rules']
    if mode == 'empty':
        return {'Network': {'InboundRules': []}}
    if mode == 'allow_all':
        return {'Network': {'InboundRules': [dict(ROOT_RULE, Id=ctx.store.new_uuid())]}}
    return None


def list_users(ctx, _params, _body):
    """GET /users."""
    return 200, [views.credential(ctx, cred) for cred in ctx.store.users.values()]


def create_user(ctx, _params, body):
    """POST /users."""
    fields = credential_fields(ctx, strict.screen(ctx, 'credential', body or {}))
    check_username_free(ctx, fields)
    if 'Settings' not in fields:
        fields['Settings'] = new_credential_settings(ctx)
    return 201, views.credential(ctx, ctx.store.make_credential(fields))


def get_user(ctx, params, _body):
    """GET /users/{uid}."""
    return 200, views.credential(ctx, find_user(ctx, params['uid']))


def patch_user(ctx, params, body):
    """PATCH /users/{uid}: sparse merge; Settings replaces the whole rule list."""
    cred = find_user(ctx, params['uid'])
    strict.require_patch_body(ctx, body)
    body = strict.screen(ctx, 'credential', body or {})
    strict.require_changes(ctx, body, cred)
    fields = credential_fields(ctx, body)
    check_username_free(ctx, fields, except_id=cred['Id'])
    if 'Password' in fields:
        ctx.store.set_password(cred, fields.pop('Password'))
    apply_changes(cred, fields, CREDENTIAL_REMOVABLE, ctx.now_ms())
    return 200, views.credential(ctx, cred)


def delete_user(ctx, params, _body):
    """DELETE /users/{uid}: answers the deleted credential; its SSH keys go with it."""
    cred = find_user(ctx, params['uid'])
    if cred.get('IsDefault'):
        message = 'Root credentials cannot be deleted'
        ctx.note('delete_default', message)
        raise ApiError(400, message)
    result = views.credential(ctx, cred)
    ctx.store.delete_credential(cred['Id'])
    return 200, result


def rotate(ctx, params, body):
    """POST /users/{uid}/credential-rotations: no body = generated password, {"Password"} = that password."""
    cred = find_user(ctx, params['uid'])
    password = strict.rotation_body(ctx, body)
    if password is None:
        password = ctx.store.new_password()
    else:
        validation.password(password, ctx.config['password_policy'])
    ctx.store.set_password(cred, password)
    message = 'Credentials reset.' if ctx.config['legacy_rotation_message'] else 'Password set.'
    return 200, {'message': message}


def list_keys(ctx, params, _body):
    """GET /users/{uid}/ssh-public-keys."""
    find_user(ctx, params['uid'])
    return 200, [views.key(ctx, key) for key in ctx.store.keys_of(params['uid'])]


def add_key(ctx, params, body):
    """POST /users/{uid}/ssh-public-keys: parse, fingerprint, refuse a duplicate blob on the same credential."""
    cred = find_user(ctx, params['uid'])
    body = strict.screen(ctx, 'key', body or {})
    if 'SshPublicKeyBody' not in body:
        validation.fail('SshPublicKeyBody is required')
    try:
        parsed = sshkeys.parse(body['SshPublicKeyBody'])
    except sshkeys.BadKey as err:
        raise ApiError(400, str(err)) from None
    existing = ctx.store.keys_of(cred['Id'])
    if any(key['Fingerprint'] == parsed['Fingerprint'] for key in existing):
        raise ApiError(409, 'this SSH key is already attached to these credentials')
    if len(existing) >= MAX_KEYS:
        validation.fail(f'at most {MAX_KEYS} SSH keys per credential')
    return 201, views.key(ctx, ctx.store.make_key(cred['Id'], parsed))


def find_key(ctx, params):
    """The SSH key ``kid`` of credential ``uid`` or a 404."""
    find_user(ctx, params['uid'])
    key = ctx.store.keys.get(params['kid'])
    if key is None or key['UserId'] != params['uid']:
        raise ApiError(404, 'SSH key not found')
    return key


def get_key(ctx, params, _body):
    """GET /users/{uid}/ssh-public-keys/{kid} (undocumented; only with ``undocumented_endpoints: allow``)."""
    return 200, views.key(ctx, find_key(ctx, params))


def delete_key(ctx, params, _body):
    """DELETE /users/{uid}/ssh-public-keys/{kid}: answers the deleted key."""
    key = find_key(ctx, params)
    del ctx.store.keys[key['Id']]
    return 200, views.key(ctx, key)
