# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check the AWX guide by running it as the controller runs a job.

Renders the injectors of extensions/awx/credential_type.yml with a sandboxed Jinja environment, as the
controller does, for a credential pointing at the local emulator; takes the inventory and every playbook
from docs/docsite/rst/guide_awx.rst; runs each playbook with ansible-runner in check mode (job type
"Check"), then twice (the second run must change nothing), with ``partners`` as an extra variable (a
survey's answer). Then the approval workflow of the guide (workflow.py): the check job, the plan read from
its artifacts as the controller reads them, the apply job with it; an apply refused after an out-of-band
change; and the several-organizations inventory against two emulated organizations. Fails when a run
fails, when a check-mode run writes, and when any artifact (job events, stdout, ...) holds an API key or a
password or secret the emulators hold.

Usage: python tests/awx/check_guide.py [COLLECTIONS_PATH]   (make awx-guide; default .build/collections)
"""

from __future__ import absolute_import, division, print_function

import os
import re
import secrets
import sys
import tempfile

import ansible_runner  # pylint: disable=import-error
import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'emulator'))
sys.path.insert(0, HERE)
from server import Emulator  # noqa: E402 pylint: disable=wrong-import-position
import workflow  # noqa: E402 pylint: disable=wrong-import-position

GUIDE = os.path.join(ROOT, 'docs', 'docsite', 'rst', 'guide_awx.rst')
CREDENTIAL_TYPE = os.path.join(ROOT, 'extensions', 'awx', 'credential_type.yml')
ORGANIZATION_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'
PARTNERS = ['acme', 'globex']


def code_blocks(path):
    """The YAML code blocks of an RST file, dedented."""
    with open(path) as handle:
        lines = handle.read().splitlines()
    blocks = []
    for index, line in enumerate(lines):
        if not re.match(r'\.\. code-block:: yaml', line):
            continue
        body = []
        for following in lines[index + 1:]:
            if following and not following.startswith('    '):
                break
            body.append(following[4:])
        blocks.append('\n'.join(body).strip() + '\n')
    return blocks


def guide_parts():
    """The inventory host variables and the playbooks of the guide."""
    blocks = code_blocks(GUIDE)
    host_vars = [b for b in blocks if b.startswith('ansible_connection:')]
    playbooks = [b for b in blocks if b.startswith('- name:') and 'hosts: localhost' in b]
    if len(host_vars) != 1 or len(playbooks) < 2:
        sys.exit('check_guide: expected one inventory and at least two playbooks in %s, found %d and %d'
                 % (GUIDE, len(host_vars), len(playbooks)))
    return yaml.safe_load(host_vars[0]), playbooks


def render_injectors(inputs):
    """The environment and extra variables the controller injects for a credential with ``inputs``."""
    with open(CREDENTIAL_TYPE) as handle:
        injectors = yaml.safe_load(handle)['injectors']
    env = ImmutableSandboxedEnvironment()
    return tuple(dict((key, env.from_string(value).render(**inputs)) for key, value in injectors[kind].items())
                 for kind in ('env', 'extra_vars'))


def secrets_of(state):
    """Every password and secret the emulator holds."""
    found = []

    def walk(value, key=''):
        if isinstance(value, dict):
            for child_key, child in value.items():
                walk(child, child_key)
        elif isinstance(value, list):
            for child in value:
                walk(child, key)
        elif isinstance(value, str) and key in ('Password', 'Secret') and value:
            found.append(value)
    walk(state)
    return found


def artifact_leaks(directory, needles):
    """Files under ``directory`` holding any of ``needles``: (path, which, the text before it).

    Every artifact but ``command``: ansible-runner's record of the job's command line and environment,
    which the controller does not keep (it keeps the job's output and events, and redacts the
    environment it shows).
    """
    leaks = []
    for root, dummy, files in os.walk(directory):
        for name in files:
            if name == 'command':
                continue
            path = os.path.join(root, name)
            with open(path, 'rb') as handle:
                content = handle.read().decode('utf-8', 'replace')
            leaks.extend((path, label, content[max(0, content.find(needle) - 300):content.find(needle)])
                         for label, needle in needles.items() if needle in content)
    return leaks


def run_job(work, playbook, host_vars, env, extra_vars, check, inventory=None):
    """One job, as ansible-runner runs it for the controller; its artifacts directory and stats.

    ``inventory`` replaces the one-host inventory of ``host_vars``.
    """
    private = tempfile.mkdtemp(dir=work)
    os.makedirs(os.path.join(private, 'project'))
    os.makedirs(os.path.join(private, 'inventory'))
    with open(os.path.join(private, 'project', 'playbook.yml'), 'w') as handle:
        handle.write(playbook)
    with open(os.path.join(private, 'inventory', 'hosts.yml'), 'w') as handle:
        yaml.safe_dump(inventory or {'all': {'hosts': {'localhost': host_vars}}}, handle)
    runner = ansible_runner.run(private_data_dir=private, playbook='playbook.yml', envvars=env,
                                extravars=dict(extra_vars, partners=PARTNERS), quiet=True,
                                cmdline='--check' if check else None)
    return runner, os.path.join(private, 'artifacts')


def main():
    """Run the guide's playbooks; print the problems and return 1 when there are any."""
    collections = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, '.build', 'collections'))
    host_vars, playbooks = guide_parts()
    api_key = 'awx-guide-' + secrets.token_hex(16)
    problems = []
    with Emulator(api_key=api_key, organization_id=ORGANIZATION_ID, max_lifetime=1800) as emulator:
        env, extra_vars = render_injectors({'api_key': api_key, 'organization_id': ORGANIZATION_ID,
                                            'api_url': emulator.url})
        env['ANSIBLE_COLLECTIONS_PATH'] = collections
        with tempfile.TemporaryDirectory(prefix='awx-guide-') as work:
            for number, playbook in enumerate(playbooks, 1):
                artifacts = []
                for run, check in (('check', True), ('run', False), ('run again', False)):
                    emulator.clear_journal()
                    runner, directory = run_job(work, playbook, host_vars, env, extra_vars, check)
                    artifacts.append(directory)
                    writes = [e for e in emulator.get_journal() if e['method'] != 'GET']
                    changed = sum((runner.stats or {}).get('changed', {}).values())
                    print('check_guide: playbook %d, %s: %s, changed=%d, %d writes'
                          % (number, run, runner.status, changed, len(writes)))
                    if runner.status != 'successful':
                        problems.append('playbook %d, %s: %s (artifacts in %s)' % (number, run, runner.status, directory))
                    if (check or run == 'run again') and (writes or (run == 'run again' and changed)):
                        problems.append('playbook %d, %s: %d writes, changed=%d' % (number, run, len(writes), changed))
                needles = dict(('secret %d' % index, value) for index, value in enumerate(secrets_of(emulator.get_state())))
                needles['the API key'] = api_key
                for directory in artifacts:
                    problems.extend('%s holds %s after %r' % leak for leak in artifact_leaks(directory, needles))
                print('check_guide: playbook %d: %d artifacts searched for the API key and %d secrets'
                      % (number, sum(len(f) for d in artifacts for dummy, dummy2, f in os.walk(d)), len(needles) - 1))
            problems.extend(workflow.check(emulator, work, code_blocks(GUIDE), dict(
                env=env, extra_vars=extra_vars, host_vars=host_vars, api_key=api_key, run_job=run_job,
                artifact_leaks=artifact_leaks, secrets_of=secrets_of)))
    for problem in problems:
        print('check_guide: %s' % problem, file=sys.stderr)
    if not problems:
        print('check_guide: the AWX guide works as written and its job artifacts hold no secret')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
