# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The event source sftptogo.sftptogo.webhook under unauthenticated load (part of `make eda`).

The staged source runs in a child process (the Python of .venv-eda when there, as ansible-rulebook runs it) on a
loopback port; this process attacks it: held connections each announcing a 1 MiB body, slow-loris headers, slow
bodies, oversized bodies (with Content-Length and chunked); then sieges from several loopback addresses (127.0.0.2,
127.0.0.3, ...) that keep idle, half-header, announced-body and full-body connections open and reopen them when closed,
while the service's own signed deliveries come from 127.0.0.1 and must all be answered 204 (a source that refuses
newcomers when full is starved by them). The child's memory (VmRSS) and open connections are measured before, during
and after each attack and must stay within the bounds the source documents:
  connections <= max_connections + 128 (a connection over a cap is accepted, then it or the one making way for it
  is closed on the next turn of the loop; the listener accepts up to 64 per turn); memory growth <=
  max_unverified_bytes + 300 KiB per connection; every attacking connection closed within header_timeout /
  body_timeout (+ 3 s); memory back near the baseline.
Timeouts are shortened (header_timeout 2 s, body_timeout 3 s) to keep the run under a minute and a half; the caps
are the defaults. Every loop is bounded, only loopback is used, and the child is stopped at the end whatever happens.
Usage: tests/eda/abuse.py   (after `make venv stage`; `make eda` runs it before tests/eda/end_to_end.py)
"""

from __future__ import absolute_import, division, print_function

import asyncio
import hashlib
import hmac
import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import uuid

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get('STAGE_ROOT') or os.path.join(REPO, '.build')
SOURCE = os.path.join(BUILD, 'ansible_collections', 'sftptogo', 'sftptogo', 'extensions', 'eda', 'plugins',
                      'event_source', 'webhook.py')
EDA_PYTHON = os.path.join(os.environ.get('EDA_VENV') or os.path.join(REPO, '.venv-eda'), 'bin', 'python')
SECRET = 'abuse-signing-secret-0123456789'
ARGS = {'header_timeout': 2, 'body_timeout': 3}
MIB = 1024 * 1024
PER_CONNECTION = 300 * 1024
BACKLOG = 128
# The sieges: attacker addresses (127.0.0.2, ...), connections kept per address (over the cap of 16), how long.
ATTACKERS = 10
SLOTS_PER_ADDRESS = 20
SIEGE_SECONDS = 8.0
# The service's deliveries during a siege, from 127.0.0.1: how many, one every SERVICE_SPACING s, each within 5 s.
SERVICE_DELIVERIES = 30
SERVICE_SPACING = 0.25
# Memory the source may keep once the load is gone, over its baseline (allocator caches, aiohttp's pools).
RETURN_SLACK = 8 * MIB


def load_source():
    """The staged source module."""
    spec = importlib.util.spec_from_file_location('sftptogo_eda_webhook', SOURCE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class PrintQueue:
    """The child's queue: one line per event on stdout."""

    async def put(self, event):
        """Print the event's id."""
        print('EVENT', event['sftptogo']['id'], flush=True)


def serve(port):
    """Child mode: run the source on ``port`` until killed."""
    source = load_source()
    args = dict(ARGS, host='127.0.0.1', port=port, secret=SECRET)
    asyncio.run(source.main(PrintQueue(), args))


def free_port():
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def delivery():
    """A signed delivery: (body, headers)."""
    event_id = str(uuid.uuid4())
    body = json.dumps({'Id': event_id, 'Topic': 'file.created', 'CreatedAt': int(time.time() * 1000),
                       'Actor': {'Type': 'User', 'Id': 'abuse'}, 'Data': {'Path': 'inbound/a.csv', 'Size': 1}}).encode()
    signature = 'sha256=' + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    return body, signature


