# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The approval workflow of the AWX guide, run as the controller runs it (called by check_guide.py).

The controller hands a job's artifacts to the next nodes of a workflow as extra variables: the
``artifact_data`` of the job's last event (``playbook_on_stats``), which holds the stats ``set_stats``
set for the whole run. So the check job runs in check mode, its plan is read from that event in its
artifacts, and the apply job runs with those and the apply template's variables as extra variables.
"""

from __future__ import absolute_import, division, print_function

import glob
import json
import os
import secrets
import sys

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'emulator'))
from server import Emulator  # noqa: E402 pylint: disable=wrong-import-position,import-error

SECOND_ORGANIZATION_ID = '5f6e7d8c-9b0a-4c1d-8e2f-3a4b5c6d7e8f'
STALE = 'changed since the plan was approved'
NOTHING_TO_APPLY = 'nothing to apply: the organization already matches the declaration'
MISSING = 'a missing plan never switches approval off'


def published(directory):
    """The artifacts the controller passes on: artifact_data of the playbook_on_stats event ({} if none)."""
    for path in glob.glob(os.path.join(directory, '*', 'job_events', '*.json')):
        with open(path) as handle:
            event = json.load(handle)
        if event.get('event') == 'playbook_on_stats':
            return event.get('event_data', {}).get('artifact_data') or {}
    return {}


def parts(blocks):
    """(apply template variables, the one-organization playbook, the inventory and playbook of several)."""
    template_vars = [yaml.safe_load(b) for b in blocks if b.startswith('organization_approved_plan:')]
    single = [b for b in blocks if 'sftptogo.sftptogo.organization' in b and 'hosts: localhost' in b]
    inventory = [yaml.safe_load(b) for b in blocks if b.startswith('all:') and 'sftptogo_organizations' in b]
    several = [b for b in blocks if b.startswith('- name:') and 'hosts: sftptogo_organizations' in b]
    if not (len(template_vars) == len(single) == len(inventory) == len(several) == 1):
        raise SystemExit('check_guide: expected one apply template variables block, one organization playbook, one '
                         'inventory of organizations and its playbook in the guide; found %d, %d, %d, %d'
                         % (len(template_vars), len(single), len(inventory), len(several)))
    return template_vars[0], single[0], inventory[0], several[0]


class Jobs:
    """Runs jobs against some emulators, keeping every artifacts directory and every problem."""

    def __init__(self, work, job, emulators):
        self.work = work
        self.job = job
        self.emulators = emulators
        self.artifacts = []
        self.problems = []

    def run(self, name, playbook, check, expect, extra=None, inventory=None):
        """One job; ``expect`` is its status, 'successful' or 'failed'. Returns (runner, stdout, writes, published)."""
        for emulator in self.emulators:
            emulator.clear_journal()
        runner, directory = self.job['run_job'](self.work, playbook, self.job['host_vars'], self.job['env'],
                                                dict(self.job['extra_vars'], **(extra or {})), check, inventory)
        self.artifacts.append(directory)
        writes = sum(len([e for e in emulator.get_journal() if e['method'] != 'GET']) for emulator in self.emulators)
        with open(runner.stdout.name) as handle:
            stdout = handle.read()
        print('check_guide: workflow, %s: %s, %d writes' % (name, runner.status, writes))
        if runner.status != expect:
            self.problems.append('workflow, %s: %s, expected %s (artifacts in %s)' % (name, runner.status, expect, directory))
        if (check or expect == 'failed') and writes:
            self.problems.append('workflow, %s: %d writes, expected none' % (name, writes))
        return runner, stdout, writes, published(directory)

    def expect(self, condition, message):
        if not condition:
            self.problems.append('workflow: ' + message)

    def leaks(self, api_keys):
        """Every artifact searched for the API keys and the secrets the emulators hold."""
        needles = dict(('secret %d' % index, value) for index, value in enumerate(
            value for emulator in self.emulators for value in self.job['secrets_of'](emulator.get_state())))
        needles.update(('API key %d' % index, key) for index, key in enumerate(api_keys))
        for directory in self.artifacts:
            self.problems.extend('%s holds %s after %r' % leak for leak in self.job['artifact_leaks'](directory, needles))
        print('check_guide: workflow: %d artifacts directories searched for %d API keys and %d secrets'
              % (len(self.artifacts), len(api_keys), len(needles) - len(api_keys)))


def one_organization(jobs, emulator, template_vars, playbook):
    """Check, approve, apply; then a plan gone stale is refused with no write, and a new one applies."""
    emulator.reset()
    dummy, dummy, dummy, plan = jobs.run('check', playbook, True, 'successful')
    jobs.expect(list(plan.get('sftptogo_plan_id', {})) == ['localhost'], 'the check published %r' % plan)
    print('check_guide: workflow, the approver reads: %s' % plan.get('sftptogo_plan_summary'))
    runner, dummy, writes, dummy = jobs.run('apply', playbook, False, 'successful', dict(plan, **template_vars))
    jobs.expect(writes > 0, 'the apply wrote nothing')
    runner, dummy, dummy, again = jobs.run('check after the apply', playbook, True, 'successful')
    jobs.expect(not sum(runner.stats.get('changed', {}).values()), 'drift after the apply')
    dummy, stdout, dummy, dummy = jobs.run('the approved plan again', playbook, False, 'failed', dict(plan, **template_vars))
    jobs.expect(NOTHING_TO_APPLY in stdout and STALE not in stdout, 'the approved plan applied again does not say there '
                'is nothing to apply, in one voice')
    jobs.run('the apply template alone', playbook, False, 'failed', template_vars)
    for missing in (None, '', {'localhost': None}, {'localhost': ''}):
        dummy, stdout, dummy, dummy = jobs.run('the apply template given the plan %r' % (missing,), playbook, False,
                                               'failed', dict(template_vars, sftptogo_plan_id=missing))
        jobs.expect(MISSING in stdout, 'a missing plan %r was not refused as one' % (missing,))
    emulator.reset()
    dummy, dummy, dummy, plan = jobs.run('check (to go stale)', playbook, True, 'successful')
    emulator.insert_object('users', {'UserName': 'partner-acme-01', 'HomeDirectory': '/elsewhere', 'Permission': 'read-only'})
    dummy, stdout, dummy, dummy = jobs.run('apply of the stale plan', playbook, False, 'failed', dict(plan, **template_vars))
    jobs.expect(STALE in stdout and 'credential partner-acme-01: update home_directory: /elsewhere -> /partners/acme' in stdout,
                'the refused apply does not say why with the new summary')
    dummy, dummy, dummy, plan = jobs.run('new check', playbook, True, 'successful')
    jobs.run('apply of the new plan', playbook, False, 'successful', dict(plan, **template_vars))
    runner, dummy, dummy, dummy = jobs.run('check after it', playbook, True, 'successful')
    jobs.expect(not sum(runner.stats.get('changed', {}).values()), 'drift after the new apply')


def several_organizations(jobs, emulators, api_keys, template_vars, inventory, playbook):
    """Two organizations, one host each: one plan each; a change in one refuses that one only."""
    group = inventory['all']['children']['sftptogo_organizations']
    hosts = sorted(group['hosts'])
    for host, emulator, key in zip(hosts, emulators, api_keys):
        emulator.reset()
        group['hosts'][host].update(organization_api_url=emulator.url,
                                    organization_credentials=[{'username': '%s-partner-01' % host}])
    group['vars']['vault_sftptogo_api_keys'] = dict(zip(hosts, api_keys))  # stands for the vault-encrypted file
    dummy, dummy, dummy, plan = jobs.run('several: check', playbook, True, 'successful', inventory=inventory)
    jobs.expect(sorted(plan.get('sftptogo_plan_id', {})) == hosts, 'several: the check published %r' % plan)
    jobs.run('several: apply', playbook, False, 'successful', dict(plan, **template_vars), inventory)
    jobs.expect(all('%s-partner-01' % host in [u['UserName'] for u in emulator.get_state()['users']]
                    for host, emulator in zip(hosts, emulators)), 'several: an organization was not converged')
    dummy, dummy, dummy, plan = jobs.run('several: check again', playbook, True, 'successful', inventory=inventory)
    removed = [u for u in emulators[1].get_state()['users'] if u['UserName'] == '%s-partner-01' % hosts[1]]
    emulators[1].delete_object('users', removed[0]['Id'])  # in the console
    runner, stdout, dummy, dummy = jobs.run('several: one organization changed since', playbook, False, 'failed',
                                            dict(plan, **template_vars), inventory)
    jobs.expect(runner.stats.get('failures', {}).keys() == {hosts[1]} and STALE in stdout,
                'several: expected %s alone refused, got %r' % (hosts[1], runner.stats.get('failures')))


def check(emulator, work, blocks, job):
    """The guide's approval workflow; returns the problems."""
    template_vars, single, inventory, several = parts(blocks)
    second_key = 'awx-guide-' + secrets.token_hex(16)
    with Emulator(api_key=second_key, organization_id=SECOND_ORGANIZATION_ID, max_lifetime=1800) as second:
        jobs = Jobs(work, job, [emulator, second])
        one_organization(jobs, emulator, template_vars, single)
        several_organizations(jobs, [emulator, second], [job['api_key'], second_key], template_vars, inventory, several)
        jobs.leaks([job['api_key'], second_key])
    return jobs.problems
