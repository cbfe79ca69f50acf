# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Adopting an existing organization: what exists, in the shape of a declaration (the export)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _render
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._lookup import given
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._organization import RESOURCES


def declared(resource, obj):
    """One API object as a declared item: every field the table compares, in option form, secrets left out.

    A value is exported exactly or left out, never as its masked form (a token URL included).
    """
    values = ((field.option, _render.exported(resource, field, obj)) for field in resource.fields)
    return dict((option, value) for option, value in values if value is not None)


def findable(resource, obj):
    """Whether a declared item could name ``obj``: the first part of its natural key is not blank (an alias of only
    spaces or line separators finds nothing: the organization refuses it)."""
    key = resource.natural_key[0]
    return given({key: resource.object_identity(obj)[0]}, key)


def unique_items(resource, objects):
    """(objects whose natural key is unique and not blank, sorted by it; a warning naming the ids of the others)."""
    counts = {}
    for obj in objects:
        counts[resource.object_identity(obj)] = counts.get(resource.object_identity(obj), 0) + 1
    kept = [obj for obj in objects if findable(resource, obj) and counts[resource.object_identity(obj)] == 1]
    left = sorted(obj['Id'] for obj in objects if obj not in kept)
    warning = None
    if left:
        warning = ('%ss left out of the declaration (the %s is empty, blank or shared, so they cannot be declared '
                   'uniquely): %s' % (resource.label, resource.key_text(), ', '.join(left)))
    return sorted(kept, key=resource.object_identity), warning


def export(listed, sets):
    """(declaration, warnings) of an organization: ``listed`` kind -> objects; ``sets`` option -> parent Id -> the
    values of a set-valued sub-resource (ssh_keys: credential Id -> key lines)."""
    declaration, warnings = {}, []
    for resource, dummy in RESOURCES:
        objects, warning = unique_items(resource, [obj for obj in listed[resource.name] if not resource.protected(obj)])
        declaration[resource.collection] = [declared(resource, obj) for obj in objects]
        for obj, item in zip(objects, declaration[resource.collection]):
            for set_type in resource.sets:
                item[set_type.option] = sorted(sets.get(set_type.option, {}).get(obj['Id'], []))
        warnings.extend([warning] if warning else [])
    return declaration, warnings
