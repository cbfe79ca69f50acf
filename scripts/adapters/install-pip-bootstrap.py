# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Put the offline get-pip stand-in where ansible-test looks for its cached bootstrap script.

Run with the interpreter that has ansible-test (ansible-core) installed. For every pip version
ansible-test wants (one per Python version it knows), writes
~/.ansible/test/cache/get_pip_<version>.py from scripts/adapters/get_pip_standin.py. An existing file is
replaced only when it is an older copy of the stand-in, never a real get-pip.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys
import types

STANDIN = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'get_pip_standin.py')
MARKER = 'sftptogo-get-pip-standin'


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


def main():
    """Install the stand-in for every pip version ansible-test may bootstrap."""
    with open(STANDIN) as standin:
        content = standin.read()
    try:
        versions = wanted_pip_versions()
    except ImportError as ex:
        sys.exit('install-pip-bootstrap: cannot ask ansible-test for its pip version (%s); run me with the venv python' % ex)
    for pip_version in versions:
        print('pip bootstrap stand-in %s' % install(pip_version, content))


if __name__ == '__main__':
    main()
