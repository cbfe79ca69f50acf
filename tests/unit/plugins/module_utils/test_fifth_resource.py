# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The worked example of docs/developing.md ("To add a fifth resource"): one descriptor and the generic engine.

GROUP is a made-up resource (the API has no /groups): the organization, its drift, summary, plan, purge, reveal
and export handle it with no line of their own, which is what "each fact in one place" promises.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _export, _organization, _render
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._export import export
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._organization import Organization
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._engine import StateEngine
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._descriptor import ResourceType, STATE_SPEC, declared_options
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._field import Field, Secret, secret_options

# -- the fifth resource: what a contributor writes in plugins/module_utils/_group.py --------------------------

# The token: always secret (its option no_log, masked everywhere, never exported), returned in clear by the run that
# sets it, and by the organization as group_tokens when the service generated it (none declared).
FIELDS = (Field('name', 'Name'), Field('permission', 'Permission'),
          Field('token', 'Token', secret=Secret(shown_once=True, returned_as='group_tokens')))
ARGUMENT_SPEC = secret_options(dict(
    state=dict(STATE_SPEC),
    id=dict(type='str'),
    name=dict(type='str'),
    permission=dict(type='str', choices=['read-only', 'read-write']),
    token=dict(type='str'),
), FIELDS)
GROUP = ResourceType(
    name='group', path='/groups', lookups=(('id',), ('name',)), natural_key=('name',), name_keys=('Name',),
    fields=FIELDS, protected=lambda obj: obj.get('BuiltIn', False),
    declared=declared_options(ARGUMENT_SPEC, ('permission', 'token')))

# -- a stand-in API for it (the emulator serves only the real API) ----------------------------------------------

TOKEN = 'Group-token-0001'
GENERATED = 'Generated-token-0002'


class MemoryApi:
    """Every collection of the organization in memory; /groups creates generate a token when none is given."""

    def __init__(self, groups):
        self.collections = {'/users': [], '/webhooks': [], '/portal-links': [], '/groups': copy.deepcopy(groups)}
        self.writes = []

    def add_secret(self, value):
        pass

    def redact(self, text):
        return text

    def get(self, path, accept_missing=False):
        return copy.deepcopy(self.collections[path])

    def create(self, path, body, find_created, adopt_on_conflict=False):
        self.writes.append(('POST', path, body))
        created = dict(body, Id='g%d' % len(self.writes), Token=body.get('Token') or GENERATED)
        self.collections[path].append(created)
        return copy.deepcopy(created)

    def patch(self, path, body):
        self.writes.append(('PATCH', path, body))
        group = self.find(path)
        group.update(body)
        return copy.deepcopy(group)

    def delete(self, path, accept_missing=False):
        self.writes.append(('DELETE', path, None))
        collection, dummy, group_id = path.rpartition('/')
        self.collections[collection] = [obj for obj in self.collections[collection] if obj['Id'] != group_id]
        return True

    def find(self, path):
        collection, dummy, group_id = path.rpartition('/')
        return next(obj for obj in self.collections[collection] if obj['Id'] == group_id)


@pytest.fixture
def fifth(monkeypatch):
    """GROUP added to the organization as step 3 of the guide says: one line in RESOURCES."""
    resources = _organization.RESOURCES + ((GROUP, StateEngine),)
    monkeypatch.setattr(_organization, 'RESOURCES', resources)
    monkeypatch.setattr(_export, 'RESOURCES', resources)
    monkeypatch.setattr(_organization, 'REMOVAL_ORDER', tuple(resource.name for resource, dummy in reversed(resources)))
    return MemoryApi([{'Id': 'g0', 'Name': 'admins', 'Permission': 'read-write', 'Token': 'x', 'BuiltIn': True},
                      {'Id': 'g9', 'Name': 'old-partners', 'Permission': 'read-only', 'Token': 'Old-token-0009'}])


def organization(api, check_mode=False, **params):
    return Organization(dict(dict(groups=[], purge_groups=False), **params), api, check_mode).run()


def test_a_fifth_resource_converges_with_the_generic_code_only(fifth):
    declared = dict(groups=[dict(name='partners', permission='read-only'),
                            dict(name='auditors', permission='read-only', token=TOKEN)], purge_groups=True)
    plan = organization(fifth, check_mode=True, **declared)
    assert fifth.writes == []
    assert [(entry['kind'], entry['name'], entry['action']) for entry in plan['drift']] == [
        ('group', 'partners', 'create'), ('group', 'auditors', 'create'), ('group', 'old-partners', 'remove')]
    assert plan['drift'][1]['changes']['token'] == {'before': None, 'after': '(hidden, changed)'}
    assert _render.summary_lines(plan['drift'], labels=dict(group=GROUP.label))[-1] == (
        'group old-partners: remove (id g9, purged: not declared)')

    done = organization(fifth, **declared)
    assert done['changed'] is True and done['plan_id'] == plan['plan_id']
    assert done['group_tokens'] == {'partners': GENERATED}  # revealed once: the one the service generated
    assert [write[0] for write in fifth.writes] == ['POST', 'POST', 'DELETE']
    assert TOKEN not in json.dumps(done['drift'])

    del fifth.writes[:]
    again = organization(fifth, **declared)
    assert again['changed'] is False and again['drift'] == [] and fifth.writes == []


def test_a_fifth_resource_is_exported_exactly_and_its_protected_item_left_alone(fifth):
    organization(fifth, groups=[dict(name='auditors', permission='read-only', token=TOKEN)])
    listed = dict((resource.name, fifth.get(resource.path)) for resource, dummy in _organization.RESOURCES)
    declaration, warnings = export(listed, {})
    assert declaration['groups'] == [dict(name='auditors', permission='read-only'),
                                     dict(name='old-partners', permission='read-only')]
    assert warnings == []
    assert GROUP.to_result(listed['group'][0]) == dict(id='g0', name='admins', permission='read-write',
                                                       token=_render.NO_LOG_MASK, built_in=True)
    assert GROUP.item_spec() == dict(name=dict(type='str', required=True), state=STATE_SPEC,
                                     permission=ARGUMENT_SPEC['permission'], token=ARGUMENT_SPEC['token'])
