# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The state engine: find a resource (Finder, _finder), compare it with the task, converge it, record its changes.

A resource is described by a ResourceType (_descriptor: its collection path, a table of Fields, how to find
it, how to shape results); the engine does the rest. Resources with special needs subclass StateEngine
and override one of the hooks (create_body, create_followup, differs, after_present, before_delete).
The engine records what it compared and changed (``shown``, ``changes``); _render makes the module diff of them.

An engine takes parameters, a client and check_mode, and returns the resulting API object or raises
ModuleFailure / ApiError; it never exits a module, so one process can run it for many items.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _render
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._connection import check_path_id
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._descriptor import remember_secrets
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._failure import ModuleFailure
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._field import merge_body
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._finder import Finder


class StateEngine(Finder):
    """Converge one resource to ``params``: prepare() checks locally, locate() finds, converge() writes.

    After run(): ``changed``, ``action`` (create, update, remove or None), ``changes`` (option ->
    (field, before, after) as API values), ``shown`` (what the diff shows: option -> (field, before, after,
    changed)), ``diff`` (made of them by _render), ``warnings``, ``reveal_secrets``, ``found``,
    ``created_object`` (what this run's create made, kept even when a later step fails), ``duplicates``
    (identical copies of the found resource, newer than it) and ``details`` (more keys of its drift entry).
    ``listed``, when given, is what was already read of the collection (at least every object the lookup
    can match): lookups are served from it.
    """

    path_ids = ('id',)

    def __init__(self, resource, params, client, check_mode=False, listed=None):
        self.resource = resource
        self.params = dict(params)
        self.client = client
        self.check_mode = check_mode
        self.listed = listed
        self.changed = self.created = self.reveal_secrets = False
        self.action = None
        self.changes = {}
        self.shown = {}
        self.warnings = []
        self.found = self.created_object = None
        self.duplicates = []
        self.adopted = False
        self.desired_values = None
        self.located = False
        self.reason = None  # why it changes what the declaration does not say (a password rotated by age): in the drift
        self.details = {}  # what the drift entry of what it did adds besides its changes (the keys added and removed)

    # -- entry points ----------------------------------------------------------------------

    def run(self):
        """Check, find and converge; returns the resulting API object (predicted in check mode)."""
        if self.desired_values is None:
            self.prepare()
        if not self.located:
            self.locate()
        return self.converge()

    def prepare(self):
        """Every check that needs no request: ids, lookup keys, option values. Returns self."""
        for option in self.path_ids:
            try:
                check_path_id(option, self.params.get(option))
            except ValueError as err:
                raise ModuleFailure(str(err), option=option)
        if self.lookup_options() is None:
            raise ModuleFailure('one of %s is required to find the %s (null counts as not given): a %s made '
                                'without one could never be found again, so every run would create another'
                                % (self.resource.lookup_text(), self.resource.name, self.resource.name))
        remember_secrets(self.client, self.resource, self.resource.api_object(self.params))
        self.desired_values = self.desired()
        return self

    def converge(self):
        """Create, update or delete as the task says."""
        if self.params.get('state') == 'absent':
            return self.ensure_absent(self.found)
        return self.ensure_present(self.found, self.desired_values)

    @property
    def diff(self):
        """The module diff: before and after of every field compared, secrets masked (_render.module_diff)."""
        return _render.module_diff(self.shown, self.action)

    def module_result(self, obj):
        """What the resource module returns besides changed and diff."""
        return {self.resource.name: self.resource.to_result(obj, self.reveal_secrets)}

    def failure_result(self):
        """What a failed module run returns besides msg and changed: what it created, with the secrets it revealed.

        A create followed by a failing step (a credential's rules PATCH) still returns the resource and the password
        or signing secret the service generated: it is never shown again.
        """
        if self.created_object is None or self.check_mode:
            return {}
        return self.module_result(self.created_object)

    def warn(self, message):
        """A warning for the task (never holding a secret)."""
        self.warnings.append(message)

    # -- desired state ---------------------------------------------------------------------

    def desired(self):
        """[(field, API value)] for every field option the task sets; bad values fail here, before any request."""
        desired = []
        for field in self.resource.fields:
            value = self.params.get(field.option)
            if value is None:
                continue
            try:
                desired.append((field, field.to_api(value)))
            except ValueError as err:
                raise ModuleFailure(str(err), option=field.option)
        return desired

    # -- present ---------------------------------------------------------------------------

    def ensure_present(self, current, desired):
        """Create or update; returns the resulting object (predicted in check mode)."""
        current = self.create(desired) if current is None else self.update_to(current, desired)
        return self.after_present(current)

    def update_to(self, current, desired):
        """Bring an existing resource to ``desired``: one PATCH of what differs (none when nothing does); a field
        written apart (a credential's password) is left to its hook."""
        desired = [(field, value) for field, value in desired if not field.apart]
        changes = [(field, value) for field, value in desired if self.differs(field, value, current)]
        self.record(current, desired, changes)
        return self.update(current, changes) if changes else current

    def differs(self, field, value, current):
        """Hook: whether ``field`` must be sent to reach ``value`` (a password: by its policy, Field.differs)."""
        return field.differs(value, current, self.params)

    def record(self, current, desired, changes):
        """What the diff shows of every compared field, and the changes of the fields that differ."""
        changed_fields = set(field.option for field, dummy in changes)
        after = copy.deepcopy(current or {})
        for field, value in desired:
            merge_body(after, field.body(value))
        for field, value in desired:
            before = field.read(current) if current is not None else None
            field = self.resource.shown_field(field, current, after)  # a token URL in either masks both
            if field.option in changed_fields:
                self.note_change(field, before, value)
            else:
                self.show(field, before, before)

    def show(self, field, before, after, changed=False):
        """Record what the module diff shows of ``field`` (API values; a change only the diff shows)."""
        self.shown[field.option] = (field, before, after, changed)

    def note_change(self, field, before, after):
        """Record one option that differs (API values): the diff and the drift show it, secrets hidden."""
        self.show(field, before, after, changed=True)
        self.changes[field.option] = (field, before, after)
        self.action = self.action or ('create' if self.found is None else 'update')

    def create_body(self, desired):
        """The create request body (hook: add keys that are not fields, such as a password)."""
        body = {}
        for field, value in desired:
            if field.in_create(value):
                merge_body(body, field.body(value))
        return body

    def create_followup(self, desired):
        """Hook: [(field, value)] to PATCH right after the create (what the API does not take on create)."""
        return [(field, value) for field, value in desired if not field.on_create]

    def create(self, desired):
        """POST a new resource, then PATCH what the API does not take on create."""
        self.record(None, desired, desired)
        self.action = 'create'
        body = self.create_body(desired)
        if self.check_mode:
            self.changed = self.created = True
            predicted = copy.deepcopy(body)
            for field, value in desired:
                merge_body(predicted, field.body(value))
            return predicted
        created = self.post_create(body)
        if self.adopted:
            return self.adopt(created, desired)
        self.changed = self.created = True
        self.created_object = created
        later = [(field, value) for field, value in self.create_followup(desired)
                 if not field.same(value, field.read(created))]
        return self.update(created, later) if later else created

    def post_create(self, body):
        """POST the create, never resent blindly: after a lost answer (or a 409) a fresh list finds it."""
        return remember_secrets(self.client, self.resource, self.client.create(
            self.resource.path, body, self.find_created,
            adopt_on_conflict=self.resource.adopt_on_conflict and self.find_conflicting))

    def find_conflicting(self):
        """After a create answered 409: what another client created meanwhile, if a fresh list finds it."""
        found = self.find_created()
        self.adopted = found is not None
        return found

    def adopt(self, found, desired):
        """A create answered 409 found what another client made: it is not ours, so it is updated as declared."""
        self.shown, self.changes, self.action, self.found = {}, {}, None, found
        self.warn('%s %s was created by another client while this task created it (POST answered 409): this task '
                  'adopted it and updated it to what the task declares' % (self.resource.name, found.get('Id')))
        return self.update_to(found, desired)

    def update(self, current, changes):
        """One PATCH with only the keys that differ; returns the object after it."""
        body = {}
        for field, value in changes:
            merge_body(body, field.body(field.to_patch(value, current) if field.to_patch else value))
        if self.check_mode:
            self.changed = True
            return merge_body(copy.deepcopy(current), body)
        updated = self.client.patch(self.resource.item_path(current['Id']), body)
        self.changed = True
        if isinstance(updated, dict):
            return remember_secrets(self.client, self.resource, updated)
        return merge_body(copy.deepcopy(current), body)

    def after_present(self, current):
        """Hook after create/update (e.g. set a password); returns the final object."""
        return current

    # -- absent ----------------------------------------------------------------------------

    def ensure_absent(self, current):
        """DELETE if present; a resource already gone (a DELETE answered 404 at once) is not a change."""
        if current is None:
            return None
        self.before_delete(current)
        if not self.check_mode and not self.client.delete(self.resource.item_path(current['Id']), accept_missing=True):
            return current
        for field in self.resource.fields:
            if not field.apart:
                self.show(self.resource.shown_field(field, current), field.read(current), None)
        self.changed = True
        self.action = 'remove'
        return current

    def before_delete(self, current):
        """Hook: raise ModuleFailure to refuse a deletion before any DELETE is sent."""