class Child:
    """The source's process: its memory and its open connections."""

    def __init__(self):
        self.port = free_port()
        self.idle_sockets = 0
        python = EDA_PYTHON if os.path.exists(EDA_PYTHON) else sys.executable
        self.process = subprocess.Popen([python, os.path.abspath(__file__), '--serve', str(self.port)],
                                        stdout=subprocess.PIPE, text=True)

    def rss(self):
        """VmRSS in bytes."""
        with open(f'/proc/{self.process.pid}/status', encoding='ascii') as status:
            for line in status:
                if line.startswith('VmRSS:'):
                    return int(line.split()[1]) * 1024
        raise AssertionError('no VmRSS')

    def connections(self):
        """Open sockets of the source, the listener excepted."""
        count = 0
        fd_dir = f'/proc/{self.process.pid}/fd'
        for name in os.listdir(fd_dir):
            try:
                count += os.readlink(os.path.join(fd_dir, name)).startswith('socket:')
            except OSError:
                pass
        return count - self.idle_sockets

    def events(self):
        """The event lines printed so far (after stop)."""
        return [line for line in self.process.stdout.read().splitlines() if line.startswith('EVENT ')]

    def stop(self):
        """Stop the child."""
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


async def request(port, head, body=b'', read=True):
    """Send one raw request from 127.0.0.1; its status line's code (None when the connection was closed without an
    answer)."""
    try:
        reader, writer = await asyncio.open_connection('127.0.0.1', port, local_addr=('127.0.0.1', 0))
    except OSError:
        return None
    try:
        writer.write(head + body)
        await writer.drain()
        if not read:
            return None
        line = await asyncio.wait_for(reader.readline(), 10)
        return int(line.split()[1]) if line.startswith(b'HTTP/1.1 ') else None
    except (ConnectionError, asyncio.TimeoutError):
        return None
    finally:
        writer.close()


def post_head(length, signature='sha256=' + '0' * 64, chunked=False):
    """The head of a POST to /hook."""
    size = 'Transfer-Encoding: chunked' if chunked else f'Content-Length: {length}'
    return (f'POST /hook HTTP/1.1\r\nHost: abuse\r\nContent-Type: application/json\r\n{size}\r\n'
            f'X-Hub-Signature: {signature}\r\n\r\n').encode()


async def deliver(port):
    """One valid signed delivery; its status."""
    body, signature = delivery()
    return await request(port, post_head(len(body), signature), body)


async def wait_ready(port):
    """Until the source answers its health check (at most 20 s)."""
    for _attempt in range(200):
        if await request(port, b'GET / HTTP/1.1\r\nHost: abuse\r\nConnection: close\r\n\r\n') == 200:
            return
        await asyncio.sleep(0.1)
    raise AssertionError('the source did not start')


async def hold(port, head, first=b'', trickle=b'', seconds=30.0, address='127.0.0.1'):
    """A connection from ``address`` sending ``head`` + ``first``, then ``trickle`` every 0.5 s, until the source
    closes it (at most ``seconds``); how long it stayed open, from its establishment: the time a connect waits in the
    kernel (a SYN dropped when the listen queue overflows is sent again 1 s, then 3 s later) is not the source holding
    it, and a source that lets a late connection in instead of keeping the early ones is fairer, not slower."""
    started = time.monotonic()
    try:
        reader, writer = await asyncio.open_connection('127.0.0.1', port, local_addr=(address, 0))
    except OSError:
        return 0.0
    seconds -= time.monotonic() - started
    started = time.monotonic()
    try:
        writer.write(head + first)
        await writer.drain()
        while time.monotonic() - started < seconds:
            if trickle:
                writer.write(trickle)
                await writer.drain()
            try:
                if not await asyncio.wait_for(reader.read(65536), 0.5):
                    break
            except asyncio.TimeoutError:
                continue
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()
    return time.monotonic() - started


def chunked(size, piece=64 * 1024):
    """``size`` bytes of body in chunked transfer encoding (without the last chunk)."""
    data = b''
    while len(data) < size + size // piece * 10:
        data += b'%x\r\n' % piece + b'x' * piece + b'\r\n'
    return data


# What a besieging connection sends: (head, first bytes, trickle every 0.5 s).
SIEGE_KINDS = {
    'idle': (b'', b'', b''),
    'half-header': (b'POST /hook HTTP/1.1\r\nHost: abuse\r\n', b'', b'X-Slow: 1\r\n'),
    'announced-body': (post_head(MIB), b'{', b' '),
    'full-body': (post_head(MIB), b'x' * (MIB - 1), b''),
}


