# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Benchmark: the organization role against hand-written ansible.builtin.uri playbooks.

The same organization (N credentials, each with 2 SSH keys and 2 inbound rules, plus a webhook and a
share link) is converged from empty (also with latency injected on every request, as a distant real
service has), then checked again with nothing to change. Measured: wall time of whole ansible-playbook
runs (no-op: median of alternating runs, also net of an empty play), the requests each made (from the
emulator's journal) and the peak memory of any process of the run.

Usage: python bench/organization.py [--collections-path .build] [--credentials 50] [--runs 5]
       [--latency 0.1] [--no-uri] [--output FILE]
Needs the collection staged under <collections-path>/ansible_collections/sftptogo/sftptogo.
Writes bench/results/organization.json (not tracked; --output for another file) and prints a Markdown table.
"""

from __future__ import absolute_import, division, print_function

import argparse
import json
import os
import resource
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
URI_PLAY = r'''
  hosts: localhost
  gather_facts: false
  vars:
    api: "{{ lookup('ansible.builtin.env', 'SFTPTOGO_API_URL') }}/organizations/{{ lookup('ansible.builtin.env', 'SFTPTOGO_ORGANIZATION_ID') }}"
    auth:
      Authorization: "Bearer {{ lookup('ansible.builtin.env', 'SFTPTOGO_API_KEY') }}"
'''

URI_PLAYBOOK = '''
- name: Check the organization with ansible.builtin.uri''' + URI_PLAY + r'''  tasks:
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

# The uri converge playbook: what a first run of the role writes, one request per task iteration.
URI_CONVERGE_PLAYBOOK = '''
- name: Create the organization with ansible.builtin.uri''' + URI_PLAY + r'''  tasks:
    - name: Create the credentials, inactive until their rules are set
      ansible.builtin.uri:
        url: "{{ api }}/users"
        method: POST
        headers: "{{ auth }}"
        body_format: json
        body: {UserName: "{{ item.username }}", Alias: "{{ item.alias }}", Password: "{{ item.password }}",
               HomeDirectory: "{{ item.home_directory }}", Permission: "{{ item.permission }}", State: inactive}
        status_code: 201
      loop: "{{ organization_credentials }}"
      loop_control: {label: "{{ item.username }}"}
      register: created
      no_log: true
    - name: Set their rules and switch them on
      ansible.builtin.uri:
        url: "{{ api }}/users/{{ item.json.Id }}"
        method: PATCH
        headers: "{{ auth }}"
        body_format: json
        body:
          State: active
          Settings: {Network: {InboundRules: "{{ rules }}"}}
      vars:
        rules: >-
          {%- set out = [] -%}
          {%- for rule in item.item.inbound_rules -%}
          {%-   set _ = out.append({'Action': 'allow', 'Protocol': rule.protocol | default('*'),
                                    'Source': rule.source, 'State': 'enabled', 'Description': rule.description | default('')}) -%}
          {%- endfor -%}
          {{ out }}
      loop: "{{ created.results }}"
      loop_control: {label: "{{ item.item.username }}"}
      no_log: true
    - name: Add their keys
      ansible.builtin.uri:
        url: "{{ api }}/users/{{ item.0.json.Id }}/ssh-public-keys"
        method: POST
        headers: "{{ auth }}"
        body_format: json
        body: {SshPublicKeyBody: "{{ item.1 }}"}
        status_code: 201
      loop: "{{ created.results | subelements('item.ssh_keys') }}"
      loop_control: {label: "{{ item.0.item.username }}"}
      no_log: true
    - name: Create the webhooks
      ansible.builtin.uri:
        url: "{{ api }}/webhooks"
        method: POST
        headers: "{{ auth }}"
        body_format: json
        body: {Alias: "{{ item.alias }}", Url: "{{ item.url }}", Type: webhook, Topics: "{{ item.topics }}"}
        status_code: 201
      loop: "{{ organization_webhooks }}"
      no_log: true
    - name: Create the share links
      ansible.builtin.uri:
        url: "{{ api }}/portal-links"
        method: POST
        headers: "{{ auth }}"
        body_format: json
        body: {Type: share, Path: "{{ item.path }}", Permission: "{{ item.permission }}"}
        status_code: 201
      loop: "{{ organization_share_links }}"
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
    """(seconds, requests) of one ansible-playbook run against the emulator; raises on failure."""
    env = playbook_env(emulator, collections_path)
    take_journal(emulator)
    started = time.monotonic()
    subprocess.run([ANSIBLE_PLAYBOOK, '-i', 'localhost,', '-c', 'local', '-e', '@' + variables, playbook], env=env,
                   check=True, stdout=subprocess.DEVNULL)
    elapsed = time.monotonic() - started
    journal = take_journal(emulator)
    return elapsed, dict(total=len(journal), writes=len([e for e in journal if e['method'] != 'GET']))


def first_converge(emulator, collections_path, variables, playbook, latency=0.0):
    """(seconds, requests) of a run from an empty organization, with ``latency`` s added to every request."""
    emulator.reset()
    if latency:
        emulator.add_fault(action='delay', seconds=latency, times=0)
    elapsed, requests = run_playbook(playbook, emulator, collections_path, variables)
    emulator.clear_faults()
    return dict(seconds=elapsed, requests=requests)


def measure(emulator, collections_path, count, runs, latency, with_uri):
    """First converges (with and without latency), then alternating no-op runs; peak memory."""
    variables = write(json.dumps(declaration(count)), '.json')
    playbooks = {'role': write(ROLE_PLAYBOOK), 'uri': write(URI_PLAYBOOK), 'empty': write(EMPTY_PLAYBOOK),
                 'uri_converge': write(URI_CONVERGE_PLAYBOOK)}
    first = {}
    contenders = [('role', 'role'), ('uri', 'uri_converge')] if with_uri else [('role', 'role')]
    for name, playbook in contenders:
        first[name] = first_converge(emulator, collections_path, variables, playbooks[playbook])
        if latency:
            first[name + '_latency'] = first_converge(emulator, collections_path, variables, playbooks[playbook], latency)
    first_converge(emulator, collections_path, variables, playbooks['role'])
    times = dict((name, []) for name in ('role', 'uri', 'empty') if with_uri or name != 'uri')
    requests = {}
    for dummy in range(runs):
        for name in times:
            elapsed, requests[name] = run_playbook(playbooks[name], emulator, collections_path, variables)
            times[name].append(elapsed)
    for path in list(playbooks.values()) + [variables]:
        os.unlink(path)
    return dict(credentials=count, runs=runs, latency_s=latency, first=first, requests=requests,
                median_s=dict((name, statistics.median(values)) for name, values in times.items()),
                peak_rss_mb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0)


def markdown(result):
    """The README table."""
    first, med, req = result['first'], result['median_s'], result['requests']
    rows = ['| %d credentials (2 keys, 2 rules each), 1 webhook, 1 share link | role | hand-written uri |'
            % result['credentials'], '| --- | --- | --- |']

    def both(label, role, uri):
        rows.append('| %s | %s | %s |' % (label, role, uri if 'uri' in med else 'not run'))

    for suffix, label in (('', 'first converge'), ('_latency', 'first converge, %d ms per request' % (result['latency_s'] * 1000))):
        if 'role' + suffix not in first:
            continue
        role, uri = first['role' + suffix], first.get('uri' + suffix)
        both(label, '%.1f s (%d requests)' % (role['seconds'], role['requests']['total']),
             uri and '%.1f s (%d requests)' % (uri['seconds'], uri['requests']['total']))
    both('no-op (median of %d)' % result['runs'], '%.2f s (%d requests, %d writes)' % (
        med['role'], req['role']['total'], req['role']['writes']),
        'uri' in med and '%.2f s (%d requests, %d writes)' % (med['uri'], req['uri']['total'], req['uri']['writes']))
    both('no-op net of an empty play (%.2f s)' % med['empty'], '%.2f s' % (med['role'] - med['empty']),
         'uri' in med and '%.2f s' % (med['uri'] - med['empty']))
    rows.append('')
    rows.append('Peak memory of any process of these runs: %.0f MB.' % result['peak_rss_mb'])
    return '\n'.join(rows)


def main():
    """Measure and report; exit 1 if a no-op run wrote."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--collections-path', default=os.path.join(REPO, '.build'))
    parser.add_argument('--credentials', type=int, default=50)
    parser.add_argument('--runs', type=int, default=5)
    parser.add_argument('--latency', type=float, default=0.1, help='seconds added to every request (0: no such run)')
    parser.add_argument('--no-uri', action='store_true', help='skip the uri playbooks (slow for many credentials)')
    parser.add_argument('--output', default=os.path.join(HERE, 'results', 'organization.json'),
                        help='where to write the figures as JSON')
    args = parser.parse_args()
    with Emulator(max_lifetime=3600) as emulator:
        result = measure(emulator, os.path.abspath(args.collections_path), args.credentials, args.runs, args.latency,
                         not args.no_uri)
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, 'w') as handle:
        json.dump(result, handle, indent=2)
    print(markdown(result))
    if any(requests['writes'] for requests in result['requests'].values()):
        print('a no-op run wrote')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
