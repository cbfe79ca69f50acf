# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Field: one option of a module and the API key it manages (conversion, comparison, display, request body)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._token import masked_url


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


def merge_body(body, addition):
    """Merge nested dict ``addition`` into ``body`` (lists and scalars are replaced)."""
    for key, value in addition.items():
        if isinstance(value, dict) and isinstance(body.get(key), dict):
            merge_body(body[key], value)
        else:
            body[key] = copy.deepcopy(value)
    return body
