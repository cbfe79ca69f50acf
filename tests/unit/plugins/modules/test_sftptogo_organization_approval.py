# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Approval that cannot be bypassed, an apply that writes only what the plan showed, empty purges judged on what stays,
and a summary that counts what was done."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _organization, _organization_module
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.modules.test_sftptogo_organization import (  # noqa: F401 pylint: disable=unused-import
    KEY_A, KEY_B, existing, org, user, writes)

STOPPED = 'stopped before a write the approved plan does not show'


def keys_of(emu, username):
    """The key bodies of one credential, as the emulator holds them."""
    state = emu.get_state()
    owner = [u for u in state['users'] if u['UserName'] == username][0]
    return sorted(k['SshPublicKeyBody'] for k in state['ssh_public_keys'] if k['UserId'] == owner['Id'])


# -- approval cannot be switched off by a missing value -------------------------------------------------------

@pytest.mark.parametrize('value, shown', [(None, 'null'), ('', 'empty'), ('   ', 'empty')])
@pytest.mark.parametrize('require', [False, True])
def test_a_null_or_empty_plan_fails_before_any_request(org, emu, value, shown, require):
    emu.clear_journal()
    result = org(approved_plan=value, require_approval=require, credentials=[dict(username='new-partner-01')])
    assert result['failed'] and result['msg'].startswith('approved_plan is %s: a missing plan never switches approval off'
                                                         % shown)
    assert emu.get_journal() == []


def test_require_approval_without_a_plan_fails_before_any_request(org, emu):
    emu.clear_journal()
    result = org(require_approval=True, credentials=[dict(username='new-partner-01')])
    assert result['failed'] and result['msg'].startswith('require_approval is true but no approved_plan was given')
    assert emu.get_journal() == []


def test_require_approval_plans_in_check_mode_and_applies_an_approved_plan(org, emu):
    declaration = dict(require_approval=True, credentials=[dict(username='new-partner-01')])
    plan = org(check_mode=True, **declaration)
    assert not plan['failed'] and plan['changed'] and writes(emu) == []
    done = org(approved_plan=plan['plan_id'], **declaration)
    assert not done['failed'] and done['plan_id'] == plan['plan_id']
    assert writes(emu) == [('POST', '/users')]


# -- an approved run writes only what the plan showed ----------------------------------------------------------

def planned_keys(emu):
    """A credential with one key, declared with two: the plan adds KEY_B."""
    cred = user(emu, 'acme-partner-01')
    emu.insert_object('ssh-public-keys', {'SshPublicKeyBody': KEY_A}, user_id=cred['Id'])
    return cred, dict(credentials=[dict(username='acme-partner-01', ssh_keys=[KEY_A, KEY_B])])


LATE = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGRlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+AgYKD late@elsewhere'


def add_a_key_after_the_check_pass(monkeypatch, emu, cred):
    """Another client adds a key between the apply's own check pass and its writes."""
    checked_plan = _organization_module.checked_plan

    def then_a_key(*args):
        planned = checked_plan(*args)
        emu.insert_object('ssh-public-keys', {'SshPublicKeyBody': LATE}, user_id=cred['Id'])
        return planned
    monkeypatch.setattr(_organization_module, 'checked_plan', then_a_key)


def test_a_key_added_between_the_check_and_the_apply_is_not_touched(org, emu, monkeypatch):
    cred, declaration = planned_keys(emu)
    plan = org(check_mode=True, **declaration)
    add_a_key_after_the_check_pass(monkeypatch, emu, cred)
    emu.clear_journal()
    done = org(approved_plan=plan['plan_id'], **declaration)
    assert not done['failed'], done['msg']
    assert done['plan_id'] == plan['plan_id']
    key_reads = [e for e in emu.get_journal() if e['method'] == 'GET' and e['route'].endswith('/ssh-public-keys')]
    assert len(key_reads) == 1  # the check pass's read is the apply's: nothing that appeared since is acted on
    assert writes(emu) == [('POST', '/users/%s/ssh-public-keys' % cred['Id'])]
    assert LATE in keys_of(emu, 'acme-partner-01')


def test_each_write_is_checked_against_the_plan(org, emu, monkeypatch):
    # Were the keys read again (as before), the apply would remove the late key: the check of each write stops it.
    cred, declaration = planned_keys(emu)
    plan = org(check_mode=True, **declaration)
    add_a_key_after_the_check_pass(monkeypatch, emu, cred)
    follow = _organization.Organization.follow

    def read_again(self, planned):
        follow(self, planned)
        self.known_members = None
        return self
    monkeypatch.setattr(_organization.Organization, 'follow', read_again)
    emu.clear_journal()
    done = org(approved_plan=plan['plan_id'], **declaration)
    assert done['failed'] and STOPPED in done['msg']
    assert "the plan says 'ssh keys of credential acme-partner-01: add SHA256:" in done['msg']
    assert 'remove SHA256:' in done['msg'] and 'Check again and approve the new plan' in done['msg']
    assert writes(emu) == []  # stopped before the first write of the item
    assert LATE in keys_of(emu, 'acme-partner-01')


