# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Every resource descriptor through one generic round trip against the in-process emulator.

declare -> converge -> export -> converge the export (purge on): no drift, no write, and no mask in any exported
value. A fifth resource added to the organization fails here until it has a sample below.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _descriptor, _masking
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._credential import CREDENTIAL
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._organization import RESOURCES
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.modules.test_sftptogo_organization import (  # noqa: F401 pylint: disable=unused-import
    KEY_A, org, writes)

SLACK_URL = 'https://hooks.slack.com/services/T0AAAA000/B0BBBB000/Slack0Token0abcdef123456'
# One declared item per descriptor (its collection), holding every kind of secret the resource has.
SAMPLES = dict(
    credentials=dict(username='round-trip-01', alias='Round trip', password='Round-pass-0001', permission='read-only',
                     home_directory='/round', ssh_keys=[KEY_A],
                     inbound_rules=[dict(source='203.0.113.0/24', protocol='SFTP', description='office')]),
    webhooks=dict(alias='Round chat', url=SLACK_URL, type='slack', topics=['file.created'],
                  authorization_header='Bearer round-token-0001'),
    share_links=dict(path='/round/', notes='Round trip', permission='read-only', password='Link-pass-0009'),
)
SECRETS = ('Round-pass-0001', 'Slack0Token0abcdef123456', 'round-token-0001', 'Link-pass-0009')
MASKS = (_descriptor.MASK, _masking.MASK)


def strings(value):
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return [value] if isinstance(value, str) else []


def test_every_descriptor_has_a_sample():
    assert sorted(resource.collection for resource, dummy in RESOURCES) == sorted(SAMPLES)


@pytest.mark.parametrize('resource', [resource for resource, dummy in RESOURCES], ids=lambda resource: resource.name)
def test_declare_converge_export_converge_round_trip(org, emu, resource):
    collection = resource.collection
    created = org(**{collection: [SAMPLES[collection]]})
    assert not created['failed'], created['msg']
    assert created['changed'] is True and [entry['action'] for entry in created['drift']][0] == 'create'
    exported = org(info=True)
    assert not exported['failed'], exported['msg']
    declaration = exported['declaration']
    key = resource.natural_key[0]
    assert [item[key] for item in declaration[collection]] == [SAMPLES[collection][key]]
    assert not [text for text in strings(declaration) for mask in MASKS if mask in text]
    assert not [secret for secret in SECRETS if secret in json.dumps(exported)]
    purges = dict(('purge_' + other.collection, True) for other, dummy in RESOURCES)
    emu.clear_journal()
    plan = org(check_mode=True, allow_empty_purge=True, **dict(purges, **declaration))
    assert not plan['failed'], plan['msg']
    assert plan['drift'] == [] and plan['changed'] is False and writes(emu) == []
    again = org(allow_empty_purge=True, **dict(purges, **declaration))
    assert not again['failed'] and again['changed'] is False and again['drift'] == [] and writes(emu) == []


@pytest.mark.parametrize('resource', [resource for resource, dummy in RESOURCES], ids=lambda resource: resource.name)
def test_two_declared_items_with_one_natural_key_collide_before_any_request(org, emu, resource):
    collection = resource.collection
    result = org(**{collection: [SAMPLES[collection], dict(SAMPLES[collection])]})
    assert result['failed'] and result['msg'] == '%s[1] has the same %s as %s[0]; declare each one once' % (
        collection, resource.key_text(), collection)
    assert emu.get_journal() == []


def test_a_protected_item_is_never_exported_nor_purged(org, emu):
    root = [user for user in emu.get_state()['users'] if CREDENTIAL.protected(user)]
    assert len(root) == 1 and root[0]['IsDefault'] is True
    exported = org(info=True)['declaration']
    assert root[0]['UserName'] not in [item['username'] for item in exported['credentials']]
    purged = org(allow_empty_purge=True, **dict(('purge_' + resource.collection, True) for resource, dummy in RESOURCES))
    assert not purged['failed'] and [entry for entry in purged['drift'] if entry['action'] == 'remove'] == []
