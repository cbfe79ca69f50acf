# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one launcher of the emulator outside Python: ``python3 tests/emulator [OPTIONS] [-- COMMAND...]``.

Without a command it serves until Ctrl-C (or ``--max-lifetime``) and prints the ``export`` lines that
point the collection at it. With a command it starts, runs the command with ``SFTPTOGO_API_URL``,
``SFTPTOGO_API_KEY`` and ``SFTPTOGO_ORGANIZATION_ID`` set, stops, and exits with the command's status.
``--vars-file`` also writes the connection as Ansible variables (JSON), for ansible-test, which strips the
environment. In Python, use ``server.Emulator`` as a context manager instead (``with Emulator() as emu:``).
"""

import argparse
import json
import os
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# pylint: disable-next=wrong-import-position
from server import DEFAULT_API_KEY, DEFAULT_ORGANIZATION_ID, DEFAULT_MAX_LIFETIME, Emulator, write_port_file  # noqa: E402


def parse_args(argv):
    """Options, and the command after ``--`` (empty: serve until stopped)."""
    command = []
    if '--' in argv:
        command = argv[argv.index('--') + 1:]
        argv = argv[:argv.index('--')]
    parser = argparse.ArgumentParser(prog='python3 tests/emulator', description=__doc__.splitlines()[0])
    parser.add_argument('--host', default='127.0.0.1', help='loopback address to bind (default 127.0.0.1)')
    parser.add_argument('--port', type=int, default=0, help='TCP port; 0 picks a free one (default)')
    parser.add_argument('--port-file', help='write the port number here once listening')
    parser.add_argument('--vars-file', help='write the connection here as Ansible variables (JSON) once listening')
    parser.add_argument('--api-key', default=DEFAULT_API_KEY, help='the accepted API key (default %(default)s)')
    parser.add_argument('--organization-id', default=DEFAULT_ORGANIZATION_ID, help='default %(default)s')
    parser.add_argument('--seed', type=int, default=None, help='seed of the random generator (ids, passwords, host)')
    parser.add_argument('--max-lifetime', type=float, default=DEFAULT_MAX_LIFETIME,
                        help='stop after this many seconds; 0 = never (default %(default)s)')
    parser.add_argument('--webhook-loopback-http', action='store_true',
                        help='deliver simulated file events to https:// webhook URLs on loopback hosts over plain http '
                             '(switch webhook_loopback_http; make emulator sets it)')
    parser.add_argument('--verbose', action='store_true', help='log every request to stderr')
    parser.add_argument('--quiet', action='store_true', help='print nothing when serving without a command')
    return parser.parse_args(argv), command


def connection(emulator):
    """The environment that points the collection at ``emulator``."""
    return {'SFTPTOGO_API_URL': emulator.url, 'SFTPTOGO_API_KEY': emulator.api_key,
            'SFTPTOGO_ORGANIZATION_ID': emulator.organization_id}


def write_vars_file(path, emulator):
    """The connection as the variables setup_emulator and the modules' options use (mode 0600)."""
    variables = {'emulator_url': emulator.url, 'sftptogo_api_url': emulator.url,
                 'sftptogo_api_key': emulator.api_key, 'sftptogo_organization_id': emulator.organization_id}
    descriptor = os.open(path + '.tmp', os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, 'w') as handle:
        json.dump(variables, handle)
    os.replace(path + '.tmp', path)


def print_banner(emulator, lifetime, loopback_http):
    """Where it serves, what it simulates, and the export lines for another shell."""
    print('SFTP To Go API emulator at %s (simulated: no SFTP server, no e-mail; webhooks get only the file events'
          ' simulated with POST /__emulator/file-events).' % emulator.url)
    if loopback_http:
        # The service delivers to https only; a local receiver (ansible-rulebook) has no certificate.
        print('Deliveries to https:// webhook URLs on loopback hosts (127.0.0.1, localhost) go over plain http'
              ' (--webhook-loopback-http).')
    print('In another shell:')
    for name, value in connection(emulator).items():
        print('  export %s=%s' % (name, value))
    print('Stops on Ctrl-C%s. Its state: curl %s/__emulator/state' % (
        ' or after %d s' % lifetime if lifetime else '', emulator.url), flush=True)


def main(argv=None):
    """Start the emulator, then serve or run the command; the exit status is the command's."""
    args, command = parse_args(sys.argv[1:] if argv is None else argv)
    lifetime = args.max_lifetime if args.max_lifetime > 0 else None
    config = {'webhook_loopback_http': True} if args.webhook_loopback_http else None
    with Emulator(api_key=args.api_key, organization_id=args.organization_id, seed=args.seed, host=args.host,
                  port=args.port, config=config, max_lifetime=lifetime, verbose=args.verbose) as emulator:
        if args.port_file:
            write_port_file(args.port_file, emulator.port)
        if args.vars_file:
            write_vars_file(args.vars_file, emulator)
        if command:
            try:
                return subprocess.call(command, env=dict(os.environ, **connection(emulator)))
            except OSError as err:
                print('emulator: cannot run %s: %s' % (command[0], err), file=sys.stderr)
                return 127
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *dummy: emulator.request_shutdown())
        if not args.quiet:
            print_banner(emulator, lifetime, args.webhook_loopback_http)
        emulator.wait()
    return 0


if __name__ == '__main__':
    sys.exit(main())
