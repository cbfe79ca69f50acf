# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What a resource is to the engine: its Fields (option <-> API key, comparison, display) and its ResourceType.

Each resource module_utils file (_credential, _webhook, _share_link) describes its resource with these
tables; the engine (_resource), the organization module and its drift all read the same tables.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _render
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._token import masked_url

MASK = _render.NO_LOG_MASK  # what results and diffs show of a secret
STATE_SPEC = dict(type='str', default='present', choices=['present', 'absent'])


class ModuleFailure(Exception):
    """A failure to report as is: bad input, an ambiguous lookup, a refused operation.

    ``option``: the option the failure is about, when its message starts with it ('url must be ...'); a layer
    that knows where the option was declared places it there (``placed``) without reading the message.
    ``result``: what the failed task returns besides msg (only _module turns a failure into fail_json).
    """

    def __init__(self, message, option=None, result=None):
        super(ModuleFailure, self).__init__(message)
        self.message = message
        self.option = option
        self.result = result or {}


def placed(place, err, item_option=None, redact=None):
    """A failure's message prefixed with the place of the declared item it is about.

    A failure about one of the item's options joins it with a dot (credentials[3].inbound_rules[0].source must
    ...), any other with a colon (credentials[3]: 2 credentials match ...). ``item_option`` is the engine option
    that is the declared item itself (the key set's ``key`` is credentials[3].ssh_keys); ``redact`` masks the
    message's secrets.
    """
    text = str(err) if redact is None else redact(str(err))
    option = getattr(err, 'option', None)
    if option is None:
        return '%s: %s' % (place, text)
    if option == item_option:
        return place + text[len(option):]
    return '%s.%s' % (place, text)


def _same(value):
    return value


