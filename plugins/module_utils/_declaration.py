# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The shape of a declared organization (the argument spec the organization modules share) and their main()."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _render
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._api import ApiError
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._approval import AGAIN, approved_plan
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._findings import DEFAULT_PASSWORD_MAX_AGE, findings
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._connection import AUTH_ARGUMENT_SPEC
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._names import closest
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._module import _raw_params, new_module, refuse_arguments, run_main
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._organization import LABELS, RESOURCES, Organization
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._table import ModuleFailure, given
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._timestamps import now_ms

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


def new_declaration_module(module_class, argument_spec, **options):
    """new_module, after refusing any key the declaration does not know (the place and closest key named)."""
    problems = unknown_keys(argument_spec, _raw_params())
    if problems:
        refuse_arguments(module_class, argument_spec, problems, unknown_secret=True, echo=lambda params: invocation(dict(
            (name, value) if name in argument_spec else (name, 'unknown option (not echoed back)')
            for name, value in params.items())))
    return new_module(module_class, argument_spec, **options)


def invocation(params):
    """What the result echoes of the task's arguments: each declared list as its length.

    Ansible would echo the whole declaration and look for every no_log value (each declared password)
    in each of its strings: seconds and megabytes for an organization of thousands of credentials.
    """
    args = dict(params)
    for collection in [resource.collection for resource, dummy in RESOURCES]:
        if isinstance(args.get(collection), list):
            args[collection] = '%d declared (not echoed back)' % len(args[collection])
    return dict(module_args=args)


def checked_plan(params, client, parallelism, approved):
    """The check pass of a run given ``approved_plan`` (reads only): the Organization that planned, or a failure
    before any write."""
    planned = Organization(params, client, True, parallelism)
    refuse_stale(params, approved, planned.run())
    return planned


def refuse_stale(params, approved, result):
    """Fail, having written nothing, when the drift is not the approved plan (or could not all be computed)."""
    summary = _render.summary_lines(result['drift'], True, result['failures'], LABELS)
    if result['failures']:
        reason = 'the plan could not be computed: %d of the declared items failed' % len(result['failures'])
    elif result['plan_id'] == approved:
        return
    elif not result['drift']:
        # applied already (a relaunched apply job), or made to match otherwise: no drift, so nothing to approve
        reason = ('nothing to apply: the organization already matches the declaration (the approved plan %s was '
                  'applied already, or the organization or the declaration changed to match)' % approved)
    else:
        reason = ('the organization or the declaration changed since the plan was approved (approved %s, now %s)'
                  % (approved, result['plan_id']))
    again = '' if result['drift'] == [] and not result['failures'] else ' %s:' % AGAIN
    raise ModuleFailure('%s; nothing was written.%s %s' % (reason, again, ' '.join(summary)), result=dict(
        changed=False, plan_id=result['plan_id'], summary=summary, drift=result['drift'], failures=result['failures'],
        invocation=invocation(params)))


def password_max_age(params):
    """The review's password age limit in days (sftptogo_organization_info), checked before any request."""
    days = params.get('password_max_age')
    if days is not None and days < 1:
        raise ModuleFailure('password_max_age must be a number of days of at least 1; got %d' % days)
    return DEFAULT_PASSWORD_MAX_AGE if days is None else days


def run_organization(module, check_mode, info=False):
    """sftptogo_organization(_info): converge (or, in check mode, plan) and exit; failures name each item."""
    run_main(module, lambda client: organization_result(module, client, check_mode, info))


def organization_result(module, client, check_mode, info):
    """The module result of converging (or, in check mode, planning); ModuleFailure when an item failed."""
    parallelism = module.params.get('parallelism')
    parallelism = 4 if parallelism is None else parallelism
    if not 1 <= parallelism <= MAX_PARALLELISM:
        raise ModuleFailure('parallelism must be 1 to %d; got %d' % (MAX_PARALLELISM, parallelism))
    approved = approved_plan(module.params, 'approved_plan' in _raw_params() and _raw_params()['approved_plan'] is None,
                             check_mode)
    max_age = password_max_age(module.params)
    organization = Organization(module.params, client, check_mode, parallelism)
    try:
        if approved is not None and not check_mode:
            organization.follow(checked_plan(module.params, client, parallelism, approved))
        result = organization.run()
        if info:
            result.update(organization.state_after())
            sets = organization.all_sets()
            result['declaration'], result['left_out'] = export(organization.listed, sets)
            result['findings'] = findings(organization.listed, sets, now_ms(), max_age)
    except (ApiError, ModuleFailure) as err:
        if getattr(err, 'result', None):
            raise  # a stale plan: refused with the new plan
        raise ModuleFailure(str(err), result=dict(changed=False, invocation=invocation(module.params)))
    if approved is not None and check_mode:
        refuse_stale(module.params, approved, result)
    result['invocation'] = invocation(module.params)
    result['summary'] = _render.summary_lines(result['drift'], check_mode, result['failures'], LABELS)
    if check_mode:
        result['changed'] = bool(result['drift']) and not info
    if info:
        for key in ('check_mode',) + tuple(resource.reveals[0] for resource, dummy in RESOURCES if resource.reveals):
            result.pop(key)
    else:
        result['diff'] = _render.drift_diff(result['drift'])
    warnings = result.get('left_out', []) + ['%s: %s' % (item.place, message) for item in organization.items
                                             for message in getattr(item.engine, 'warnings', [])]
    for message in warnings:
        module.warn(client.redact(message))
    if result['failures']:
        raise ModuleFailure('%d of the declared items failed: %s' % (
            len(result['failures']), '; '.join(failure['message'] for failure in result['failures'])), result=result)
    return result


# -- adopting an existing organization: what exists, in the shape of a declaration --------------------

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
