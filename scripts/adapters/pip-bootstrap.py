# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Offline stand-in for the get-pip.py bootstrap script that ansible-test downloads, and its installer.

ansible-test bootstraps pip into each virtual environment it creates by running
~/.ansible/test/cache/get_pip_<version>.py, which it downloads from a host that is not reachable from here;
it looks in that cache first.

- Run with --install-stand-in (scripts/sanity does, with the Python that has ansible-test): writes a copy of
  itself as get_pip_<version>.py for every pip version ansible-test wants (one per Python version it knows). An
  existing file is replaced only when it is an older copy of this stand-in, never a real get-pip.py.
- Run otherwise, as such a copy (by ansible-test, with get-pip.py's arguments: pip options and requirement
  specifiers, plus --no-setuptools / --no-wheel): installs pip from the interpreter's bundled wheel (ensurepip),
  then the pip version ansible-test asked for from the package index.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib.util
import os
import subprocess
import sys
import types

MARKER = 'sftptogo-get-pip-standin'
GET_PIP_ONLY_OPTIONS = ('--no-setuptools', '--no-wheel', '--no-pip')


def run(*args):
    """Run this interpreter with the given arguments, failing on a non-zero exit."""
    subprocess.check_call((sys.executable,) + args)


def get_pip():
    """Install pip with ensurepip, then the requested packages with that pip."""
    args = sys.argv[1:]
    requested = [arg for arg in args if not arg.startswith('-')]
    pip_options = [arg for arg in args if arg.startswith('-') and arg not in GET_PIP_ONLY_OPTIONS]
    had_setuptools = importlib.util.find_spec('setuptools') is not None

    run('-m', 'ensurepip', '--default-pip')

    if requested:
        run('-m', 'pip', 'install', '--quiet', *(pip_options + requested))

    if '--no-setuptools' in args and not had_setuptools and importlib.util.find_spec('setuptools') is not None:
        # ensurepip of Python < 3.12 also installs setuptools; get-pip.py would not have
        run('-m', 'pip', 'uninstall', '--quiet', '--yes', 'setuptools')


def wanted_pip_versions():
    """Return the pip versions ansible-test bootstraps, asking ansible-test itself."""
    # pylint: disable-next=import-outside-toplevel
    from ansible_test._internal.python_requirements import get_venv_packages
    from ansible_test._internal.constants import SUPPORTED_PYTHON_VERSIONS  # pylint: disable=import-outside-toplevel

    versions = set()
    for python_version in SUPPORTED_PYTHON_VERSIONS:
        versions.add(get_venv_packages(types.SimpleNamespace(version=python_version))['pip'])
    return sorted(versions)


def install(pip_version, content):
    """Write the stand-in for one pip version; return a line saying what happened."""
    cache_dir = os.path.expanduser('~/.ansible/test/cache')
    path = os.path.join(cache_dir, 'get_pip_%s.py' % pip_version.replace('.', '_'))
    if os.path.exists(path):
        with open(path) as existing:
            current = existing.read()
        if current == content:
            return 'up to date: %s' % path
        if MARKER not in current:
            return 'kept (not ours, probably the real get-pip.py): %s' % path
    if not os.path.isdir(cache_dir):
        os.makedirs(cache_dir)
    with open(path + '.tmp', 'w') as new:
        new.write(content)
    os.rename(path + '.tmp', path)
    return 'installed: %s' % path


def install_all():
    """Install the stand-in for every pip version ansible-test may bootstrap."""
    with open(os.path.abspath(__file__)) as standin:
        content = standin.read()
    try:
        versions = wanted_pip_versions()
    except ImportError as ex:
        sys.exit('pip-bootstrap: cannot ask ansible-test for its pip version (%s); run me with the venv python' % ex)
    for pip_version in versions:
        print('pip bootstrap stand-in %s' % install(pip_version, content))


if __name__ == '__main__':
    if sys.argv[1:] == ['--install-stand-in']:
        install_all()
    else:
        get_pip()
