# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the benchmarks share: the emulator (in process) and the environment of their ansible-playbook runs."""

from __future__ import absolute_import, division, print_function

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, 'tests', 'emulator'))
# The emulator's own launcher, in a thread of this process: `with Emulator(...) as emulator:`.
from server import Emulator  # noqa: E402,F401 pylint: disable=wrong-import-position,unused-import

API_KEY = 'emulator-api-key'
ORGANIZATION_ID = '72e9cf24-be8c-4f15-9aa2-813281fb98fe'
ANSIBLE_PLAYBOOK = os.path.join(os.path.dirname(sys.executable), 'ansible-playbook')


def take_journal(emulator):
    """The requests since the last call, clearing the journal."""
    entries = emulator.get_journal()
    emulator.clear_journal()
    return entries


def playbook_env(emulator, collections_path):
    """The environment of an ansible-playbook run against ``emulator`` with the staged collection."""
    return dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_path, SFTPTOGO_API_URL=emulator.url,
                SFTPTOGO_API_KEY=API_KEY, SFTPTOGO_ORGANIZATION_ID=ORGANIZATION_ID,
                ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false',
                ANSIBLE_PYTHON_INTERPRETER=sys.executable)