async def besiege(port, address, kind, seconds):
    """Keep one connection of ``kind`` open from ``address``, reopening it (after 0.2 s, at most 100 times) when the
    source closes it, for ``seconds``; the longest any one of them stayed open."""
    head, first, trickle = SIEGE_KINDS[kind]
    until = time.monotonic() + seconds
    longest = 0.0
    for _reopen in range(100):
        left = until - time.monotonic()
        if left <= 0:
            break
        longest = max(longest, await hold(port, head, first, trickle, seconds=left, address=address))
        await asyncio.sleep(0.2)
    return longest


async def service(port):
    """The service's signed deliveries from 127.0.0.1 during a siege, one every SERVICE_SPACING s; their statuses."""
    statuses = []
    for _delivery in range(SERVICE_DELIVERIES):
        started = time.monotonic()
        try:
            statuses.append(await asyncio.wait_for(deliver(port), 5))
        except asyncio.TimeoutError:
            statuses.append('no answer within 5 s')
        await asyncio.sleep(max(0.0, SERVICE_SPACING - (time.monotonic() - started)))
    return statuses


def siege(port, kinds):
    """Attackers on 127.0.0.2, 127.0.0.3, ... each keeping SLOTS_PER_ADDRESS connections of ``kinds`` (in turn)."""
    seconds = 1.0 + SIEGE_SECONDS  # the service starts after 1 s, once the siege is on
    return [besiege(port, f'127.0.0.{2 + number}', kinds[(number + slot) % len(kinds)], seconds)
            for number in range(ATTACKERS) for slot in range(SLOTS_PER_ADDRESS)]


def sieges(port):
    """name -> (seconds within which every connection must be closed by the source, attacker coroutines)."""
    body = ARGS['body_timeout']
    return {
        'siege: idle + half-header + announced-body from 10 addresses x20':
            (body + 3, siege(port, ['idle', 'half-header', 'announced-body'])),
        'siege: 1 MiB bodies held from 10 addresses x20 + idle':
            (body + 3, siege(port, ['full-body', 'full-body', 'idle'])),
    }


def spread(number):
    """The address of the ``number``-th attacking connection: 16 addresses (127.0.0.2 to 127.0.0.17), so that
    together they pass max_connections (128) within the cap per address (16)."""
    return f'127.0.0.{2 + number % 16}'


def attacks(port):
    """name -> (seconds within which every connection must be closed by the source, coroutines)."""
    header, body = ARGS['header_timeout'], ARGS['body_timeout']
    return {
        'held 1 MiB bodies x1000': (body + 3, [hold(port, post_head(MIB), b'x' * (MIB - 1), address=spread(n))
                                               for n in range(1000)]),
        'slow-loris headers x300': (header + 3, [hold(port, b'POST /hook HTTP/1.1\r\nHost: abuse\r\n',
                                                      trickle=b'X-Slow: 1\r\n', address=spread(n))
                                                 for n in range(300)]),
        'slow bodies x200': (body + 3, [hold(port, post_head(100000), b'{', trickle=b' ', address=spread(n))
                                        for n in range(200)]),
        'oversized bodies x100 + chunked x30': (body + 3, [hold(port, post_head(2 * MIB), b'x' * 2 * MIB,
                                                                address=spread(n)) for n in range(100)]
                                                + [hold(port, post_head(0, chunked=True), chunked(int(1.5 * MIB)),
                                                        address=spread(n)) for n in range(30)]),
    }


async def delayed_service(port):
    """The service's deliveries, starting once a siege is on."""
    await asyncio.sleep(1.0)
    return await service(port)


async def measure(child, coroutines):
    """Run the attack's coroutines while sampling the child; (their results, peak RSS, peak connections)."""
    peak = {'rss': child.rss(), 'connections': child.connections()}

    async def sample():
        while True:
            peak['rss'] = max(peak['rss'], child.rss())
            peak['connections'] = max(peak['connections'], child.connections())
            await asyncio.sleep(0.05)

    sampler = asyncio.ensure_future(sample())
    try:
        results = await asyncio.gather(*coroutines)
    finally:
        sampler.cancel()
    return results, peak['rss'], peak['connections']


