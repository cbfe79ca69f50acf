# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Approved plans: plan_id is a stable digest of the drift, and approved_plan applies it exactly or writes nothing."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import datetime
import json

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _drift
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.modules.test_sftptogo_organization import (  # noqa: F401 pylint: disable=unused-import
    FULL_CREDENTIAL, FULL_LINK, FULL_WEBHOOK, KEY, KEY_A, KEY_B, SCENARIOS, SECRETS, existing, org, user, writes)

FURTHER = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=300)).strftime('%Y-%m-%d')
STALE = 'the organization or the declaration changed since the plan was approved'


def gets_only(emu):
    """Whether every request since the last look was a GET (then forget them)."""
    return writes(emu) == []


@pytest.mark.parametrize('name', sorted(SCENARIOS))
def test_check_then_apply_the_approved_plan(org, emu, name):
    setup, declaration = SCENARIOS[name]
    if setup:
        setup(emu)
    plan = org(check_mode=True, **declaration)
    info = org(info=True, **declaration)
    assert len(plan['plan_id']) == 64 and info['plan_id'] == plan['plan_id']
    assert gets_only(emu)
    done = org(approved_plan=plan['plan_id'], **declaration)
    assert not done['failed'], done['msg']
    assert done['plan_id'] == plan['plan_id'] and done['changed'] is bool(plan['drift'])
    again = org(check_mode=True, **declaration)
    assert again['drift'] == [] and again['plan_id'] == org(info=True, **declaration)['plan_id']
    assert (again['plan_id'] == plan['plan_id']) is (plan['drift'] == [])


@pytest.mark.parametrize('name', sorted(SCENARIOS))
def test_a_run_without_approval_returns_the_plan_id_of_its_check(org, emu, name):
    setup, declaration = SCENARIOS[name]
    if setup:
        setup(emu)
    plan = org(check_mode=True, **declaration)
    assert org(**declaration)['plan_id'] == plan['plan_id']


def test_a_removal_found_gone_is_still_the_plan_it_set_out_to_do(org, emu):
    existing(emu)
    declaration = dict(webhooks=[dict(alias='Console hook', state='absent')])
    plan = org(check_mode=True, **declaration)
    hook = [h for h in emu.get_state()['webhooks'] if h['Alias'] == 'Console hook'][0]
    emu.add_fault(method='DELETE', route='/webhooks/%s' % hook['Id'], action='status', status=404)
    done = org(**declaration)
    assert not done['failed'] and done['drift'] == [] and done['plan_id'] == plan['plan_id']


def reordered(declaration):
    """The same declaration, every list (and every dict) in reverse order."""
    result = {}
    for key in reversed(list(declaration)):
        value = declaration[key]
        result[key] = [dict(reversed(list(item.items()))) for item in reversed(value)] if isinstance(value, list) else value
    return result


def test_the_plan_id_ignores_order_parallelism_and_time(org, emu):
    existing(emu)
    declaration = dict(credentials=[FULL_CREDENTIAL, dict(username='new-partner-01', permission='read-only', ssh_keys=[KEY_A, KEY_B]),
                                    dict(username='console-user-01', state='absent')],
                       webhooks=[FULL_WEBHOOK, dict(alias='Console hook', state='absent')],
                       share_links=[FULL_LINK, dict(path='/reports/', notes='new')], purge_share_links=True)
    first = org(check_mode=True, parallelism=1, **declaration)
    assert not first['failed'], first['msg']
    emu.advance_clock(3600)
    for parallelism in (1, 8, 16):
        assert org(check_mode=True, parallelism=parallelism, **reordered(declaration))['plan_id'] == first['plan_id']
    keys_reordered = copy.deepcopy(declaration)
    keys_reordered['credentials'][1]['ssh_keys'].reverse()
    assert org(check_mode=True, **keys_reordered)['plan_id'] == first['plan_id']


