# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""SSH public keys of a credential (API: /users/{id}/ssh-public-keys): argument specs, result shaping, engine.

Keys have no update in the API: a task adds the keys that are missing and removes the ones it must,
comparing keys by type and blob (their fingerprint), never by comment.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._connection import AUTH_ARGUMENT_SPEC, check_path_id
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._credential import CREDENTIAL, check_username
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._engine import StateEngine, read_collection, read_list
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._descriptor import STATE_SPEC, SetType
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._failure import ModuleFailure
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._lookup import given
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._ssh import KeyFormatError, key_line, parse_key, parse_keys


CREDENTIAL_OPTIONS = dict(
    credential_id=dict(type='str'),
    username=dict(type='str'),
)

ARGUMENT_SPEC = dict(
    AUTH_ARGUMENT_SPEC,
    state=dict(STATE_SPEC),
    key=dict(type='str', no_log=False),
    id=dict(type='str'),
    exclusive=dict(type='bool', default=False),
    allow_empty_purge=dict(type='bool', default=False),
    **CREDENTIAL_OPTIONS
)

MODULE_OPTIONS = dict(
    argument_spec=ARGUMENT_SPEC,
    required_one_of=[('credential_id', 'username')],
    mutually_exclusive=[('credential_id', 'username'), ('key', 'id')],
    required_if=[('state', 'present', ('key',)), ('state', 'absent', ('key', 'id'), True)],
    supports_check_mode=True,
)

INFO_MODULE_OPTIONS = dict(
    argument_spec=dict(AUTH_ARGUMENT_SPEC, **CREDENTIAL_OPTIONS),
    required_one_of=[('credential_id', 'username')],
    mutually_exclusive=[('credential_id', 'username')],
    supports_check_mode=True,
)


def to_result(key, show_secrets=False):
    """A key as the modules return it: the API object in snake_case (a public key holds no secret)."""
    return camel_dict_to_snake_dict(copy.deepcopy(key)) if key else {}


def identity(key):
    """What makes an API key object the same key: the fingerprint of its blob, computed here.

    Falls back to the API's Fingerprint when the body it returns cannot be parsed.
    """
    try:
        return parse_key(key.get('SshPublicKeyBody') or '').fingerprint
    except KeyFormatError:
        return key.get('Fingerprint')


def shown(key):
    """A key as diffs show it: fingerprint and comment."""
    return ('%s %s' % (identity(key), key.get('Comment') or '')).strip()


def keys_path(credential_id):
    """The API path of a credential's keys."""
    return SSH_KEYS.members_path(credential_id)


def check_credential_options(params):
    """Fail on a bad or missing credential_id / username before any request."""
    for option, check in (('credential_id', lambda value: check_path_id('credential_id', value)),
                          ('username', check_username)):
        try:
            if params.get(option) is not None:
                check(params[option])
        except ValueError as err:
            raise ModuleFailure(str(err), option=option)
    if not given(params, 'credential_id') and not given(params, 'username'):
        raise ModuleFailure('one of credential_id or username is required to find the credential (null counts as not '
                            'given)')


class CredentialLookup(StateEngine):
    """The credential of the key modules, found as every engine finds one; credential_id chooses among matches."""

    chooser = 'credential_id'


def credential_by_username(client, username, missing_ok=False, warnings=None):
    """The Id of the credential whose UserName is ``username`` (one list call); ModuleFailure if not exactly one.

    With ``missing_ok`` (check mode: an earlier task may only have pretended to create it) a missing one is None.
    The lookup's warnings are added to ``warnings``.
    """
    lookup = CredentialLookup(CREDENTIAL, {'username': username}, client)
    found = lookup.find_in_list(('username',), read_collection(client, CREDENTIAL))
    if warnings is not None:
        warnings.extend(lookup.warnings)
    if found is None and not missing_ok:
        raise ModuleFailure('no credential with username %r exists' % username)
    return found and found['Id']


def read_keys(client, credential_id, by_id=True):
    """The keys of a credential. When it was named by id, the list's 404 means no such credential."""
    return read_list(client, keys_path(credential_id), missing=SSH_KEYS.missing(credential_id) if by_id else None)


