# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the sftptogo_ssh_key modules add to the key engine (_ssh_key): their options, the credential a task names
(credential_id, or username found as every engine finds one), what they return and the _info module's read."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._connection import AUTH_ARGUMENT_SPEC, check_path_id
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._credential import CREDENTIAL, check_username
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._descriptor import STATE_SPEC
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._engine import StateEngine
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._finder import read_collection
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._failure import ModuleFailure
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._lookup import given
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._ssh_key import SSH_KEYS, SshKeyEngine, read_keys

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


def to_result(key):
    """A key as the modules return it: the API object in snake_case (a public key holds no secret)."""
    return camel_dict_to_snake_dict(copy.deepcopy(key)) if key else {}


def key_list_result(keys):
    """The keys as the modules return them, under two names holding the same list.

    interface.md names the return value ``keys``, but Jinja2 reads ``result.keys`` as the dict method
    (ansible-core 2.21's sanity test refuses the name for that reason), so ``ssh_keys`` is the documented
    name and ``keys`` stays for playbooks that read ``result['keys']``.
    """
    listed = [to_result(key) for key in keys]
    return dict(ssh_keys=listed, keys=listed)


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


class SshKeyModuleEngine(SshKeyEngine):
    """The key engine of sftptogo_ssh_key: it finds the credential the task names and reads its keys itself."""

    def prepare(self):
        check_credential_options(self.params)
        return super(SshKeyModuleEngine, self).prepare()

    def locate(self):
        """The keys of the credential the task names; in check mode a credential not created yet has none."""
        credential_id, keys = self.params.get('credential_id'), []
        if not given(self.params, 'credential_id'):
            credential_id = credential_by_username(self.client, self.params['username'], self.check_mode, self.warnings)
            if credential_id is None:
                self.warn('no credential with username %r exists: check mode reports every key as to be added (a real '
                          'run fails unless an earlier task creates it)' % self.params['username'])
        if credential_id is not None:
            keys = read_keys(self.client, credential_id, by_id=given(self.params, 'credential_id'))
        self.serve([SSH_KEYS.members_of(credential_id, keys)])
        return super(SshKeyModuleEngine, self).locate()

    def module_result(self, obj):
        """What sftptogo_ssh_key returns: the keys added and removed, and the keys after the task."""
        return dict(added=self.added, removed=self.removed, **key_list_result(obj['Members']))

    def failure_result(self):
        """What a failed run returns: the keys added and removed before the failure."""
        return dict(added=self.added, removed=self.removed)


def keys_info(client, params):
    """The result of sftptogo_ssh_key_info."""
    check_credential_options(params)
    credential_id = params.get('credential_id')
    if not given(params, 'credential_id'):
        credential_id = credential_by_username(client, params['username'])
    keys = read_keys(client, credential_id, by_id=given(params, 'credential_id'))
    return dict(changed=False, **key_list_result(keys))
