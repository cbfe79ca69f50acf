# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What a resource is: its ResourceType (and SetType for sub-resources), read by every layer above.

Each resource module_utils file (_credential, _webhook, _share_link, _ssh_key) describes its resource with these
descriptors and its Fields (_field); the engine, the organization, its drift and its export read the same ones."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _render
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._field import merge_body

MASK = _render.NO_LOG_MASK  # what results and diffs show of a secret
STATE_SPEC = dict(type='str', default='present', choices=['present', 'absent'])


TOKEN_RESOURCES = []  # the descriptors that have token_keys, as they are defined


def option_tokens(values):
    """The strings of a dict of option values (a module's arguments, a declared item) that the token rule of a
    descriptor makes secret (a webhook's url when its type is slack, whatever the URL)."""
    return [value for resource in TOKEN_RESOURCES for value in resource.token_values(resource.api_object(values))]


class ResourceType:
    """The descriptor of one kind of resource: every fact the engine, the organization, its drift and its export
    need about it (see docs/developing.md, "The resource descriptor").

    name:     the kind, as messages and the drift name it ('share_link').
    label:    how a summary line names the kind ('share link').
    lookups:  tuples of options, tried in order; the first tuple whose options are all given finds the
              resource ('id' gets it by Id, others list and match the fields' canonical values).
    narrow:   options that narrow a lookup matching several resources (share links: notes).
    adopt_on_conflict: a create answered 409 adopts the resource when a list now finds it.
    read_only: Fields of API keys no option manages that hold a secret (a credential's URI, a webhook's signing
              secret): read for their Secret only, never compared or sent.
    collection: the organization's list of declared items ('credentials').
    natural_key: the options that identify a declared item: the first finds it, together they say when two
              declared items collide (share links: path and notes).
    name_keys: API keys naming an object in the drift (the first one set; else its Id).
    protected: API object -> True when it must never be removed or declared (the Root credential).
    sets:     the SetTypes of its set-valued sub-resources (a credential's SSH keys: ``sets=(SSH_KEYS,)``).
    declared: the argument spec of a declared item's options besides its natural key's first option, state and
              its sets (declared_options: picked from the resource module's spec, so a choice is written once).

    Derived from the Secrets of its fields (written nowhere else):
    secret_keys: API keys that are always secret (masked in messages, never shown or exported).
    token_keys: (key, rule) of the URL keys that are secret only in some objects (Secret.token_rule); every place
              shows such a value masked (_token.masked_url), the export leaves it out.
    secret_forms: key -> how results show it when set other than masked (Secret.form).
    revealed_keys: the secret keys a run that sets them returns in clear, once (Secret.shown_once).
    reveals:  (result key, API key, params -> bool): the secret a create or rotation made by the organization
              returns once, when the declared item does not give it (Secret.returned_as).
    """

    def __init__(self, name, path, fields, lookups, narrow=(), get_by_id=True, read_only=(),
                 adopt_on_conflict=False, **descriptor):
        self.name = name
        self.path = path
        self.fields = fields
        self.lookups = lookups
        self.narrow = narrow
        self.get_by_id = get_by_id
        self.secret_fields = tuple(field for field in tuple(fields) + tuple(read_only) if field.secrecy is not None)
        self.adopt_on_conflict = adopt_on_conflict
        self.label = descriptor.pop('label', name.replace('_', ' '))
        self.collection = descriptor.pop('collection', name + 's')
        self.natural_key = descriptor.pop('natural_key', ())
        self.name_keys = descriptor.pop('name_keys', ())
        self.protected = descriptor.pop('protected', lambda obj: False)
        self.sets = descriptor.pop('sets', ())
        self.declared = descriptor.pop('declared', {})
        if descriptor:
            raise TypeError('unknown descriptor entries: %s' % ', '.join(sorted(descriptor)))
        self.derive_secrets()
        if self.token_keys:  # the token rule reaches the module arguments too (option_tokens); defined again: replaced
            TOKEN_RESOURCES[:] = [other for other in TOKEN_RESOURCES if other.name != name] + [self]

    def derive_secrets(self):
        """The secret lists of the descriptor (see the class), from its fields' Secrets."""
        secrets = self.secret_fields
        self.secret_keys = tuple(field.key for field in secrets if field.secret)
        self.token_keys = tuple((field.key, field.secrecy.token_rule) for field in secrets if not field.secret)
        self.secret_forms = dict((field.key, field.secrecy.form) for field in secrets if field.secrecy.form is not None)
        self.revealed_keys = tuple(field.key for field in secrets if field.secrecy.shown_once)
        returned = [field for field in secrets if field.secrecy.returned_as]
        self.reveals = None
        if returned:
            option = returned[0].option
            self.reveals = (returned[0].secrecy.returned_as, returned[0].key,
                            lambda params: option is None or params.get(option) is None)

    def item_spec(self):
        """The argument spec of one declared item: its natural key (required), state, the declared options, its sets."""
        spec = dict([(self.natural_key[0], dict(type='str', required=True)), ('state', STATE_SPEC)], **self.declared)
        spec.update((set_type.option, dict(set_type.spec)) for set_type in self.sets)
        return spec

    def to_result(self, obj, reveal=False, show_secrets=False):
        """The API object as the modules return it: snake_case, its secrets masked unless ``reveal`` (this run set
        them: the revealed keys in clear) or ``show_secrets`` (the _info modules' option)."""
        forms = dict((key, self.secret_forms.get(key)) for key in self.secret_keys)
        forms.update((key, self.shown_field(self.field_of_key(key), obj).display) for key, dummy in self.token_keys)
        return _render.result(obj, forms, self.revealed_keys if reveal else (), show_secrets)

    def shown_field(self, field, *objects):
        """``field`` as a place shows it for API objects ``objects`` (the before and after of a change): a token key
        that is a secret in any of them shows masked (a copy of the field), any other as its field displays it."""
        if any(key == field.key and is_secret(field.read(obj), obj) for key, is_secret in self.token_keys
               for obj in objects if obj):
            return field.masked()
        return field

    def token_values(self, obj):
        """The values of API object ``obj`` that are secret by the token rule."""
        return [obj[key] for key, is_secret in self.token_keys if is_secret(obj.get(key), obj)]

    def api_object(self, values):
        """The API object of a dict of option values, as given (not converted): what the token rule reads."""
        obj = {}
        for field in self.fields:
            if values.get(field.option) is not None:
                merge_body(obj, field.body(values[field.option]))
        return obj

    def field_of_key(self, key):
        """The Field of API key ``key`` (None for keys that are no field)."""
        return next((field for field in self.fields if field.key == key), None)

    def identity(self, declared):
        """What two declared items share when they collide (an empty natural key part counts as '')."""
        first = declared.get(self.natural_key[0])
        return (first,) + tuple(declared.get(option) or '' for option in self.natural_key[1:])

    def object_identity(self, obj):
        """The natural key of an API object, as the export sorts and de-duplicates it."""
        return tuple(self.field(option).read(obj) or '' for option in self.natural_key)

    def key_text(self):
        """The natural key for messages: 'path and notes'."""
        return ' and '.join(self.natural_key)

    def display_name(self, obj):
        """How the drift names an API object that no declared item names (a purge), shown as its field shows it
        (a webhook without alias is named by its URL: a token URL is masked)."""
        for key in self.name_keys:
            if obj.get(key):
                field = self.field_of_key(key)
                return self.shown_field(field, obj).display(obj[key]) if field else obj[key]
        return obj['Id']

    def secret_in(self, field, obj):
        """Whether ``field`` holds a secret in API object ``obj`` (always, or as a token URL): never exported."""
        return field.secret or field.key in self.secret_keys or self.shown_field(field, obj) is not field

    def field(self, option):
        """The Field of ``option`` (None for options that are not fields, such as id)."""
        for field in self.fields:
            if field.option == option:
                return field
        return None

    def item_path(self, resource_id):
        """The API path of one resource."""
        return '%s/%s' % (self.path, resource_id)

    def lookup_text(self):
        """The options that can find a resource, for messages: 'id, username or alias'."""
        names = [options[0] for options in self.lookups]
        return ', '.join(names[:-1]) + ' or ' + names[-1] if len(names) > 1 else names[0]


