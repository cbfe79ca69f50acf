# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the benchmarks share: the emulator in a subprocess and the environment of their ansible-playbook runs."""

from __future__ import absolute_import, division, print_function

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
API_KEY = 'emulator-api-key'
ORGANIZATION_ID = '72e9cf24-be8c-4f15-9aa2-813281fb98fe'
ANSIBLE_PLAYBOOK = os.path.join(os.path.dirname(sys.executable), 'ansible-playbook')


class Emulator:
    """The local API emulator in a subprocess."""

    def __init__(self):
        self.port_file = tempfile.NamedTemporaryFile(prefix='bench-emulator-', delete=False).name
        os.unlink(self.port_file)
        self.process = subprocess.Popen([sys.executable, os.path.join(REPO, 'tests', 'emulator', 'server.py'),
                                         '--port', '0', '--port-file', self.port_file, '--max-lifetime', '1800'])
        deadline = time.monotonic() + 30
        while not os.path.exists(self.port_file):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError('the emulator did not start')
            time.sleep(0.05)
        with open(self.port_file) as port:
            self.url = 'http://127.0.0.1:%s' % port.read().strip()

    def journal(self, clear=True):
        """The requests since the last clear (clears it by default)."""
        with urllib.request.urlopen(self.url + '/__emulator/journal') as response:
            entries = json.load(response)
        if clear:
            urllib.request.urlopen(urllib.request.Request(self.url + '/__emulator/journal', method='DELETE')).read()
        return entries

    def control(self, method, path, body=None):
        """One control request (reset, faults, ...); returns the decoded answer."""
        data = None if body is None else json.dumps(body).encode('utf-8')
        request = urllib.request.Request(self.url + '/__emulator' + path, data=data, method=method,
                                         headers={'Content-Type': 'application/json'})
        with urllib.request.urlopen(request) as response:
            return json.load(response)

    def stop(self):
        """Stop the emulator process."""
        self.process.terminate()
        self.process.wait(timeout=10)
        if os.path.exists(self.port_file):
            os.unlink(self.port_file)


def playbook_env(emulator, collections_path):
    """The environment of an ansible-playbook run against ``emulator`` with the staged collection."""
    return dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_path, SFTPTOGO_API_URL=emulator.url,
                SFTPTOGO_API_KEY=API_KEY, SFTPTOGO_ORGANIZATION_ID=ORGANIZATION_ID,
                ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false',
                ANSIBLE_PYTHON_INTERPRETER=sys.executable)
