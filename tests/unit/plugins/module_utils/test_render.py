# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one renderer (_render): what each place shows of a secret, a value, a change, a drift; what an export declares."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _render
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._credential import CREDENTIAL, INBOUND_RULES, PASSWORD
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._webhook import WEBHOOK

MODULE_UTILS = os.path.dirname(_render.__file__)
SLACK = 'https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX'
RULES = [{'Source': '203.0.113.7/32', 'Protocol': 'SFTP', 'Action': 'allow', 'State': 'enabled', 'Description': ''},
         {'Source': '198.51.100.0/24', 'Protocol': '*', 'Action': 'allow', 'State': 'disabled', 'Description': 'VPN'}]


@pytest.mark.parametrize('place, forms', [
    ('diff', (None, 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER', 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER (changed)',
              'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER')),
    ('drift', (None, '(hidden)', '(hidden, changed)', '(hidden, changed)')),
    ('message', (None, '********', '********', '********')),
])
def test_each_place_has_one_form_of_a_secret(place, forms):
    shown = (_render.secret(None, place), _render.secret('s3cret', place), _render.secret('s3cret', place, 'update'),
             _render.secret(None, place, 'create'))
    assert shown == forms


def test_a_change_of_a_secret_shows_no_value():
    assert _render.change(PASSWORD, 'old-pass', 'new-pass') == (
        'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER', 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER (changed)')
    assert _render.changes({'password': (PASSWORD, None, 'new-pass')}, 'create') == {
        'password': {'before': None, 'after': '(hidden, changed)'}}


def test_inbound_rules_read_as_options_in_a_diff_and_as_strings_in_a_drift_line():
    assert _render.value(INBOUND_RULES, RULES) == [
        {'source': '198.51.100.0/24', 'protocol': '*', 'enabled': False, 'description': 'VPN'},
        {'source': '203.0.113.7/32', 'protocol': 'SFTP', 'enabled': True}]
    assert _render.value(INBOUND_RULES, RULES, 'drift') == ['198.51.100.0/24 * "VPN" disabled', '203.0.113.7/32 SFTP']


def test_an_export_declares_exact_values_and_leaves_secrets_out():
    hook = {'Id': 'w1', 'Alias': 'ops', 'Url': SLACK, 'Type': 'webhook', 'AuthorizationHeader': 'Bearer x',
            'Topics': ['file.created'], 'State': 'enabled'}
    exported = dict((field.option, _render.exported(WEBHOOK, field, hook)) for field in WEBHOOK.fields)
    # A token URL is left out whatever the webhook's type says, never written as its mask.
    assert exported == {'alias': 'ops', 'url': None, 'type': 'webhook', 'authorization_header': None,
                        'topics': ['file.created'], 'enabled': True}
    credential = {'Id': 'c1', 'UserName': 'partner-0001', 'Alias': '', 'Password': 'p4ss',
                  'Settings': {'Network': {'InboundRules': RULES}}}
    assert _render.exported(CREDENTIAL, CREDENTIAL.field('alias'), credential) is None
    assert _render.exported(CREDENTIAL, INBOUND_RULES, credential) == _render.value(INBOUND_RULES, RULES)


def test_a_summary_names_each_kind_by_its_label():
    drift = [dict(kind='ssh_keys', name='partner-0001', action='update',
                  changes={'ssh_keys': {'before': ['SHA256:b', 'SHA256:c'], 'after': ['SHA256:a', 'SHA256:c']}}),
             dict(kind='share_link', name='/in/', action='remove', id='l1', reason='purged: not declared'),
             dict(kind='credential', name='partner-0001', action='update',
                  changes={'password': {'before': '(hidden)', 'after': '(hidden, changed)'}})]
    readings = {'ssh_keys': _render.added_and_removed}
    assert _render.summary_lines(drift, True, (), {'ssh_keys': 'ssh keys of credential'}, readings) == [
        'Drift (check mode, nothing was changed): 0 to create, 2 to change, 1 to remove.',
        'ssh keys of credential partner-0001: add SHA256:a, remove SHA256:b',
        'share link /in/: remove (id l1, purged: not declared)',
        'credential partner-0001: update password: (hidden) -> (hidden, changed)']


def test_no_other_module_util_writes_a_mask():
    """Each form of a secret is written once, in _render: a second copy would show the same change differently."""
    forms = set(form for place in _render.SECRET_FORMS.values() for form in place)
    written = re.compile('|'.join(re.escape(form) for form in sorted(forms, key=len, reverse=True)))
    found = []
    for name in sorted(os.listdir(MODULE_UTILS)):
        if name.endswith('.py') and name != '_render.py':
            with open(os.path.join(MODULE_UTILS, name)) as source:
                found.extend('%s: %s' % (name, match) for match in written.findall(source.read()))
    assert found == []
