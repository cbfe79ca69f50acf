# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""HTTP plumbing: the threaded loopback server, request reading, response writing and connection resets."""

import select
import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY = 10 * 1024 * 1024


class Request:  # pylint: disable=too-few-public-methods
    """One HTTP request as the emulator sees it: method, path, query, lower-case headers, raw body."""

    def __init__(self, method, target, headers, raw, peer_closed=None):
        self.method = method.upper()
        target = target.split('#', 1)[0]
        self.path, dummy, self.query = target.partition('?')
        self.headers = {name.lower(): value for name, value in headers.items()}
        self.raw = raw or b''
        self.peer_closed = peer_closed or (lambda: False)


class Handler(BaseHTTPRequestHandler):
    """Hands every request to ``server.emulator.handle`` and writes back what it answers."""

    protocol_version = 'HTTP/1.1'
    server_version = 'SftpToGoEmulator/1.0'
    timeout = 120
    # Headers and body are written separately: with Nagle's algorithm on, the body then waits for the
    # client's delayed ACK (about 40 ms a response on Linux), a delay no real server adds.
    disable_nagle_algorithm = True

    def version_string(self):
        return self.server_version

    def setup(self):
        super().setup()
        self.server.track_connection(self.connection, 'idle')

    def finish(self):
        try:
            super().finish()
        finally:
            self.server.track_connection(self.connection, None)

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        if self.server.emulator.verbose:
            super().log_message(format, *args)

    def do_GET(self):  # pylint: disable=invalid-name
        """GET."""
        self._serve()

    do_POST = do_PATCH = do_DELETE = do_PUT = do_GET

    def _serve(self):
        """Answer one request; while it runs, stopping the server waits for it."""
        self.server.track_connection(self.connection, 'busy')
        try:
            self._answer()
        finally:
            if not self.server.track_connection(self.connection, 'idle'):
                self.close_connection = True

    def _answer(self):
        """Read, hand over, answer (or reset the connection)."""
        raw = self._read_body()
        if raw is None:
            return
        request = Request(self.command, self.path, self.headers, raw, self._peer_closed)
        response = self.server.emulator.handle(request)
        if response.reset:
            self._reset()
            return
        try:
            self.send_response(response.status)
            for name, value in response.headers:
                self.send_header(name, value)
            self.send_header('Content-Length', str(len(response.body)))
            self.end_headers()
            self.wfile.write(response.body)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionError):
            self.close_connection = True

    def _read_body(self):
        """The request body (Content-Length or chunked); None after answering a malformed request."""
        if 'chunked' in self.headers.get('Transfer-Encoding', '').lower():
            return self._read_chunked()
        try:
            length = int(self.headers.get('Content-Length') or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self.send_error(400 if length < 0 else 413)
            return None
        return self.rfile.read(length) if length else b''

    def _read_chunked(self):
        """Decode a chunked request body."""
        chunks = []
        total = 0
        while True:
            line = self.rfile.readline(1024).split(b';', 1)[0].strip()
            try:
                size = int(line, 16)
            except ValueError:
                self.send_error(400)
                return None
            total += size
            if total > MAX_BODY:
                self.send_error(413)
                return None
            if size == 0:
                while self.rfile.readline(1024).strip():
                    pass
                return b''.join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline(1024)

    def _peer_closed(self):
        """True when the client has already closed its side (e.g. it timed out while a delay fault slept)."""
        try:
            readable = select.select([self.connection], [], [], 0)[0]
            return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b''
        except (OSError, ValueError):
            return True

    def _reset(self):
        """Close the connection with a TCP reset and no response at all."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
            self.connection.close()
        except OSError:
            pass


def _shutdown(connection):
    """Shut a socket down in both directions (a blocked read in its handler thread then returns)."""
    try:
        connection.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class Server(ThreadingHTTPServer):
    """Threaded HTTP server bound to a loopback address; knows its emulator."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, emulator):
        self.emulator = emulator
        self.connections = {}
        self.connections_changed = threading.Condition()
        self.stopping = False
        super().__init__(address, Handler)

    def track_connection(self, connection, state):
        """Record a client connection as 'idle', 'busy' (answering) or gone (None); False once stopping."""
        with self.connections_changed:
            if state is None:
                self.connections.pop(connection, None)
            else:
                self.connections[connection] = state
            if self.stopping and state == 'idle':
                _shutdown(connection)
            self.connections_changed.notify_all()
            return not self.stopping

    def close_connections(self, timeout):
        """Close idle connections at once; let busy ones finish their answer (up to ``timeout`` seconds)."""
        deadline = time.monotonic() + timeout
        with self.connections_changed:
            self.stopping = True
            while True:
                for connection, state in list(self.connections.items()):
                    if state == 'idle':
                        self.connections[connection] = 'closing'
                        _shutdown(connection)
                remaining = deadline - time.monotonic()
                if 'busy' not in self.connections.values() or remaining <= 0:
                    return
                self.connections_changed.wait(remaining)

    def handle_error(self, request, client_address):
        """Client disconnects are normal here (resets, timeouts); show other errors when verbose."""
        if self.emulator.verbose:
            super().handle_error(request, client_address)


class Server6(Server):
    """The same on an IPv6 loopback address."""

    address_family = socket.AF_INET6


class ServerThread:  # pylint: disable=too-few-public-methods
    """A Server running in a daemon thread: start, port, stop (idempotent, closes open connections too)."""

    def __init__(self, address, emulator):
        server_class = Server6 if ':' in address[0] else Server
        self.server = server_class(address, emulator)
        self.port = self.server.server_address[1]
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={'poll_interval': 0.01},
                                        name='sftptogo-emulator', daemon=True)
        self._thread.start()

    def stop(self):
        """Stop serving: close the listening socket, let answers in progress finish, close every connection.

        A second caller (e.g. the main thread after a shutdown request) waits until the first one is done.
        """
        with self._lock:
            server, self.server = self.server, None
            if server is None:
                return
            server.shutdown()
            server.server_close()
            server.close_connections(timeout=5)
            self._thread.join(5)