async def settle(child):
    """Wait (at most 5 s) until the source has no connection open, then for its next look at the load (1 s); the
    number of connections open then."""
    for _attempt in range(50):
        if child.connections() <= 0:
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(1.0)
    return child.connections()


async def attack(child, limits, baseline, name, seconds, coroutines, besieged=False):
    """One attack, with the service's deliveries during it when ``besieged``; (failures, statuses of the valid
    deliveries)."""
    growth_bound = limits['max_unverified_bytes'] + limits['max_connections'] * PER_CONNECTION
    before = child.rss()
    results, peak_rss, peak_connections = await measure(
        child, coroutines + ([delayed_service(child.port)] if besieged else []))
    during = results.pop() if besieged else []
    left = await settle(child)
    after = child.rss()
    status = await deliver(child.port)
    print(f'{name}: RSS {before / MIB:.1f} -> peak {peak_rss / MIB:.1f} -> after {after / MIB:.1f} MiB; '
          f'connections peak {peak_connections}, after {left}; longest held {max(results):.1f} s; '
          + (f'service deliveries during it: {during.count(204)}/{len(during)} answered 204; ' if besieged else '')
          + f'valid delivery after it: {status}')
    checks = [(peak_connections <= limits['max_connections'] + BACKLOG, f'{peak_connections} connections open at once'),
              (peak_rss - before <= growth_bound, f'memory grew by {(peak_rss - before) / MIB:.1f} MiB'),
              (max(results) <= seconds, f'a connection stayed open {max(results):.1f} s (> {seconds} s)'),
              (left <= 0, f'{left} connections still open after the attack'),
              (after <= baseline + RETURN_SLACK, f'RSS stayed at {after / MIB:.1f} MiB after the attack'),
              (status == 204, f'a valid delivery after the attack was answered {status}'),
              (during.count(204) == len(during), f'service deliveries during it answered {sorted(set(during), key=str)}')]
    return [f'{name}: {message}' for ok, message in checks if not ok], during + [status]


async def run(child, limits):
    """Every attack in turn; (the failures (empty when the source held), the valid deliveries answered 204)."""
    failures = []
    await wait_ready(child.port)
    await asyncio.sleep(0.5)
    child.idle_sockets = child.connections()  # the listener and asyncio's own socket pair
    accepted = [await deliver(child.port) for _n in range(20)]
    await settle(child)
    baseline = child.rss()
    print(f'baseline: RSS {baseline / MIB:.1f} MiB; bounds: growth '
          f'{(limits["max_unverified_bytes"] + limits["max_connections"] * PER_CONNECTION) / MIB:.1f} MiB, '
          f'{limits["max_connections"]} (+ {BACKLOG} accepted or closing) connections, after the load RSS <= '
          f'baseline + {RETURN_SLACK / MIB:.0f} MiB')
    plan = [(name, seconds, coroutines, False) for name, (seconds, coroutines) in attacks(child.port).items()]
    plan += [(name, seconds, coroutines, True) for name, (seconds, coroutines) in sieges(child.port).items()]
    for name, seconds, coroutines, besieged in plan:
        found, statuses = await attack(child, limits, baseline, name, seconds, coroutines, besieged)
        failures += found
        accepted += statuses
    return failures, accepted.count(204)


def main():
    """Start the source, attack it, check the bounds; exit 1 on any failure."""
    if sys.argv[1:2] == ['--serve']:
        serve(int(sys.argv[2]))
        return 0
    limits = load_source().settings(dict(ARGS, port=1, secret=SECRET))
    started = time.monotonic()
    child = Child()
    try:
        failures, accepted = asyncio.run(run(child, limits))
    finally:
        child.stop()
    events = child.events()
    if len(events) != accepted:
        failures.append(f'{len(events)} events for {accepted} accepted valid deliveries (attacks must make none)')
    for failure in failures:
        print('FAILED:', failure)
    print(f'eda_abuse: {"FAILED" if failures else "passed"} in {time.monotonic() - started:.0f} s')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
