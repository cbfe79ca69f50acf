# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The main() of sftptogo_organization and sftptogo_organization_info: options checked, the plan approved,
the organization converged (or planned), the review added, the result shaped and its failures reported."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _render
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._api import ApiError
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._approval import AGAIN, approved_plan
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._declaration import MAX_PARALLELISM, password_max_age, unknown_keys
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._export import export
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._failure import ModuleFailure
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._findings import findings
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._module import _raw_params, new_module, refuse_arguments, run_main
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._organization import LABELS, READINGS, RESOURCES, Organization
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._timestamps import now_ms


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
    summary = _render.summary_lines(result['drift'], True, result['failures'], LABELS, READINGS)
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


def run_organization(module, check_mode, info=False):
    """sftptogo_organization(_info): converge (or, in check mode, plan) and exit; failures name each item."""
    run_main(module, lambda client: organization_result(module, client, check_mode, info))


def checked_options(params, check_mode):
    """(parallelism, approved plan or None, password age limit), each refused before any request when wrong."""
    parallelism = params.get('parallelism')
    parallelism = 4 if parallelism is None else parallelism
    if not 1 <= parallelism <= MAX_PARALLELISM:
        raise ModuleFailure('parallelism must be 1 to %d; got %d' % (MAX_PARALLELISM, parallelism))
    given_null = 'approved_plan' in _raw_params() and _raw_params()['approved_plan'] is None
    return parallelism, approved_plan(params, given_null, check_mode), password_max_age(params)


def organization_result(module, client, check_mode, info):
    """The module result of converging (or, in check mode, planning); ModuleFailure when an item failed."""
    parallelism, approved, max_age = checked_options(module.params, check_mode)
    organization = Organization(module.params, client, check_mode, parallelism)
    try:
        if approved is not None and not check_mode:
            organization.follow(checked_plan(module.params, client, parallelism, approved))
        result = organization.run()
        if info:
            result.update(review(organization, max_age))
    except (ApiError, ModuleFailure) as err:
        if getattr(err, 'result', None):
            raise  # a stale plan: refused with the new plan
        raise ModuleFailure(str(err), result=dict(changed=False, invocation=invocation(module.params)))
    if approved is not None and check_mode:
        refuse_stale(module.params, approved, result)
    shaped(result, module.params, check_mode, info)
    for message in warnings(result, organization):
        module.warn(client.redact(message))
    if result['failures']:
        raise ModuleFailure('%d of the declared items failed: %s' % (
            len(result['failures']), '; '.join(failure['message'] for failure in result['failures'])), result=result)
    return result


def review(organization, max_age):
    """What sftptogo_organization_info adds: the state read, the export and the access review's findings."""
    added = state_after(organization)
    sets = organization.all_sets()
    added['declaration'], added['left_out'] = export(organization.listed, sets)
    added['findings'] = findings(organization.listed, sets, now_ms(), max_age)
    return added


def state_after(organization):
    """Every resource after the run (predicted in check mode), shaped and masked as the _info modules do."""
    state = {}
    for resource, dummy in RESOURCES:
        kind = resource.name
        objects = dict((obj['Id'], obj) for obj in organization.listed[kind])
        new = []
        for item in organization.items:
            if item.kind != kind or not isinstance(item.result, dict):
                continue
            if item.engine.params.get('state') == 'absent' and item.engine.changed:
                objects.pop(item.result.get('Id'), None)
            elif item.result.get('Id') in objects:
                objects[item.result['Id']] = item.result
            else:
                new.append(item.result)
        state[resource.collection] = [resource.to_result(obj) for obj in list(objects.values()) + new]
    return state


def shaped(result, params, check_mode, info):
    """The result as each module returns it: summary, changed in check mode, diff (info: no reveals, no diff)."""
    result['invocation'] = invocation(params)
    result['summary'] = _render.summary_lines(result['drift'], check_mode, result['failures'], LABELS, READINGS)
    if check_mode:
        result['changed'] = bool(result['drift']) and not info
    if info:
        for key in ('check_mode',) + tuple(resource.reveals[0] for resource, dummy in RESOURCES if resource.reveals):
            result.pop(key)
    else:
        result['diff'] = _render.drift_diff(result['drift'])


def warnings(result, organization):
    """The export's left-out objects and every item engine's warnings, each named by the item's place."""
    return result.get('left_out', []) + ['%s: %s' % (item.place, message) for item in organization.items
                                         for message in getattr(item.engine, 'warnings', [])]
