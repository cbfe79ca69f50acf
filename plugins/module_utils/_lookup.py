# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""How a task or a declared item finds its API object among those listed: given values, canonical matches."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


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
