# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Timestamps, CIDR normalization and the compare semantics of credential fields."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _credential as cred
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._network import canonical_source
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._timestamps import (
    TimestampError, api_to_ms, ms_to_iso, to_epoch_ms, to_the_second)


@pytest.mark.parametrize('value, expected', [
    ('2026-12-31', 1798675200000), ('2026-12-31T00:00:00Z', 1798675200000), ('2026-12-31T01:00:00+01:00', 1798675200000),
    ('2026-12-31 00:00:00', 1798675200000), ('2026-12-31T00:00:00.250Z', 1798675200250),
    ('2026-12-31T00:00:00.123456789Z', 1798675200123), (1798675200, 1798675200000), (1798675200000, 1798675200000),
    ('1798675200', 1798675200000), (1798675200.5, 1798675200500), ('', None), (None, None),
])
def test_timestamp_forms(value, expected):
    assert to_epoch_ms(value, 'expires_at') == expected


@pytest.mark.parametrize('value', ['tomorrow', '2026-13-01', True, '12/31/2026'])
def test_bad_timestamps_name_the_option(value):
    with pytest.raises(TimestampError) as exc:
        to_epoch_ms(value, 'expires_at')
    assert str(exc.value).startswith('expires_at must be')


def test_api_timestamps_and_helpers():
    assert api_to_ms(1798675200) == 1798675200000 and api_to_ms(None) is None and api_to_ms('garbage') is None
    assert to_the_second(1798675200000) == to_the_second(1798675200999) == to_the_second(1798675200) == 1798675200
    assert to_the_second(None) is None and to_the_second(1798675200000) != to_the_second(1798675201000)
    assert ms_to_iso(1798675200000) == '2026-12-31T00:00:00Z'


@pytest.mark.parametrize('value, expected', [('203.0.113.7', '203.0.113.7/32'), ('10.1.2.3/8', '10.0.0.0/8'),
                                             (' 0.0.0.0/0 ', '0.0.0.0/0'), ('2001:db8::1', '2001:db8::1/128')])
def test_canonical_source(value, expected):
    assert canonical_source(value) == expected


@pytest.mark.parametrize('value', ['10.0.0.300', 'example.com', '10.0.0.0/33', ''])
def test_bad_sources(value):
    with pytest.raises(ValueError):
        canonical_source(value)


def test_rules_compare_as_sets_both_ways():
    one = [{'Protocol': '*', 'Source': '10.0.0.0/8', 'Action': 'allow', 'State': 'enabled', 'Id': 'a'}]
    two = one + [{'Protocol': 'SFTP', 'Source': '192.0.2.1', 'Action': 'allow', 'State': 'enabled', 'Description': ''}]
    field = cred.INBOUND_RULES
    assert field.same(two, list(reversed(two)))
    assert not field.same(one, two) and not field.same(two, one)
    assert field.same([], None) and field.same([], {'Other': 1})
    assert not field.same([dict(one[0], State='disabled')], one)


@pytest.mark.parametrize('left, right, same', [('/home/x/', '/home/x', True), ('home/x', '/home/x', True),
                                               ('//a//b', '/a/b', True), ('/', '/', True), ('/a', '/b', False)])
def test_paths_compare_loosely(left, right, same):
    assert (cred.canonical_path(left) == cred.canonical_path(right)) is same


def test_alias_none_and_empty_are_equal():
    assert cred.CREDENTIAL.field('alias').same('', None)


@pytest.mark.parametrize('uri, expected', [
    ('sftp://user-name:pw@host.example', 'sftp://user-name:%s@host.example' % cred.MASK),
    ('sftp://user-name:p%40ss:w@host.example', 'sftp://user-name:%s@host.example' % cred.MASK),
    ('sftp://user-name@host.example', 'sftp://user-name@host.example'),
])
def test_mask_uri(uri, expected):
    assert cred.mask_uri(uri) == expected