def key_list_result(keys):
    """The keys as the modules return them, under two names holding the same list.

    interface.md names the return value ``keys``, but Jinja2 reads ``result.keys`` as the dict method
    (ansible-core 2.21's sanity test refuses the name for that reason), so ``ssh_keys`` is the documented
    name and ``keys`` stays for playbooks that read ``result['keys']``.
    """
    listed = [to_result(key) for key in keys]
    return dict(ssh_keys=listed, keys=listed)


class SshKeyEngine:
    """Converge the keys of one credential: add the missing ones, remove the ones to remove.

    ``credential_id`` and ``known_keys``, when given (the organization module), spare the lookups: the
    credential is known and its keys were read (or it has none).
    """

    def __init__(self, params, client, check_mode=False, credential_id=None, known_keys=None):
        self.params = dict(params)
        self.client = client
        self.check_mode = check_mode
        self.credential_id = credential_id
        self.known_keys = known_keys
        self.changed = False
        self.action = None
        self.added = []
        self.removed = []
        self.warnings = []
        self.diff = {'before': {}, 'after': {}}
        self.wanted_keys = None
        self.planned = None  # (fingerprints to add, to remove): what the run sets out to do, before its first write

    @property
    def parent_id(self):
        """The Id of the credential whose keys these are (what a set engine tells the drift)."""
        return self.credential_id

    def serve(self, credential_id, keys):
        """What a caller already read: the credential's Id and its keys (the organization), sparing the lookups."""
        self.credential_id = credential_id
        self.known_keys = keys

    def prepare(self):
        """The keys of the key option, parsed and checked, before any request. Returns self."""
        self.wanted_keys = self.wanted()
        return self

    def run(self):
        """Read, plan, add and remove; returns the keys after the task."""
        if self.wanted_keys is None:
            self.prepare()
        credential_id, current = self.current()
        to_add, to_remove = self.plan(self.wanted_keys, current)
        self.planned = ([key.fingerprint for key in to_add], [identity(key) for key in to_remove])
        after = self.apply(credential_id, current, to_add, to_remove)
        self.diff = {'before': {'keys': [shown(key) for key in current]}, 'after': {'keys': [shown(key) for key in after]}}
        return after

    def module_result(self, after):
        """What sftptogo_ssh_key returns."""
        return dict(added=self.added, removed=self.removed, **key_list_result(after))

    def failure_result(self):
        """What a failed run returns: the keys added and removed before the failure."""
        return dict(added=self.added, removed=self.removed)

    def current(self):
        """(credential Id, its keys); in check mode a credential not created yet has none."""
        if self.known_keys is not None:
            return self.credential_id, self.known_keys
        credential_id = self.params.get('credential_id')
        if not given(self.params, 'credential_id'):
            credential_id = credential_by_username(self.client, self.params['username'], self.check_mode, self.warnings)
            if credential_id is None:
                self.warnings.append('no credential with username %r exists: check mode reports every key as to be '
                                     'added (a real run fails unless an earlier task creates it)' % self.params['username'])
                return None, []
        return credential_id, read_keys(self.client, credential_id, by_id=given(self.params, 'credential_id'))

    def wanted(self):
        """The keys of the key option (parsed and checked), or [] when removing by id; fails before any request."""
        params = self.params
        check_credential_options(params)
        try:
            check_path_id('id', params.get('id'))
        except ValueError as err:
            raise ModuleFailure(str(err), option='id')
        if params.get('exclusive') and params.get('state') == 'absent':
            raise ModuleFailure('exclusive=true only applies to state=present (it removes the keys not listed in key)')
        if params.get('key') is None:
            if params.get('state') != 'absent' or params.get('id') is None:
                raise ModuleFailure('key is required (with state=absent, key or id)', option='key')
            return []
        try:
            keys = parse_keys(params['key'])
        except KeyFormatError as err:
            raise ModuleFailure('key %s' % err if str(err).startswith('line ') else 'key: %s' % err, option='key')
        if not keys:
            refuse_empty_key(params)
        return keys

    def plan(self, wanted, current):
        """(keys to add, API keys to remove) for the task."""
        fingerprints = set(key.fingerprint for key in wanted)
        if self.params.get('state') == 'absent':
            if self.params.get('id') is not None:
                return [], [key for key in current if key.get('Id') == self.params['id']]
            return [], [key for key in current if identity(key) in fingerprints]
        present, to_remove = set(), []
        for key in current:
            if identity(key) in present or (self.params.get('exclusive') and identity(key) not in fingerprints):
                to_remove.append(key)  # duplicates on the server are extras too
            present.add(identity(key))
        return [key for key in wanted if key.fingerprint not in present], to_remove

    def apply(self, credential_id, current, to_add, to_remove):
        """Add first, then remove (a failure never leaves the credential with fewer keys than asked); returns the keys after."""
        added = [self.add(credential_id, key) for key in to_add]
        removed_ids = set(key.get('Id') for key in to_remove if self.remove(credential_id, key))
        if self.changed:
            self.action = 'update'
        return [key for key in current if key.get('Id') not in removed_ids] + added

    def add(self, credential_id, key):
        """Add one key (predicted in check mode); returns the API key object."""
        result = {'UserId': credential_id, 'SshPublicKeyBody': key_line(key), 'Fingerprint': key.fingerprint,
                  'Comment': key.comment}
        if not self.check_mode:
            conflict = []

            def find_conflicting():
                # 409 "already exists": another client added the same key meanwhile; it is there, so it is present.
                conflict.append(self.find_key(credential_id, key))
                return conflict[-1]

            created = self.client.create(keys_path(credential_id), {'SshPublicKeyBody': key_line(key)},
                                         lambda: self.find_key(credential_id, key), adopt_on_conflict=find_conflicting)
            result = created if isinstance(created, dict) else result
            if conflict and conflict[-1] is not None:
                self.warnings.append('key %s was added by another client while this task added it (POST answered 409): '
                                     'it is present, nothing was changed' % key.fingerprint)
                return result
        self.changed = True
        self.added.append(key.fingerprint)
        return result

    def find_key(self, credential_id, key):
        """After a lost answer: the credential's API key with ``key``'s material, or None."""
        return next((item for item in read_keys(self.client, credential_id) if identity(item) == key.fingerprint), None)

    def remove(self, credential_id, key):
        """Delete one key (not in check mode); False when the API says it is already gone."""
        if not self.check_mode and not self.client.delete('%s/%s' % (keys_path(credential_id), key['Id']),
                                                          accept_missing=True):
            return False
        self.changed = True
        self.removed.append(identity(key))
        return True


