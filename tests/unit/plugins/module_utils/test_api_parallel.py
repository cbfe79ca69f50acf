# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Twenty clients at once against a rate-limited emulator: all succeed, nothing is created twice, and their
retries are spread out in time rather than in step."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys
import threading
import time
import types

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _api, _retry
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._api import ApiClient

EMULATOR_DIR = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'emulator'))
if EMULATOR_DIR not in sys.path:
    sys.path.insert(0, EMULATOR_DIR)

from server import Emulator  # noqa: E402  pylint: disable=wrong-import-position,import-error

KEY = 'parallel-test-key-0246813579'
ORG = '72e9cf24-be8c-4f15-9aa2-813281fb98fe'
CLIENTS = 20


@pytest.fixture
def emu():
    """An emulator answering at most 8 API requests per second; three creates lose their response."""
    with Emulator(api_key=KEY, organization_id=ORG, seed=5, config={'rate_limit': 8}) as emulator:
        emulator.add_fault(method='POST', route='/users', action='commit_then_status', status=502, times=3, skip=2)
        yield emulator


@pytest.fixture
def retry_log(monkeypatch):
    """(thread name, wake-up instant, wait) of every retry wait of the clients; the waits are really slept."""
    log = []

    def sleep(seconds):
        log.append((threading.current_thread().name, time.monotonic() + seconds, seconds))
        time.sleep(seconds)

    for module in (_api, _retry):
        monkeypatch.setattr(module, 'time', types.SimpleNamespace(sleep=sleep, monotonic=time.monotonic, time=time.time))
    return log


def create_credential(emu, username, results):
    """One client with default retries creating its own credential; stores the outcome under ``username``."""
    client = ApiClient(KEY, ORG, emu.url)

    def find_created():
        return next((user for user in client.get('/users') if user['UserName'] == username), None)

    try:
        results[username] = client.create('/users', {'UserName': username}, find_created)
    except Exception as err:  # pylint: disable=broad-except
        results[username] = err


def first_retries(log):
    """The wake-up instant of each client's first retry."""
    first = {}
    for name, instant, dummy in log:
        first.setdefault(name, instant)
    return sorted(first.values())


def test_twenty_clients_each_create_once_and_retry_out_of_step(emu, retry_log):
    results = {}
    names = ['parallel-user-%02d' % number for number in range(CLIENTS)]
    threads = [threading.Thread(target=create_credential, args=(emu, name, results), name=name) for name in names]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(50)
    assert time.monotonic() - started < 50
    failures = {name: str(result) for name, result in results.items() if isinstance(result, Exception)}
    assert failures == {} and sorted(results) == names
    assert all(results[name]['UserName'] == name for name in names)
    stored = [user['UserName'] for user in emu.get_state()['users'] if user['UserName'].startswith('parallel-')]
    assert sorted(stored) == names
    journal = emu.get_journal()
    assert 429 in [entry['status'] for entry in journal]
    assert len([entry for entry in journal if entry.get('applied_status') == 201]) == 3
    assert emu.get_violations() == []  # no blind resend of a lost create, no other broken rule
    instants = first_retries(retry_log)
    assert len(instants) >= 5
    assert instants[-1] - instants[0] > 0.15
    waits = [wait for dummy, dummy2, wait in retry_log]
    assert len(set(waits)) == len(waits)


def test_one_client_shared_by_threads(emu, retry_log):
    """Each thread's call gets its own retry state, so threads may share one client."""
    emu.set_config(rate_limit=4)
    client = ApiClient(KEY, ORG, emu.url)
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(client.get('/users'))) for dummy in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(answers) == 12 and all(isinstance(answer, list) for answer in answers)
    assert retry_log and 429 in [entry['status'] for entry in emu.get_journal()]


def test_a_429_slows_every_thread_of_a_shared_client():
    """One thread's 429 with Retry-After holds back the other threads' next requests (one shared back-off)."""
    emulator = Emulator(api_key=KEY, organization_id=ORG, seed=6).start()
    try:
        emulator.add_fault(method='GET', route='/users', action='status', status=429, headers={'Retry-After': '1'})
        client = ApiClient(KEY, ORG, emulator.url)
        first = threading.Thread(target=client.get, args=('/users',))
        first.start()
        throttle = client._throttle  # pylint: disable=protected-access
        deadline = time.monotonic() + 10
        while throttle.until <= time.monotonic() and time.monotonic() < deadline:
            time.sleep(0.01)  # until the 429 has come back: the other thread's request must then wait
        started = time.monotonic()
        client.get('/webhooks')
        held = time.monotonic() - started
        first.join()
        assert held >= 0.3, 'the second thread was not held back (%.2f s)' % held
        routes = [entry['route'] for entry in emulator.get_journal()]
        assert routes.index('/webhooks') > routes.index('/users')
    finally:
        emulator.stop()
