# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The SSH public keys of a credential (API: /users/{id}/ssh-public-keys) as one resource: SSH_KEYS, the set
descriptor the credential's descriptor names, and SshKeyEngine.

Keys have no update in the API: a task adds the keys that are missing and removes the ones it must,
comparing keys by type and blob (their fingerprint), never by comment. What the sftptogo_ssh_key modules add
(their options, the credential a task names) is in _ssh_key_module.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._connection import check_path_id
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._descriptor import SetType
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._engine import StateEngine
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._finder import read_list
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._failure import ModuleFailure
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._field import Field
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._ssh import KeyFormatError, key_line, parse_key, parse_keys

# The one field of a key set: its changes are the fingerprints before and after (sorted, a copy on the server
# counted as often as it is there), as the drift shows them.
KEYS = Field('ssh_keys', 'Members')


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


# What a module diff shows of the keys before and after: each key's fingerprint and comment.
SHOWN_KEYS = Field('keys', 'Members', display=lambda keys: [shown(key) for key in keys])


def read_keys(client, credential_id, by_id=True):
    """The keys of a credential. When it was named by id, the list's 404 means no such credential."""
    return read_list(client, SSH_KEYS.members_path(credential_id), missing=SSH_KEYS.missing(credential_id) if by_id else None)


def written_keys(text):
    """The keys of the key option (one per line), checked; a bad line fails naming it (key line 2)."""
    try:
        return parse_keys(text)
    except KeyFormatError as err:
        raise ModuleFailure('key %s' % err if err.line else 'key: %s' % err, option='key')


def declared_keys(option, lines):
    """The keys of a declared list (a key line each; blank and # ones declare nothing), checked; a bad one fails
    naming its place in the list (ssh_keys[1]), and its line when it holds several."""
    keys, seen = [], set()
    for index, text in enumerate(lines):
        try:
            found = parse_keys(text)
        except KeyFormatError as err:
            line = ' line %d' % err.line if err.line and len(text.splitlines()) > 1 else ''
            raise ModuleFailure('%s[%d]%s: %s' % (option, index, line, err.reason), option=option)
        keys.extend(key for key in found if key.fingerprint not in seen)
        seen.update(key.fingerprint for key in found)
    return keys


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