def refuse_empty_key(params):
    """A key without any key line: with exclusive, it would remove every key (a purge that keeps nothing), so it is
    refused unless allowed, as the organization's empty purges are; else it declares nothing."""
    if not params.get('exclusive'):
        raise ModuleFailure('key holds no public key (blank lines and # lines are ignored); only with exclusive=true '
                            'and allow_empty_purge=true does an empty key mean "remove every key"', option='key')
    if not params.get('allow_empty_purge'):
        raise ModuleFailure('key holds no public key (blank lines and # lines are ignored): with exclusive=true it would '
                            'remove every key of the credential. List the keys to keep, or set allow_empty_purge=true '
                            'to remove them all; nothing was sent', option='key')


def keys_info(client, params):
    """The result of sftptogo_ssh_key_info."""
    check_credential_options(params)
    credential_id = params.get('credential_id')
    if not given(params, 'credential_id'):
        credential_id = credential_by_username(client, params['username'])
    keys = read_keys(client, credential_id, by_id=given(params, 'credential_id'))
    return dict(changed=False, **key_list_result(keys))


def declared_keys(declared):
    """The key engine's params for a declared credential: exactly the key lines of its ssh_keys."""
    # A declared list is the whole set: ssh_keys: [] declares a credential without keys (as the export writes it).
    return dict(username=declared['username'], key='\n'.join(declared['ssh_keys']), exclusive=True,
                allow_empty_purge=True, state='present')


def may_have_keys(credential):
    """Whether a listed credential may have keys: SshPublicKeysCount, when the list gives it (absent: read them)."""
    return bool(credential.get('SshPublicKeysCount', 1))


SSH_KEYS = SetType(
    name='ssh_keys', parent=CREDENTIAL, option='ssh_keys', path='ssh-public-keys', identity=identity,
    exported=lambda key: key['SshPublicKeyBody'], engine=SshKeyEngine, params=declared_keys,
    may_have_members=may_have_keys, item_option='key', label='ssh keys of credential',
    spec=dict(type='list', elements='str', no_log=False))  # public keys: not secret
