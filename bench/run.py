# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Benchmark: HTTP requests of no-op runs (from the emulator's journal) and task time against ansible.builtin.uri.

Usage: bench/run.py [--collections-path .build] [--pairs 15]
Needs the collection staged under <collections-path>/ansible_collections/sftptogo/sftptogo (make bench does it).
Writes bench/results/latest.json and prints a Markdown table for README.
"""

from __future__ import absolute_import, division, print_function

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

from bench_common import ANSIBLE_PLAYBOOK, API_KEY, HERE, ORGANIZATION_ID, REPO, Emulator, playbook_env

CREDENTIAL = 'sftptogo.sftptogo.sftptogo_credential'
CREDENTIAL_INFO = 'sftptogo.sftptogo.sftptogo_credential_info'
WEBHOOK = 'sftptogo.sftptogo.sftptogo_webhook'
WEBHOOK_INFO = 'sftptogo.sftptogo.sftptogo_webhook_info'
SSH_KEY = 'sftptogo.sftptogo.sftptogo_ssh_key'
SSH_KEY_INFO = 'sftptogo.sftptogo.sftptogo_ssh_key_info'
SHARE_LINK = 'sftptogo.sftptogo.sftptogo_share_link'
SHARE_LINK_INFO = 'sftptogo.sftptogo.sftptogo_share_link_info'

FULL_CREDENTIAL = {
    'username': 'bench-partner-0001', 'alias': 'Bench partner', 'password': 'Bench-pass-0001',
    'home_directory': '/partners/bench', 'chroot_directory': '/', 'permission': 'read-write', 'enabled': True,
    'expiration': '{{ expiry }}',
    'inbound_rules': [{'source': '203.0.113.0/24', 'description': 'office'}, {'source': '198.51.100.7', 'protocol': 'SFTP'}],
}
FULL_WEBHOOK = {
    'alias': 'Bench webhook', 'url': 'https://hooks.example.com/bench', 'type': 'webhook',
    'authorization_header': 'Bearer bench-header-0001', 'topics': ['file.created', 'file.deleted'], 'enabled': True,
}
SLACK_WEBHOOK = {'alias': 'Bench slack', 'type': 'slack', 'url': 'https://hooks.slack.com/services/T0000/B0000/XXXX',
                 'topics': ['file.created']}
TEAMS_WEBHOOK = {'alias': 'Bench teams', 'type': 'ms-teams', 'url': 'https://contoso.webhook.office.com/webhookb2/bench',
                 'topics': ['file.downloaded']}
EMAIL_WEBHOOK = {'alias': 'Bench e-mail', 'type': 'email', 'url': 'Operations <ops@example.com>', 'topics': ['file.deleted']}
BENCH_KEYS = ('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIL8DLGjHdEH76mSskhyxKAGoMKE5RwHG9Qi5KP5owXJa alice@laptop\n'
              'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINuJznr4V9lrpVji7npWwbh8eoDJRcrD4O6h5UVtWO45 carol@tablet')
GONE_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINF3ApY4GB82Mr1k/EQD03q2UhN+FMmp7Oq7HcDdE/gF gone@nowhere'
FULL_SHARE_LINK = {'path': '/outgoing/bench/', 'notes': 'Bench partner', 'permission': 'read-write',
                   'expires_at': '{{ expiry }}', 'access_limit': 100, 'password': 'Bench-link-pass-01'}
FILE_SHARE_LINK = {'path': '/outgoing/bench/price-list.pdf', 'permission': 'read-only', 'expires_at': ''}
CREDENTIAL_ID = '{{ converged_0.credential.id }}'
WEBHOOK_ID = '{{ converged_6.webhook.id }}'
SHARE_LINK_ID = '{{ converged_21.share_link.id }}'

# (scenario, module, converge args, no-op args, the least number of requests such a task can make).
# Converge results are registered as converged_<index>: later scenarios refer to indexes 0, 6 and 21.
SCENARIOS = [
    ('credential by username, every option', CREDENTIAL, FULL_CREDENTIAL, FULL_CREDENTIAL, 1),
    ('credential by id', CREDENTIAL, None, {'id': CREDENTIAL_ID, 'permission': 'read-write'}, 1),
    ('credential by alias', CREDENTIAL, None, {'alias': 'Bench partner', 'permission': 'read-write'}, 1),
    ('credential absent, already gone', CREDENTIAL, None, {'username': 'bench-never-existed', 'state': 'absent'}, 1),
    ('credential_info, all', CREDENTIAL_INFO, None, {}, 1),
    ('credential_info by id', CREDENTIAL_INFO, None, {'id': CREDENTIAL_ID}, 1),
    ('webhook by alias, every option', WEBHOOK, FULL_WEBHOOK, FULL_WEBHOOK, 1),
    ('webhook by id, topics reordered', WEBHOOK, None,
     {'id': WEBHOOK_ID, 'topics': ['file.deleted', 'file.created', 'file.deleted']}, 1),
    ('webhook by url and type', WEBHOOK, None, {'url': 'https://hooks.example.com/bench', 'type': 'webhook', 'enabled': True}, 1),
    ('webhook, type slack', WEBHOOK, SLACK_WEBHOOK, SLACK_WEBHOOK, 1),
    ('webhook, type ms-teams', WEBHOOK, TEAMS_WEBHOOK, TEAMS_WEBHOOK, 1),
    ('webhook, type email', WEBHOOK, EMAIL_WEBHOOK, EMAIL_WEBHOOK, 1),
    ('webhook absent, already gone', WEBHOOK, None, {'alias': 'Bench never existed', 'state': 'absent'}, 1),
    ('webhook_info, all', WEBHOOK_INFO, None, {}, 1),
    ('webhook_info by id', WEBHOOK_INFO, None, {'id': WEBHOOK_ID}, 1),
    ('ssh_key by credential_id, two keys, exclusive', SSH_KEY, {'credential_id': CREDENTIAL_ID, 'key': BENCH_KEYS, 'exclusive': True},
     {'credential_id': CREDENTIAL_ID, 'key': BENCH_KEYS, 'exclusive': True}, 1),
    ('ssh_key by username, another comment', SSH_KEY, None,
     {'username': 'bench-partner-0001', 'key': BENCH_KEYS.replace('alice@laptop', 'alice, new laptop')}, 2),
    ('ssh_key absent, already gone', SSH_KEY, None, {'credential_id': CREDENTIAL_ID, 'state': 'absent', 'key': GONE_KEY}, 1),
    ('ssh_key absent by id, already gone', SSH_KEY, None,
     {'credential_id': CREDENTIAL_ID, 'state': 'absent', 'id': '00000000-0000-4000-8000-000000000000'}, 1),
    ('ssh_key_info by credential_id', SSH_KEY_INFO, None, {'credential_id': CREDENTIAL_ID}, 1),
    ('ssh_key_info by username', SSH_KEY_INFO, None, {'username': 'bench-partner-0001'}, 2),
    ('share link by path, every option', SHARE_LINK, FULL_SHARE_LINK, FULL_SHARE_LINK, 1),
    ('share link by id', SHARE_LINK, None, {'id': SHARE_LINK_ID, 'access_limit': 100}, 1),
    ('share link to a file, never expires', SHARE_LINK, FILE_SHARE_LINK, FILE_SHARE_LINK, 1),
    ('share link absent, already gone', SHARE_LINK, None, {'path': '/outgoing/bench-gone/', 'state': 'absent'}, 1),
    ('share link absent by id, already gone', SHARE_LINK, None, {'id': 'NoSuchLink123', 'state': 'absent'}, 1),
    ('share_link_info, all', SHARE_LINK_INFO, None, {}, 1),
    ('share_link_info by id', SHARE_LINK_INFO, None, {'id': SHARE_LINK_ID}, 1),
    ('share_link_info by path', SHARE_LINK_INFO, None, {'path': '/outgoing/bench/'}, 1),
]

RECORD = ('{{ counts + [{"scenario": %s, "changed": noop.changed, "requests": journal.json | length, '
          '"writes": journal.json | rejectattr("method", "equalto", "GET") | list | length}] }}')


def run_playbook(playbook, emulator, collections_path, timings=None):
    """ansible-playbook against the emulator; raises on failure."""
    env = playbook_env(emulator, collections_path)
    if timings:
        env.update(BENCH_TIMINGS=timings, ANSIBLE_CALLBACKS_ENABLED='bench_timer',
                   ANSIBLE_CALLBACK_PLUGINS=os.path.join(HERE, 'callback_plugins'))
    subprocess.run([ANSIBLE_PLAYBOOK, '-i', 'localhost,', '-c', 'local', playbook], env=env, check=True,
                   stdout=subprocess.DEVNULL if timings else None)


def write_playbook(tasks, variables=None):
    """A one-play playbook file (JSON is YAML) for localhost."""
    play = {'name': 'bench', 'hosts': 'localhost', 'gather_facts': False, 'vars': variables or {}, 'tasks': tasks}
    handle, path = tempfile.mkstemp(prefix='bench-', suffix='.yml')
    with os.fdopen(handle, 'w') as playbook:
        json.dump([play], playbook, indent=1)
    return path


def request_count_tasks(results_file):
    """Tasks that converge each scenario, clear the journal, run it again and record what the no-op run sent."""
    tasks = []
    journal = '{{ emulator_url }}/__emulator/journal'
    for index, (name, module, converge, noop, dummy) in enumerate(SCENARIOS):
        if converge is not None:
            tasks.append({'name': 'converge %s' % name, module: converge, 'register': 'converged_%d' % index, 'no_log': True})
        tasks += [
            {'name': 'clear journal', 'ansible.builtin.uri': {'url': journal, 'method': 'DELETE'}},
            {'name': 'no-op %s' % name, module: noop, 'register': 'noop', 'no_log': True},
            {'name': 'read journal', 'ansible.builtin.uri': {'url': journal}, 'register': 'journal'},
            {'name': 'record', 'ansible.builtin.set_fact': {'counts': RECORD % json.dumps(name)}},
        ]
    tasks.append({'name': 'write counts', 'ansible.builtin.copy': {'content': '{{ counts | to_json }}', 'dest': results_file}})
    return tasks


def count_requests(emulator, collections_path):
    """[{scenario, changed, requests, writes, floor}] of the no-op runs."""
    results_file = tempfile.mkstemp(prefix='bench-counts-', suffix='.json')[1]
    variables = {'emulator_url': emulator.url, 'counts': [], 'expiry': '{{ (now(utc=true).timestamp() | int) // 86400 * 86400 + 30 * 86400 }}'}
    run_playbook(write_playbook(request_count_tasks(results_file), variables), emulator, collections_path)
    with open(results_file) as handle:
        counts = json.load(handle)
    for count, scenario in zip(counts, SCENARIOS):
        count['floor'] = scenario[4]
    return counts


def time_tasks(emulator, collections_path, pairs):
    """Median seconds of a no-op credential task and of a bare uri GET, alternating, and the median ratio."""
    uri = {'url': '%s/organizations/%s/users' % (emulator.url, ORGANIZATION_ID),
           'headers': {'Authorization': 'Bearer %s' % API_KEY}}
    tasks = [{'name': 'converge', CREDENTIAL: {'username': 'bench-timing-0001', 'permission': 'read-only'}}]
    for dummy in range(pairs):
        tasks.append({'name': 'time module', CREDENTIAL: {'username': 'bench-timing-0001', 'permission': 'read-only'}})
        tasks.append({'name': 'time uri', 'ansible.builtin.uri': uri})
    timings = tempfile.mkstemp(prefix='bench-timings-', suffix='.jsonl')[1]
    run_playbook(write_playbook(tasks), emulator, collections_path, timings)
    with open(timings) as handle:
        rows = [json.loads(line) for line in handle]
    module = [row['seconds'] for row in rows if row['task'] == 'time module']
    bare = [row['seconds'] for row in rows if row['task'] == 'time uri']
    return {'pairs': pairs, 'module_median_s': statistics.median(module), 'uri_median_s': statistics.median(bare),
            'median_ratio': statistics.median(m / u for m, u in zip(module, bare))}


def markdown(counts, timing):
    """The README table."""
    lines = ['| no-op task | requests | writes | floor |', '| --- | --- | --- | --- |']
    lines += ['| %s | %d | %d | %d |' % (c['scenario'], c['requests'], c['writes'], c['floor']) for c in counts]
    lines.append('')
    lines.append('No-op `sftptogo_credential` task: median %.3f s; bare `ansible.builtin.uri` GET: median %.3f s; '
                 'median ratio %.2f (%d alternating pairs).' % (timing['module_median_s'], timing['uri_median_s'],
                                                                timing['median_ratio'], timing['pairs']))
    return '\n'.join(lines)


def main():
    """Run both measurements and report; exit 1 if a no-op run changed something or wrote."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--collections-path', default=os.path.join(REPO, '.build'))
    parser.add_argument('--pairs', type=int, default=15)
    args = parser.parse_args()
    with Emulator(max_lifetime=1800) as emulator:
        counts = count_requests(emulator, args.collections_path)
        timing = time_tasks(emulator, args.collections_path, args.pairs)
    os.makedirs(os.path.join(HERE, 'results'), exist_ok=True)
    with open(os.path.join(HERE, 'results', 'latest.json'), 'w') as handle:
        json.dump({'requests': counts, 'timing': timing}, handle, indent=2)
    print(markdown(counts, timing))
    bad = [c['scenario'] for c in counts if c['changed'] or c['writes'] or c['requests'] > c['floor']]
    if bad:
        print('above the floor, changed or writing: %s' % ', '.join(bad))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
