# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check the EDA guide by running its command blocks as written, in shells, against the emulator.

The console blocks of docs/docsite/rst/guide_eda.rst are read as a user copies them: each ``$`` line is a
command (with its ``\\`` continuations and here-documents), fed to a bash of its own per terminal; a command
that runs until Ctrl-C (``make emulator``, ``ansible-rulebook``) is started as a job of that shell and stopped
with SIGINT, as Ctrl-C does. Two things differ from a user's run: HOME is a temporary directory, and the port
5000 of the source is a free one (other tests run on this machine); every request stays on this machine.

1. Steps 1 and 2 (the path to your organization), against an emulator started here and given in SFTPTOGO_*:
   Step 1's commands; the inventory of Step 2 as shown; each ansible-rulebook command of Step 2 (the secret from
   the environment, then from the vault) until it serves, and a delivery signed with the stored secret fires
   its rule. Nothing is delivered to the guide's https://eda.example.com.
2. "Trying it against the emulator", shell by shell: make install-eda and make emulator (the export lines it
   prints replace the guide's), the webhook, the rulebook, the simulated upload that fires the rule; then with the
   rulebook stopped five uploads pause the webhook, and the guide's resume command resumes it.

Fails when a command exits non-zero, a rule does not fire, or any output holds a signing secret.
Usage: python tests/eda/check_guide.py   (make eda-guide, after make install-eda)
"""

from __future__ import absolute_import, division, print_function

import json
import os
import random
import re
import socket
import sys
import tempfile
import time
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
# pylint: disable=wrong-import-position
from harness import Emulator, unmet_prerequisites_status, post, sign  # noqa: E402
from guide_shell import Shell, console_blocks, section, yaml_file  # noqa: E402

GUIDE = os.path.join(ROOT, 'docs', 'docsite', 'rst', 'guide_eda.rst')
GUIDE_PORT = '5000'


def guide_text():
    """The guide's text."""
    with open(GUIDE, encoding='utf-8') as handle:
        return handle.read()


def shell_env(home, extra=None):
    """A user's environment: this one without make's variables or an organization's, HOME of its own."""
    env = dict((key, value) for key, value in os.environ.items()
               if key not in ('MAKEFLAGS', 'MAKELEVEL', 'MFLAGS', 'VIRTUAL_ENV') and not key.startswith('SFTPTOGO_'))
    env.update({'HOME': home, 'PYTHONUNBUFFERED': '1', 'ANSIBLE_NOCOLOR': '1'}, **(extra or {}))
    return env


def with_port(command, port):
    """The guide's command with the source on ``port`` instead of 5000."""
    return command.replace('SFTPTOGO_WEBHOOK_PORT=' + GUIDE_PORT, 'SFTPTOGO_WEBHOOK_PORT=%d' % port).replace(
        '127.0.0.1:' + GUIDE_PORT, '127.0.0.1:%d' % port)


def source_port():
    """A port for the source, free on every address as it binds, below the range the system gives to clients.

    A port from bind(('127.0.0.1', 0)) can be taken by an outgoing connection of another test before
    ansible-rulebook binds it, some seconds later.
    """
    for dummy in range(100):
        port = random.randint(20000, 32000)
        with socket.socket() as sock:
            try:
                sock.bind(('0.0.0.0', port))
            except OSError:
                continue
            return port
    raise AssertionError('no free port between 20000 and 32000')


def secret_of(path):
    """The secret of an env file the eda_webhook playbook wrote."""
    with open(path, encoding='utf-8') as handle:
        name, value = handle.read().strip().split('=', 1)
    assert name == 'SFTPTOGO_WEBHOOK_SECRET', 'unexpected secret file content in %s' % path
    return value


def run_all(shell, commands, port):
    """Run ``commands``; an ansible-rulebook command is started and waited for; returns the rulebook's job."""
    job = None
    for command in commands:
        command = with_port(command, port)
        if 'ansible-rulebook' in command:
            job = shell.start(command)
            shell.wait_serving(port, job, timeout=180)
        else:
            shell.run(command)
    return job


def signed_upload(port, secret, path):
    """A delivery of an upload of ``path``, signed with ``secret``, straight to the source; asserts 204."""
    body = json.dumps({'Id': str(uuid.uuid4()), 'Topic': 'file.created', 'CreatedAt': int(time.time() * 1000),
                       'Actor': {'Type': 'User', 'Id': 'guide-partner'}, 'Resource': 'File',
                       'Data': {'Path': path, 'Size': 42}}).encode()
    status = post(port, body, sign(secret, body))
    assert status == 204, 'the source answered %s to a signed delivery' % status


def steps(work):
    """Scenario 1: Steps 1 and 2 as written (the organization is the emulator given in SFTPTOGO_*)."""
    text = guide_text()
    home, cwd = os.path.join(work, 'home-steps'), os.path.join(work, 'steps')
    os.makedirs(home)
    os.makedirs(cwd)
    with Emulator(max_lifetime=900) as emulator:
        env = shell_env(home, {'SFTPTOGO_API_URL': emulator.url, 'SFTPTOGO_API_KEY': emulator.api_key,
                               'SFTPTOGO_ORGANIZATION_ID': emulator.organization_id})
        with Shell('step 1', cwd, env) as shell:
            shell.run('source %s' % os.path.join(ROOT, '.build', 'activate'))
            for block in console_blocks(section(text, 'Step 1:')):
                run_all(shell, block['commands'], 0)
            outputs = [shell.output()]
        (hook,) = emulator.get_state()['webhooks']
        secret = secret_of(os.path.join(home, '.config', 'sftptogo', 'eda-webhook.env'))
        assert hook['Url'] == 'https://eda.example.com/sftptogo' and hook['Secret'] == secret, hook['Url']
        with open(os.path.join(home, '.config', 'sftptogo', 'eda-secret.yml'), encoding='utf-8') as handle:
            assert '$ANSIBLE_VAULT' in handle.read(), 'Step 1 wrote no vaulted secret'
        step2 = section(text, 'Step 2:')
        yaml_file(step2, 'inventory.yml', cwd)
        for number, block in enumerate(console_blocks(step2), 1):
            outputs.append(rulebook_fires(block, 'step 2, way %d' % number, cwd, env, secret))
        print('check_guide: steps 1 and 2: the webhook made, its secret stored, both ansible-rulebook commands fired')
    return secret, outputs


def rulebook_fires(block, name, cwd, env, secret):
    """Run the block (it starts ansible-rulebook); a signed upload must fire the rule. Returns the shell's output."""
    port = source_port()
    with Shell(name, cwd, env) as shell:
        shell.run('source %s' % os.path.join(ROOT, '.build', 'activate'))
        job = run_all(shell, block['commands'], port)
        assert job, '%s: no ansible-rulebook command in %r' % (name, block['commands'])
        signed_upload(port, secret, 'inbound/guide step.csv')
        shell.wait_for('guide-partner uploaded inbound/guide step.csv', timeout=180)
        shell.stop(job)
        return shell.output()


def emulator_walkthrough(work):
    """Scenario 2: the section "Trying it against the emulator", shell by shell, in the clone."""
    text = section(guide_text(), 'Trying it against the emulator')
    blocks = dict((block['caption'], block['commands']) for block in console_blocks(text))
    home, port = os.path.join(work, 'home-emulator'), source_port()
    os.makedirs(home)
    env = shell_env(home)
    with Shell('shell 1', ROOT, env) as shell1, Shell('shell 2', ROOT, env) as shell2, \
            Shell('shell 3', ROOT, env) as shell3:
        exports = start_emulator(shell1, blocks['shell 1: the emulator'])
        for command in blocks['shell 2: the webhook']:
            shell2.run(exported(command, exports) if command.startswith('export SFTPTOGO_') else with_port(command, port))
        (hook,) = state(exports)['webhooks']
        assert hook['Url'] == 'https://127.0.0.1:%d/sftptogo' % port, hook['Url']
        rulebook_command = blocks['shell 3: the rulebook, in a directory of its own']
        job = run_all(shell3, rulebook_command, port)
        shell3.wait_for('Waiting for events', timeout=180)
        upload = blocks['shell 2: an upload']
        assert delivered(shell2, upload, port), 'the simulated upload was not delivered'
        shell3.wait_for('uploaded inbound/orders.csv (5120 bytes)', timeout=180)
        shell3.wait_for('PLAY RECAP', timeout=60)
        shell3.stop(job)
        pause_and_resume(exports, shell2, shell3, blocks, port)
        secret = secret_of(os.path.join(home, 'sftptogo-eda', 'eda-webhook.env'))
        assert secret == state(exports)['webhooks'][0]['Secret'], 'the stored secret is not the webhook\'s'
        outputs = [shell1.output(), shell2.output(), shell3.output()]
    print('check_guide: trying it against the emulator: the upload fired the rule; five failed deliveries paused the '
          'webhook and the guide\'s command resumed it')
    return secret, outputs


def start_emulator(shell, commands):
    """Shell 1: make install-eda, then make emulator until Ctrl-C; returns the exports it printed {name: value}."""
    *setup, serve = commands
    for command in setup:
        shell.run(command, timeout=600)
    shell.start(serve)
    shell.wait_for('export SFTPTOGO_ORGANIZATION_ID=', timeout=120)
    assert 'plain http (--webhook-loopback-http)' in shell.output(), 'make emulator does not say it posts over http'
    return dict(re.findall(r'^  export (SFTPTOGO_\w+)=(\S+)$', shell.output(), re.M))


def exported(command, exports):
    """The export line make emulator printed for the variable the guide's ``command`` exports."""
    name = command.split()[1].split('=', 1)[0]
    assert name in exports, 'make emulator printed no export line for %s' % name
    return 'export %s=%s' % (name, exports[name])


def state(exports):
    """The emulator's state (its control route)."""
    with urllib.request.urlopen(exports['SFTPTOGO_API_URL'] + '/__emulator/state', timeout=10) as response:
        return json.load(response)


def delivered(shell, commands, port):
    """Run the guide's upload command; True when its one delivery succeeded."""
    (command,) = commands
    answer = json.loads(shell.run(with_port(command, port)))
    (delivery,) = answer['deliveries']
    return delivery['succeeded']


def pause_and_resume(exports, shell2, shell3, blocks, port):
    """Uploads with the rulebook stopped: paused after five; the rulebook again, the guide's command resumes it."""
    for dummy in range(5):
        assert not delivered(shell2, blocks['shell 2: an upload'], port), 'delivered with no rulebook running'
    assert state(exports)['webhooks'][0]['State'] == 'paused', 'five failed deliveries did not pause the webhook'
    (command,) = [c for c in blocks['shell 3: the rulebook, in a directory of its own'] if 'ansible-rulebook' in c]
    job = shell3.start(with_port(command, port))
    shell3.wait_serving(port, job, timeout=180)
    for command in blocks['shell 2: resume a paused webhook']:
        shell2.run(with_port(command, port))
    assert state(exports)['webhooks'][0]['State'] == 'enabled', 'the guide\'s command did not resume the webhook'
    assert delivered(shell2, blocks['shell 2: an upload'], port), 'no delivery after the resume'
    shell3.wait_for('uploaded inbound/orders.csv (5120 bytes)', timeout=180, count=2)
    shell3.stop(job)


def main():
    """Run both scenarios; print the problems and return 1 when there are any."""
    status = unmet_prerequisites_status('check_guide')
    if status is not None:
        return status
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix='eda-guide-') as work:
        try:
            secret, outputs = steps(work)
            emulator_secret, more = emulator_walkthrough(work)
        except AssertionError as err:
            print('check_guide: FAILED: %s' % err, file=sys.stderr)
            return 1
    leaks = [number for number, output in enumerate(outputs + more) if secret in output or emulator_secret in output]
    if leaks:
        print('check_guide: FAILED: a signing secret appears in the output of shells %s' % leaks, file=sys.stderr)
        return 1
    print('check_guide: the EDA guide runs as written (%.0fs); no signing secret in any output'
          % (time.monotonic() - started))
    return 0


if __name__ == '__main__':
    sys.exit(main())
