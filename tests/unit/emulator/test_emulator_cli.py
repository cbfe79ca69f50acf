# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The command line: port file, options, SIGTERM, shutdown endpoint, maximum lifetime, loopback only."""

import http.client
import json
import os
import signal
import subprocess
import sys
import time

import pytest

SERVER = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'emulator', 'server.py'))


def start(tmp_path, *options):
    """Start the emulator; returns (process, port, port file path)."""
    port_file = tmp_path / 'port'
    process = subprocess.Popen([sys.executable, SERVER, '--port', '0', '--port-file', str(port_file)] + list(options),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 10
    while not port_file.exists():
        if process.poll() is not None or time.time() > deadline:
            process.kill()
            pytest.fail(f'the emulator did not write its port file: {process.communicate()!r}')
        time.sleep(0.02)
    return process, int(port_file.read_text()), port_file


def get(port, path, headers=None):
    """GET over HTTP; returns (status, parsed JSON)."""
    conn = http.client.HTTPConnection('127.0.0.1', port, timeout=5)
    try:
        conn.request('GET', path, headers=headers or {})
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b'null')
    finally:
        conn.close()


def test_port_file_options_and_sigterm(tmp_path):
    process, port, port_file = start(tmp_path, '--api-key', 'cli-key', '--organization-id', 'org-1', '--seed', '5')
    try:
        assert port_file.read_text() == '%d\n' % port
        status, users = get(port, '/organizations/org-1/users', {'Authorization': 'Bearer cli-key'})
        assert status == 200 and users[0]['OrganizationId'] == 'org-1'
        assert get(port, '/organizations/org-1/users', {'Authorization': 'Bearer emulator-api-key'})[0] == 401
        process.send_signal(signal.SIGTERM)
        assert process.wait(10) == 0
        assert not port_file.exists()
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()


def test_defaults_and_shutdown_endpoint(tmp_path):
    process, port, _ = start(tmp_path)
    try:
        status, users = get(port, '/organizations/72e9cf24-be8c-4f15-9aa2-813281fb98fe/users',
                            {'Authorization': 'Bearer emulator-api-key'})
        assert status == 200 and users[0]['IsDefault'] is True
        conn = http.client.HTTPConnection('127.0.0.1', port, timeout=5)
        conn.request('POST', '/__emulator/shutdown')
        assert conn.getresponse().status == 200
        conn.close()
        assert process.wait(10) == 0
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()


def test_max_lifetime(tmp_path):
    process, _, _ = start(tmp_path, '--max-lifetime', '0.5')
    try:
        assert process.wait(10) == 0
        assert b'maximum lifetime' in process.communicate()[0]
    finally:
        if process.poll() is None:
            process.kill()


def test_refuses_non_loopback_hosts():
    result = subprocess.run([sys.executable, SERVER, '--host', '0.0.0.0'], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            timeout=10, check=False)
    assert result.returncode == 2 and b'loopback' in result.stderr
