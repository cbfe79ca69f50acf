# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A whole organization read in one process and compared with a declaration (the drift plan).

Used by sftptogo_organization_info and the organization role: one module run reads every
collection once (plus the key list of each credential that declares keys) and says which declared
items differ, so the role calls a resource module only for those. The comparisons are the resource
modules' own (their Field tables and hooks), so the plan and the modules never disagree.
Nothing secret enters the plan: a secret that differs is named, never shown.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _credential, _share_link, _webhook
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._api import AUTH_ARGUMENT_SPEC, ApiClient, ApiError
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._drift import changes as _changes, summary_lines
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._resource import ModuleFailure
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._ssh import KeyFormatError, parse_keys
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._ssh_key import identity as key_identity, keys_path
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._timestamps import now_ms

STATE = dict(type='str', default='present', choices=['present', 'absent'])


def _pick(spec, names, **extra):
    """A suboption spec made of ``names`` of a module's argument spec (plus ``extra``)."""
    picked = dict((name, dict(spec[name])) for name in names)
    picked.update(extra)
    return picked


CREDENTIAL_SPEC = _pick(_credential.ARGUMENT_SPEC, ('alias', 'password', 'home_directory', 'chroot_directory',
                                                    'permission', 'expiration', 'enabled', 'inbound_rules'),
                        username=dict(type='str', required=True), state=STATE,
                        ssh_keys=dict(type='list', elements='str', no_log=False))
WEBHOOK_SPEC = _pick(_webhook.ARGUMENT_SPEC, ('url', 'type', 'authorization_header', 'topics', 'enabled'),
                     alias=dict(type='str', required=True), state=STATE)
SHARE_LINK_SPEC = _pick(_share_link.ARGUMENT_SPEC, ('notes', 'permission', 'expires_at', 'access_limit', 'password',
                                                    'update_password'),
                        path=dict(type='str', required=True), state=STATE)

ARGUMENT_SPEC = dict(
    AUTH_ARGUMENT_SPEC,
    credentials=dict(type='list', elements='dict', options=CREDENTIAL_SPEC),
    webhooks=dict(type='list', elements='dict', options=WEBHOOK_SPEC),
    share_links=dict(type='list', elements='dict', options=SHARE_LINK_SPEC),
    purge_credentials=dict(type='bool', default=False),
    purge_webhooks=dict(type='bool', default=False),
    purge_share_links=dict(type='bool', default=False),
)


def _desired(resource, item, where):
    """[(field, API value)] of the options a declared item sets; a bad value fails naming the item."""
    desired = []
    for field in resource.fields:
        if item.get(field.option) is None:
            continue
        try:
            desired.append((field, field.to_api(item[field.option])))
        except ValueError as err:
            raise ModuleFailure('%s: %s' % (where, err))
    return desired


def _default_differs(field, value, current):
    return not field.same(value, field.read(current))


