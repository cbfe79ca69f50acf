# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Local emulator of the SFTP To Go management API, for unit and integration tests, the benchmark and the demo.

Command line::

    python3 tests/emulator/server.py [--host 127.0.0.1] [--port 0] [--port-file PATH] [--api-key KEY]
                                     [--organization-id ORG] [--seed N] [--max-lifetime SECONDS] [--verbose]

In process::

    from server import Emulator
    emu = Emulator(api_key='k', organization_id='...', seed=1).start()   # a thread, free port
    emu.url, emu.port, emu.get_journal(), emu.add_fault(...), emu.stop()

See README.md next to this file for the control API, the switches and the fault actions.
"""

import argparse
import ipaddress
import os
import signal
import sys
import threading
import traceback

import control
import dispatch
from common import Response
from facade import ControlFacade
from transport import ServerThread

DEFAULT_API_KEY = 'emulator-api-key'
DEFAULT_ORGANIZATION_ID = '72e9cf24-be8c-4f15-9aa2-813281fb98fe'
DEFAULT_MAX_LIFETIME = 3600


def loopback(host):
    """The address to bind for ``host``; ValueError unless it is a loopback address."""
    if host == 'localhost':
        return '127.0.0.1'
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise ValueError(f'host must be a loopback address, got {host!r}') from None
    if not address.is_loopback:
        raise ValueError(f'host must be a loopback address, got {host!r}')
    return str(address)


class Emulator(ControlFacade):
    """The emulator: an organization's state behind a loopback HTTP server, plus the control functions."""

    def __init__(self, api_key=DEFAULT_API_KEY, organization_id=DEFAULT_ORGANIZATION_ID, seed=None,  # pylint: disable=too-many-arguments
                 *, host='127.0.0.1', port=0, config=None, max_lifetime=None, verbose=False):
        super().__init__(organization_id, seed, config)
        self.api_key = api_key
        self.verbose = verbose
        self._address = (loopback(host), port)
        self._max_lifetime = max_lifetime
        self._stopping = threading.Event()
        self._runner = None

    # lifecycle --------------------------------------------------------------------------------------
    def start(self):
        """Bind (port 0 = a free port) and serve in a daemon thread; returns self."""
        self._runner = ServerThread(self._address, self)
        if self._max_lifetime:
            timer = threading.Timer(self._max_lifetime, self.request_shutdown)
            timer.daemon = True
            timer.start()
        return self

    @property
    def port(self):
        """The TCP port the server listens on (None before start)."""
        return self._runner.port if self._runner else None

    @property
    def url(self):
        """Base URL of the server (use it as the collection's ``api_url``)."""
        host = self._address[0]
        if ':' in host:
            host = f'[{host}]'
        return f'http://{host}:{self.port}'

    @property
    def api_url(self):
        """URL prefix of the organization's API."""
        return f'{self.url}/organizations/{self.organization_id}'

    def health(self):
        """Where the emulator listens and for which organization."""
        return {'status': 'ok', 'url': self.url, 'api_url': self.api_url, 'organization_id': self.organization_id,
                'pid': os.getpid()}

    def stop(self):
        """Stop serving and close open connections; safe to call more than once."""
        self._stopping.set()
        if self._runner is not None:
            self._runner.stop()

    def request_shutdown(self):
        """Stop soon, from any thread (the control API, a signal handler, the lifetime timer)."""
        self._stopping.set()
        threading.Thread(target=self.stop, daemon=True).start()

    def wait(self, timeout=None):
        """Block until a shutdown is requested or ``timeout`` seconds pass; True when requested."""
        return self._stopping.wait(timeout)

    def sleep(self, seconds):
        """Sleep for a delay fault, waking early when the emulator stops."""
        self._stopping.wait(seconds)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # requests -------------------------------------------------------------------------------------------
    def handle(self, request):
        """Answer one HTTP request: the control API or the organization's API."""
        try:
            if control.is_control(request.path):
                with self.lock:
                    return control.handle(self, request)
            return dispatch.handle_api(self, request)
        except Exception:  # pylint: disable=broad-except
            traceback.print_exc()
            return Response.json(500, {'message': 'emulator internal error (see its stderr)'})


def parse_args(argv=None):
    """Command-line options."""
    parser = argparse.ArgumentParser(description='Local emulator of the SFTP To Go management API (loopback only).')
    parser.add_argument('--host', default='127.0.0.1', help='loopback address to bind (default 127.0.0.1)')
    parser.add_argument('--port', type=int, default=0, help='TCP port; 0 picks a free one (default)')
    parser.add_argument('--port-file', help='write the port number here (atomically) once listening')
    parser.add_argument('--api-key', default=DEFAULT_API_KEY, help='the accepted API key (default %(default)s)')
    parser.add_argument('--organization-id', default=DEFAULT_ORGANIZATION_ID, help='the organization (default %(default)s)')
    parser.add_argument('--seed', type=int, default=None, help='seed of the random generator (ids, passwords, host)')
    parser.add_argument('--max-lifetime', type=float, default=DEFAULT_MAX_LIFETIME,
                        help='exit after this many seconds; 0 = never (default %(default)s)')
    parser.add_argument('--verbose', action='store_true', help='log every request to stderr')
    return parser.parse_args(argv)


def write_port_file(path, port):
    """Write ``port`` and a newline to ``path`` atomically (temporary file, then rename)."""
    temporary = f'{path}.{os.getpid()}.tmp'
    with open(temporary, 'w', encoding='ascii') as handle:
        handle.write(f'{port}\n')
    os.replace(temporary, path)


def remove_port_file(path, port):
    """Remove the port file if it still names this server."""
    try:
        with open(path, encoding='ascii') as handle:
            if handle.read().strip() == str(port):
                os.remove(path)
    except OSError:
        pass


def main(argv=None):
    """Run the emulator until SIGTERM/SIGINT, POST /__emulator/shutdown or the end of its lifetime."""
    args = parse_args(argv)
    try:
        emulator = Emulator(api_key=args.api_key, organization_id=args.organization_id, seed=args.seed,
                            host=args.host, port=args.port, verbose=args.verbose).start()
    except (OSError, ValueError) as err:
        print(f'sftptogo emulator: {err}', file=sys.stderr)
        return 2
    port = emulator.port
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *args: emulator.request_shutdown())
    if args.port_file:
        write_port_file(args.port_file, port)
    print(f'sftptogo emulator listening on {emulator.url} (organization {args.organization_id})', flush=True)
    requested = emulator.wait(args.max_lifetime if args.max_lifetime > 0 else None)
    emulator.stop()
    if args.port_file:
        remove_port_file(args.port_file, port)
    print(f"sftptogo emulator stopped ({'shutdown requested' if requested else 'maximum lifetime reached'})", flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
