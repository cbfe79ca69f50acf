# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The state engine on its own: secret fields in diffs, lookups, nested bodies."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._engine import StateEngine
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._descriptor import MASK, ResourceType
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._failure import ModuleFailure
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._field import ALWAYS, Field, merge_body

THING = ResourceType(
    name='thing', path='/things', get_by_id=False,
    fields=(Field('name', 'Name'), Field('token', 'Auth.Token', secret=ALWAYS), Field('size', 'Size')),
    lookups=(('id',), ('name',)))


class StubClient:
    """Records calls; GET of the collection answers ``items``."""

    retries = 0

    def __init__(self, items):
        self.items = items
        self.calls = []
        self.secrets = set()

    def add_secret(self, value):
        self.secrets.add(value)

    def get(self, path, accept_missing=False):
        self.calls.append(('GET', path, None))
        return self.items

    def patch(self, path, body):
        self.calls.append(('PATCH', path, body))

    def post(self, path, body=None):
        self.calls.append(('POST', path, body))
        return dict(body, Id='new')


def converge(items, check_mode=False, **params):
    """Run the engine without AnsibleModule; returns (engine, result)."""
    params = dict(dict(id=None, name=None, token=None, size=None, state='present'), **params)
    engine = StateEngine(THING, params, StubClient(items), check_mode=check_mode)
    return engine, engine.run()


def test_a_changed_secret_is_masked_in_the_diff_and_sent_nested():
    engine, result = converge([{'Id': 't1', 'Name': 'a', 'Auth': {'Token': 'old-token'}}], name='a', token='new-token')
    assert engine.diff == {'before': {'name': 'a', 'token': MASK}, 'after': {'name': 'a', 'token': MASK + ' (changed)'}}
    assert engine.client.calls[-1] == ('PATCH', '/things/t1', {'Auth': {'Token': 'new-token'}})
    assert result['Auth']['Token'] == 'new-token'
    assert 'new-token' in engine.client.secrets and 'old-token' not in json.dumps(engine.diff)


def test_an_unchanged_secret_is_no_change_and_masked():
    engine, dummy = converge([{'Id': 't1', 'Name': 'a', 'Auth': {'Token': 'same'}}], name='a', token='same')
    assert engine.changed is False
    assert engine.diff['after']['token'] == MASK
    assert [call[0] for call in engine.client.calls] == ['GET']


def test_create_in_check_mode_predicts_and_masks():
    engine, result = converge([], check_mode=True, name='b', token='t', size=3)
    assert engine.changed and engine.created
    assert result == {'Name': 'b', 'Auth': {'Token': 't'}, 'Size': 3}
    assert engine.diff == {'before': {}, 'after': {'name': 'b', 'token': MASK, 'size': 3}}
    assert [call[0] for call in engine.client.calls] == ['GET']


def test_id_lookup_without_get_by_id_filters_the_list():
    engine, dummy = converge([{'Id': 't1', 'Name': 'a'}, {'Id': 't2', 'Name': 'a'}], id='t2', size=1)
    assert engine.client.calls[-1] == ('PATCH', '/things/t2', {'Size': 1})


def test_unknown_id_fails_even_without_get_by_id():
    with pytest.raises(ModuleFailure) as exc:
        converge([{'Id': 't1', 'Name': 'a'}], id='t9', name='a')
    assert str(exc.value).startswith("no thing with id 't9' exists")


def test_ambiguous_lookup_names_every_id():
    with pytest.raises(ModuleFailure) as exc:
        converge([{'Id': 't1', 'Name': 'a', 'Size': 1}, {'Id': 't2', 'Name': 'a', 'Size': 2}], name='a')
    assert str(exc.value) == "2 things match name='a' (ids: t1, t2); set id to choose one"


def test_identical_duplicates_are_not_ambiguous_the_oldest_is_managed():
    copies = [{'Id': 't3', 'Name': 'a', 'Size': 1, 'CreatedAt': 30}, {'Id': 't1', 'Name': 'a', 'Size': 1, 'CreatedAt': 10},
              {'Id': 't2', 'Name': 'a', 'Size': 1, 'CreatedAt': 20}]
    engine, dummy = converge(copies, name='a', size=5)
    assert engine.found['Id'] == 't1'
    assert [item['Id'] for item in engine.duplicates] == ['t2', 't3']
    assert engine.client.calls[-1] == ('PATCH', '/things/t1', {'Size': 5})
    assert engine.warnings == ["3 identical things match name='a' (ids: t1, t2, t3), as overlapping runs leave them: "
                               "this task manages the oldest, t1; remove the others (state=absent with their id, or "
                               "the organization purge)"]


def test_duplicates_differing_in_a_secret_field_stay_ambiguous():
    with pytest.raises(ModuleFailure) as exc:
        converge([{'Id': 't1', 'Name': 'a', 'Auth': {'Token': 'x'}}, {'Id': 't2', 'Name': 'a', 'Auth': {'Token': 'y'}}],
                 name='a')
    assert 'set id to choose one' in str(exc.value) and 'x' not in str(exc.value).replace('ids', '')


def test_a_create_answered_409_adopts_and_updates_what_it_finds():
    client = StubClient([])
    found = {'Id': 't7', 'Name': 'a', 'Size': 1}
    client.create = lambda path, body, find_created, adopt_on_conflict=False: (
        client.calls.append(('POST', path, body)) or setattr(client, 'items', [found]) or adopt_on_conflict())
    resource = ResourceType(name='thing', path='/things', get_by_id=False,
                            fields=THING.fields, lookups=THING.lookups, adopt_on_conflict=True)
    engine = StateEngine(resource, dict(id=None, name='a', token=None, size=2, state='present'), client)
    engine.run()
    assert client.calls == [('GET', '/things', None), ('POST', '/things', {'Name': 'a', 'Size': 2}),
                            ('GET', '/things', None), ('PATCH', '/things/t7', {'Size': 2})]
    assert engine.adopted and not engine.created and engine.action == 'update' and engine.changed
    assert engine.diff == {'before': {'name': 'a', 'size': 1}, 'after': {'name': 'a', 'size': 2}}
    assert engine.failure_result() == {}  # nothing of this run's making to return


def test_listed_items_serve_the_lookup_without_a_request():
    client = StubClient([])
    engine = StateEngine(THING, dict(name='a', size=2, state='present'), client, listed=[{'Id': 't1', 'Name': 'a', 'Size': 1}])
    engine.run()
    assert client.calls == [('PATCH', '/things/t1', {'Size': 2})]
    assert engine.action == 'update' and engine.changes['size'][1:] == (1, 2)


@pytest.mark.parametrize('params, message', [
    (dict(name=None), 'one of id or name is required to find the thing (null counts as not given)'),
    (dict(name=''), 'one of id or name is required to find the thing (null counts as not given)'),
    (dict(id='../other-org/users/x'), "id must be letters, digits, '_' or '-' only (it goes into the request path); got '../other-org/users/x'"),
    (dict(id='abc?x=1'), "id must be letters, digits, '_' or '-' only (it goes into the request path); got 'abc?x=1'"),
])
def test_bad_lookups_fail_before_any_request(params, message):
    client = StubClient([])
    with pytest.raises(ModuleFailure) as exc:
        StateEngine(THING, dict(params, state='present'), client).run()
    assert str(exc.value).startswith(message)
    assert client.calls == []


def test_merge_body_merges_nested_dicts_and_replaces_lists():
    body = {'A': {'B': 1, 'L': [1]}}
    assert merge_body(body, {'A': {'C': 2, 'L': [2]}}) == {'A': {'B': 1, 'C': 2, 'L': [2]}}