class Field:
    """One option of a module and the API key it manages.

    to_api:    option value -> API value (may raise ValueError naming the option).
    canonical: API value -> the form compared (so '/home/x/' equals '/home/x').
    display:   API value -> the option form shown in diffs.
    on_create: whether the API takes the key in a create body (else it is PATCHed right after).
    to_patch:  (desired API value, current object) -> the value to send, e.g. keeping server ids.
    secret:    never shown (_render says what each place shows instead) and never exported.
    brief:     displayed value -> the shorter form a drift line reads (inbound rules: one string each).
    """

    def __init__(self, option, key, to_api=_same, canonical=_same, display=_same, on_create=True, to_patch=None,
                 secret=False, brief=None):
        self.option = option
        self.key = key
        self.secret = secret
        self.path = tuple(key.split('.'))
        self.to_api = to_api
        self.canonical = canonical
        self.display = display
        self.on_create = on_create
        self.to_patch = to_patch
        self.brief = brief

    def masked(self):
        """This field shown as a URL that carries a token, whatever its value (a copy)."""
        shown = copy.copy(self)
        shown.display = lambda value: masked_url(value) if value else value
        return shown

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

    def body(self, value):
        """A (nested) request body setting this field to ``value``."""
        body = value
        for part in reversed(self.path):
            body = {part: body}
        return body


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
    secret_keys: API keys that are always secret (masked in messages, never shown or exported).
    secret_forms: how results show a secret key other than masked when set: _render.OMITTED, or a function of
              its value (a credential's URI with the password masked).
    revealed_keys: the secret keys a run that sets them returns in clear, once (a new signing secret).
    token_keys: URL keys that are secret only in some objects: (key, test) pairs, ``test(value, obj)`` the token
              rule of the API object (a webhook's URL: its shape, or its type); every place shows such a value
              masked (_token.masked_url), the export leaves it out.
    collection: the organization's list of declared items ('credentials').
    natural_key: the options that identify a declared item: the first finds it, together they say when two
              declared items collide (share links: path and notes).
    name_keys: API keys naming an object in the drift (the first one set; else its Id).
    protected: API object -> True when it must never be removed or declared (the Root credential).
    reveals:  (result key, API key, params -> bool): the secret a create made by the organization returns once.
    sets:     the SetTypes of its set-valued sub-resources (a credential's SSH keys); each registers here when it
              is defined, as its module imports this one's (not given here).
    declared: the argument spec of a declared item's options besides its natural key's first option, state and
              its sets (declared_options: picked from the resource module's spec, so a choice is written once).
    """

    def __init__(self, name, path, fields, lookups, narrow=(), get_by_id=True, secret_keys=(),
                 adopt_on_conflict=False, token_keys=(), **descriptor):
        self.name = name
        self.path = path
        self.fields = fields
        self.lookups = lookups
        self.narrow = narrow
        self.get_by_id = get_by_id
        self.secret_keys = secret_keys
        self.token_keys = token_keys
        self.adopt_on_conflict = adopt_on_conflict
        self.label = descriptor.pop('label', name.replace('_', ' '))
        self.collection = descriptor.pop('collection', name + 's')
        self.natural_key = descriptor.pop('natural_key', ())
        self.name_keys = descriptor.pop('name_keys', ())
        self.protected = descriptor.pop('protected', lambda obj: False)
        self.reveals = descriptor.pop('reveals', None)
        self.sets = ()
        self.secret_forms = descriptor.pop('secret_forms', {})
        self.revealed_keys = descriptor.pop('revealed_keys', ())
        self.declared = descriptor.pop('declared', {})
        if descriptor:
            raise TypeError('unknown descriptor entries: %s' % ', '.join(sorted(descriptor)))
        if token_keys:  # the token rule reaches the module arguments too (option_tokens); defined again: replaced
            TOKEN_RESOURCES[:] = [other for other in TOKEN_RESOURCES if other.name != name] + [self]

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
        """The API object of a dict of option values (top-level fields only): what the token rule reads."""
        return dict((field.key, values[field.option]) for field in self.fields
                    if '.' not in field.key and values.get(field.option) is not None)

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
    in one option, converged after it by their own engine (a credential's SSH keys, listed in ``ssh_keys``).

    name:     the kind, as the drift and failures name it ('ssh_keys').
    parent:   the parent's ResourceType; the set registers on it (``parent.sets``).
    option:   the parent item's option that declares the members (also the export's key).
    path:     the API path of a parent's members, below the parent's item path ('ssh-public-keys').
    identity: API member -> what makes two members the same (a key's fingerprint).
    exported: API member -> the value the export lists (a key's line).
    may_have_members: API parent -> False when it surely has none (unsure: True), so that it is not read.
    engine:   the engine class, called as engine(params, client, check_mode).
    params:   declared parent item -> that engine's params (its members as an exclusive set).
    item_option: the engine option that is the declared option itself (failures about it are placed there).
    spec:     the argument spec of the declared option (a list of strings unless said otherwise).
    label:    how the drift summary names a change of the set ('ssh keys of credential').
    """

    def __init__(self, name, parent, option, path, identity, exported, engine, params, **descriptor):
        self.name = name
        self.parent = parent
        self.option = option
        self.path = path
        self.identity = identity
        self.exported = exported
        self.engine = engine
        self.params = params
        self.may_have_members = descriptor.pop('may_have_members', lambda obj: True)
        self.item_option = descriptor.pop('item_option', None)
        self.spec = descriptor.pop('spec', dict(type='list', elements='str'))
        self.label = descriptor.pop('label', '%s of %s' % (name.replace('_', ' '), parent.name))
        if descriptor:
            raise TypeError('unknown descriptor entries: %s' % ', '.join(sorted(descriptor)))
        # Defined again (a module reloaded): replaces the one of the same name.
        parent.sets = tuple(other for other in parent.sets if other.name != name) + (self,)

    def members_path(self, parent_id):
        """The API path of the members of parent ``parent_id``."""
        return '%s/%s' % (self.parent.item_path(parent_id), self.path)

    def missing(self, parent_id):
        """The failure when the members' list answers 404: its parent does not exist."""
        return 'no %s with id %r exists (GET %s answered 404)' % (self.parent.name, parent_id, self.members_path(parent_id))

    def declares(self, declared):
        """Whether a declared parent item manages this set (its option is given, even as [])."""
        return declared.get(self.option) is not None and declared.get('state') != 'absent'


def declared_options(spec, names, **extra):
    """The argument spec of ``names`` in a module's ``spec`` (copies), plus ``extra``: what a declared item takes."""
    picked = dict((name, dict(spec[name])) for name in names)
    picked.update(extra)
    return picked


def merge_body(body, addition):
    """Merge nested dict ``addition`` into ``body`` (lists and scalars are replaced)."""
    for key, value in addition.items():
        if isinstance(value, dict) and isinstance(body.get(key), dict):
            merge_body(body[key], value)
        else:
            body[key] = copy.deepcopy(value)
    return body


def given(params, option):
    """Whether the task sets ``option`` to something that can find a resource (null, '' and blanks cannot)."""
    value = params.get(option)
    return value is not None and not (isinstance(value, str) and not value.strip())


def matching(resource, items, params, options):
    """The API objects of ``items`` that have the values ``params`` gives for all ``options`` (compared canonically).

    The task's values are converted once, not once per item: an organization lists thousands.
    """
    wanted = [(resource.field(option), params[option]) for option in options]
    wanted = [(field, _wanted(field, value)) for field, value in wanted]
    return [item for item in items if all(_compared(field, item) == value for field, value in wanted)]


def identical_duplicates(resource, items):
    """``items`` oldest first when they are copies of one resource (every field of its table the same), else None.

    Overlapping runs that each create a resource the API lets exist twice (webhooks, share links) leave such
    copies; any difference in a managed field makes them distinct resources, for the user to choose between.
    """
    if len(items) < 2 or any(field.canonical(field.read(item)) != field.canonical(field.read(items[0]))
                             for item in items[1:] for field in resource.fields):
        return None
    # The oldest is kept: CreatedAt first (missing counts as newest), then the Id, so every run picks the same one.
    return sorted(items, key=lambda item: (not isinstance(item.get('CreatedAt'), int), item.get('CreatedAt') or 0,
                                           str(item.get('Id'))))


class Candidates:
    """The objects of a collection grouped, once, by one lookup option.

    An organization serves each declared item only the objects that can match it, instead of every
    item scanning thousands; the engine's own lookup (and its ambiguity rules) then runs on those.
    """

    def __init__(self, resource, items, option):
        self.field = resource.field(option)
        self.groups = {}
        for item in items:
            self.groups.setdefault(_compared(self.field, item), []).append(item)

    def of(self, value):
        """The objects whose ``option`` compares equal to the task value ``value``."""
        return self.groups.get(_wanted(self.field, value), [])


def _wanted(field, value):
    """A task value in the form a lookup compares (an Id, field None, as given)."""
    return value if field is None else field.canonical(field.to_api(value))


def _compared(field, item):
    """What a lookup compares of an API object: the field's canonical value, or the Id (field None)."""
    return item.get('Id') if field is None else field.canonical(field.read(item))


def remember_secrets(client, resource, obj):
    """Register the secrets of a fetched object with the client, so that no message can show them."""
    if isinstance(obj, dict):
        for key in resource.secret_keys:
            if isinstance(obj.get(key), str):
                client.add_secret(obj[key])
        for value in resource.token_values(obj):
            client.add_secret(value)
    return obj
