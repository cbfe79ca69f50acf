# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Credentials (API: /users): field table, argument specs, result shaping, and what the API asks of them: the
password set through its own endpoint, rotated on demand or by age, allow-lists that fail closed, Root kept."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._connection import AUTH_ARGUMENT_SPEC
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._engine import StateEngine
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._descriptor import MASK, ResourceType, STATE_SPEC, declared_options, remember_secrets
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._failure import ModuleFailure
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._field import Field, Secret, WriteOnly, secret_options
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._inbound_rules import INBOUND_RULES, RULE_SPEC
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._ssh_key import SSH_KEYS
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._timestamps import (
    api_to_ms, ms_to_iso, now_ms, to_epoch_ms, to_the_second)

USERNAME_RULE = re.compile(r'[A-Za-z0-9_.-]{10,100}')
PERMISSIONS = ['none', 'read-only', 'read-write', 'write-only', 'full']
MAX_EXPIRATION_MS = 366 * 24 * 3600 * 1000
DAY_MS = 24 * 3600 * 1000


def check_username(value):
    """The username as the API takes it, or a ValueError naming the rule."""
    if not isinstance(value, str) or not USERNAME_RULE.fullmatch(value):  # '$' would let a trailing newline pass
        raise ValueError("username must be 10 to 100 characters of letters, digits, '_', '-' or '.'; got %r" % value)
    return value


def canonical_path(value):
    """A directory path compared loosely: one leading '/', no doubled or trailing '/'."""
    if value is None:
        return None
    path = re.sub('/+', '/', '/' + str(value).strip())
    return path.rstrip('/') or '/'


def directory_to_api(option):
    """A check of a directory option: an absolute path, as the service stores them."""
    def check(value):
        if not value.startswith('/') or '\0' in value:
            raise ValueError("%s must be an absolute path starting with '/'; got %r" % (option, value))
        return value
    return check


def expiration_to_api(value):
    """Epoch ms for the expiration option ("" clears it: None); the service takes at most one year ahead."""
    value_ms = to_epoch_ms(value, 'expiration')
    if value_ms is not None and value_ms > now_ms() + MAX_EXPIRATION_MS:
        raise ValueError('expiration must be at most one year ahead (the service refuses a later date); got %s'
                         % ms_to_iso(value_ms))
    return value_ms


def check_password_max_age(days):
    """A password age limit: a number of days of at least 1 (password_max_age of a credential, and of the review)."""
    if days is not None and days < 1:
        raise ModuleFailure('password_max_age must be a number of days of at least 1; got %d' % days,
                            option='password_max_age')
    return days


def mask_uri(uri):
    """``sftp://user:secret@host`` with the password masked."""
    scheme, sep, rest = uri.partition('://')
    userinfo, at, host = rest.rpartition('@')
    if not sep or not at or ':' not in userinfo:
        return uri
    return '%s://%s:%s@%s' % (scheme, userinfo.partition(':')[0], MASK, host)


ENABLED = Field('enabled', 'State', to_api=lambda enabled: 'active' if enabled else 'inactive',
                display=lambda state: None if state is None else state == 'active')
# Sent in the create; on an existing credential set through credential-rotations (never a PATCH) when it differs.
# The organization returns the one the service generated (none declared) once, from the create or a rotation by age.
PASSWORD = Field('password', 'Password', apart=True,
                 secret=WriteOnly(shown_once=True, returned_as='created_passwords'))
URI = Field(None, 'URI', secret=Secret(form=mask_uri, shown_once=True))  # sftp://user:password@host
FIELDS = (
    Field('username', 'UserName', to_api=check_username),
    Field('alias', 'Alias', canonical=lambda value: value or ''),
    Field('home_directory', 'HomeDirectory', to_api=directory_to_api('home_directory'), canonical=canonical_path),
    Field('chroot_directory', 'ChrootDirectory', to_api=directory_to_api('chroot_directory'),
          canonical=canonical_path),
    Field('permission', 'Permission'),
    Field('expiration', 'Expiration', to_api=expiration_to_api, canonical=to_the_second,
          display=lambda value: ms_to_iso(api_to_ms(value))),
    ENABLED,
    INBOUND_RULES,
    PASSWORD,
)


