# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Offline stand-in for the get-pip.py bootstrap script that ansible-test downloads.

ansible-test bootstraps pip into each virtual environment it creates by running
~/.ansible/test/cache/get_pip_<version>.py, which it downloads from a host that is not
reachable from here. scripts/adapters/install-pip-bootstrap.py copies this file to that path.
It installs pip from the interpreter's bundled wheel (ensurepip), then the pip version
ansible-test asked for from the package index. Arguments are those of get-pip.py:
pip options and requirement specifiers, plus --no-setuptools / --no-wheel.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib.util
import subprocess
import sys

MARKER = 'sftptogo-get-pip-standin'
GET_PIP_ONLY_OPTIONS = ('--no-setuptools', '--no-wheel', '--no-pip')


def run(*args):
    """Run this interpreter with the given arguments, failing on a non-zero exit."""
    subprocess.check_call((sys.executable,) + args)


def main():
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


if __name__ == '__main__':
    main()
