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
import re

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._api import AUTH_ARGUMENT_SPEC, ApiClient, ApiError
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._credential import CREDENTIAL, check_username
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._resource import ModuleFailure, item_matches, post_once
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._ssh import KeyFormatError, key_line, parse_key, parse_keys

ID_RULE = re.compile(r'^[A-Za-z0-9_-]+$')

CREDENTIAL_OPTIONS = dict(
    credential_id=dict(type='str'),
    username=dict(type='str'),
)

ARGUMENT_SPEC = dict(
    AUTH_ARGUMENT_SPEC,
    state=dict(type='str', default='present', choices=['present', 'absent']),
    key=dict(type='str', no_log=False),
    id=dict(type='str'),
    exclusive=dict(type='bool', default=False),
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
    return '%s/ssh-public-keys' % CREDENTIAL.item_path(credential_id)


def check_id(option, value):
    """An Id option, which becomes part of a path; ModuleFailure naming the option when it cannot be one."""
    if value is not None and not ID_RULE.match(value):
        raise ModuleFailure("%s must be an Id (letters, digits, '-' or '_'); got %r" % (option, value))


def check_credential_options(params):
    """Fail on a bad credential_id or username before any request."""
    check_id('credential_id', params['credential_id'])
    if params['username'] is not None:
        try:
            check_username(params['username'])
        except ValueError as err:
            raise ModuleFailure(str(err))


def credential_by_username(client, username):
    """The Id of the credential whose UserName is ``username`` (one list call); ModuleFailure if not exactly one."""
    items = client.get(CREDENTIAL.path) or []
    matches = [item for item in items if item_matches(CREDENTIAL, item, {'username': username}, ('username',))]
    if not matches:
        raise ModuleFailure('no credential with username %r exists' % username)
    if len(matches) > 1:
        raise ModuleFailure('%d credentials have username %r (ids: %s); set credential_id to choose one'
                            % (len(matches), username, ', '.join(str(item.get('Id')) for item in matches)))
    for secret_key in CREDENTIAL.secret_keys:
        client.add_secret(matches[0].get(secret_key))
    return matches[0]['Id']


def credential_keys(client, params):
    """(credential Id, its keys). With credential_id the key list alone is read: its 404 means no such credential."""
    credential_id = params['credential_id']
    if credential_id is None:
        credential_id = credential_by_username(client, params['username'])
    try:
        keys = client.get(keys_path(credential_id))
    except ApiError as err:
        if err.status == 404 and params['credential_id'] is not None:
            raise ModuleFailure('no credential with id %r exists (%s)' % (credential_id, err))
        raise
    if not isinstance(keys, list):
        raise ModuleFailure('GET %s returned %s instead of a list' % (keys_path(credential_id), type(keys).__name__))
    return credential_id, keys


def key_list_result(keys):
    """The keys as the modules return them, under two names holding the same list.

    interface.md names the return value ``keys``, but Jinja2 reads ``result.keys`` as the dict method
    (ansible-core 2.21's sanity test refuses the name for that reason), so ``ssh_keys`` is the documented
    name and ``keys`` stays for playbooks that read ``result['keys']``.
    """
    listed = [to_result(key) for key in keys]
    return dict(ssh_keys=listed, keys=listed)


class SshKeyEngine:
    """Converge the keys of one credential: add the missing ones, remove the ones to remove; one exit point."""

    def __init__(self, module, client=None):
        self.module = module
        self.params = module.params
        self.client = client or ApiClient.from_module(module)
        self.changed = False
        self.added = []
        self.removed = []

    def run(self):
        """Validate, read, converge, and exit the module with keys, added and removed."""
        try:
            wanted = self.wanted()
            credential_id, current = credential_keys(self.client, self.params)
            to_add, to_remove = self.plan(wanted, current)
            after = self.apply(credential_id, current, to_add, to_remove)
        except (ApiError, ModuleFailure) as err:
            self.module.fail_json(msg=self.client.redact(str(err)), changed=self.changed, added=self.added,
                                  removed=self.removed)
        diff = {'before': {'keys': [shown(key) for key in current]}, 'after': {'keys': [shown(key) for key in after]}}
        self.module.exit_json(changed=self.changed, diff=diff, added=self.added, removed=self.removed,
                              **key_list_result(after))

    def wanted(self):
        """The keys of the key option (parsed and checked), or [] when removing by id; fails before any request."""
        params = self.params
        check_credential_options(params)
        check_id('id', params['id'])
        if params['exclusive'] and params['state'] == 'absent':
            raise ModuleFailure('exclusive=true only applies to state=present (it removes the keys not listed in key)')
        if params['key'] is None:
            return []
        try:
            keys = parse_keys(params['key'])
        except KeyFormatError as err:
            raise ModuleFailure('key %s' % err if str(err).startswith('line ') else 'key: %s' % err)
        if not keys and not (params['exclusive'] and params['state'] == 'present'):
            raise ModuleFailure('key holds no public key (blank lines and # lines are ignored); only with '
                                'exclusive=true does an empty key mean "remove every key"')
        return keys

    def plan(self, wanted, current):
        """(keys to add, API keys to remove) for the task."""
        fingerprints = set(key.fingerprint for key in wanted)
        if self.params['state'] == 'absent':
            if self.params['id'] is not None:
                return [], [key for key in current if key.get('Id') == self.params['id']]
            return [], [key for key in current if identity(key) in fingerprints]
        present, to_remove = set(), []
        for key in current:
            if identity(key) in present or (self.params['exclusive'] and identity(key) not in fingerprints):
                to_remove.append(key)  # duplicates on the server are extras too
            present.add(identity(key))
        return [key for key in wanted if key.fingerprint not in present], to_remove

    def apply(self, credential_id, current, to_add, to_remove):
        """Add first, then remove (a failure never leaves the credential with fewer keys than asked); returns the keys after."""
        added = [self.add(credential_id, key) for key in to_add]
        removed_ids = set(key.get('Id') for key in to_remove if self.remove(credential_id, key))
        return [key for key in current if key.get('Id') not in removed_ids] + added

    def add(self, credential_id, key):
        """Add one key (predicted in check mode); returns the API key object."""
        result = {'UserId': credential_id, 'SshPublicKeyBody': key_line(key), 'Fingerprint': key.fingerprint,
                  'Comment': key.comment}
        if not self.module.check_mode:
            created = self.post_key(credential_id, key)
            result = created if isinstance(created, dict) else result
        self.changed = True
        self.added.append(key.fingerprint)
        return result

    def post_key(self, credential_id, key):
        """POST a key; after an ambiguous failure the keys are listed again and the key adopted if it was added."""
        return post_once(self.client, keys_path(credential_id), {'SshPublicKeyBody': key_line(key)},
                         lambda: self.find_key(credential_id, key))

    def find_key(self, credential_id, key):
        """The credential's API key with ``key``'s material, or None."""
        listed = credential_keys(self.client, dict(self.params, credential_id=credential_id))[1]
        return next((item for item in listed if identity(item) == key.fingerprint), None)

    def remove(self, credential_id, key):
        """Delete one key (not in check mode); False when the API says it is already gone."""
        if not self.module.check_mode:
            try:
                self.client.delete('%s/%s' % (keys_path(credential_id), key['Id']))
            except ApiError as err:
                if err.status != 404:
                    raise
                return False
        self.changed = True
        self.removed.append(identity(key))
        return True


def run_info(module):
    """sftptogo_ssh_key_info: the keys of one credential; an unknown credential fails."""
    client = ApiClient.from_module(module)
    try:
        check_credential_options(module.params)
        keys = credential_keys(client, module.params)[1]
    except (ApiError, ModuleFailure) as err:
        module.fail_json(msg=client.redact(str(err)))
    module.exit_json(changed=False, **key_list_result(keys))