def test_a_409_during_an_approved_apply_fails_instead_of_adopting(org, emu):
    declaration = dict(credentials=[dict(username='new-partner-01', permission='full', home_directory='/partners/new')])
    plan = org(check_mode=True, **declaration)
    # another client creates the same user name just before the apply's create
    emu.add_fault(method='POST', route='/users', action='race', other_body=dict(Permission='read-only'))
    emu.clear_journal()
    done = org(approved_plan=plan['plan_id'], **declaration)
    assert done['failed'] and 'the API answered 409: another client created it since the plan' in done['msg']
    assert "the approved plan says 'credential new-partner-01: create" in done['msg']
    assert 'It was not adopted, and nothing of it was changed' in done['msg']
    posts = [(e['method'], e['route'], e['status']) for e in emu.get_journal() if e['method'] != 'GET']
    assert posts == [('POST', '/users', 409)]  # ours, after the other client's (not journaled): no PATCH, no rotation
    theirs = [u for u in emu.get_state()['users'] if u['UserName'] == 'new-partner-01'][0]
    assert theirs['Permission'] == 'read-only' and done['created_passwords'] == {}


# -- one message for a plan applied again; a failed create is not counted as created ------------------------------

def test_a_plan_applied_again_says_there_is_nothing_to_apply(org, emu):
    declaration = dict(credentials=[dict(username='new-partner-01')])
    plan = org(check_mode=True, **declaration)
    assert not org(approved_plan=plan['plan_id'], **declaration)['failed']
    writes(emu)
    again = org(approved_plan=plan['plan_id'], **declaration)
    assert again['failed'] and again['msg'].startswith('nothing to apply: the organization already matches the declaration')
    assert 'changed since' not in again['msg'] and 'approve the new plan' not in again['msg']
    assert again['summary'] == ['No drift: the organization matches the declaration.']
    assert writes(emu) == []


def test_a_failed_create_is_not_counted_as_created(org, emu):
    emu.add_fault(method='POST', route='/users', action='status', status=400, body={'message': 'refused'})
    result = org(credentials=[dict(username='new-partner-01'), dict(username='new-partner-02')], parallelism=1)
    assert result['failed'] and result['changed'] is True
    assert [entry['name'] for entry in result['drift']] == ['new-partner-02']
    assert result['summary'][0] == 'Drift corrected: 1 created, 0 changed, 0 removed. 1 failed (below).'
    emu.add_fault(method='POST', route='/users', action='status', status=400, body={'message': 'refused'})
    alone = org(credentials=[dict(username='new-partner-03')])
    assert alone['failed'] and alone['drift'] == [] and alone['changed'] is False
    assert alone['summary'][0] == 'Nothing was changed; 1 failed (below).'


# -- an empty purge is judged on what stays -----------------------------------------------------------------------

@pytest.mark.parametrize('check_mode', [True, False])
def test_a_purge_beside_only_absent_items_is_an_empty_purge(org, emu, check_mode):
    existing(emu)
    emu.clear_journal()
    result = org(check_mode=check_mode, credentials=[dict(username='console-user-01', state='absent')],
                 purge_credentials=True, webhooks=[dict(alias='Console hook', state='absent')], purge_webhooks=True)
    assert result['failed'] and result['changed'] is False
    assert ('purge_credentials is true but credentials keeps nothing (every item has state absent): it would remove '
            'all 2 credentials') in result['msg']
    assert 'purge_webhooks is true but webhooks keeps nothing' in result['msg']
    assert writes(emu) == []


def test_an_absent_item_beside_a_kept_one_or_allowed_purges(org, emu):
    existing(emu)
    declared = [dict(username='console-user-01', state='absent'), dict(username='acme-partner-01')]
    kept = org(check_mode=True, credentials=declared, purge_credentials=True)
    assert not kept['failed'] and [e['name'] for e in kept['drift']] == ['console-user-01']
    allowed = org(check_mode=True, credentials=[dict(username='console-user-01', state='absent')], purge_credentials=True,
                  allow_empty_purge=True)
    assert not allowed['failed'] and sorted(e['name'] for e in allowed['drift']) == ['acme-partner-01', 'console-user-01']