OTHER_VALUES = (
    ('credentials', FULL_CREDENTIAL, dict(alias='Other', password='Partner-pass-0003', home_directory='/partners/other',
                                          chroot_directory='/other', permission='full', expiration=FURTHER,
                                          enabled=False, ssh_keys=[KEY_A], inbound_rules=[dict(source='198.51.100.8')])),
    ('webhooks', FULL_WEBHOOK, dict(url='https://hooks.example.com/up3', authorization_header='Bearer hook-token-0003',
                                    topics=['file.created'], enabled=True)),
    ('share_links', FULL_LINK, dict(permission='read-only', expires_at=FURTHER, access_limit=6, password='Link-pass-0003')),
)


def variants():
    """(base declaration, [(what changes, declaration)]): each differs from the base in one declared value."""
    base = dict(credentials=[FULL_CREDENTIAL], webhooks=[FULL_WEBHOOK], share_links=[FULL_LINK])
    found = []
    for collection, item, other in OTHER_VALUES:
        for option, value in other.items():
            declaration = copy.deepcopy(base)
            declaration[collection] = [dict(item, **{option: value})]
            found.append(('%s.%s' % (collection, option), declaration))
    return base, found


def test_the_plan_id_changes_with_every_declared_value(org, emu):
    existing(emu)
    base, changed = variants()
    ids = {'base': org(check_mode=True, **base)['plan_id']}
    for name, declaration in changed:
        result = org(check_mode=True, **declaration)
        assert not result['failed'], (name, result['msg'])
        ids[name] = result['plan_id']
    assert len(set(ids.values())) == len(ids), sorted(ids.items(), key=lambda pair: pair[1])
    assert gets_only(emu)


def test_the_plan_id_changes_with_every_current_value(org, emu):
    existing(emu)
    declaration = dict(credentials=[FULL_CREDENTIAL], webhooks=[FULL_WEBHOOK], share_links=[FULL_LINK])
    ids = [org(check_mode=True, **declaration)['plan_id']]
    state = emu.get_state()
    cred = [u for u in state['users'] if u['UserName'] == 'acme-partner-01'][0]
    hook = [h for h in state['webhooks'] if h['Alias'] == 'Uploads'][0]
    link = [p for p in state['portal_links'] if p['Path'] == '/partners/acme/'][0]
    for kind, obj, fields in (('users', cred, dict(Password='Partner-pass-0009')), ('users', cred, dict(Alias='Renamed')),
                              ('webhooks', hook, dict(AuthorizationHeader='Bearer hook-token-0009')),
                              ('webhooks', hook, dict(Url='https://hooks.example.com/elsewhere')),
                              ('portal-links', link, dict(AccessLimit=9))):
        emu.edit_object(kind, obj['Id'], fields)
        ids.append(org(check_mode=True, **declaration)['plan_id'])
    assert len(set(ids)) == len(ids)


def test_a_slack_url_the_drift_masks_still_changes_the_plan(org, emu):
    slack = 'https://hooks.slack.com/services/T00000000/B00000000/%s'
    emu.insert_object('webhooks', {'Alias': 'Chat', 'Url': slack % ('X' * 24), 'Type': 'slack', 'Topics': ['file.created']})
    one = org(check_mode=True, webhooks=[dict(alias='Chat', url=slack % ('Y' * 24))])
    two = org(check_mode=True, webhooks=[dict(alias='Chat', url=slack % ('Z' * 24))])
    # The drift shows the host and a digest of the URL: a change of token shows, the token does not.
    assert one['drift'] and one['summary'] != two['summary'] and one['plan_id'] != two['plan_id']
    assert [line.split(' (digest ')[0] for line in one['summary']] == [line.split(' (digest ')[0] for line in two['summary']]
    assert 'Y' * 24 not in json.dumps(one) and 'Z' * 24 not in json.dumps(two)


def test_the_plan_never_holds_a_secret_in_clear(org, emu, monkeypatch):
    existing(emu)
    materials = []
    material = _drift.plan_material
    monkeypatch.setattr(_drift, 'plan_material', lambda *args: materials.append(material(*args)) or materials[-1])
    declaration = dict(credentials=[FULL_CREDENTIAL, dict(username='console-user-01', password='Partner-pass-0001')],
                       webhooks=[FULL_WEBHOOK], share_links=[FULL_LINK, dict(path='/new/', password='Link-pass-0002')])
    plan = org(check_mode=True, **declaration)
    assert not plan['failed'], plan['msg']
    assert org(approved_plan=plan['plan_id'], **declaration)['plan_id'] == plan['plan_id']
    assert len(materials) == 3 and 'hmac-sha256:' in materials[0]
    secrets = list(SECRETS) + [KEY] + [u['Password'] for u in emu.get_state()['users'] if u.get('Password')]
    assert not [secret for text in materials for secret in secrets if secret in text]


