# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Credentials (API: /users): field table, argument specs, result shaping and the password policy."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _render
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._connection import AUTH_ARGUMENT_SPEC
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._network import canonical_source, canonical_source_or_raw
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._engine import StateEngine
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._descriptor import MASK, ResourceType, STATE_SPEC, declared_options, remember_secrets
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._failure import ModuleFailure
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._field import Field
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._ssh_key import SSH_KEYS
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._timestamps import (
    api_to_ms, ms_to_iso, now_ms, to_epoch_ms, to_the_second)

USERNAME_RULE = re.compile(r'[A-Za-z0-9_.-]{10,100}')
PERMISSIONS = ['none', 'read-only', 'read-write', 'write-only', 'full']
PROTOCOLS = ['*', 'SFTP', 'FTPS']
MAX_EXPIRATION_MS = 366 * 24 * 3600 * 1000
DAY_MS = 24 * 3600 * 1000
RULE_KEYS = ('Id', 'Action', 'Protocol', 'Source', 'State', 'Description')


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


def rules_to_api(rules):
    """API inbound rules for the inbound_rules option, validating each source."""
    api_rules = []
    for index, rule in enumerate(rules):
        try:
            source = canonical_source(rule['source'])
        except ValueError:
            raise ValueError('inbound_rules[%d].source must be an IP address or a CIDR range such as 203.0.113.0/24; '
                             'got %r' % (index, rule['source']))
        api_rule = {'Action': 'allow', 'Protocol': rule['protocol'], 'Source': source,
                    'State': 'enabled' if rule['enabled'] else 'disabled'}
        if rule.get('description') is not None:
            api_rule['Description'] = rule['description']
        api_rules.append(api_rule)
    return api_rules


def rule_identity(rule):
    """What makes two rules the same rule: everything but the server's Id."""
    return (rule.get('Protocol') or '*', canonical_source_or_raw(rule.get('Source')), rule.get('Action') or 'allow',
            rule.get('State') or 'enabled', rule.get('Description') or '')


def rules_canonical(rules):
    """Inbound rules as a set (order and duplicates never count; no rules = empty)."""
    return frozenset(rule_identity(rule) for rule in rules or [] if isinstance(rule, dict))


def rules_display(rules):
    """Inbound rules in option form, sorted by source, protocol and description (an empty description is none)."""
    shown = []
    for protocol, source, dummy, state, description in sorted(
            rules_canonical(rules), key=lambda rule: (rule[1], rule[0], rule[4], rule[3])):
        shown.append(dict(source=source, protocol=protocol, enabled=state == 'enabled'))
        if description:
            shown[-1]['description'] = description
    return shown


def rules_brief(rules):
    """Inbound rules as a drift line reads them: one short string each."""
    return ['%s %s%s%s' % (rule['source'], rule['protocol'], ' "%s"' % rule['description'] if rule.get('description')
                           else '', '' if rule['enabled'] else ' disabled') for rule in rules]


def rules_keeping_ids(desired_rules, current):
    """The full rule list to PATCH, re-using the server's rule (and its Id) for every rule that did not change."""
    kept = dict((rule_identity(rule), rule) for rule in INBOUND_RULES.read(current) or [] if isinstance(rule, dict))
    result, seen = [], set()
    for rule in desired_rules:
        identity = rule_identity(rule)
        if identity in seen:
            continue
        seen.add(identity)
        existing = kept.get(identity)
        result.append(dict((key, existing[key]) for key in RULE_KEYS if key in existing) if existing else rule)
    return result


INBOUND_RULES = Field('inbound_rules', 'Settings.Network.InboundRules', to_api=rules_to_api,
                      canonical=rules_canonical, display=rules_display, brief=rules_brief, on_create=False,
                      to_patch=rules_keeping_ids)

ENABLED = Field('enabled', 'State', to_api=lambda enabled: 'active' if enabled else 'inactive',
                display=lambda state: None if state is None else state == 'active')
PASSWORD = Field('password', 'Password', secret=True)  # set through credential-rotations, not compared as a field
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
)


def mask_uri(uri):
    """``sftp://user:secret@host`` with the password masked."""
    scheme, sep, rest = uri.partition('://')
    userinfo, at, host = rest.rpartition('@')
    if not sep or not at or ':' not in userinfo:
        return uri
    return '%s://%s:%s@%s' % (scheme, userinfo.partition(':')[0], MASK, host)


def is_root(obj):
    """The Root credential: the organization's default one, which the service never lets anyone delete."""
    return bool(obj.get('IsDefault'))


RULE_SPEC = dict(
    source=dict(type='str', required=True),
    protocol=dict(type='str', default='*', choices=PROTOCOLS),
    description=dict(type='str'),
    enabled=dict(type='bool', default=True),
)

ARGUMENT_SPEC = dict(
    AUTH_ARGUMENT_SPEC,
    state=dict(STATE_SPEC),
    id=dict(type='str'),
    username=dict(type='str'),
    alias=dict(type='str'),
    password=dict(type='str', no_log=True),
    rotate_password=dict(type='bool', default=False, no_log=False),
    password_max_age=dict(type='int', no_log=False),
    home_directory=dict(type='str'),
    chroot_directory=dict(type='str'),
    permission=dict(type='str', choices=PERMISSIONS),
    expiration=dict(type='raw'),
    enabled=dict(type='bool'),
    inbound_rules=dict(type='list', elements='dict', options=RULE_SPEC),
)

CREDENTIAL = ResourceType(
    name='credential', path='/users', fields=FIELDS,
    lookups=(('id',), ('username',), ('alias',)), secret_keys=('Password', 'URI'), adopt_on_conflict=True,
    secret_forms=dict(URI=mask_uri), revealed_keys=('Password', 'URI'),
    natural_key=('username',), name_keys=('UserName',), protected=is_root, sets=(SSH_KEYS,),
    # The organization returns a password the service generated (none was declared) once, from the create or from
    # a rotation by age (password_max_age).
    reveals=('created_passwords', 'Password', lambda params: params.get('password') is None),
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
        if isinstance(self.params.get('password'), str):
            self.client.add_secret(self.params['password'])
        max_age = self.params.get('password_max_age')
        if max_age is not None and max_age < 1:
            raise ModuleFailure('password_max_age must be a number of days of at least 1; got %d' % max_age,
                                option='password_max_age')
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
        if self.params.get('password') is not None:
            body['Password'] = self.params['password']
            self.diff['after']['password'] = _render.secret(True, change='create')
            self.note_change(PASSWORD, None, self.params['password'])
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
            return self.set_password(current, None)
        password = self.params.get('password')
        if password is not None and current.get('Password') != password:
            return self.set_password(current, password)
        self.reason = self.too_old(current)
        if self.reason:
            return self.set_password(current, None)
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

    def set_password(self, current, password):
        """Set ``password`` (None: a server-generated one) via credential-rotations, never PATCH."""
        # The service never says a credential has no password: before is always set.
        self.diff['before']['password'], self.diff['after']['password'] = _render.change(PASSWORD, True, True)
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
