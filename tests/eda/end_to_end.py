# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""End to end with the real ansible-rulebook: module-made webhook, emulator uploads, the collection's rulebook.

1. playbooks/eda_webhook.yml creates the webhook (sftptogo_webhook) and stores its secret in an env file and a
   vaulted vars file; 2. ansible-rulebook runs rulebook sftptogo_upload with that secret from the vault;
3. the emulator simulates uploads, a directory, a deletion, files elsewhere: the rule must fire once per matching
   event and its playbook (eda_file_landed) must write one record each; a replayed event and a forged delivery
   fire nothing; hostile file names and actors (Jinja, {% raw %}, lookups that would create a marker file) are
   recorded as the exact text, by eda_file_landed and by the example rulebook and playbook of the EDA guide (What is
   trusted), which run beside it on deliveries signed here (tests/eda/inert.py);
4. with ansible-rulebook stopped, 5 failed deliveries pause the webhook and the playbook resumes it.
A missing Java fails under CI=true and is a clearly reported skip elsewhere.
Usage: python tests/eda/end_to_end.py [--demo]   (after `make venv venv-eda stage`; `make eda` does all that)
--demo: the short story `make demo` tells (webhook, rulebook, one upload, the playbook the rule ran).
"""

from __future__ import absolute_import, division, print_function

import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# pylint: disable=wrong-import-position
import inert  # noqa: E402
from harness import (API_KEY, ORGANIZATION_ID, VENV_BIN, Emulator, Rulebook, free_port,  # noqa: E402
                     unmet_prerequisites_status, post, sign, tool_env)

VAULT_PASSWORD = 'eda-integration-vault-password'
MATCHING = ['inbound/daily report.csv', 'inbound/2026/r\u00e9sum\u00e9+final.pdf', 'inbound/x%20y.txt']


def playbook(emulator, work, url, log_name):
    """Run the eda_webhook playbook; returns its output (asserting success)."""
    command = [os.path.join(VENV_BIN, 'ansible-playbook'), 'sftptogo.sftptogo.eda_webhook',
               '-e', 'sftptogo_eda_url=' + url, '-e', 'sftptogo_eda_secret_file=' + os.path.join(work, 'secret.env'),
               '-e', 'sftptogo_eda_vault_file=' + os.path.join(work, 'secret.vault.yml'),
               '-e', '@' + os.path.join(work, 'vault-password.yml')]
    result = subprocess.run(command, env=tool_env(emulator), capture_output=True, text=True, check=False)
    with open(os.path.join(work, log_name), 'w', encoding='utf-8') as log:
        log.write(result.stdout + result.stderr)
    if result.returncode != 0:
        raise AssertionError(f'eda_webhook playbook failed:\n{result.stdout}\n{result.stderr}')
    return result.stdout + result.stderr


def setup_webhook(emulator, work, port):
    """Create the webhook with the collection playbook; returns (webhook, secret)."""
    with open(os.path.join(work, 'vault-password.yml'), 'w', encoding='utf-8') as handle:
        json.dump({'sftptogo_eda_vault_password': VAULT_PASSWORD}, handle)
    with open(os.path.join(work, 'vault-password.txt'), 'w', encoding='utf-8') as handle:
        handle.write(VAULT_PASSWORD + '\n')
    output = playbook(emulator, work, f'https://127.0.0.1:{port}/sftptogo', 'playbook-create.log')
    (hook,) = emulator.get_state()['webhooks']
    with open(os.path.join(work, 'secret.env'), encoding='utf-8') as handle:
        secret = handle.read().strip().split('=', 1)[1]
    assert secret == hook['Secret'], 'the env file does not hold the secret the service made'
    assert secret not in output, 'the signing secret appears in the playbook output'
    with open(os.path.join(work, 'secret.vault.yml'), encoding='utf-8') as handle:
        vaulted = handle.read()
    assert '$ANSIBLE_VAULT' in vaulted and secret not in vaulted, 'the vars file does not hold the secret vaulted'
    assert hook['State'] == 'enabled' and hook['Topics'] == ['file.created'], hook
    return hook, secret


def launch_rulebook(emulator, work, port, rulebook, landed):
    """ansible-rulebook on ``rulebook``, the secret from the vaulted vars file; not waited for."""
    # ansible-rulebook takes one --vars file (the last one given): the vaulted secret; the rest comes by -E.
    args = ['-i', os.path.join(work, 'inventory.yml'), '-r', rulebook,
            '--vars', os.path.join(work, 'secret.vault.yml'),
            '--vault-password-file', os.path.join(work, 'vault-password.txt'),
            '-E', 'SFTPTOGO_WEBHOOK_PORT,sftptogo_landed_dir', '-v']
    env = tool_env(emulator, {'SFTPTOGO_WEBHOOK_PORT': str(port), 'sftptogo_landed_dir': landed})
    log_name = 'rulebook.log' if rulebook.startswith('sftptogo.') else 'rulebook-guide.log'
    return Rulebook(args, env, os.path.join(work, log_name))


def wait_ready(rulebook, port, started):
    """Wait until ``rulebook`` serves on ``port``; AssertionError with its output when it does not."""
    if not rulebook.ready(port, timeout=180):
        rulebook.stop()
        raise AssertionError(f'ansible-rulebook did not get ready:\n{rulebook.output()}')
    print(f'eda: ansible-rulebook ready after {time.monotonic() - started:.1f}s')


def prepare(work, name):
    """The inventory of the rulebooks (written once) and an empty directory ``name`` for records."""
    directory = os.path.join(work, name)
    os.mkdir(directory)
    with open(os.path.join(work, 'inventory.yml'), 'w', encoding='utf-8') as handle:
        handle.write('all:\n  hosts:\n    localhost:\n      ansible_connection: local\n'
                     f'      ansible_python_interpreter: {sys.executable}\n')
    return directory


def start_rulebook(emulator, work, port):
    """ansible-rulebook on the collection's rulebook, ready; returns it and the directory of its records."""
    landed = prepare(work, 'landed')
    started = time.monotonic()
    rulebook = launch_rulebook(emulator, work, port, 'sftptogo.sftptogo.sftptogo_upload', landed)
    wait_ready(rulebook, port, started)
    return rulebook, landed


