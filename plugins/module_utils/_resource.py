# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The state engine: find a resource, compare it with the task, converge it, report changed and diff.

A resource is described by a ResourceType (its collection path, a table of Fields, how to find it,
how to shape results); the engine does the rest. Resources with special needs subclass StateEngine
and override one of the hooks (create_body, after_present, before_delete).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import random
import time

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._api import ApiClient, ApiError, backoff_delay

MASK = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'


class ModuleFailure(Exception):
    """A failure to report as is: bad input, an ambiguous lookup, a refused operation."""


def _same(value):
    return value


class Field:
    """One option of a module and the API key it manages.

    to_api:    option value -> API value (may raise ValueError naming the option).
    canonical: API value -> the form compared (so '/home/x/' equals '/home/x').
    display:   API value -> the option form shown in diffs.
    on_create: whether the API takes the key in a create body (else it is PATCHed right after).
    to_patch:  (desired API value, current object) -> the value to send, e.g. keeping server ids.
    secret:    never shown: diffs show MASK (and MASK + ' (changed)' when it changes).
    """

    def __init__(self, option, key, to_api=_same, canonical=_same, display=_same, on_create=True, to_patch=None,
                 secret=False):
        self.option = option
        self.secret = secret
        self.path = tuple(key.split('.'))
        self.to_api = to_api
        self.canonical = canonical
        self.display = display
        self.on_create = on_create
        self.to_patch = to_patch

    def read(self, obj):
        """The field's value in an API object (None when absent at any level)."""
        for part in self.path:
            if not isinstance(obj, dict):
                return None
            obj = obj.get(part)
        return obj

    def same(self, desired, current):
        """Whether the current API value already is the desired one."""
        return self.canonical(desired) == self.canonical(current)

    def shown(self, api_value):
        """What a diff shows of an API value: the display form, or a mask for a secret that is set."""
        if self.secret:
            return MASK if api_value else None
        return self.display(api_value)

    def body(self, value):
        """A (nested) request body setting this field to ``value``."""
        body = value
        for part in reversed(self.path):
            body = {part: body}
        return body


class ResourceType:
    """What the engine needs to know about one kind of resource.

    lookups:  tuples of options, tried in order; the first tuple whose options are all set finds the
              resource ('id' gets it by Id, others list and match the fields' canonical values).
    narrow:   options that narrow a lookup matching several resources (share links: notes).
    """

    def __init__(self, name, path, fields, lookups, to_result, narrow=(), get_by_id=True, secret_keys=()):
        self.name = name
        self.path = path
        self.fields = fields
        self.lookups = lookups
        self.to_result = to_result
        self.narrow = narrow
        self.get_by_id = get_by_id
        self.secret_keys = secret_keys

    def field(self, option):
        """The Field of ``option`` (None for options that are not fields, such as id)."""
        for field in self.fields:
            if field.option == option:
                return field
        return None

    def item_path(self, resource_id):
        """The API path of one resource."""
        return '%s/%s' % (self.path, resource_id)


def merge_body(body, addition):
    """Merge nested dict ``addition`` into ``body`` (lists and scalars are replaced)."""
    for key, value in addition.items():
        if isinstance(value, dict) and isinstance(body.get(key), dict):
            merge_body(body[key], value)
        else:
            body[key] = copy.deepcopy(value)
    return body


def post_once(client, path, body, find_created):
    """POST a create, never blindly resent.

    After an ambiguous failure (no response, or a 5xx: the server may have applied it), ``find_created()``
    lists again and the created object is adopted; only when it is absent is the POST sent again, at most
    ``client.retries`` times, with backoff.
    """
    attempt = 0
    while True:
        try:
            return client.post(path, body)
        except ApiError as err:
            if not err.ambiguous:
                raise
            adopted = find_created()
            if adopted is not None:
                return adopted
            attempt += 1
            if attempt > client.retries:
                raise
            time.sleep(backoff_delay(attempt, random.random()))


