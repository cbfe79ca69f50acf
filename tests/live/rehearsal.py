# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Rehearse live mode: run the integration targets' tasks/live.yml against a stand-alone emulator.

Live mode normally points the tests at a real organization, which CI does not have. Here the emulator
plays that organization: it runs in this process (not through setup_emulator), is given resources that
are "someone else's" (a credential with an SSH key, a webhook, a share link), and scripts/integration
runs in live mode against it. Afterwards the organization must be exactly as before (the live tests removed
all they created and touched nothing else), and every write must have gone to a resource named with the
live prefix. Usage: python tests/live/rehearsal.py [PYTHON_VERSION [TARGET...]]   (after `make venv stage`)
"""

from __future__ import absolute_import, division, print_function

import json
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COLLECTION = os.path.join(os.environ.get('STAGE_ROOT') or os.path.join(REPO, '.build'),
                          'ansible_collections', 'sftptogo', 'sftptogo')
sys.path.insert(0, os.path.join(COLLECTION, 'tests', 'emulator'))
from server import Emulator  # noqa: E402 pylint: disable=wrong-import-position

API_KEY = 'live-rehearsal-key'
ORGANIZATION_ID = 'c0ffee00-1234-4abc-8def-0123456789ab'
PREFIX = 'ansible-test-'
KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIL8DLGjHdEH76mSskhyxKAGoMKE5RwHG9Qi5KP5owXJa someone@else'
NAME_OF_CREATE = {'/users': 'UserName', '/webhooks': 'Alias', '/portal-links': 'Path'}


def someone_elses_resources(emulator):
    """Resources the live tests must leave alone; their Ids."""
    user = emulator.insert_object('users', {'UserName': 'customer-partner', 'Alias': 'Not a test'})
    key = emulator.insert_object('ssh-public-keys', {'SshPublicKeyBody': KEY}, user_id=user['Id'])
    hook = emulator.insert_object('webhooks', {'Alias': 'Customer hook'})
    link = emulator.insert_object('portal-links', {'Path': '/customer/'})
    return [user['Id'], key['Id'], hook['Id'], link['Id']]


def stray_writes(journal, protected_ids):
    """Writes to someone else's resources, and creates of a name without the live prefix."""
    strays = []
    for entry in journal:
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
    # In this process, in a thread: it serves while scripts/integration runs as a child process.
    emulator = Emulator(api_key=API_KEY, organization_id=ORGANIZATION_ID, max_lifetime=1800).start()
    try:
        protected = someone_elses_resources(emulator)
        before = emulator.get_state()
        emulator.clear_journal()
        env = dict(os.environ, SFTPTOGO_API_URL=emulator.url, SFTPTOGO_API_KEY=API_KEY,
                   SFTPTOGO_ORGANIZATION_ID=ORGANIZATION_ID)
        status = subprocess.call([os.path.join(REPO, 'scripts', 'integration'), python_version] + sys.argv[2:], env=env)
        problems = check(before, emulator.get_state(), stray_writes(emulator.get_journal(), protected))
        problems += ['emulator violation: %s' % json.dumps(v) for v in emulator.get_violations()]
    finally:
        emulator.stop()
    if status:
        problems.insert(0, 'the integration tests failed in live mode (exit %s)' % status)
    for problem in problems:
        print('live-rehearsal: %s' % problem, file=sys.stderr)
    if not problems:
        print('live-rehearsal: passed; the organization is as it was and no write left the tests\' own resources')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
