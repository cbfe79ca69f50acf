# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Rehearse live mode: run the integration targets' tasks/live.yml against a stand-alone emulator.

Live mode normally points the tests at a real organization, which CI does not have. Here the emulator
plays that organization: it is started without the help of setup_emulator, given resources that are
"someone else's" (a credential with an SSH key, a webhook, a share link), and scripts/integration runs
in live mode against it. Afterwards the organization must be exactly as before (the live tests removed
all they created and touched nothing else), and every write must have gone to a resource named with the
live prefix. Usage: python scripts/live_rehearsal.py [PYTHON_VERSION [TARGET...]]   (after `make venv stage`)
"""

from __future__ import absolute_import, division, print_function

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLLECTION = os.path.join(os.environ.get('STAGE_ROOT') or os.path.join(REPO, '.build'),
                          'ansible_collections', 'sftptogo', 'sftptogo')
API_KEY = 'live-rehearsal-key'
ORGANIZATION_ID = 'c0ffee00-1234-4abc-8def-0123456789ab'
PREFIX = 'ansible-test-'
KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIL8DLGjHdEH76mSskhyxKAGoMKE5RwHG9Qi5KP5owXJa someone@else'


def control(url, path, method='GET', body=None):
    """A request to the emulator's control API; the decoded JSON answer."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url + '/__emulator/' + path, data=data, method=method,
                                     headers={'Content-Type': 'application/json'})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def start_emulator(workdir):
    """The emulator in a subprocess, and its URL."""
    port_file = os.path.join(workdir, 'port')
    process = subprocess.Popen([sys.executable, os.path.join(COLLECTION, 'tests', 'emulator', 'server.py'),
                                '--port', '0', '--port-file', port_file, '--api-key', API_KEY,
                                '--organization-id', ORGANIZATION_ID, '--max-lifetime', '1800'])
    deadline = time.monotonic() + 30
    while not os.path.exists(port_file):
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            sys.exit('live-rehearsal: the emulator did not start')
        time.sleep(0.05)
    with open(port_file) as handle:
        return process, 'http://127.0.0.1:%s' % handle.read().strip()


def someone_elses_resources(url):
    """Resources the live tests must leave alone; their Ids."""
    user = control(url, 'objects/users', 'POST', {'UserName': 'customer-partner', 'Alias': 'Not a test'})
    key = control(url, 'objects/users/%s/ssh-public-keys' % user['Id'], 'POST', {'SshPublicKeyBody': KEY})
    hook = control(url, 'objects/webhooks', 'POST', {'Alias': 'Customer hook'})
    link = control(url, 'objects/portal-links', 'POST', {'Path': '/customer/'})
    return [user['Id'], key['Id'], hook['Id'], link['Id']]


NAME_OF_CREATE = {'/users': 'UserName', '/webhooks': 'Alias', '/portal-links': 'Path'}


def stray_writes(url, protected_ids):
    """Writes to someone else's resources, and creates of a name without the live prefix."""
    strays = []
    for entry in control(url, 'journal'):
        method, route, body = entry['method'], entry['route'], entry['body'] or {}
        if method == 'GET':
            continue
        if any(resource_id in route for resource_id in protected_ids):
            strays.append('%s %s touches a resource the tests did not create' % (method, route))
        name_key = NAME_OF_CREATE.get(route) if method == 'POST' else None
        if name_key and PREFIX not in str(body.get(name_key, '')):
            strays.append('POST %s creates %s %r, without the live prefix %s' % (route, name_key, body.get(name_key), PREFIX))
    return strays


def check(before, after, strays):
    """The failures: the organization changed, or writes went astray."""
    problems = list(strays)
    for collection in ('users', 'ssh_public_keys', 'webhooks', 'portal_links'):
        if before.get(collection) != after.get(collection):
            left = [item.get('UserName') or item.get('Alias') or item.get('Path') or item.get('Id')
                    for item in after.get(collection, []) if item not in before.get(collection, [])]
            problems.append('%s differ after the live tests (left behind or changed: %s)' % (collection, left))
    return problems


def main():
    python_version = sys.argv[1] if len(sys.argv) > 1 else '3.11'
    workdir = tempfile.mkdtemp(prefix='live-rehearsal-')
    process, url = start_emulator(workdir)
    try:
        protected = someone_elses_resources(url)
        before = control(url, 'state')
        control(url, 'journal', 'DELETE')
        env = dict(os.environ, SFTPTOGO_API_URL=url, SFTPTOGO_API_KEY=API_KEY, SFTPTOGO_ORGANIZATION_ID=ORGANIZATION_ID)
        status = subprocess.call([os.path.join(REPO, 'scripts', 'integration'), python_version] + sys.argv[2:], env=env)
        problems = check(before, control(url, 'state'), stray_writes(url, protected))
        problems += ['emulator violation: %s' % json.dumps(v) for v in control(url, 'violations')]
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
    if status:
        problems.insert(0, 'the integration tests failed in live mode (exit %s)' % status)
    for problem in problems:
        print('live-rehearsal: %s' % problem, file=sys.stderr)
    if not problems:
        print('live-rehearsal: passed; the organization is as it was and no write left the tests\' own resources')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
