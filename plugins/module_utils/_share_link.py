# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Share links (API: /portal-links): field table, argument specs, result shaping and the special rules
(Path fixed at create, file links read-only, password policy when the API does not return it)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._connection import AUTH_ARGUMENT_SPEC
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._engine import StateEngine
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._descriptor import ResourceType, STATE_SPEC, declared_options
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._failure import ModuleFailure
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._field import Field, WriteOnly, secret_options
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._timestamps import (
    api_to_ms, ms_to_iso, now_ms, to_epoch_ms, to_the_second)

PERMISSIONS = ['read-only', 'read-write', 'write-only', 'read-write-no-delete']
INFO_FILTERS = ('id', 'path')


def check_path(value):
    """The path as the API takes it: absolute; a trailing '/' marks a folder (kept, it is meaningful)."""
    if not isinstance(value, str) or not value.startswith('/') or '\0' in value:
        raise ValueError("path must be an absolute path starting with '/' (a folder ends with '/'); got %r" % value)
    return value


def is_file(path):
    """A path without a trailing '/' is a file."""
    return not path.endswith('/')


def check_file_permission(path, permission):
    """A file link can only be read-only (the service refuses anything else)."""
    if permission != 'read-only' and is_file(path):
        raise ModuleFailure("permission must be read-only for a file link (path %r has no trailing '/'); got %r; "
                            "share the folder instead (path ending with '/')" % (path, permission), option='permission')


def check_access_limit(value):
    """An access limit of 0 (unlimited) or more."""
    if value < 0:
        raise ValueError('access_limit must be 0 (unlimited) or a positive number of accesses; got %d' % value)
    return value


FIELDS = (
    Field('path', 'Path', to_api=check_path),
    Field('notes', 'Notes', canonical=lambda value: value or ''),
    Field('permission', 'Permission'),
    Field('expires_at', 'ExpiresAt', to_api=lambda value: to_epoch_ms(value, 'expires_at'),
          canonical=to_the_second, display=lambda value: ms_to_iso(api_to_ms(value))),
    Field('access_limit', 'AccessLimit', to_api=check_access_limit, canonical=lambda value: value or 0),
    # The API may not return it (then it is sent on every run, unless update_password is on_create); '' removes it.
    Field('password', 'Password', to_api=lambda value: value or None, canonical=lambda value: value or None,
          secret=WriteOnly(shown_once=True)),
)


ARGUMENT_SPEC = secret_options(dict(
    AUTH_ARGUMENT_SPEC,
    state=dict(STATE_SPEC),
    id=dict(type='str'),
    path=dict(type='str'),
    notes=dict(type='str'),
    permission=dict(type='str', choices=PERMISSIONS),
    expires_at=dict(type='raw'),
    access_limit=dict(type='int'),
    password=dict(type='str'),
    update_password=dict(type='str', default='always', choices=['always', 'on_create'], no_log=False),
), FIELDS)

SHARE_LINK = ResourceType(
    name='share_link', path='/portal-links', fields=FIELDS,
    lookups=(('id',), ('path',)), narrow=('notes',), natural_key=('path', 'notes'),
    name_keys=('Path',),
    declared=declared_options(
        ARGUMENT_SPEC, ('notes', 'permission', 'expires_at', 'access_limit', 'password', 'update_password')))

MODULE_OPTIONS = dict(
    argument_spec=ARGUMENT_SPEC,
    required_one_of=[('id', 'path')],
    supports_check_mode=True,
)

INFO_ARGUMENT_SPEC = dict(
    AUTH_ARGUMENT_SPEC,
    id=dict(type='str'),
    path=dict(type='str'),
    show_secrets=dict(type='bool', default=False),
)


class ShareLinkEngine(StateEngine):
    """Share links: Type share on create only, Path never PATCHed, file links read-only, a password returned by the
    run that sets it."""

    password_sent = False

    def desired(self):
        desired = super(ShareLinkEngine, self).desired()
        if self.params.get('path') is not None and self.params.get('permission') is not None:
            check_file_permission(self.params['path'], self.params['permission'])
        return desired

    def ensure_present(self, current, desired):
        if current is not None:
            self.check_found(current)
        return super(ShareLinkEngine, self).ensure_present(current, desired)

    def check_found(self, current):
        """Refuse, before any write, what the found link cannot become (its Path is fixed at create)."""
        path = current.get('Path') or ''
        if self.params.get('path') is not None and self.params['path'] != path:
            raise ModuleFailure('path of share link %s is %r and cannot be changed to %r; create a link for the new '
                                'path and remove this one' % (current.get('Id'), path, self.params['path']), option='path')
        if self.params.get('permission') is not None:
            check_file_permission(path, self.params['permission'])

    def differs(self, field, value, current):
        differs = super(ShareLinkEngine, self).differs(field, value, current)
        if differs and field.option == 'expires_at':
            check_future(value)
        return differs

    def create(self, desired):
        for field, value in desired:
            if field.option == 'expires_at':
                check_future(value)
        return super(ShareLinkEngine, self).create(desired)

    def create_body(self, desired):
        body = super(ShareLinkEngine, self).create_body(desired)
        body['Type'] = 'share'
        self.password_sent = 'Password' in body
        return body

    def update(self, current, changes):
        self.password_sent = any(field.option == 'password' for field, dummy in changes)
        return super(ShareLinkEngine, self).update(current, changes)

    def after_present(self, current):
        warn_if_inactive(self.warn, current)
        if self.password_sent and not self.check_mode:
            # The task that set the password returns it, even when the API's answer leaves it out.
            self.reveal_secrets = True
            if self.params.get('password') and 'Password' not in current:
                current = dict(current, Password=self.params['password'])
        return current


def warn_if_inactive(warn, link):
    """State is the service's to set: a link it deactivated (limit reached, expired) matches but serves nothing."""
    state = link.get('State')
    if state not in (None, 'active'):
        warn('share link %s is %s: the service no longer serves it (its access limit was reached or it '
             'expired). Remove it (state=absent) and run the task again for a new link and URL'
             % (link.get('Id'), state))


def check_future(value_ms):
    """An expiry to send must be in the future (the service refuses a past one)."""
    if value_ms is not None and value_ms <= now_ms():
        raise ModuleFailure('expires_at %s is in the past; a share link can only be set to expire in the future '
                            '(nothing was sent)' % ms_to_iso(value_ms), option='expires_at')


def check_info_filters(params):
    """sftptogo_share_link_info: a bad path filter fails before any request."""
    if params.get('path') is not None:
        check_path(params['path'])
