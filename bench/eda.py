# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Benchmark of the Event-Driven Ansible source sftptogo.sftptogo.webhook.

1. throughput: the source alone (in this process), N signed deliveries from C concurrent clients; events per
   second accepted (204) and handed to the queue, and that none was lost;
2. delay: ansible-rulebook running a rule (a debug action) on the source; the emulator delivers uploads one by
   one; the delay from the start of each delivery to the line the rule prints (median, 95th percentile), and a
   burst of B concurrent deliveries until every rule has fired.
Usage: bench/eda.py [--events 3000] [--concurrency 32] [--deliveries 60] [--burst 300]   (make bench-eda)
Writes bench/results/eda.json and prints a summary.
"""

from __future__ import absolute_import, division, print_function

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), 'tests', 'eda'))
# pylint: disable=wrong-import-position
import aiohttp  # noqa: E402
from harness import (API_KEY, ORGANIZATION_ID, Emulator, Rulebook, free_port, load_source,  # noqa: E402
                     missing_prerequisites, sign, tool_env)

SECRET = 'bench-signing-secret-0123456789'
RULEBOOK = '''---
- name: Bench
  hosts: all
  sources:
    - sftptogo.sftptogo.webhook:
        host: 127.0.0.1
        port: "{{ SFTPTOGO_WEBHOOK_PORT }}"
        secret: "{{ SFTPTOGO_WEBHOOK_SECRET }}"
  rules:
    - name: Fire
      condition: event.sftptogo.topic == "file.created"
      action:
        debug:
          msg: "FIRED {{ event.sftptogo.id }}"
'''


def body(path='inbound/bench.csv'):
    """A signed-ready delivery body with a fresh event Id."""
    event_id = str(uuid.uuid4())
    return event_id, json.dumps({'Id': event_id, 'Topic': 'file.created', 'CreatedAt': int(time.time() * 1000),
                                 'Actor': {'Type': 'User', 'Id': 'bench'}, 'Resource': 'File',
                                 'Data': {'Path': path, 'Size': 1}}).encode()


async def send_all(url, bodies, concurrency):
    """POST every body (signed) with ``concurrency`` clients; the statuses."""
    statuses = []
    pending = list(bodies)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as session:
        async def worker():
            while pending:
                data = pending.pop()
                async with session.post(url, data=data, headers={'X-Hub-Signature': sign(SECRET, data)}) as answer:
                    statuses.append(answer.status)
        await asyncio.gather(*(worker() for _worker in range(concurrency)))
    return statuses


async def throughput(events, concurrency):
    """Events per second the source accepts and queues; nothing may be lost."""
    source = load_source()
    queue = asyncio.Queue()
    port = free_port()
    # All the clients are on 127.0.0.1 here: the cap per address is raised to their number.
    task = asyncio.ensure_future(source.main(queue, {'host': '127.0.0.1', 'port': port, 'secret': SECRET,
                                                     'max_connections_per_address': max(16, concurrency)}))
    await asyncio.sleep(0.5)
    bodies = [body()[1] for _number in range(events)]
    started = time.perf_counter()
    statuses = await send_all(f'http://127.0.0.1:{port}/sftptogo', bodies, concurrency)
    queued = set()
    while len(queued) < events and not queue.empty():
        queued.add(queue.get_nowait()['sftptogo']['id'])
    elapsed = time.perf_counter() - started
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    return {'events': events, 'concurrency': concurrency, 'seconds': round(elapsed, 3),
            'accepted': statuses.count(204), 'queued': len(queued), 'lost': events - len(queued),
            'events_per_second': round(events / elapsed, 1)}


def percentile(values, fraction):
    """The ``fraction`` quantile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(fraction * len(ordered))) - 1))]


def fired_at(rulebook, event_id):
    """The time the rule printed its line for ``event_id`` (None if not yet)."""
    marker = 'FIRED ' + event_id
    with rulebook.changed:
        return next((stamp for stamp, line in rulebook.lines if marker in line), None)


