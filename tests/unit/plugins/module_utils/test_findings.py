# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The access review's rules, each at its edge, and sftptogo_organization_info's findings with the requests they cost."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import json
import os
import struct

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _findings
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._findings import DAY_MS, RULES, findings
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._ssh import key_strength
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._timestamps import ms_to_iso
from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_organization_info
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.conftest import CONNECTION

NOW = 1800000000000  # 2027-01-15T08:00:00Z
ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIL8DLGjHdEH76mSskhyxKAGoMKE5RwHG9Qi5KP5owXJa alice@laptop'
GUIDE = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', 'docs', 'docsite', 'rst', 'guide_review.rst')


def mpint(bits):
    """An SSH mpint of exactly ``bits`` bits (top bit set, so a leading zero byte keeps it positive)."""
    number = (1 << (bits - 1)) | 1
    data = number.to_bytes((bits + 7) // 8, 'big')
    return b'\0' + data if data[0] & 0x80 else data


def string(data):
    return struct.pack('>I', len(data)) + data


def key_line(key_type, *parts):
    return '%s %s comment' % (key_type, base64.b64encode(b''.join(string(part) for part in (key_type.encode(),) + parts)).decode())


def rsa(bits):
    return key_line('ssh-rsa', b'\x01\x00\x01', mpint(bits))


def dsa(bits):
    return key_line('ssh-dss', mpint(bits), mpint(160), mpint(bits - 1), mpint(bits - 2))


def credential(name='acme-partner-01', **fields):
    obj = dict(Id='c-' + name, UserName=name, Permission='read-only', State='active', IsDefault=False,
               PasswordCreatedAt=ms_to_iso(NOW - DAY_MS), UpdatedAt=NOW - DAY_MS,
               Settings={'Network': {'InboundRules': [dict(Source='203.0.113.0/24', State='enabled', Protocol='*')]}})
    obj.update(fields)
    return obj


def rules(*sources, **state):
    return {'Network': {'InboundRules': [dict(Source=source, Protocol='*', Action='allow', State=state.get('state', 'enabled'))
                                         for source in sources]}}


def link(path='/out/', **fields):
    obj = dict(Id='l' + path.strip('/'), Path=path, Permission='read-only', State='active', Password=None,
               ExpiresAt=NOW + DAY_MS, AccessLimit=0, AccessCount=0)
    obj.update(fields)
    return obj


def review(credentials=(), webhooks=(), share_links=(), keys=None, max_age=365):
    return findings(dict(credential=list(credentials), webhook=list(webhooks), share_link=list(share_links)),
                    dict(ssh_keys=keys or {}), NOW, max_age)


def rule_names(found):
    return [(item['rule'], item['name']) for item in found]


# -- each rule at its edge ----------------------------------------------------------------------------------

@pytest.mark.parametrize('permission', ['read-write', 'write-only', 'full'])
def test_write_access_without_allow_list_is_high(permission):
    found = review([credential(Permission=permission, Settings=None)])
    assert found == [dict(severity='high', rule='write_without_allow_list', kind='credential', name='acme-partner-01',
                          id='c-acme-partner-01', message='%s access from any address (no allow-list)' % permission)]


@pytest.mark.parametrize('sources, expected', [
    (('203.0.113.0/24', '0.0.0.0/0'), 'allow-list rule 0.0.0.0/0'),   # a /0 rule among others opens it all
    (('2001:db8::/32', '::/0'), 'allow-list rule ::/0'),               # IPv6 any-source
    (('0.0.0.0/00',), 'allow-list rule 0.0.0.0/0'),                     # read canonically
])
def test_an_any_source_rule_among_others_is_no_allow_list(sources, expected):
    found = review([credential(Permission='read-write', Settings=rules(*sources))])
    assert [item['message'] for item in found] == ['read-write access from any address (%s)' % expected]


def test_disabled_rules_are_no_allow_list_and_a_disabled_any_source_rule_restricts_nothing():
    assert rule_names(review([credential(Permission='full', Settings=rules('203.0.113.7', state='disabled'))])) == [
        ('write_without_allow_list', 'acme-partner-01')]
    closed = credential(Permission='full', Settings=rules('203.0.113.7'))
    closed['Settings']['Network']['InboundRules'].append(dict(Source='::/0', Protocol='*', State='disabled'))
    assert review([closed]) == []


def test_read_only_inactive_and_allow_listed_credentials_are_not_write_findings():
    assert review([credential(Permission='read-only', Settings=None),
                   credential('acme-partner-02', Permission='read-write', Settings=None, State='inactive'),
                   credential('acme-partner-03', Permission='read-write', Settings=rules('198.51.100.0/24', '2001:db8::/32'))]) == []


def test_the_root_credential_open_to_any_source_is_medium_not_high():
    root = credential('root-credential-id', Alias='Root', IsDefault=True, Permission='full', Settings=rules('0.0.0.0/0'))
    assert review([root]) == [dict(severity='medium', rule='root_open_to_any_source', kind='credential',
                                   name='root-credential-id', id='c-root-credential-id',
                                   message='the Root credential accepts logins from any address (allow-list rule 0.0.0.0/0)')]
    assert review([dict(root, Settings=rules('203.0.113.9'))]) == []


@pytest.mark.parametrize('age_ms, expected', [
    (365 * DAY_MS, []),                                          # exactly at the limit: not older
    (365 * DAY_MS + 1000, ['password is 365 days old (max 365)']),
    (800 * DAY_MS, ['password is 800 days old (max 365)']),
])
def test_password_age_at_the_limit(age_ms, expected):
    found = review([credential(PasswordCreatedAt=ms_to_iso(NOW - age_ms))])
    assert [item['message'] for item in found if item['rule'] == 'password_too_old'] == expected


def test_password_max_age_is_the_option():
    old = credential(PasswordCreatedAt=ms_to_iso(NOW - 31 * DAY_MS))
    assert rule_names(review([old], max_age=30)) == [('password_too_old', 'acme-partner-01')]
    assert review([old], max_age=31) == []


@pytest.mark.parametrize('line, expected', [
    (rsa(1024), 'weak SSH key: RSA 1024 bits'),
    (rsa(2047), 'weak SSH key: RSA 2047 bits'),
    (rsa(2048), None),
    (dsa(1024), 'weak SSH key: DSA 1024 bits'),
    (ED25519, None),
])
def test_weak_keys_rsa_under_2048_and_any_dsa(line, expected):
    found = review([credential()], keys={'c-acme-partner-01': [ED25519, line]})
    messages = [item['message'] for item in found]
    if expected is None:
        assert messages == []
    else:
        assert len(messages) == 1 and messages[0].startswith(expected + ' (SHA256:')


def test_key_sizes_as_the_report_shows_them():
    assert key_strength(rsa(2048)) == ('RSA', 2048)
    assert key_strength(rsa(4096)) == ('RSA', 4096)
    assert key_strength(dsa(1024)) == ('DSA', 1024)
    assert key_strength(ED25519) == ('ED25519', 256)
    assert key_strength('ssh-rsa not-base64!') == ('RSA', None)
    assert key_strength('ssh-xyz AAAA') == ('ssh-xyz', None)


def test_an_active_credential_that_never_expires_and_was_not_changed_is_low():
    stale = credential(UpdatedAt=NOW - 400 * DAY_MS)
    assert [(item['severity'], item['rule']) for item in review([stale])] == [('low', 'stale_credential')]
    assert review([dict(stale, Expiration=NOW + DAY_MS)]) == []
    assert review([dict(stale, UpdatedAt=NOW - 365 * DAY_MS)]) == []


@pytest.mark.parametrize('permission', ['read-write', 'write-only', 'read-write-no-delete'])
def test_an_upload_link_without_password_is_high(permission):
    found = review(share_links=[link(Permission=permission)])
    assert found == [dict(severity='high', rule='public_upload_link', kind='share_link', name='/out/', id='lout',
                          message='anyone with the link can upload (%s, no password)' % permission)]
    assert review(share_links=[link(Permission=permission, Password='Link-pass-0001')]) == []


def test_a_link_with_no_password_expiry_or_limit_is_medium():
    found = review(share_links=[link(ExpiresAt=None, AccessCount=7)])
    assert [(item['severity'], item['rule'], item['message']) for item in found] == [
        ('medium', 'open_share_link', 'no password, no expiry and no access limit (opened 7 times)')]
    assert review(share_links=[link(ExpiresAt=None, AccessLimit=10)]) == []
    assert review(share_links=[link(ExpiresAt=NOW + DAY_MS)]) == []


def test_an_expired_or_inactive_link_opens_nothing():
    assert review(share_links=[link(Permission='read-write', ExpiresAt=NOW - 1000),
                               link('/in/', Permission='read-write', ExpiresAt=None, State='inactive')]) == []


def test_a_paused_webhook_is_low_and_its_token_url_stays_masked():
    token = 'https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX'
    found = review(webhooks=[dict(Id='w1', Alias='', Url=token, Type='slack', State='paused'),
                             dict(Id='w2', Alias='ok', Url='https://example.com/x', State='enabled')])
    assert [(item['severity'], item['rule'], item['id']) for item in found] == [('low', 'paused_webhook', 'w1')]
    assert 'XXXXXXXX' not in json.dumps(found) and 'T0000' not in json.dumps(found)
    assert found[0]['message'] == 'paused after failed deliveries to hooks.slack.com: events are not delivered'
    mail = review(webhooks=[dict(Id='w3', Alias='ops', Url='Ops <ops@example.com>', Type='email', State='paused')])
    assert mail[0]['message'] == 'paused after failed deliveries to Ops <ops@example.com>: events are not delivered'


def test_sorted_by_severity_then_kind_then_name():
    found = review([credential('zz-partner-01', Permission='full', Settings=None, UpdatedAt=NOW - 400 * DAY_MS),
                    credential('aa-partner-01', PasswordCreatedAt=ms_to_iso(NOW - 400 * DAY_MS))],
                   [dict(Id='w1', Alias='hook', Url='https://example.com/', State='paused')],
                   [link('/b/', ExpiresAt=None), link('/a/', Permission='write-only')])
    assert [(item['severity'], item['kind'], item['name']) for item in found] == [
        ('high', 'credential', 'zz-partner-01'), ('high', 'share_link', '/a/'),
        ('medium', 'credential', 'aa-partner-01'), ('medium', 'share_link', '/b/'),
        ('low', 'credential', 'zz-partner-01'), ('low', 'webhook', 'hook')]


def test_a_finding_holds_no_secret():
    secret_cred = credential(Permission='full', Settings=None, Password='Partner-pass-0001',
                             URI='sftp://acme-partner-01:Partner-pass-0001@host', PasswordCreatedAt=ms_to_iso(0))
    found = review([secret_cred], share_links=[link(Permission='read-write', Password='Link-pass-0001'), link('/x/', ExpiresAt=None)])
    assert found and 'pass-0001' not in json.dumps(found)


def test_every_rule_is_documented_in_the_review_guide():
    assert len(set(rule.name for rule in RULES)) == len(RULES)
    assert all(rule.severity in _findings.SEVERITIES and rule.why and rule.fix for rule in RULES)
    with open(GUIDE) as guide:
        text = guide.read()
    for rule in RULES:
        assert '``%s``' % rule.name in text


# -- the module: findings from the read of the drift, no request of their own ---------------------------------

def test_findings_cost_the_lists_and_the_keys_of_credentials_that_have_keys(api, run_module):
    weak = credential('acme-partner-01', Permission='read-write', Settings=None, SshPublicKeysCount=1)
    keyless = credential('acme-partner-02', SshPublicKeysCount=0)
    api.expect('GET', '/users', response=[weak, keyless])
    api.expect('GET', '/webhooks', response=[])
    api.expect('GET', '/portal-links', response=[link(Permission='write-only')])
    api.expect('GET', '/users/c-acme-partner-01/ssh-public-keys', response=[
        dict(Id='k1', SshPublicKeyBody=rsa(1024), Type='rsa', UserId='c-acme-partner-01')])
    result = run_module(sftptogo_organization_info.main, dict(CONNECTION, password_max_age=30))
    assert not result['failed'], result
    assert [(item['severity'], item['rule'], item['name']) for item in result['findings']] == [
        ('high', 'write_without_allow_list', 'acme-partner-01'), ('high', 'public_upload_link', '/out/'),
        ('medium', 'weak_ssh_key', 'acme-partner-01')]
    assert api.writes() == []