def start_both(emulator, work, port, guide_port):
    """The collection's rulebook on ``port`` and the guide's example rulebook on ``guide_port``, started together.

    Returns ([shipped, guide], landed directory, directory of the guide playbook's records).
    """
    landed, guide_records = prepare(work, 'landed'), prepare(work, 'records')
    guide_rulebook, _playbook = inert.guide_files(work, guide_records)
    started = time.monotonic()
    rulebooks = [launch_rulebook(emulator, work, port, 'sftptogo.sftptogo.sftptogo_upload', landed),
                 launch_rulebook(emulator, work, guide_port, guide_rulebook, landed)]
    try:
        wait_ready(rulebooks[0], port, started)
        wait_ready(rulebooks[1], guide_port, started)
    except AssertionError:
        for rulebook in rulebooks:
            rulebook.stop()
        raise
    return rulebooks, landed, guide_records


def records(landed):
    """The records the rule's playbook wrote: {event id: [record, ...]}."""
    found = {}
    for record in inert.read_records(landed):
        found.setdefault(record['id'], []).append(record)
    return found


def wait_records(landed, count, timeout):
    """Wait until ``count`` complete records exist; returns them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = records(landed)
        if sum(len(runs) for runs in found.values()) >= count:
            return found
        time.sleep(0.5)
    return records(landed)


def simulate(emulator, cases):
    """The simulated file events (MATCHING, then the hostile ``cases``); returns the event Ids that must fire the rule."""
    expected = []
    uploads = [(path, {}) for path in MATCHING]
    uploads += [(path, {'actor': {'Type': 'User', 'Id': actor}}) for path, actor in cases]
    for path, actor in uploads:
        answer = emulator.simulate_file_event(topic='file.created', path=path, size=1234, **actor)
        (delivery,) = answer['deliveries']
        assert delivery['succeeded'] and len(delivery['attempts']) == 1, delivery
        expected.append(answer['event']['Id'])
    for event in ({'topic': 'file.created', 'path': 'inbound/new-folder/'},
                  {'topic': 'file.created', 'path': 'outbound/report.csv', 'size': 5},
                  {'topic': 'file.created', 'path': 'archive/inbound/old.csv', 'size': 5}):
        assert emulator.simulate_file_event(**event)['deliveries'][0]['succeeded'], event
    assert emulator.simulate_file_event(topic='file.deleted', path='inbound/daily report.csv')['deliveries'] == []
    return expected


def replay_and_forge(port, secret, first_id):
    """A redelivery of a fired event and a forged delivery: accepted or refused, neither may fire."""
    body = json.dumps({'Id': first_id, 'Topic': 'file.created', 'CreatedAt': int(time.time() * 1000),
                       'Actor': {'Type': 'User', 'Id': 'x'},
                       'Resource': 'File', 'Data': {'Path': 'inbound/replayed.csv', 'Size': 1}}).encode()
    assert post(port, body, sign(secret, body)) == 204, 'a redelivery must be answered 204'
    stale = body.replace(first_id.encode(), b'66666666-2222-4333-8444-555555555555').replace(
        str(json.loads(body)['CreatedAt']).encode(), b'1')
    assert post(port, stale, sign(secret, stale)) == 400, 'a delivery older than max_age must be refused'
    forged = body.replace(first_id.encode(), b'11111111-2222-4333-8444-555555555555')
    assert post(port, forged, sign('not-the-secret', forged)) == 401, 'a forged delivery must be refused'
    assert post(port, forged, 'sha256=' + '0' * 64) == 401


def check_runs(rulebook, landed, expected, secret, cases):
    """Each expected event fired once, with the decoded path and the exact actor; nothing else; no secret printed."""
    found = wait_records(landed, len(expected), timeout=180)
    time.sleep(5)
    found = records(landed)
    assert sorted(found) == sorted(expected), f'rule runs {sorted(found)} != expected events {sorted(expected)}'
    assert all(len(runs) == 1 for runs in found.values()), 'an event fired its rule more than once'
    paths = sorted(runs[0]['path'] for runs in found.values())
    assert paths == sorted(MATCHING + [path for path, _actor in cases]), paths
    inert.check_landed([runs[0] for runs in found.values()], cases)
    assert all(runs[0]['is_directory'] is False and runs[0]['size'] == 1234 for runs in found.values())
    assert secret not in rulebook.output(), 'the signing secret appears in the ansible-rulebook output'


def pause_and_resume(emulator, work, port, hook_id):
    """With nothing listening, 5 failed deliveries pause the webhook; the playbook (enabled: true) resumes it."""
    for number in range(5):
        (delivery,) = emulator.simulate_file_event(topic='file.created', path=f'inbound/lost-{number}.csv')['deliveries']
        assert not delivery['succeeded'], delivery
    assert emulator.get_state()['webhooks'][0]['State'] == 'paused', 'the webhook was not paused'
    playbook(emulator, work, f'https://127.0.0.1:{port}/sftptogo', 'playbook-resume.log')
    (hook,) = emulator.get_state()['webhooks']
    assert hook['Id'] == hook_id and hook['State'] == 'enabled', hook


def run(work):
    """The whole scenario."""
    port, guide_port = free_port(), free_port()
    cases = inert.hostile(work)
    with Emulator(api_key=API_KEY, organization_id=ORGANIZATION_ID, seed=13) as emulator:
        emulator.set_config(webhook_loopback_http=True)
        hook, secret = setup_webhook(emulator, work, port)
        rulebooks, landed, guide_records = start_both(emulator, work, port, guide_port)
        try:
            expected = simulate(emulator, cases)
            inert.deliver(guide_port, secret, cases, work)
            replay_and_forge(port, secret, expected[0])
            check_runs(rulebooks[0], landed, expected, secret, cases)
            inert.check_guide_records(guide_records, cases, timeout=180)
            assert not inert.markers(work), f'event text was rendered: {inert.markers(work)}'
        except AssertionError:
            for rulebook in rulebooks:
                print(rulebook.output()[-6000:])
            raise
        finally:
            for rulebook in rulebooks:
                rulebook.stop()
        pause_and_resume(emulator, work, port, hook['Id'])
        assert not emulator.get_violations(), emulator.get_violations()
    print(f'eda: {len(expected)} uploads fired the rule once each, other events, the redelivery and the forged '
          'deliveries none; 5 failed deliveries paused the webhook and the playbook resumed it')
    print(f'eda: {len(cases)} hostile file names and actors through the shipped rulebook and the guide\'s example '
          'rulebook: the exact text recorded, nothing rendered')


def played(output):
    """The run of the rule's playbook in ansible-rulebook's ``output``: from its PLAY line through its recap."""
    start = output.find('PLAY [A file landed')
    recap = output.find('PLAY RECAP', start)
    assert start >= 0 and recap >= 0, f'no playbook run in the ansible-rulebook output:\n{output[-3000:]}'
    host_line_end = output.find('\n', output.find('\n', recap) + 1)
    return output[start:host_line_end if host_line_end >= 0 else len(output)]


def demo(work):
    """make demo: create the webhook, start the rulebook, simulate an upload, show the playbook the rule ran."""
    port = free_port()
    with Emulator(api_key=API_KEY, organization_id=ORGANIZATION_ID) as emulator:
        emulator.set_config(webhook_loopback_http=True)
        print('===== demo: the eda_webhook playbook creates the webhook and stores its signing secret')
        hook, _secret = setup_webhook(emulator, work, port)
        print(f"demo: webhook {hook['Id']} posts file.created to {hook['Url']}; secret in a 0600 env file and vaulted")
        print('===== demo: ansible-rulebook -r sftptogo.sftptogo.sftptogo_upload (the secret from the vault)')
        rulebook, landed = start_rulebook(emulator, work, port)
        try:
            for path in ('outbound/ignored.csv', 'inbound/orders 2026-11.csv'):
                answer = emulator.simulate_file_event(topic='file.created', path=path, size=5120)
                print(f"demo: the emulator simulates an upload of {path}: signed delivery answered "
                      f"{answer['deliveries'][0]['attempts'][-1]['status']}")
            found = wait_records(landed, 1, timeout=120)
            # The record is the playbook's last task: its recap comes a moment later.
            assert rulebook.wait_for('PLAY RECAP', timeout=60), f'the playbook did not end:\n{rulebook.output()[-3000:]}'
            print('===== demo: the rule fired for inbound/ only; the playbook it ran:')
            print(played(rulebook.output()))
            assert [runs[0]['path'] for runs in found.values()] == ['inbound/orders 2026-11.csv'], found
        finally:
            rulebook.stop()


def main():
    """Check the prerequisites, then run the scenario (or, with --demo, the demo) in a temporary directory."""
    status = unmet_prerequisites_status('eda')
    if status is not None:
        return status
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix='sftptogo-eda-') as work:
        try:
            demo(work) if '--demo' in sys.argv[1:] else run(work)
        except AssertionError as err:
            print(f'eda: FAILED: {err}', file=sys.stderr)
            return 1
    print(f"eda: {'demo done' if '--demo' in sys.argv[1:] else 'passed'} in {time.monotonic() - started:.0f}s")
    return 0


if __name__ == '__main__':
    sys.exit(main())
