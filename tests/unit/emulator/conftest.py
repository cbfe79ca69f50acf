# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fixtures of the emulator's own tests: an in-process emulator per test and a small HTTP client for it."""

import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
for _path in (os.path.normpath(os.path.join(HERE, '..', '..', 'emulator')), HERE):
    if _path not in sys.path:
        sys.path.insert(0, _path)

# pylint: disable=wrong-import-position
from server import Emulator  # noqa: E402
from emulator_client import API_KEY, ORG, Client  # noqa: E402


@pytest.fixture
def emu():
    """A started emulator with a fixed seed; stopped after the test."""
    with Emulator(api_key=API_KEY, organization_id=ORG, seed=7) as emulator:
        yield emulator


@pytest.fixture
def client(emu):  # pylint: disable=redefined-outer-name
    """An HTTP client for ``emu``."""
    return Client(emu)


@pytest.fixture
def root(client):  # pylint: disable=redefined-outer-name
    """The seeded Root credential."""
    return client.api('GET', '/users').json[0]


@pytest.fixture
def cred(client):  # pylint: disable=redefined-outer-name
    """A fresh credential (UserName partner-0001)."""
    return client.create_user()
