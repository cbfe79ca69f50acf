# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The shape of a declared organization: the argument spec the organization modules share, and its own checks."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._connection import AUTH_ARGUMENT_SPEC
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._credential import check_password_max_age
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._findings import DEFAULT_PASSWORD_MAX_AGE
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._names import closest
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._organization import RESOURCES

MAX_PARALLELISM = 16


# Each resource's declared list and its purge, from its descriptor.
INFO_ARGUMENT_SPEC = dict(
    AUTH_ARGUMENT_SPEC,
    allow_empty_purge=dict(type='bool', default=False),
    **dict([(resource.collection, dict(type='list', elements='dict', options=resource.item_spec()))
            for resource, dummy in RESOURCES]
           + [('purge_' + resource.collection, dict(type='bool', default=False)) for resource, dummy in RESOURCES])
)
# sftptogo_organization_info also reviews the organization (findings): how old a password may be.
REVIEW_ARGUMENT_SPEC = dict(INFO_ARGUMENT_SPEC, password_max_age=dict(type='int', default=DEFAULT_PASSWORD_MAX_AGE, no_log=False))
ARGUMENT_SPEC = dict(INFO_ARGUMENT_SPEC, parallelism=dict(type='int', default=4), approved_plan=dict(type='str'),
                     require_approval=dict(type='bool', default=False))


def unknown_keys(spec, values, where=''):
    """Keys given that the spec does not know, at any level, each with the closest known one.

    Ansible would name an unknown key of a declared item without its place or the key it resembles.
    """
    if not isinstance(values, dict):
        return []
    known = set(spec)
    for option in spec.values():
        known.update(option.get('aliases', ()))
    problems = []
    for name in sorted(values, key=str):
        if where == '' and str(name).startswith('_ansible_'):
            continue  # Ansible's own module arguments
        if name not in known:
            meant = closest(name, known)
            problems.append('%s%s is not a known option%s' % (
                where, name, '; did you mean %s?' % meant if meant else ' (known: %s)' % ', '.join(sorted(known))))
        elif spec.get(name, {}).get('options') and isinstance(values[name], list):
            for index, element in enumerate(values[name]):
                problems.extend(unknown_keys(spec[name]['options'], element, '%s%s[%d].' % (where, name, index)))
    return problems


def password_max_age(params):
    """The review's password age limit in days (sftptogo_organization_info), checked before any request."""
    days = check_password_max_age(params.get('password_max_age'))
    return DEFAULT_PASSWORD_MAX_AGE if days is None else days
