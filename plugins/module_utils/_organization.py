# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A whole organization converged in one process: orchestration only.

Each collection is read once; then every declared (or purged) item goes through its resource's own
engine, served from that read. Check mode is the plan: the drift is what the engines would do.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _credential, _share_link, _webhook
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._api import ApiError
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._approval import Approval
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._drift import drift_entry, plan_id
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._finder import read_collection, read_list
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._descriptor import remember_secrets
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._failure import ModuleFailure, placed
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._lookup import Candidates, given

# Each resource's descriptor and engine, in the order they are created (removed in the reverse order: a
# credential outlives what refers to it).
RESOURCES = (
    (_credential.CREDENTIAL, _credential.CredentialEngine),
    (_webhook.WEBHOOK, _webhook.WebhookEngine),
    (_share_link.SHARE_LINK, _share_link.ShareLinkEngine),
)
REMOVAL_ORDER = tuple(resource.name for resource, dummy in reversed(RESOURCES))
# How summary lines name each kind, and how the kinds that say so (the sets each descriptor names) read an update.
LABELS = dict([(resource.name, resource.label) for resource, dummy in RESOURCES]
              + [(child.name, child.label) for resource, dummy in RESOURCES for child in resource.sets])
READINGS = dict((child.name, child.reading) for resource, dummy in RESOURCES for child in resource.sets)


class Item:
    """One declared or purged resource: its engine, its place in the declaration, what it waits for."""

    def __init__(self, kind, name, place, engine, parent=None, option=None):
        self.kind = kind
        self.option = option  # a child's: the engine option that is the item itself (placed())
        self.name = name
        self.place = place
        self.engine = engine
        self.parent = parent
        self.result = None
        self.error = None
        self.reason = 'declared absent'

    def wave(self):
        """When the item runs: creates and updates first, children (keys) after their parent, removals last."""
        if self.parent is not None:
            return 1
        if self.engine.params.get('state') == 'absent':
            return 2 + REMOVAL_ORDER.index(self.kind)
        return 0

    def made_here(self):
        """Whether this run creates the item's object, or its parent's: its Id is unknown at plan time."""
        return self.engine.created or (self.parent is not None and self.parent.made_here())