class SshKeyEngine(StateEngine):
    """Converge the keys of one credential, served as one object (``SSH_KEYS.members_of``: its Id and its keys):
    add the missing ones, remove the ones to remove.

    The keys are the ``ssh_keys`` list (a declared credential's, an exclusive set) or the ``key`` text (the module's).
    ``changes`` holds the fingerprints before and after (``KEYS``): the plan before the first write, what was done
    after the last; ``added`` and ``removed`` what was done (also in its drift entry: ``details``).
    """

    def __init__(self, resource, params, client, check_mode=False, listed=None):
        super(SshKeyEngine, self).__init__(resource, params, client, check_mode, listed)
        self.added = []
        self.removed = []

    def prepare(self):
        """The keys to converge to, parsed and checked, before any request. Returns self."""
        self.desired_values = self.wanted()
        return self

    def locate(self):
        """The credential's keys, as served."""
        self.found = self.listed[0]
        self.located = True
        return self.found

    def converge(self):
        """Plan, add and remove; returns the keys after the task (predicted in check mode), as served."""
        current = self.found['Members']
        to_add, to_remove = self.plan(self.desired_values, current)
        self.note(current, [key.fingerprint for key in to_add], [identity(key) for key in to_remove])
        try:
            after = self.apply(current, to_add, to_remove)
        finally:
            self.note(current, self.added, self.removed)  # a write that failed is not in it
        self.show(SHOWN_KEYS, current, after, changed=True)
        return self.resource.members_of(self.found['Id'], after)

    def note(self, current, added, removed):
        """The change of the keys (none when nothing is added or removed); the drift entry also lists the
        fingerprints ``added`` and ``removed``, as the organization's drift always has."""
        self.changes, self.action, self.details = {}, None, {}
        if added or removed:
            self.details = dict(added=list(added), removed=list(removed))
            before = sorted(identity(key) for key in current)
            after = list(before)
            for fingerprint in removed:
                after.remove(fingerprint)
            self.changes[KEYS.option] = (KEYS, before, sorted(after + list(added)))
            self.action = 'update'

    def wanted(self):
        """The keys of ``ssh_keys`` or ``key`` (parsed and checked), or [] when removing by id; fails before any request."""
        params = self.params
        try:
            check_path_id('id', params.get('id'))
        except ValueError as err:
            raise ModuleFailure(str(err), option='id')
        if params.get('exclusive') and params.get('state') == 'absent':
            raise ModuleFailure('exclusive=true only applies to state=present (it removes the keys not listed in key)')
        if params.get(self.resource.option) is not None:
            keys = declared_keys(self.resource.option, params[self.resource.option])
        elif params.get('key') is not None:
            keys = written_keys(params['key'])
        elif params.get('state') != 'absent' or params.get('id') is None:
            raise ModuleFailure('key is required (with state=absent, key or id)', option='key')
        else:
            return []
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

    def apply(self, current, to_add, to_remove):
        """Add first, then remove (a failure never leaves the credential with fewer keys than asked); returns the keys after."""
        added = [self.add(key) for key in to_add]
        removed_ids = set(key.get('Id') for key in to_remove if self.remove(key))
        return [key for key in current if key.get('Id') not in removed_ids] + added

    def add(self, key):
        """Add one key (predicted in check mode); returns the API key object."""
        credential_id = self.found['Id']
        result = {'UserId': credential_id, 'SshPublicKeyBody': key_line(key), 'Fingerprint': key.fingerprint,
                  'Comment': key.comment}
        if not self.check_mode:
            conflict = []

            def find_conflicting():
                # 409 "already exists": another client added the same key meanwhile; it is there, so it is present.
                conflict.append(self.find_key(key))
                return conflict[-1]

            created = self.client.create(self.resource.members_path(credential_id), {'SshPublicKeyBody': key_line(key)},
                                         lambda: self.find_key(key), adopt_on_conflict=find_conflicting)
            result = created if isinstance(created, dict) else result
            if conflict and conflict[-1] is not None:
                self.warn('key %s was added by another client while this task added it (POST answered 409): '
                          'it is present, nothing was changed' % key.fingerprint)
                return result
        self.changed = True
        self.added.append(key.fingerprint)
        return result

    def find_key(self, key):
        """After a lost answer: the credential's API key with ``key``'s material, or None."""
        return next((item for item in read_keys(self.client, self.found['Id']) if identity(item) == key.fingerprint), None)

    def remove(self, key):
        """Delete one key (not in check mode); False when the API says it is already gone."""
        path = '%s/%s' % (self.resource.members_path(self.found['Id']), key['Id'])
        if not self.check_mode and not self.client.delete(path, accept_missing=True):
            return False
        self.changed = True
        self.removed.append(identity(key))
        return True


def declared_set(declared):
    """The key engine's params for a declared credential: exactly the keys of its ssh_keys."""
    # A declared list is the whole set: ssh_keys: [] declares a credential without keys (as the export writes it).
    return dict(ssh_keys=declared['ssh_keys'], exclusive=True, allow_empty_purge=True, state='present')


def may_have_keys(credential):
    """Whether a listed credential may have keys: SshPublicKeysCount, when the list gives it (absent: read them)."""
    return bool(credential.get('SshPublicKeysCount', 1))


SSH_KEYS = SetType(
    name='ssh_keys', option='ssh_keys', path='/users/%s/ssh-public-keys', parent_name='credential', identity=identity,
    exported=lambda key: key['SshPublicKeyBody'], engine=SshKeyEngine, params=declared_set,
    may_have_members=may_have_keys, label='ssh keys of credential',
    spec=dict(type='list', elements='str', no_log=False))  # public keys: not secret