def item_matches(resource, item, params, options):
    """Whether API object ``item`` has the values ``params`` gives for all ``options`` (compared canonically)."""
    for option in options:
        if option == 'id':
            if item.get('Id') != params['id']:
                return False
            continue
        field = resource.field(option)
        if not field.same(field.to_api(params[option]), field.read(item)):
            return False
    return True


class StateEngine:
    """Converge one resource to the task's options; one exit point in run()."""

    def __init__(self, module, resource, client=None):
        self.module = module
        self.params = module.params
        self.resource = resource
        self.client = client or ApiClient.from_module(module)
        self.changed = False
        self.created = False
        self.reveal_secrets = False
        self.diff = {'before': {}, 'after': {}}
        for name, spec in module.argument_spec.items():
            if spec.get('no_log') and isinstance(self.params.get(name), str):
                self.client.add_secret(self.params[name])

    # -- entry point ------------------------------------------------------------------------

    def run(self):
        """Validate, find, converge, and exit the module with the result."""
        try:
            desired = self.desired()
            current = self.find()
            if self.params.get('state') == 'absent':
                result = self.ensure_absent(current)
            else:
                result = self.ensure_present(current, desired)
        except (ApiError, ModuleFailure) as err:
            self.module.fail_json(msg=self.client.redact(str(err)), changed=self.changed)
        self.module.exit_json(changed=self.changed, diff=self.diff,
                              **{self.resource.name: self.resource.to_result(result, self.reveal_secrets)})

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
                raise ModuleFailure(str(err))
        return desired

    # -- lookup ----------------------------------------------------------------------------

    def find(self):
        """The resource the task is about, or None."""
        for options in self.resource.lookups:
            if all(self.params.get(option) is not None for option in options):
                if options == ('id',) and self.resource.get_by_id:
                    return self.get_by_id(self.params['id'])
                if options == ('id',):
                    return self.find_in_list(options) or self.missing_id(self.params['id'])
                return self.find_in_list(options)
        return None

    def get_by_id(self, resource_id):
        """GET one resource by Id; a missing Id fails for state=present and is None for absent."""
        try:
            return self.remember_secrets(self.client.get(self.resource.item_path(resource_id)))
        except ApiError as err:
            if err.status != 404:
                raise
        return self.missing_id(resource_id)

    def missing_id(self, resource_id):
        """What an unknown id means: nothing to remove, or an error (never a create)."""
        if self.params.get('state') == 'absent':
            return None
        raise ModuleFailure('no %s with id %r exists; an id never creates a resource (leave id out to create one)'
                            % (self.resource.name, resource_id))

    def list(self):
        """Every resource of the collection."""
        items = self.client.get(self.resource.path) or []
        if not isinstance(items, list):
            raise ModuleFailure('GET %s returned %s instead of a list' % (self.resource.path, type(items).__name__))
        return items

    def find_in_list(self, options):
        """The one listed resource matching ``options`` (narrowed if needed), None, or an ambiguity error."""
        matches = [item for item in self.list() if self.matches(item, options)]
        if len(matches) > 1:
            narrowing = [opt for opt in self.resource.narrow if self.params.get(opt) is not None]
            matches = [item for item in matches if self.matches(item, narrowing)] if narrowing else matches
        if len(matches) > 1:
            raise ModuleFailure('%d %ss match %s (ids: %s); set id to choose one' % (
                len(matches), self.resource.name,
                ', '.join('%s=%r' % (opt, self.params[opt]) for opt in options),
                ', '.join(str(item.get('Id')) for item in matches)))
        return self.remember_secrets(matches[0]) if matches else None

    def matches(self, item, options):
        """Whether an API object has the task's values for all ``options``."""
        return item_matches(self.resource, item, self.params, options)

    def remember_secrets(self, obj):
        """Register the secrets of a fetched object so that no error message can show them."""
        for key in self.resource.secret_keys:
            if isinstance(obj, dict) and isinstance(obj.get(key), str):
                self.client.add_secret(obj[key])
        return obj

    # -- present ---------------------------------------------------------------------------

    def ensure_present(self, current, desired):
        """Create or update; returns the resulting object (predicted in check mode)."""
        if current is None:
            current = self.create(desired)
        else:
            changes = [(field, value) for field, value in desired if self.differs(field, value, current)]
            self.record_diff(current, desired, changes)
            if changes:
                current = self.update(current, changes)
        return self.after_present(current)

    def differs(self, field, value, current):
        """Hook: whether ``field`` must be sent to reach ``value`` (e.g. a secret the API does not return)."""
        return not field.same(value, field.read(current))

    def record_diff(self, current, desired, changes):
        """before/after of the compared fields; unchanged fields show the same value on both sides."""
        changed_fields = set(field.option for field, dummy in changes)
        for field, value in desired:
            before = field.shown(field.read(current)) if current is not None else None
            after = before
            if field.option in changed_fields:
                after = MASK + ' (changed)' if field.secret and current is not None else field.shown(value)
            self.diff['before'][field.option] = before
            self.diff['after'][field.option] = after
        if current is None:
            self.diff['before'] = {}

    def create_body(self, desired):
        """The create request body (hook: add keys that are not fields, such as a password)."""
        body = {}
        for field, value in desired:
            if field.on_create:
                merge_body(body, field.body(value))
        return body

    def create(self, desired):
        """POST a new resource, then PATCH what the API does not take on create."""
        self.record_diff(None, desired, desired)
        body = self.create_body(desired)
        if self.module.check_mode:
            self.changed = self.created = True
            predicted = copy.deepcopy(body)
            for field, value in desired:
                merge_body(predicted, field.body(value))
            return predicted
        created = self.post_create(body)
        self.changed = self.created = True
        later = [(field, value) for field, value in desired
                 if not field.on_create and not field.same(value, field.read(created))]
        return self.update(created, later) if later else created

    def post_create(self, body):
        """POST the create; after an ambiguous failure the resource is found again and adopted (see post_once)."""
        return self.remember_secrets(post_once(self.client, self.resource.path, body, self.find))

    def update(self, current, changes):
        """One PATCH with only the keys that differ; returns the object after it."""
        body = {}
        for field, value in changes:
            merge_body(body, field.body(field.to_patch(value, current) if field.to_patch else value))
        if self.module.check_mode:
            self.changed = True
            return merge_body(copy.deepcopy(current), body)
        updated = self.client.patch(self.resource.item_path(current['Id']), body)
        self.changed = True
        return self.remember_secrets(updated) if isinstance(updated, dict) else merge_body(copy.deepcopy(current), body)

    def after_present(self, current):
        """Hook after create/update (e.g. set a password); returns the final object."""
        return current

    # -- absent ----------------------------------------------------------------------------

    def ensure_absent(self, current):
        """DELETE if present; a resource already gone (also a DELETE answered 404) is not a change."""
        if current is None:
            return None
        self.before_delete(current)
        self.diff['before'] = dict((field.option, field.shown(field.read(current))) for field in self.resource.fields)
        if not self.module.check_mode:
            try:
                self.client.delete(self.resource.item_path(current['Id']))
            except ApiError as err:
                if err.status != 404:
                    raise
                self.diff['before'] = {}
                return current
        self.changed = True
        return current

    def before_delete(self, current):
        """Hook: raise ModuleFailure to refuse a deletion before any DELETE is sent."""


def run_info(module, resource, filters, result_key):
    """An _info module: list (or GET by id), keep what matches the filters the task sets, mask secrets, exit."""
    client = ApiClient.from_module(module)
    params = module.params
    options = [option for option in filters if params.get(option) is not None]
    try:
        if params.get('id') is not None and resource.get_by_id:
            try:
                items = [client.get(resource.item_path(params['id']))]
            except ApiError as err:
                if err.status != 404:
                    raise
                items = []
        else:
            items = client.get(resource.path) or []
        items = [item for item in items if item_matches(resource, item, params, options)]
    except (ApiError, ValueError) as err:
        module.fail_json(msg=client.redact(str(err)))
    module.exit_json(changed=False, **{result_key: [resource.to_result(item, params['show_secrets']) for item in items]})