class Organization:
    """Read once, run every item's engine (check mode: the plan), return the drift and what failed."""

    def __init__(self, params, client, check_mode, parallelism=4):
        self.params = params
        self.client = client
        self.check_mode = check_mode
        self.parallelism = parallelism
        self.items = []
        self.listed = {}
        self.members_read = {}  # (set kind, parent Id) -> the members read
        # What an approved plan's check pass read and planned (follow()): served, not read again, and each write
        # confirmed against it.
        self.known = self.known_members = self.approval = None

    # -- before any request ----------------------------------------------------------------

    def prepare(self):
        """Build every item's engine and check it; the first bad value fails naming its place."""
        for resource, engine_class in RESOURCES:
            seen, collection, key = {}, resource.collection, resource.natural_key[0]
            for index, declared in enumerate(self.params.get(collection) or []):
                place = '%s[%d]' % (collection, index)
                identity = resource.identity(declared)
                if identity in seen:
                    raise ModuleFailure('%s has the same %s as %s[%d]; declare each one once'
                                        % (place, resource.key_text(), collection, seen[identity]))
                seen[identity] = index
                if not given(declared, key):
                    raise ModuleFailure('%s.%s must not be empty: it is how a declared %s is found'
                                        % (place, key, resource.name))
                engine = engine_class(resource, params=declared, client=self.client, check_mode=self.check_mode)
                item = self.add(resource.name, declared[key], place, engine)
                for child in resource.sets:
                    if child.declares(declared):
                        self.add_child(child, item, declared)
        return self

    def add(self, kind, name, place, engine, parent=None, option=None):
        """Check one item's engine before any request and keep it."""
        try:
            engine.prepare()
        except ModuleFailure as err:
            raise ModuleFailure(placed(place, err, option))
        self.items.append(Item(kind, name, place, engine, parent, option))
        return self.items[-1]

    def add_child(self, child, parent, declared):
        """The sub-resource a declared item lists in its option ``child.option`` (a credential's keys), run after it."""
        engine = child.engine(child, params=child.params(declared), client=self.client, check_mode=self.check_mode)
        self.add(child.name, parent.name, '%s.%s' % (parent.place, child.option), engine, parent, child.option)

    # -- read, locate, purge -----------------------------------------------------------------

    def read(self):
        """Each collection once; every item's lookup is then served from it."""
        for resource, dummy in RESOURCES:
            kind, key = resource.name, resource.natural_key[0]
            objects = self.known[kind] if self.known is not None else read_collection(self.client, resource)
            self.listed[kind] = [remember_secrets(self.client, resource, obj) for obj in objects]
            by_key = Candidates(resource, self.listed[kind], key)
            for item in self.items:
                if item.kind == kind:
                    item.engine.serve(by_key.of(item.engine.params[key]))
                    self.locate(item)
        self.refuse_empty_purges()
        for resource, engine_class in RESOURCES:
            if self.params.get('purge_' + resource.collection):
                self.purge(resource, engine_class)

    def refuse_empty_purges(self):
        """A purge beside a list that keeps nothing of its kind (empty, missing, or only state=absent items) would
        remove every item of its kind: refused unless allowed.

        Checked after the reads (GETs only) so the message can say how many items it would remove, and before
        any write, in check mode too.
        """
        if self.params.get('allow_empty_purge'):
            return
        refused = []
        for resource, dummy in RESOURCES:
            collection, declared = resource.collection, self.params.get(resource.collection) or []
            if self.params.get('purge_' + collection) and not self.kept(declared):
                count = len([obj for obj in self.listed[resource.name] if not resource.protected(obj)])
                refused.append('purge_%s is true but %s %s: it would remove all %d %s%s' % (
                    collection, collection, 'declares nothing' if not declared else
                    'keeps nothing (every item has state absent)', count, resource.label, '' if count == 1 else 's'))
        if refused:
            raise ModuleFailure('%s. Declare the items to keep, or set allow_empty_purge: true (role variable '
                                'organization_allow_empty_purge) to remove them all' % '; '.join(refused))

    @staticmethod
    def kept(declared):
        """The declared items that stay (an item with state absent keeps nothing)."""
        return [item for item in declared if not (isinstance(item, dict) and item.get('state') == 'absent')]

    def locate(self, item):
        """Find one declared item in what was read; an ambiguous lookup is that item's failure."""
        try:
            item.engine.locate()
        except (ApiError, ModuleFailure) as err:
            item.error = placed(item.place, err, item.option)

    def purge(self, resource, engine_class):
        """Removal items for what no declared item found (never a protected one: the Root credential)."""
        kind = resource.name
        declared = [item for item in self.items if item.kind == kind]
        if any(item.error for item in declared):
            self.items.append(Item(kind, 'purge', 'purge_%ss' % kind, None))
            self.items[-1].error = 'purge of %ss skipped: a declared %s could not be found unambiguously' % (kind, kind)
            return
        found = set(item.engine.found['Id'] for item in declared if item.engine.found)
        copies = dict((twin['Id'], item.engine.found['Id']) for item in declared for twin in item.engine.duplicates)
        for obj in self.listed[kind]:
            if obj['Id'] in found or resource.protected(obj):
                continue
            name = resource.display_name(obj)
            engine = engine_class(resource, params=dict(id=obj['Id'], state='absent'), client=self.client,
                                  check_mode=self.check_mode, listed=[obj])
            item = self.add(kind, name, 'purge', engine)
            item.engine.locate()
            item.reason = ('purged: identical duplicate of %s (the oldest, kept)' % copies[obj['Id']]
                           if obj['Id'] in copies else 'purged: not declared')

    # -- converge ------------------------------------------------------------------------------

    def converge(self):
        """Run the items wave by wave, ``parallelism`` at a time; failures are kept, not raised."""
        with ThreadPoolExecutor(max_workers=self.parallelism) as pool:
            for wave in range(2 + len(REMOVAL_ORDER)):
                list(pool.map(self.run_item, [item for item in self.items if item.engine and item.wave() == wave]))

    def run_item(self, item):
        """One item through its engine."""
        if item.error:
            return
        try:
            if item.parent is not None and not self.serve_child(item):
                return
            item.result = item.engine.run()
        except (ApiError, ModuleFailure) as err:
            item.error = placed(item.place, err, item.option, self.client.redact)

    def serve_child(self, item):
        """A child waits for its parent: skipped when it failed, else served the parent's members as they are now."""
        parent, child = item.parent, item.engine.resource
        if parent.error:
            item.error = '%s: skipped, %s %s failed' % (item.place, parent.kind, parent.name)
            return False
        parent_id = (parent.result or {}).get('Id')
        # Made by this run (or, in check mode, to be made), it has no member yet. Else a count in the list is not
        # trusted: a list may leave it out, and another client may have added a member since the list was read. The
        # members are read whenever the set is declared (the no-op of a parent that has members reads them anyway).
        members = [] if parent.engine.created else self.members(child, parent_id)
        item.engine.serve([child.members_of(parent_id, members)])
        return True

    def members(self, child, parent_id):
        """The members of one parent (one GET, or what the approved plan's check pass read); its 404 means the parent
        is gone."""
        key = (child.name, parent_id)
        if self.known_members is not None and key in self.known_members:
            return copy.deepcopy(self.known_members[key])
        self.members_read[key] = read_list(self.client, child.members_path(parent_id), child.missing(parent_id))
        return self.members_read[key]

    def all_sets(self):
        """Option -> parent Id -> exported members of every set-valued sub-resource (ssh_keys: credential Id -> key
        lines); a parent whose listing says it has no member is not read."""
        sets = {}
        for resource, dummy in RESOURCES:
            for child in resource.sets:
                ids = [obj['Id'] for obj in self.listed[resource.name] if child.may_have_members(obj)]
                with ThreadPoolExecutor(max_workers=self.parallelism) as pool:
                    found = pool.map(lambda parent_id, child=child: self.members(child, parent_id), ids)
                    sets[child.option] = dict((parent_id, [child.exported(member) for member in members])
                                              for parent_id, members in zip(ids, found))
        return sets

    # -- an approved plan: applied from its own read, each write confirmed against it ----------------

    def follow(self, plan):
        """Apply what ``plan`` (this declaration's check pass, an Organization that ran) read and planned.

        Its reads are served (no list is read twice, so nothing that appeared since can be acted on), and its
        items' plan entries are what each write of the same item must be part of.
        """
        self.known = copy.deepcopy(plan.listed)
        self.known_members = copy.deepcopy(plan.members_read)
        self.approval = Approval(plan.params, plan.items, LABELS, READINGS)
        return self

    # -- results ---------------------------------------------------------------------------

    def run(self):
        """prepare, read, converge; the module result (with ``failures`` when an item failed)."""
        self.prepare()
        self.read()
        if self.approval is not None:
            self.approval.confirm_writes(self.items, self.client)
        self.converge()
        drift = [entry for entry in (drift_entry(item) for item in self.items if item.engine) if entry]
        failures = [dict(kind=item.kind, name=item.name, message=item.error) for item in self.items if item.error]
        # The organization's SFTP host is in every credential (the first collection).
        hosts = [obj.get('Host') for resource, dummy in RESOURCES for obj in self.listed[resource.name] if obj.get('Host')]
        result = dict(
            changed=any(item.engine.changed for item in self.items if item.engine), drift=drift, failures=failures,
            host=hosts[0] if hosts else None, check_mode=self.check_mode, **self.result_secrets())
        result['plan_id'] = plan_id(self.params.get('organization_id'), self.params.get('api_key'), self.items)
        return result

    def result_secrets(self):
        """The secrets this run may return (each descriptor's ``reveals``: generated passwords, new signing secrets)."""
        return dict((resource.reveals[0], self.revealed(resource.name, resource.reveals[1],
                                                        lambda item, when=resource.reveals[2]: when(item.engine.params)))
                    for resource, dummy in RESOURCES if resource.reveals)

    def revealed(self, kind, key, wanted):
        """Name -> secret of the items of ``kind`` this run created, or whose secret it rotated (never in check mode)."""
        found = dict((item.name, item.result if isinstance(item.result, dict) else item.engine.created_object)
                     for item in self.items if item.kind == kind and item.engine
                     and (item.engine.created or item.engine.reveal_secrets) and not self.check_mode and wanted(item))
        # A failed item returns what it created too (its engine keeps the create's answer): never shown again.
        return dict((name, obj[key]) for name, obj in found.items() if isinstance(obj, dict) and obj.get(key))