class Planner:
    """Read the organization, compare it with the declaration; run() returns the module result."""

    def __init__(self, params, client):
        self.params = params
        self.client = client
        self.drift = []
        self.converge = dict(credentials=[], ssh_keys=[], webhooks=[], share_links=[],
                             remove_credentials=[], remove_webhooks=[], remove_share_links=[])

    def validate(self):
        """Every declared value checked before the first request."""
        self.check_unique('credentials', lambda item: item['username'], 'username')
        self.check_unique('webhooks', lambda item: item['alias'], 'alias')
        self.check_unique('share_links', lambda item: (item['path'], item['notes'] or ''), 'path and notes')
        for index, item in enumerate(self.params['webhooks'] or []):
            if not item['alias']:
                raise ModuleFailure('webhooks[%d]: alias must not be empty (it is how a declared webhook is found)' % index)
        checked = {}
        for index, item in enumerate(self.params['credentials'] or []):
            where = 'credentials[%d] (username %r)' % (index, item['username'])
            try:
                _credential.check_username(item['username'])
            except ValueError as err:
                raise ModuleFailure('%s: %s' % (where, err))
            keys = None
            if item['ssh_keys'] is not None:
                try:
                    keys = parse_keys('\n'.join(item['ssh_keys']))
                except KeyFormatError as err:
                    raise ModuleFailure('%s: ssh_keys %s' % (where, err))
            checked[('credential', index)] = (self._credential_desired(item, where), keys)
        for index, item in enumerate(self.params['webhooks'] or []):
            where = 'webhooks[%d] (alias %r)' % (index, item['alias'])
            try:
                if item['url'] is not None:
                    (_webhook.check_url(item['type'], item['url']) if item['type']
                     else _webhook.check_url_any_type(item['url']))
            except ValueError as err:
                raise ModuleFailure('%s: %s' % (where, err))
            checked[('webhook', index)] = _desired(_webhook.WEBHOOK_LIST, item, where)
        for index, item in enumerate(self.params['share_links'] or []):
            where = 'share_links[%d] (path %r)' % (index, item['path'])
            desired = _desired(_share_link.SHARE_LINK, item, where)
            if item['permission'] is not None:
                try:
                    _share_link.check_file_permission(item['path'], item['permission'])
                except ModuleFailure as err:
                    raise ModuleFailure('%s: %s' % (where, err))
            checked[('share_link', index)] = desired
        return checked

    def check_unique(self, collection, key, what):
        """Two declared items of ``collection`` with the same ``key`` fail (they would fight each other)."""
        seen = {}
        for index, item in enumerate(self.params[collection] or []):
            if key(item) in seen:
                raise ModuleFailure('%s[%d] has the same %s as %s[%d]; declare each one once'
                                    % (collection, index, what, collection, seen[key(item)]))
            seen[key(item)] = index

    def _credential_desired(self, item, where):
        desired = _desired(_credential.CREDENTIAL, item, where)
        # As the credential module: a past expiration is never sent (the service clears it once passed).
        return [(field, value) for field, value in desired
                if not (field.option == 'expiration' and value is not None and value < now_ms())]

    def list(self, path):
        items = self.client.get(path) or []
        if not isinstance(items, list):
            raise ModuleFailure('GET %s returned %s instead of a list' % (path, type(items).__name__))
        return items

    def add(self, kind, name, action, **details):
        self.drift.append(dict(dict(kind=kind, name=name, action=action), **details))

    # -- credentials and their keys --------------------------------------------------------

    def plan_credentials(self, current, checked):
        declared = set()
        by_name = dict((c.get('UserName'), c) for c in current)
        for index, item in enumerate(self.params['credentials'] or []):
            found = by_name.get(item['username'])
            for secret in ('Password', 'URI'):
                self.client.add_secret((found or {}).get(secret))
            declared.add(item['username'])
            desired, keys = checked[('credential', index)]
            if item['state'] == 'absent':
                if found is not None:
                    self._remove_credential(found, 'declared absent')
                continue
            if found is None:
                changes = _changes(desired, None, None)
                if item['password'] is not None:
                    changes['password'] = dict(before=None, after='(hidden)')
                self.add('credential', item['username'], 'create', changes=changes)
                self.converge['credentials'].append(index)
                if keys:
                    self.add('ssh_keys', item['username'], 'update', added=[k.fingerprint for k in keys], removed=[])
                    self.converge['ssh_keys'].append(index)
                continue
            changes = _changes(desired, found, _default_differs)
            if item['password'] is not None and found.get('Password') != item['password']:
                changes['password'] = dict(before='(hidden)', after='(hidden, changed)')
            if changes:
                self.add('credential', item['username'], 'update', id=found['Id'], changes=changes)
                self.converge['credentials'].append(index)
            if keys is not None:
                self._plan_keys(index, item['username'], found, keys)
        if self.params['purge_credentials']:
            for found in current:
                if found.get('UserName') not in declared and not found.get('IsDefault'):
                    self._remove_credential(found, 'purged: not declared')

    def _remove_credential(self, found, reason):
        if found.get('IsDefault'):
            raise ModuleFailure('credential %r (id %s) is the Root credential of the organization and cannot be '
                                'removed; nothing was changed' % (found.get('UserName'), found.get('Id')))
        self.add('credential', found.get('UserName'), 'remove', id=found['Id'], reason=reason)
        self.converge['remove_credentials'].append(found['Id'])

    def _plan_keys(self, index, username, found, keys):
        # A credential that counts no key has none to read (one request saved per such credential).
        current = [] if found.get('SshPublicKeysCount') == 0 else self.list(keys_path(found['Id']))
        wanted = set(key.fingerprint for key in keys)
        present, removed = set(), []
        for key in current:
            fingerprint = key_identity(key)
            if fingerprint in present or fingerprint not in wanted:
                removed.append(fingerprint)
            present.add(fingerprint)
        added = [key.fingerprint for key in keys if key.fingerprint not in present]
        if added or removed:
            self.add('ssh_keys', username, 'update', id=found['Id'], added=added, removed=removed)
            self.converge['ssh_keys'].append(index)

    # -- webhooks and share links ----------------------------------------------------------

    def plan_webhooks(self, current, checked):
        matched = set()
        for index, item in enumerate(self.params['webhooks'] or []):
            found = [hook for hook in current if (hook.get('Alias') or '') == item['alias']]
            if len(found) > 1:
                raise ModuleFailure('webhooks[%d]: %d webhooks have alias %r (ids: %s); give them distinct aliases'
                                    % (index, len(found), item['alias'], ', '.join(h['Id'] for h in found)))
            self._plan_item('webhook', item['alias'], index, item, found[0] if found else None,
                            checked[('webhook', index)], _default_differs, matched)
            if not found and item['state'] == 'present' and (item['url'] is None or not item['topics']):
                raise ModuleFailure('webhooks[%d] (alias %r) does not exist: url and topics are required to create it'
                                    % (index, item['alias']))
        if self.params['purge_webhooks']:
            for hook in current:
                if hook['Id'] not in matched:
                    self.add('webhook', hook.get('Alias') or hook.get('Url'), 'remove', id=hook['Id'],
                             reason='purged: not declared')
                    self.converge['remove_webhooks'].append(hook['Id'])

    def plan_share_links(self, current, checked):
        matched = set()
        for index, item in enumerate(self.params['share_links'] or []):
            found = [link for link in current if link.get('Path') == item['path']]
            if len(found) > 1 and item['notes'] is not None:
                found = [link for link in found if (link.get('Notes') or '') == item['notes']]
            if len(found) > 1:
                raise ModuleFailure('share_links[%d]: %d share links have path %r (ids: %s); set notes to tell them '
                                    'apart' % (index, len(found), item['path'], ', '.join(l['Id'] for l in found)))

            def differs(field, value, link, item=item):
                if field.option == 'password' and value is not None and 'Password' not in link:
                    return item['update_password'] == 'always'  # not returned by the API: cannot be compared
                return _default_differs(field, value, link)

            self._plan_item('share_link', item['path'], index, item, found[0] if found else None,
                            checked[('share_link', index)], differs, matched)
        if self.params['purge_share_links']:
            for link in current:
                if link['Id'] not in matched:
                    self.add('share_link', link.get('Path'), 'remove', id=link['Id'], reason='purged: not declared')
                    self.converge['remove_share_links'].append(link['Id'])

    def _plan_item(self, kind, name, index, item, found, desired, differs, matched):
        if found is not None:
            matched.add(found['Id'])
        if item['state'] == 'absent':
            if found is not None:
                self.add(kind, name, 'remove', id=found['Id'], reason='declared absent')
                self.converge['remove_%ss' % kind].append(found['Id'])
        elif found is None:
            self.add(kind, name, 'create', changes=_changes(desired, None, None))
            self.converge['%ss' % kind].append(index)
        else:
            changes = _changes(desired, found, differs)
            if changes:
                self.add(kind, name, 'update', id=found['Id'], changes=changes)
                self.converge['%ss' % kind].append(index)

    # -- entry point -----------------------------------------------------------------------

    def run(self):
        """Validate, read, compare; the module result (never changed)."""
        checked = self.validate()
        credentials = self.list(_credential.CREDENTIAL.path)
        for credential in credentials:
            for secret in ('Password', 'URI'):
                self.client.add_secret(credential.get(secret))
        webhooks = self.list(_webhook.WEBHOOK_LIST.path)
        for hook in webhooks:
            self.client.add_secret(hook.get('AuthorizationHeader'))
        links = self.list(_share_link.SHARE_LINK.path)
        for link in links:
            self.client.add_secret(link.get('Password'))
        self.plan_credentials(credentials, checked)
        self.plan_webhooks(webhooks, checked)
        self.plan_share_links(links, checked)
        hosts = [c.get('Host') for c in credentials if c.get('Host')]
        return dict(
            changed=False, host=hosts[0] if hosts else None, drift=self.drift, converge=self.converge,
            summary=summary_lines(self.drift),
            credentials=[_credential.to_result(c) for c in credentials],
            webhooks=[_webhook.to_result(h) for h in webhooks],
            share_links=[_share_link.to_result(link) for link in links])


def run_plan(module):
    """sftptogo_organization_info: read, compare, exit; failures name the item and never show a secret."""
    client = ApiClient.from_module(module)
    for collection, secrets in (('credentials', ('password',)), ('webhooks', ('authorization_header',)),
                                ('share_links', ('password',))):
        for item in module.params[collection] or []:
            for secret in secrets:
                client.add_secret(item.get(secret))
    try:
        result = Planner(module.params, client).run()
        # Task-level check_mode does not set ansible_check_mode: the role reads the mode from here.
        result['check_mode'] = module.check_mode
    except (ApiError, ModuleFailure) as err:
        module.fail_json(msg=client.redact(str(err)))
    module.exit_json(**result)
