# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Field: one option of a module and the API key it manages (conversion, comparison, display, request body, and
what kind of secret it holds: Secret)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._token import masked_url


def _same(value):
    return value


class Secret:
    """What kind of secret a field holds, said once: the option's no_log, the descriptor's secret lists, the client's
    registration and every place that shows it follow from it (docs/developing.md, "Secrets by rule").

    token_rule: None when the key is always secret; else ``rule(value, api_object)``, whether this object's value is
                one (a webhook's URL: by its shape or its type): shown as a masked URL, never exported.
    form:       how results show it when set: None masked, _render.OMITTED left out, or a function of the value
                (a credential's URI with its password masked).
    shown_once: a run that sets it returns it in clear, once (a new password, a new signing secret).
    returned_as: the organization's result key that returns it once, from a create or a rotation, when the
                declaration does not give it ('created_passwords').
    """

    write_only = False

    def __init__(self, token_rule=None, form=None, shown_once=False, returned_as=None):
        self.token_rule = token_rule
        self.form = form
        self.shown_once = shown_once
        self.returned_as = returned_as

    @property
    def no_log(self):
        """Whether the option that gives it is no_log: a token URL is secret by its value, not by its option."""
        return self.token_rule is None

    def differs(self, field, value, current, params):
        """Whether ``value`` must be sent to API object ``current``: compared as any value."""
        return not field.same(value, field.read(current))

    def sent_on_create(self, value):
        """Whether a create sends ``value``."""
        return True


class WriteOnly(Secret):
    """A password: the one policy of credentials and share links.

    The API may not return it: then it cannot be compared and is sent on every run. ``update_password: on_create``
    (where a resource has that option) never touches the password of an existing object, as ansible.builtin.user
    does. A cleared one (None: '' removes a share link's password) is no password: a create does not send it.
    """

    write_only = True

    def differs(self, field, value, current, params):
        if params.get('update_password') == 'on_create':
            return False
        if value is not None and field.read(current) is None:
            return True
        return super(WriteOnly, self).differs(field, value, current, params)

    def sent_on_create(self, value):
        return value is not None


ALWAYS = Secret()  # always secret, compared as any value (a webhook's authorization header)


def token_url(rule):
    """A URL that is secret when ``rule(value, api_object)`` says so (a webhook's URL)."""
    return Secret(token_rule=rule)


class Field:
    """One option of a module and the API key it manages.

    to_api:    option value -> API value (may raise ValueError naming the option).
    canonical: API value -> the form compared (so '/home/x/' equals '/home/x').
    display:   API value -> the option form shown in diffs.
    on_create: whether the API takes the key in a create body (else it is PATCHed right after).
    to_patch:  (desired API value, current object) -> the value to send, e.g. keeping server ids.
    secret:    the Secret it holds, if any (ALWAYS, token_url(rule), WriteOnly(...), Secret(...)); ``secret`` reads
               True when it is always secret: never shown (_render says what each place shows instead), never exported.
    brief:     displayed value -> the shorter form a drift line reads (inbound rules: one string each).
    apart:     written by a request of its own (a credential's password: the rotation endpoint), never in the
               PATCH: the engine neither compares nor shows it with the object's other fields, a hook does.
    An option of None: an API key no option manages (a credential's URI): read only, for its secret.
    """

    def __init__(self, option, key, to_api=_same, canonical=_same, display=_same, on_create=True, to_patch=None,
                 secret=None, brief=None, apart=False):
        self.option = option
        self.key = key
        self.secrecy = secret
        self.secret = secret is not None and secret.token_rule is None
        self.apart = apart
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

    def differs(self, value, current, params):
        """Whether ``value`` must be sent to API object ``current`` (a password by its policy: WriteOnly)."""
        if self.secrecy is not None:
            return self.secrecy.differs(self, value, current, params)
        return not self.same(value, self.read(current))

    def in_create(self, value):
        """Whether a create request sends ``value`` (else a PATCH right after it does, or nothing: a cleared password)."""
        return self.on_create and (self.secrecy is None or self.secrecy.sent_on_create(value))

    def body(self, value):
        """A (nested) request body setting this field to ``value``."""
        body = value
        for part in reversed(self.path):
            body = {part: body}
        return body


def secret_options(spec, fields):
    """``spec`` (a module's argument spec) with no_log=True on the option of each field whose Secret says so: the
    field says it once. A spec that says otherwise for a field's option fails when the module is loaded."""
    spec = dict(spec)
    for field in fields:
        if field.option not in spec:
            continue
        no_log = field.secrecy is not None and field.secrecy.no_log
        if spec[field.option].get('no_log', no_log) != no_log:
            raise ValueError('option %s: no_log is said by its Field, not by the argument spec' % field.option)
        if no_log:
            spec[field.option] = dict(spec[field.option], no_log=True)
    return spec


def merge_body(body, addition):
    """Merge nested dict ``addition`` into ``body`` (lists and scalars are replaced)."""
    for key, value in addition.items():
        if isinstance(value, dict) and isinstance(body.get(key), dict):
            merge_body(body[key], value)
        else:
            body[key] = copy.deepcopy(value)
    return body
