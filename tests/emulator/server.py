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
import socket
import sys
import threading
import traceback

import control
import dispatch
from common import Response
from facade import ControlFacade
from transport import Server, Server6

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
        raise ValueError('host must be a loopback address, got %r' % host) from None
    if not address.is_loopback:
        raise ValueError('host must be a loopback address, got %r' % host)
    return str(address)


class Emulator(ControlFacade):  # pylint: disable=too-many-instance-attributes
    """The emulator: an organization's state behind a loopback HTTP server, plus the control functions."""

    def __init__(self, api_key=DEFAULT_API_KEY, organization_id=DEFAULT_ORGANIZATION_ID, seed=None, host='127.0.0.1',
                 port=0, config=None, max_lifetime=None, verbose=False):
        self.api_key = api_key
        self.organization_id = organization_id
        self.seed = seed
        self.host = loopback(host)
        self.verbose = verbose
        self.lock = threading.RLock()
        self.config = self.store = self.journal = self.faults = self.ambiguous_creates = None
        self.init_state(config)
        self._address = (self.host, port)
        self._max_lifetime = max_lifetime
        self._stopping = threading.Event()
        self._stop_lock = threading.Lock()
        self._connections = set()
        self._server = self._thread = self._timer = None

    # lifecycle --------------------------------------------------------------------------------------
    def start(self):
        """Bind (port 0 = a free port) and serve in a daemon thread; returns self."""
        server_class = Server6 if ':' in self.host else Server
        self._server = server_class(self._address, self)
        self._thread = threading.Thread(target=self._server.serve_forever, name='sftptogo-emulator', daemon=True)
        self._thread.start()
        if self._max_lifetime:
            self._timer = threading.Timer(self._max_lifetime, self.request_shutdown)
            self._timer.daemon = True
            self._timer.start()
        return self

    @property
    def port(self):
        """The TCP port the server listens on."""
        return self._server.server_address[1] if self._server else None

    @property
    def url(self):
        """Base URL of the server (use it as the collection's ``api_url``)."""
        host = '[%s]' % self.host if ':' in self.host else self.host
        return 'http://%s:%s' % (host, self.port)

    @property
    def api_url(self):
        """URL prefix of the organization's API."""
        return '%s/organizations/%s' % (self.url, self.organization_id)

    def stop(self):
        """Stop serving, close open connections; safe to call more than once."""
        with self._stop_lock:
            server, self._server = self._server, None
        self._stopping.set()
        if server is None:
            return
        if self._timer is not None:
            self._timer.cancel()
        server.shutdown()
        server.server_close()
        with self.lock:
            connections = list(self._connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._thread.join(5)

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

    def track_connection(self, connection, is_open):
        """Remember open client connections, so that stop() can close idle keep-alive ones."""
        with self.lock:
            if is_open:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

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
    temporary = '%s.%d.tmp' % (path, os.getpid())
    with open(temporary, 'w', encoding='ascii') as handle:
        handle.write('%d\n' % port)
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
        print('sftptogo emulator: %s' % err, file=sys.stderr)
        return 2
    port = emulator.port
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: emulator.request_shutdown())
    if args.port_file:
        write_port_file(args.port_file, port)
    print('sftptogo emulator listening on %s (organization %s)' % (emulator.url, args.organization_id), flush=True)
    requested = emulator.wait(args.max_lifetime if args.max_lifetime > 0 else None)
    emulator.stop()
    if args.port_file:
        remove_port_file(args.port_file, port)
    print('sftptogo emulator stopped (%s)' % ('shutdown requested' if requested else 'maximum lifetime reached'), flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
