# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The command line: port file, options, SIGTERM, shutdown endpoint, maximum lifetime, loopback only."""

import contextlib
import http.client
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from server import Emulator, loopback

SERVER = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'emulator', 'server.py'))


@contextlib.contextmanager
def running(tmp_path, *options):
    """Start the emulator; yields (process, port, port file path); kills it if it is still running afterwards."""
    port_file = tmp_path / 'port'
    command = [sys.executable, SERVER, '--port', '0', '--port-file', str(port_file)] + list(options)
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        try:
            deadline = time.time() + 10
            while not port_file.exists():
                if process.poll() is not None or time.time() > deadline:
                    pytest.fail('the emulator did not write its port file')
                time.sleep(0.02)
            yield process, int(port_file.read_text()), port_file
        finally:
            if process.poll() is None:
                process.kill()


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
    """The port file holds the port and a newline; the key and org options apply; SIGTERM exits 0 and removes the file."""
    with running(tmp_path, '--api-key', 'cli-key', '--organization-id', 'org-1', '--seed', '5') as (process, port, port_file):
        assert port_file.read_text() == f'{port}\n'
        status, users = get(port, '/organizations/org-1/users', {'Authorization': 'Bearer cli-key'})
        assert status == 200 and users[0]['OrganizationId'] == 'org-1'
        assert get(port, '/organizations/org-1/users', {'Authorization': 'Bearer emulator-api-key'})[0] == 401
        process.send_signal(signal.SIGTERM)
        assert process.wait(10) == 0
        assert not port_file.exists()


def test_defaults_and_shutdown_endpoint(tmp_path):
    """Default key and organization; POST /__emulator/shutdown answers and the process exits 0."""
    with running(tmp_path) as (process, port, dummy):
        status, users = get(port, '/organizations/72e9cf24-be8c-4f15-9aa2-813281fb98fe/users',
                            {'Authorization': 'Bearer emulator-api-key'})
        assert status == 200 and users[0]['IsDefault'] is True
        conn = http.client.HTTPConnection('127.0.0.1', port, timeout=5)
        conn.request('POST', '/__emulator/shutdown')
        assert conn.getresponse().status == 200
        conn.close()
        assert process.wait(10) == 0


def test_max_lifetime(tmp_path):
    """The process exits by itself after --max-lifetime seconds."""
    with running(tmp_path, '--max-lifetime', '0.5') as (process, dummy, dummy):
        assert process.wait(10) == 0
        assert b'maximum lifetime' in process.stdout.read()


def test_refuses_non_loopback_hosts():
    """Binding anything but a loopback address is refused with exit status 2."""
    result = subprocess.run([sys.executable, SERVER, '--host', '0.0.0.0'], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            timeout=10, check=False)
    assert result.returncode == 2 and b'loopback' in result.stderr


def test_loopback_addresses_only():
    """localhost and loopback addresses are accepted; other addresses and names are not."""
    assert loopback('localhost') == '127.0.0.1' and loopback('127.0.0.2') == '127.0.0.2' and loopback('::1') == '::1'
    for host in ('0.0.0.0', '10.1.2.3', 'example.com', '::'):
        with pytest.raises(ValueError):
            loopback(host)


def test_ipv6_loopback():
    """The emulator also serves on ::1, with the address bracketed in its URL."""
    try:
        emulator = Emulator(host='::1').start()
    except OSError as err:
        pytest.skip(f'no IPv6 loopback here: {err}')
    try:
        assert emulator.url == f'http://[::1]:{emulator.port}'
        conn = http.client.HTTPConnection('::1', emulator.port, timeout=5)
        conn.request('GET', '/__emulator/health')
        assert json.loads(conn.getresponse().read())['url'] == emulator.url
        conn.close()
    finally:
        emulator.stop()


def test_launcher_webhook_loopback_http():
    """--webhook-loopback-http (make emulator) turns the switch on; without it the switch stays off."""
    launcher = os.path.join(os.path.dirname(SERVER), '__main__.py')
    show = ('import json, os, urllib.request; print(json.load(urllib.request.urlopen('
            'os.environ["SFTPTOGO_API_URL"] + "/__emulator/config"))["webhook_loopback_http"])')
    for options, expected in ((['--webhook-loopback-http'], 'True'), ([], 'False')):
        result = subprocess.run([sys.executable, launcher] + options + ['--', sys.executable, '-c', show],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=20, check=True)
        assert result.stdout.decode().strip() == expected


def test_launcher_banner_says_what_is_delivered():
    """The banner of a serving emulator names the loopback switch and the export lines."""
    launcher = os.path.join(os.path.dirname(SERVER), '__main__.py')
    result = subprocess.run([sys.executable, launcher, '--webhook-loopback-http', '--max-lifetime', '0.5'],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=20, check=True)
    banner = result.stdout.decode()
    assert 'webhooks get only the file events simulated with POST /__emulator/file-events' in banner
    assert 'plain http (--webhook-loopback-http)' in banner
    assert '  export SFTPTOGO_API_KEY=emulator-api-key' in banner