def delays(emulator, rulebook, deliveries):
    """Delay from the start of each emulator delivery to the rule's line, one delivery at a time."""
    results = []
    for number in range(deliveries):
        started = time.monotonic()
        answer = emulator.simulate_file_event(topic='file.created', path=f'inbound/bench-{number}.csv', size=1)
        event_id = answer['event']['Id']
        if not rulebook.wait_for('FIRED ' + event_id, timeout=30):
            raise RuntimeError(f'the rule did not fire for delivery {number}')
        results.append(fired_at(rulebook, event_id) - started)
        time.sleep(0.05)
    return {'deliveries': deliveries, 'median_seconds': round(statistics.median(results), 4),
            'p95_seconds': round(percentile(results, 0.95), 4), 'max_seconds': round(max(results), 4)}


def burst(rulebook, port, count):
    """``count`` concurrent deliveries: seconds until every rule fired (events per second end to end)."""
    pairs = [body() for _number in range(count)]
    started = time.monotonic()
    statuses = asyncio.run(send_all(f'http://127.0.0.1:{port}/sftptogo', [data for _id, data in pairs], 16))
    deadline = time.monotonic() + 120
    stamps = []
    while time.monotonic() < deadline:
        stamps = [fired_at(rulebook, event_id) for event_id, _data in pairs]
        if None not in stamps:
            break
        time.sleep(0.2)
    if None in stamps:
        raise RuntimeError(f'{stamps.count(None)} of {count} burst events did not fire the rule within 120 s')
    elapsed = max(stamps) - started
    return {'events': count, 'accepted': statuses.count(204), 'fired': count, 'seconds': round(elapsed, 3),
            'events_per_second': round(count / elapsed, 1)}


def with_rulebook(deliveries, burst_size):
    """Start ansible-rulebook on the bench rulebook and measure delays and a burst."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix='sftptogo-bench-eda-') as work, \
            Emulator(api_key=API_KEY, organization_id=ORGANIZATION_ID) as emulator:
        emulator.set_config(webhook_loopback_http=True)
        hook = emulator.insert_object('webhooks', {'Url': f'https://127.0.0.1:{port}/sftptogo', 'Secret': SECRET,
                                                   'Topics': ['file.created']})
        with open(os.path.join(work, 'rulebook.yml'), 'w', encoding='utf-8') as handle:
            handle.write(RULEBOOK)
        with open(os.path.join(work, 'inventory.yml'), 'w', encoding='utf-8') as handle:
            handle.write('all:\n  hosts:\n    localhost:\n      ansible_connection: local\n')
        env = tool_env(emulator, {'SFTPTOGO_WEBHOOK_PORT': str(port), 'SFTPTOGO_WEBHOOK_SECRET': hook['Secret']})
        started = time.monotonic()
        rulebook = Rulebook(['-i', os.path.join(work, 'inventory.yml'), '-r', os.path.join(work, 'rulebook.yml'),
                             '-E', 'SFTPTOGO_WEBHOOK_PORT,SFTPTOGO_WEBHOOK_SECRET'], env,
                            os.path.join(work, 'rulebook.log'))
        try:
            # Without -v there is no "Waiting for events" line: wait for the health check alone.
            if not rulebook.ready(port, timeout=120, wait_line=False):
                raise RuntimeError('ansible-rulebook did not start:\n' + rulebook.output())
            start_up = round(time.monotonic() - started, 1)
            return {'start_up_seconds': start_up, 'delay': delays(emulator, rulebook, deliveries),
                    'burst': burst(rulebook, port, burst_size)}
        finally:
            rulebook.stop()


def main():
    """Run both parts, write bench/results/eda.json, print the summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--events', type=int, default=3000)
    parser.add_argument('--concurrency', type=int, default=32)
    parser.add_argument('--deliveries', type=int, default=60)
    parser.add_argument('--burst', type=int, default=300)
    args = parser.parse_args()
    results = {'source_alone': asyncio.run(throughput(args.events, args.concurrency))}
    problems = missing_prerequisites()
    if problems:
        print('bench-eda: no ansible-rulebook part: ' + '; '.join(problems), file=sys.stderr)
    else:
        results['with_ansible_rulebook'] = with_rulebook(args.deliveries, args.burst)
    os.makedirs(os.path.join(HERE, 'results'), exist_ok=True)
    with open(os.path.join(HERE, 'results', 'eda.json'), 'w', encoding='utf-8') as handle:
        json.dump(results, handle, indent=2)
    print(json.dumps(results, indent=2))
    return 1 if results['source_alone']['lost'] else 0


if __name__ == '__main__':
    sys.exit(main())
