# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The lookup sftptogo.sftptogo.eda_event: the event comes back as the exact text, never rendered."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os

import pytest

from ansible.errors import AnsibleError
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import lookup_loader
from ansible.template import Templar

from ansible_collections.sftptogo.sftptogo.plugins.lookup import eda_event

try:  # ansible-core 2.19+: extra variables are strings tagged "trusted as template"
    from ansible.template import is_trusted_as_template, trust_as_template
    AnsibleUnsafe = None
except ImportError:  # before 2.19 every plain str is rendered; unsafe ones are not
    from ansible.utils.unsafe_proxy import AnsibleUnsafe
    is_trusted_as_template = None

    def trust_as_template(value):
        """Before 2.19 a plain str is a template already."""
        return value

HOSTILE = [
    "inbound/report {{ lookup('ansible.builtin.pipe', 'touch MARKER') }}.csv",
    'inbound/q3 {% raw %} notes.csv',
    'inbound/x {{ 7 * 7 }}.csv',
    'inbound/{# not a comment #} {% if %} {{',
    'inbound/"double" \'single\' r\u00e9sum\u00e9 \U0001F600 {% endraw %}.csv',
]


def _trusted(value):
    """``value`` with every string trusted, as ansible-playbook -e @file loads extra variables."""
    if isinstance(value, dict):
        return dict((_trusted(key), _trusted(item)) for key, item in value.items())
    if isinstance(value, list):
        return [_trusted(item) for item in value]
    return trust_as_template(value) if isinstance(value, str) else value


def extra_vars(path, marker):
    """The variables of a play run by ansible-rulebook: ansible_eda with the event, MARKER a file in ``marker``."""
    path = path.replace('MARKER', marker)
    actor = "{{ lookup('ansible.builtin.pipe', 'touch %s-actor') }}" % marker
    event = {'sftptogo': {'id': 'e1', 'path': path, 'size': 7, 'is_directory': False,
                          'actor': {'type': 'User', 'id': actor}},
             'payload': {'Data': {'Path': path}}, 'meta': {'headers': {'X-{{ 1 }}': actor}}}
    return {'ansible_eda': _trusted({'ruleset': 'r', 'rule': 'x', 'event': event})}


def untrusted(value):
    """True when no string of ``value`` would be rendered as a template."""
    if isinstance(value, dict):
        return all(untrusted(key) and untrusted(item) for key, item in value.items())
    if isinstance(value, list):
        return all(untrusted(item) for item in value)
    if not isinstance(value, str):
        return True
    if is_trusted_as_template is not None:
        return not is_trusted_as_template(value)
    return isinstance(value, AnsibleUnsafe)


def lookup():
    """The plugin as Ansible loads it."""
    return lookup_loader.get('sftptogo.sftptogo.eda_event')


def render(variables, template):
    """``template`` (trusted, as written in a playbook) rendered over ``variables``, as a task's templating does."""
    return Templar(loader=DataLoader(), variables=variables).template(trust_as_template(template))


@pytest.mark.parametrize('path', HOSTILE)
def test_run_returns_the_exact_untrusted_event(tmp_path, path):
    marker = str(tmp_path / 'pwned')
    variables = extra_vars(path, marker)
    (event,) = lookup().run([], variables=variables)
    assert event['sftptogo']['path'] == path.replace('MARKER', marker)
    assert event['sftptogo']['actor']['id'] == "{{ lookup('ansible.builtin.pipe', 'touch %s-actor') }}" % marker
    assert event['meta']['headers'] == {'X-{{ 1 }}': event['sftptogo']['actor']['id']}
    assert event['sftptogo']['size'] == 7 and event['sftptogo']['is_directory'] is False
    assert untrusted(event)
    assert not os.listdir(str(tmp_path))


@pytest.mark.parametrize('path', HOSTILE)
def test_templates_keep_the_text(tmp_path, path):
    """Rendered in a template, kept in a variable and rendered again (what set_fact and vars do): the same text."""
    marker = str(tmp_path / 'pwned')
    variables = extra_vars(path, marker)
    first = render(variables, "{{ lookup('sftptogo.sftptogo.eda_event', 'event.sftptogo') }}")
    path = path.replace('MARKER', marker)
    assert first['path'] == path and untrusted(first)
    variables['landed'] = first
    variables['note'] = render(variables, '{{ landed.actor.id }} uploaded {{ landed.path }}')
    assert render(variables, '{{ note }}') == first['actor']['id'] + ' uploaded ' + path
    assert json.loads(render(variables, '{{ landed | to_json }}')) == first
    assert render(variables, "{{ lookup('sftptogo.sftptogo.eda_event', 'event.payload.Data.Path') }}") == path
    assert not os.listdir(str(tmp_path))


def test_terms_select_parts_and_default_is_the_event():
    variables = extra_vars('inbound/a.csv', '/nonexistent')
    plugin = lookup()
    path, size, event = plugin.run(['event.sftptogo.path', 'event.sftptogo.size', 'event'], variables=variables)
    assert (path, size) == ('inbound/a.csv', 7)
    assert plugin.run([], variables=variables) == [event]
    assert plugin.run(['rule'], variables=variables) == ['x']


@pytest.mark.parametrize('terms, message', [
    (['event.sftptogo.nope'], "ansible_eda.event.sftptogo has no key 'nope' (term 'event.sftptogo.nope')"),
    (['event.sftptogo.path.deeper'], "ansible_eda.event.sftptogo.path has no key 'deeper'"),
    (['..'], "each term must be a dotted key such as event.sftptogo.path, not '..'"),
    ([3], 'each term must be a dotted key'),
])
def test_bad_terms_fail_clearly(terms, message):
    with pytest.raises(AnsibleError) as raised:
        lookup().run(terms, variables=extra_vars('inbound/a.csv', '/nonexistent'))
    assert message in str(raised.value)


@pytest.mark.parametrize('variables', [{}, None, {'ansible_eda': 'not a mapping'}])
def test_without_ansible_eda_it_says_how_to_run(variables):
    with pytest.raises(AnsibleError) as raised:
        lookup().run([], variables=variables)
    assert 'ansible_eda is not defined: run this playbook from an ansible-rulebook action' in str(raised.value)


def test_plain_copies_every_type():
    value = {'s': 'a', 'b': b'\xc3\xa9', 'i': 1, 'f': 1.5, 't': True, 'n': None, 'l': ('x', ['y']), 'o': object}
    copy = eda_event.plain(value)
    assert copy['s'] == 'a' and copy['b'] == '\u00e9' and copy['l'] == ['x', ['y']]
    assert copy['i'] == 1 and copy['f'] == 1.5 and copy['t'] is True and copy['n'] is None
    assert copy['o'] == str(object)
    assert eda_event.plain(trust_as_template('{{ x }}')).__class__ is str