class SetType:
    """The descriptor of a set-valued sub-resource: members of a parent object that a declared parent item lists
    in one option, converged after it by their own engine (a credential's SSH keys, listed in ``ssh_keys``). The
    parent's descriptor names it (``sets``); it knows the parent only by the API path of the members.

    name:     the kind, as the drift and failures name it ('ssh_keys').
    option:   the parent item's option that declares the members, and the engine option that takes them (also the
              export's key; a failure about its member [1] is placed at credentials[0].ssh_keys[1]).
    path:     the API path of a parent's members, %s standing for the parent's Id ('/users/%s/ssh-public-keys').
    parent_name: how messages name the parent ('credential').
    identity: API member -> what makes two members the same (a key's fingerprint).
    exported: API member -> the value the export lists (a key's line).
    may_have_members: API parent -> False when it surely has none (unsure: True), so that it is not read.
    engine:   the engine class, called as a StateEngine is (engine(set_type, params=, client=, check_mode=)) and served
              the parent's members as one object (``members_of``), as a StateEngine is served what was listed.
    params:   declared parent item -> that engine's params (its members as an exclusive set).
    spec:     the argument spec of the declared option (a list of strings unless said otherwise).
    label:    how the drift summary names a change of the set ('ssh keys of credential').
    reading:  how a summary line reads the set's update, from its changes (_render.added_and_removed: add X, remove Y).
    """

    def __init__(self, name, option, path, parent_name, identity, exported, engine, params, **descriptor):
        self.name = name
        self.option = option
        self.path = path
        self.parent_name = parent_name
        self.identity = identity
        self.exported = exported
        self.engine = engine
        self.params = params
        self.may_have_members = descriptor.pop('may_have_members', lambda obj: True)
        self.spec = descriptor.pop('spec', dict(type='list', elements='str'))
        self.label = descriptor.pop('label', '%s of %s' % (name.replace('_', ' '), parent_name))
        self.reading = descriptor.pop('reading', _render.added_and_removed)
        if descriptor:
            raise TypeError('unknown descriptor entries: %s' % ', '.join(sorted(descriptor)))

    def members_path(self, parent_id):
        """The API path of the members of parent ``parent_id``."""
        return self.path % parent_id

    def missing(self, parent_id):
        """The failure when the members' list answers 404: its parent does not exist."""
        return 'no %s with id %r exists (GET %s answered 404)' % (self.parent_name, parent_id, self.members_path(parent_id))

    @staticmethod
    def members_of(parent_id, members):
        """The members of parent ``parent_id`` as the one object their engine is served and converges."""
        return {'Id': parent_id, 'Members': members}

    def declares(self, declared):
        """Whether a declared parent item manages this set (its option is given, even as [])."""
        return declared.get(self.option) is not None and declared.get('state') != 'absent'


def declared_options(spec, names, **extra):
    """The argument spec of ``names`` in a module's ``spec`` (copies), plus ``extra``: what a declared item takes."""
    picked = dict((name, dict(spec[name])) for name in names)
    picked.update(extra)
    return picked


def remember_secrets(client, resource, obj):
    """Register the secrets of an API object (fetched, or made of the task's values) with the client, so that no
    message can show them: the one place a resource's secret is registered, as its fields' Secrets say."""
    if isinstance(obj, dict):
        for field in resource.secret_fields:
            value = field.read(obj)
            if isinstance(value, str) and (field.secret or field.secrecy.token_rule(value, obj)):
                client.add_secret(value)
    return obj