def is_root(obj):
    """The Root credential: the organization's default one, which the service never lets anyone delete."""
    return bool(obj.get('IsDefault'))


ARGUMENT_SPEC = secret_options(dict(
    AUTH_ARGUMENT_SPEC,
    state=dict(STATE_SPEC),
    id=dict(type='str'),
    username=dict(type='str'),
    alias=dict(type='str'),
    password=dict(type='str'),
    rotate_password=dict(type='bool', default=False, no_log=False),
    password_max_age=dict(type='int', no_log=False),
    home_directory=dict(type='str'),
    chroot_directory=dict(type='str'),
    permission=dict(type='str', choices=PERMISSIONS),
    expiration=dict(type='raw'),
    enabled=dict(type='bool'),
    inbound_rules=dict(type='list', elements='dict', options=RULE_SPEC),
), FIELDS)

CREDENTIAL = ResourceType(
    name='credential', path='/users', fields=FIELDS,
    lookups=(('id',), ('username',), ('alias',)), read_only=(URI,), adopt_on_conflict=True,
    natural_key=('username',), name_keys=('UserName',), protected=is_root, sets=(SSH_KEYS,),
    declared=declared_options(
        ARGUMENT_SPEC, ('alias', 'password', 'password_max_age', 'home_directory', 'chroot_directory', 'permission',
                        'expiration', 'enabled', 'inbound_rules')))

MODULE_OPTIONS = dict(
    argument_spec=ARGUMENT_SPEC,
    required_one_of=[('id', 'username', 'alias')],
    mutually_exclusive=[('password', 'rotate_password')],
    supports_check_mode=True,
)

INFO_ARGUMENT_SPEC = dict(
    AUTH_ARGUMENT_SPEC,
    id=dict(type='str'),
    username=dict(type='str'),
    alias=dict(type='str'),
    show_secrets=dict(type='bool', default=False),
)