def test_a_stale_plan_is_refused_with_gets_only_then_the_new_plan_applies(org, emu):
    existing(emu)
    declaration = dict(credentials=[dict(username='acme-partner-01', permission='read-write')], purge_webhooks=True,
                       allow_empty_purge=True)
    plan = org(check_mode=True, **declaration)
    cred = [u for u in emu.get_state()['users'] if u['UserName'] == 'acme-partner-01'][0]
    emu.edit_object('users', cred['Id'], dict(HomeDirectory='/elsewhere'))
    user(emu, 'late-comer-01')
    emu.insert_object('webhooks', {'Alias': 'Late', 'Url': 'https://hooks.example.com/late', 'Topics': ['file.created']})
    emu.clear_journal()
    stale = org(approved_plan=plan['plan_id'], **declaration)
    assert stale['failed'] and STALE in stale['msg'] and stale['changed'] is False
    assert gets_only(emu)
    assert stale['plan_id'] != plan['plan_id'] and 'webhook Late: remove' in ' '.join(stale['summary'])
    assert 'webhook Late: remove' in stale['msg'] and stale['plan_id'] in stale['msg']
    new = org(check_mode=True, **declaration)
    assert new['plan_id'] == stale['plan_id']
    done = org(approved_plan=new['plan_id'], **declaration)
    assert not done['failed'] and done['changed'] and done['plan_id'] == new['plan_id']
    assert org(check_mode=True, **declaration)['drift'] == []


def test_a_changed_declaration_is_refused_too(org, emu):
    plan = org(check_mode=True, credentials=[dict(username='new-partner-01', permission='read-only')])
    emu.clear_journal()
    stale = org(approved_plan=plan['plan_id'], credentials=[dict(username='new-partner-01', permission='full')])
    assert stale['failed'] and STALE in stale['msg'] and gets_only(emu)
    again = org(check_mode=True, approved_plan=plan['plan_id'], credentials=[dict(username='new-partner-01', permission='full')])
    assert again['failed'] and STALE in again['msg'] and gets_only(emu)


def test_the_apply_reads_each_collection_once(org, emu):
    existing(emu)
    declaration = dict(credentials=[dict(username='acme-partner-01', permission='read-write')])
    plan = org(check_mode=True, **declaration)
    emu.clear_journal()
    assert not org(approved_plan=plan['plan_id'], **declaration)['failed']
    gets = [entry['route'] for entry in emu.get_journal() if entry['method'] == 'GET']
    assert sorted(gets) == ['/portal-links', '/users', '/webhooks']


def test_a_plan_with_failures_is_never_applied(org, emu):
    emu.insert_object('webhooks', {'Alias': 'Twice', 'Url': 'https://a.example.com/', 'Topics': ['file.created']})
    emu.insert_object('webhooks', {'Alias': 'Twice', 'Url': 'https://b.example.com/', 'Topics': ['file.created']})
    declaration = dict(webhooks=[dict(alias='Twice', enabled=False)], credentials=[dict(username='good-partner-01')])
    plan = org(check_mode=True, **declaration)
    assert plan['failed']
    emu.clear_journal()
    refused = org(approved_plan=plan['plan_id'], **declaration)
    assert refused['failed'] and 'could not be computed' in refused['msg'] and gets_only(emu)


@pytest.mark.parametrize('value', ['abc', 'A' * 64, 'g' * 64, '0' * 65])  # empty: test_sftptogo_organization_approval
def test_a_malformed_approved_plan_fails_before_any_request(org, emu, value):
    emu.clear_journal()
    result = org(approved_plan=value, credentials=[dict(username='new-partner-01')])
    assert result['failed'] and result['msg'].startswith('approved_plan must be the plan_id')
    assert emu.get_journal() == []
