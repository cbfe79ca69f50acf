# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""password_max_age on declared credentials: a generated password older than the limit is rotated, said in the
check's drift and summary, part of the plan, returned once like a created one; a declared password never is."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.modules.test_sftptogo_organization import (  # noqa: F401 pylint: disable=unused-import
    org, writes)

OLD = 'aged-partner-01'
DECLARED = 'declared-partner-01'
DAY = 24 * 3600


@pytest.fixture
def aged(org, emu):  # noqa: F811
    """Two credentials whose passwords are 400 days old: one generated, one declared (Declared-pass-0001)."""
    emu.advance_clock(-400 * DAY)
    org(credentials=[dict(username=OLD), dict(username=DECLARED, password='Declared-pass-0001')])
    emu.advance_clock(400 * DAY)
    writes(emu)
    return [dict(username=OLD, password_max_age=365),
            dict(username=DECLARED, password='Declared-pass-0001', password_max_age=30)]


def test_the_check_says_why_and_plans_the_rotation(org, emu, aged):  # noqa: F811
    check = org(check_mode=True, credentials=aged)
    assert check['changed'] and writes(emu) == []
    assert check['summary'][1:] == [
        'credential %s: update password: (hidden) -> (hidden, changed); rotate password (400 days old, max 365)' % OLD]
    assert check['drift'][0]['reason'] == 'rotate password (400 days old, max 365)'
    assert check['created_passwords'] == {}
    # the age grows daily, the plan stays the same: the approved rotation applies the next day too
    again = org(check_mode=True, credentials=[dict(aged[0], password_max_age=366), aged[1]])
    assert again['plan_id'] == check['plan_id']


def test_the_rotation_returns_the_new_password_once_and_a_second_run_changes_nothing(org, emu, aged):  # noqa: F811
    plan = org(check_mode=True, credentials=aged)
    done = org(credentials=aged, approved_plan=plan['plan_id'])
    (method, route), = writes(emu)
    assert done['changed'] and method == 'POST' and route.endswith('/credential-rotations')
    new = done['created_passwords'][OLD]
    assert len(new) >= 16 and DECLARED not in done['created_passwords']
    assert new not in str(done['summary']) and new not in str(done['drift'])
    second = org(credentials=aged)
    assert not second['changed'] and writes(emu) == [] and second['created_passwords'] == {}
