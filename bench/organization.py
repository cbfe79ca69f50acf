# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Benchmark: a no-op run of the organization role against a hand-written ansible.builtin.uri playbook.

Both check the same organization (N credentials, each with SSH keys and inbound rules, plus a webhook
and a share link) against the same declaration and find nothing to change. Measured: wall time of
whole ansible-playbook runs (median of alternating runs; also net of the time of an empty play) and
the requests each made (from the emulator's journal).

Usage: python bench/organization.py [--collections-path .build] [--credentials 50] [--runs 5]
Needs the collection staged under <collections-path>/ansible_collections/sftptogo/sftptogo.
Writes bench/results/organization.json (not tracked) and prints a Markdown table for README.
"""

from __future__ import absolute_import, division, print_function

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

from bench_common import ANSIBLE_PLAYBOOK, HERE, REPO, Emulator, playbook_env, take_journal

KEYS = ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIL8DLGjHdEH76mSskhyxKAGoMKE5RwHG9Qi5KP5owXJa alice@laptop',
        'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINuJznr4V9lrpVji7npWwbh8eoDJRcrD4O6h5UVtWO45 carol@tablet']

# The uri playbook: list every collection once, read the keys of every declared credential, compare in
# Jinja what the role compares (fields, password, rules as a set, keys by blob, webhook, share link).
URI_PLAYBOOK = r'''
- name: Check the organization with ansible.builtin.uri
  hosts: localhost
  gather_facts: false
  vars:
    api: "{{ lookup('ansible.builtin.env', 'SFTPTOGO_API_URL') }}/organizations/{{ lookup('ansible.builtin.env', 'SFTPTOGO_ORGANIZATION_ID') }}"
    auth:
      Authorization: "Bearer {{ lookup('ansible.builtin.env', 'SFTPTOGO_API_KEY') }}"
  tasks:
    - name: List the credentials
      ansible.builtin.uri: {url: "{{ api }}/users", headers: "{{ auth }}"}
      register: users
      no_log: true
    - name: Index them by username
      ansible.builtin.set_fact:
        by_name: "{{ dict(users.json | map(attribute='UserName') | zip(users.json)) }}"
      no_log: true
    - name: Read the keys of each declared credential
      ansible.builtin.uri: {url: "{{ api }}/users/{{ by_name[item.username].Id }}/ssh-public-keys", headers: "{{ auth }}"}
      loop: "{{ organization_credentials }}"
      loop_control: {label: "{{ item.username }}"}
      when: item.username in by_name and by_name[item.username].SshPublicKeysCount > 0
      register: keys
    - name: List the webhooks
      ansible.builtin.uri: {url: "{{ api }}/webhooks", headers: "{{ auth }}"}
      register: webhooks
      no_log: true
    - name: List the share links
      ansible.builtin.uri: {url: "{{ api }}/portal-links", headers: "{{ auth }}"}
      register: links
    - name: Compare
      ansible.builtin.set_fact:
        drift: >-
          {%- set out = [] -%}
          {%- for item in organization_credentials -%}
          {%-   set cur = by_name.get(item.username) -%}
          {%-   if cur is none -%}{%- set _ = out.append(item.username ~ ': create') -%}{%- else -%}
          {%-     for opt, key in [['alias', 'Alias'], ['home_directory', 'HomeDirectory'], ['permission', 'Permission'],
                                   ['password', 'Password']] -%}
          {%-       if item[opt] is defined and item[opt] != cur[key] -%}{%- set _ = out.append(item.username ~ ': ' ~ opt) -%}{%- endif -%}
          {%-     endfor -%}
          {%-     set want = item.inbound_rules | map(attribute='source') | sort | list -%}
          {%-     set have = cur.Settings.Network.InboundRules | default([]) | map(attribute='Source') | sort | list -%}
          {%-     if want != have -%}{%- set _ = out.append(item.username ~ ': inbound_rules') -%}{%- endif -%}
          {%-     set res = keys.results[loop.index0] -%}
          {%-     set have_keys = (res.json | default([])) | map(attribute='SshPublicKeyBody') | map('split', ' ')
                     | map(attribute=1) | sort | list -%}
          {%-     set want_keys = item.ssh_keys | map('split', ' ') | map(attribute=1) | sort | list -%}
          {%-     if have_keys != want_keys -%}{%- set _ = out.append(item.username ~ ': ssh_keys') -%}{%- endif -%}
          {%-   endif -%}
          {%- endfor -%}
          {%- for hook in organization_webhooks -%}
          {%-   set cur = webhooks.json | selectattr('Alias', 'equalto', hook.alias) | list -%}
          {%-   if not cur or cur[0].Url != hook.url or cur[0].Topics | sort != hook.topics | sort -%}
          {%-     set _ = out.append('webhook ' ~ hook.alias) -%}{%- endif -%}
          {%- endfor -%}
          {%- for link in organization_share_links -%}
          {%-   set cur = links.json | selectattr('Path', 'equalto', link.path) | list -%}
          {%-   if not cur or cur[0].Permission != link.permission -%}{%- set _ = out.append('link ' ~ link.path) -%}{%- endif -%}
          {%- endfor -%}
          {{ out }}
      no_log: true
    - name: Report
      ansible.builtin.assert:
        that: drift | length == 0
        fail_msg: "{{ drift }}"
'''

ROLE_PLAYBOOK = '''
- name: Converge the organization with the role
  hosts: localhost
  gather_facts: false
  roles:
    - sftptogo.sftptogo.organization
'''

EMPTY_PLAYBOOK = '''
- name: Nothing
  hosts: localhost
  gather_facts: false
  tasks: []
'''


def declaration(count):
    """organization_* variables: ``count`` credentials with two keys and two rules, a webhook, a share link."""
    credentials = [{
        'username': 'bench-org-%04d' % number, 'alias': 'Bench partner %d' % number,
        'password': 'Bench-org-pass-%04d' % number, 'home_directory': '/partners/bench-%04d' % number,
        'permission': 'read-write', 'ssh_keys': KEYS,
        'inbound_rules': [{'source': '203.0.113.0/24', 'description': 'office'},
                          {'source': '198.51.100.%d/32' % (number % 250 + 1), 'protocol': 'SFTP'}],
    } for number in range(count)]
    return {'organization_credentials': credentials,
            'organization_webhooks': [{'alias': 'Bench uploads', 'url': 'https://hooks.example.com/bench',
                                       'topics': ['file.created']}],
            'organization_share_links': [{'path': '/partners/bench-0000/', 'permission': 'read-write'}]}


def write(text, suffix='.yml'):
    """A temporary file holding ``text``."""
    handle, path = tempfile.mkstemp(prefix='bench-org-', suffix=suffix)
    with os.fdopen(handle, 'w') as stream:
        stream.write(text)
    return path


def run_playbook(playbook, emulator, collections_path, variables):
    """Seconds of one ansible-playbook run against the emulator; raises on failure."""
    env = playbook_env(emulator, collections_path)
    started = time.monotonic()
    subprocess.run([ANSIBLE_PLAYBOOK, '-i', 'localhost,', '-c', 'local', '-e', '@' + variables, playbook], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return time.monotonic() - started


def measure(emulator, collections_path, count, runs):
    """Populate with the role, then alternate no-op runs of the role, the uri playbook and an empty play."""
    variables = write(json.dumps(declaration(count)), '.json')
    playbooks = {'role': write(ROLE_PLAYBOOK), 'uri': write(URI_PLAYBOOK), 'empty': write(EMPTY_PLAYBOOK)}
    first = run_playbook(playbooks['role'], emulator, collections_path, variables)
    take_journal(emulator)
    times = dict((name, []) for name in playbooks)
    requests = {}
    for dummy in range(runs):
        for name, playbook in playbooks.items():
            times[name].append(run_playbook(playbook, emulator, collections_path, variables))
            journal = take_journal(emulator)
            requests[name] = dict(total=len(journal), writes=len([e for e in journal if e['method'] != 'GET']))
    for path in list(playbooks.values()) + [variables]:
        os.unlink(path)
    medians = dict((name, statistics.median(values)) for name, values in times.items())
    return dict(credentials=count, runs=runs, first_run_s=first, median_s=medians, requests=requests,
                speedup=medians['uri'] / medians['role'],
                speedup_net=(medians['uri'] - medians['empty']) / (medians['role'] - medians['empty']))


def markdown(result):
    """The README table."""
    med, req = result['median_s'], result['requests']
    return '\n'.join([
        '| no-op run, %d credentials (2 keys, 2 rules each), 1 webhook, 1 share link | wall time (median of %d) '
        '| net of an empty play | requests | writes |' % (result['credentials'], result['runs']),
        '| --- | --- | --- | --- | --- |',
        '| `sftptogo.sftptogo.organization` role | %.2f s | %.2f s | %d | %d |' % (
            med['role'], med['role'] - med['empty'], req['role']['total'], req['role']['writes']),
        '| hand-written `ansible.builtin.uri` playbook | %.2f s | %.2f s | %d | %d |' % (
            med['uri'], med['uri'] - med['empty'], req['uri']['total'], req['uri']['writes']),
        '',
        'Role %.1fx faster (%.1fx net of ansible-playbook start-up, %.2f s). First run (creating everything): %.1f s.' % (
            result['speedup'], result['speedup_net'], med['empty'], result['first_run_s']),
    ])


def main():
    """Measure and report; exit 1 if a no-op run wrote or the role is not at least twice as fast."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--collections-path', default=os.path.join(REPO, '.build'))
    parser.add_argument('--credentials', type=int, default=50)
    parser.add_argument('--runs', type=int, default=5)
    args = parser.parse_args()
    with Emulator(max_lifetime=1800) as emulator:
        result = measure(emulator, os.path.abspath(args.collections_path), args.credentials, args.runs)
    os.makedirs(os.path.join(HERE, 'results'), exist_ok=True)
    with open(os.path.join(HERE, 'results', 'organization.json'), 'w') as handle:
        json.dump(result, handle, indent=2)
    print(markdown(result))
    if result['requests']['role']['writes'] or result['requests']['uri']['writes'] or result['speedup'] < 2:
        print('a no-op run wrote, or the role is less than twice as fast')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
