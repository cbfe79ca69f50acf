# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Shared by tests/eda/end_to_end.py and bench/eda.py: the emulator, ansible-rulebook as a process, signing."""

from __future__ import absolute_import, division, print_function

import hashlib
import hmac
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get('STAGE_ROOT') or os.path.join(REPO, '.build')
COLLECTION = os.path.join(BUILD, 'ansible_collections', 'sftptogo', 'sftptogo')
EDA_VENV = os.environ.get('EDA_VENV') or os.path.join(REPO, '.venv-eda')
VENV_BIN = os.path.dirname(os.path.abspath(sys.executable))
sys.path.insert(0, os.path.join(COLLECTION, 'tests', 'emulator'))
from server import Emulator  # noqa: E402 pylint: disable=wrong-import-position,unused-import

API_KEY = 'eda-test-api-key'
ORGANIZATION_ID = '72e9cf24-be8c-4f15-9aa2-813281fb98fe'
READY = 'Waiting for events'


def load_source():
    """The staged event source module (extensions/eda/plugins/event_source/webhook.py), imported by path."""
    path = os.path.join(COLLECTION, 'extensions', 'eda', 'plugins', 'event_source', 'webhook.py')
    spec = importlib.util.spec_from_file_location('sftptogo_eda_webhook', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port():
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def sign(secret, body):
    """The X-Hub-Signature header value of ``body``."""
    return 'sha256=' + hmac.new(secret.encode('utf-8'), body, hashlib.sha256).hexdigest()


def post(port, body, signature):
    """A direct POST to the source; its HTTP status."""
    request = urllib.request.Request(f'http://127.0.0.1:{port}/sftptogo', data=body, method='POST',
                                     headers={'Content-Type': 'application/json', 'X-Hub-Signature': signature})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def java_problem():
    """None when a Java runtime is there for ansible-rulebook, else what is missing."""
    java_home = os.environ.get('JAVA_HOME')
    if java_home and os.path.exists(os.path.join(java_home, 'bin', 'java')):
        return None
    if shutil.which('java') or os.path.isdir('/usr/lib/jvm/java-17-openjdk-amd64'):
        return None
    return 'no Java runtime (ansible-rulebook needs Java 17: apt-get install openjdk-17-jre-headless)'


def missing_prerequisites():
    """What ansible-rulebook lacks here (empty when nothing): its venv, or Java."""
    problems = []
    if not os.path.exists(os.path.join(EDA_VENV, 'bin', 'ansible-rulebook')):
        problems.append(f'no ansible-rulebook in {EDA_VENV} (make venv-eda)')
    problem = java_problem()
    if problem:
        problems.append(problem)
    return problems


def unmet_prerequisites_status(name):
    """None when ansible-rulebook can run here; else, after saying why, the exit status of ``name``'s check:
    1 under CI=true (a missing Java or venv is a failure there), 0 (skipped) elsewhere."""
    problems = missing_prerequisites()
    if not problems:
        return None
    message = f'{name}: cannot run ansible-rulebook: ' + '; '.join(problems)
    if os.environ.get('CI', '').lower() in ('true', '1', 'yes'):
        print(message + ' (CI=true: this is a failure)', file=sys.stderr)
        return 1
    print(message + ': SKIPPED (under CI=true this fails)', file=sys.stderr)
    return 0


def tool_env(emulator, extra=None):
    """The environment of ansible-playbook and ansible-rulebook runs: the staged collection, the emulator."""
    env = dict(os.environ)
    env.update({
        'PATH': os.path.join(EDA_VENV, 'bin') + os.pathsep + env.get('PATH', ''),
        'ANSIBLE_COLLECTIONS_PATH': BUILD,
        'SFTPTOGO_API_URL': emulator.url, 'SFTPTOGO_API_KEY': API_KEY, 'SFTPTOGO_ORGANIZATION_ID': ORGANIZATION_ID,
        'ANSIBLE_LOCALHOST_WARNING': 'false', 'ANSIBLE_INVENTORY_UNPARSED_WARNING': 'false',
        'PYTHONUNBUFFERED': '1', 'ANSIBLE_NOCOLOR': '1',
    })
    env.update(extra or {})
    return env


class Rulebook:
    """ansible-rulebook in the background; every line of its output is kept with the time it was read."""

    def __init__(self, args, env, log_path):
        self.lines = []
        self.changed = threading.Condition()
        self.log = open(log_path, 'w', encoding='utf-8')  # pylint: disable=consider-using-with
        command = [os.path.join(EDA_VENV, 'bin', 'ansible-rulebook')] + list(args)
        self.process = subprocess.Popen(  # pylint: disable=consider-using-with
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            text=True, bufsize=1)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.process.stdout:
            with self.changed:
                self.lines.append((time.monotonic(), line.rstrip('\n')))
                self.log.write(line)
                self.log.flush()
                self.changed.notify_all()
        with self.changed:
            self.changed.notify_all()

    def wait_for(self, text, timeout, count=1):
        """Wait until ``count`` lines contain ``text``; False on timeout or when the process ended first."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while sum(1 for _stamp, line in self.lines if text in line) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or (self.process.poll() is not None and not self.reader.is_alive()):
                    return False
                self.changed.wait(min(remaining, 0.5))
            return True

    def ready(self, port, timeout, wait_line=True):
        """True once the rules wait for events (with -v) and the source answers its health check on ``port``.

        "Waiting for events" is printed even when the source has failed at start: the health check tells.
        """
        deadline = time.monotonic() + timeout
        if wait_line and not self.wait_for(READY, timeout):
            return False
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                with urllib.request.urlopen(f'http://127.0.0.1:{port}/health', timeout=2) as response:
                    if response.status == 200:
                        return True
            except OSError:
                time.sleep(0.2)
        return False

    def output(self):
        """Everything it printed so far."""
        with self.changed:
            return '\n'.join(line for _stamp, line in self.lines)

    def stop(self):
        """Terminate it (and the playbook runs it started) and wait."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.reader.join(timeout=5)
        self.log.close()