def password_age_days(created_ms, now):
    """Whole days a password created at ``created_ms`` (PasswordCreatedAt) has been in use at ``now``."""
    return int((now - created_ms) // DAY_MS)


def password_older_than(created_ms, max_age, now):
    """Whether that password is more than ``max_age`` days old (exactly at the limit is not): the password age policy
    of password_max_age, and of the review's password_too_old finding."""
    return now - created_ms > max_age * DAY_MS


class CredentialEngine(StateEngine):
    """Credentials: passwords through credential-rotations, fail-closed allow-lists, Root never deleted."""

    def desired(self):
        check_password_max_age(self.params.get('password_max_age'))
        desired = super(CredentialEngine, self).desired()
        expired = [value for field, value in desired if field.option == 'expiration' and value is not None
                   and value < now_ms()]
        if not expired or self.params.get('state') == 'absent':
            return desired
        # The service refuses a past date, and once a date passes it clears Expiration and deactivates the
        # credential: a past date declares an expired, inactive credential (never one that does not expire).
        if self.params.get('enabled'):
            raise ModuleFailure('expiration %s is in the past, so enabled=true cannot hold: an expired credential is '
                                'inactive (set a future expiration, or leave enabled out)' % ms_to_iso(expired[0]),
                                option='expiration')
        self.warn('expiration %s is in the past: the credential is kept inactive, as the service makes it once its '
                  'expiration passes (the date itself is not sent)' % ms_to_iso(expired[0]))
        return [(field, value) for field, value in desired if field.option not in ('expiration', 'enabled')] + [
            (ENABLED, 'inactive')]

    def fails_closed(self, desired):
        """A new credential with an allow-list starts inactive; the PATCH that sets its rules switches it on."""
        wanted = dict((field.option, value) for field, value in desired)
        return bool(wanted.get('inbound_rules')) and wanted.get('enabled') != 'inactive'

    def create_body(self, desired):
        body = super(CredentialEngine, self).create_body(desired)
        if self.fails_closed(desired):
            body['State'] = 'inactive'
        return body

    def create_followup(self, desired):
        later = super(CredentialEngine, self).create_followup(desired)
        if self.fails_closed(desired):
            later = [(field, value) for field, value in later if field is not ENABLED] + [(ENABLED, 'active')]
        return later

    def left_inactive(self, current):
        """Inactive, without rules, with rules declared and enabled not managed: what a failed fail-closed create leaves."""
        return (current.get('State') == 'inactive' and not INBOUND_RULES.read(current)
                and self.params.get('inbound_rules') and self.params.get('enabled') is None)

    def update_to(self, current, desired):
        if self.left_inactive(current) and ENABLED not in [field for field, dummy in desired]:
            self.warn('credential %s is inactive and has no inbound rules, as a create whose rules could not be set '
                      'leaves it: the PATCH that sets its rules switches it on (set enabled=false to keep it inactive). '
                      'Its password was returned by the run that created it, not by this one'
                      % current.get('Id'))
            desired = desired + [(ENABLED, 'active')]
        return super(CredentialEngine, self).update_to(current, desired)

    def post_create(self, body):
        created = super(CredentialEngine, self).post_create(body)
        # The task that creates a credential returns its password (given or generated), even when a later step
        # fails; one that adopts a credential another client created returns none of its.
        self.reveal_secrets = not self.adopted
        return created

    def after_present(self, current):
        if self.created:
            return current
        if self.params.get('rotate_password'):
            return self.rotate(current, None)
        password = self.params.get('password')
        if password is not None and self.differs(PASSWORD, password, current):
            return self.rotate(current, password)
        self.reason = self.too_old(current)
        if self.reason:
            return self.rotate(current, None)
        return current

    def too_old(self, current):
        """'rotate password (N days old, max M)' when password_max_age applies and PasswordCreatedAt is older.

        A password the task sets is never rotated by age (its age is the declaration's business).
        """
        max_age = self.params.get('password_max_age')
        created = api_to_ms(current.get('PasswordCreatedAt'))
        if max_age is None or self.params.get('password') is not None or created is None:
            return None
        now = now_ms()
        if not password_older_than(created, max_age, now):
            return None
        return 'rotate password (%d days old, max %d)' % (password_age_days(created, now), max_age)

    def module_result(self, obj):
        result = super(CredentialEngine, self).module_result(obj)
        if self.reason:
            result['password_rotation'] = self.reason
        return result

    def rotate(self, current, password):
        """Set ``password`` (None: a server-generated one) via credential-rotations, never PATCH."""
        self.note_change(PASSWORD, current.get('Password'), password or '(generated)')
        if self.check_mode:
            self.changed = True
            return current
        path = CREDENTIAL.item_path(current['Id'])
        read_back = []

        def read_if_applied():
            # A rotation whose answer was lost: the credential read again tells whether it was applied.
            now = self.client.get(path)
            applied = now.get('Password') == password if password is not None else now.get('Password') != current.get('Password')
            if not applied:
                return None
            read_back.append(now)
            return now

        self.client.create(path + '/credential-rotations', {'Password': password} if password is not None else None,
                           read_if_applied)
        self.changed = self.reveal_secrets = True
        # The rotation answers with the rotation, not the credential: read it, unless a lost answer already did.
        return remember_secrets(self.client, CREDENTIAL, read_back[-1] if read_back else self.client.get(path))

    def before_delete(self, current):
        if CREDENTIAL.protected(current):
            raise ModuleFailure('the Root credential (id %s) is the default credential of the organization and cannot '
                                'be deleted; no request was sent' % current.get('Id'))
