# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Bad input to every module: a clear error naming the option and the rule, no request sent, no traceback."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.modules import (
    sftptogo_credential, sftptogo_credential_info, sftptogo_share_link, sftptogo_share_link_info, sftptogo_ssh_key,
    sftptogo_ssh_key_info, sftptogo_webhook, sftptogo_webhook_info)

USER = 'acme-partner-01'
KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIL8DLGjHdEH76mSskhyxKAGoMKE5RwHG9Qi5KP5owXJa alice@laptop'
RULE = 'one of %s is required to find the %s (null counts as not given)'

CASES = [
    # credential: lookups and ids
    (sftptogo_credential, dict(username=None), RULE % ('id, username or alias', 'credential')),
    (sftptogo_credential, dict(username=None, alias=None, permission='read-only'), RULE % ('id, username or alias', 'credential')),
    (sftptogo_credential, dict(username=''), RULE % ('id, username or alias', 'credential')),
    (sftptogo_credential, dict(alias=''), RULE % ('id, username or alias', 'credential')),
    (sftptogo_credential, dict(id='../../other-org/users/x'), "id must be letters, digits, '_' or '-' only"),
    (sftptogo_credential, dict(id='abc?x=1'), "id must be letters, digits, '_' or '-' only"),
    (sftptogo_credential, dict(id='../webhooks', state='absent'), "id must be letters, digits, '_' or '-' only"),
    (sftptogo_credential, dict(id=''), "id must be letters, digits, '_' or '-' only"),
    (sftptogo_credential, dict(id='abc#frag', username=USER), "id must be letters, digits, '_' or '-' only"),
    # credential: values
    (sftptogo_credential, dict(username='bob'), 'username must be 10 to 100 characters'),
    (sftptogo_credential, dict(username='x' * 101), 'username must be 10 to 100 characters'),
    (sftptogo_credential, dict(username='acme partner 01'), 'username must be 10 to 100 characters'),
    (sftptogo_credential, dict(username={'name': USER}), 'username must be a str; got a dict'),
    (sftptogo_credential, dict(username=[USER]), 'username must be a str; got a list'),
    (sftptogo_credential, dict(username=USER, password={'a': 1}), 'password must be a str; got a dict'),
    (sftptogo_credential, dict(username=USER, alias=['a']), 'alias must be a str; got a list'),
    (sftptogo_credential, dict(username=USER, home_directory='relative/dir'), 'home_directory must be an absolute path'),
    (sftptogo_credential, dict(username=USER, home_directory=''), 'home_directory must be an absolute path'),
    (sftptogo_credential, dict(username=USER, chroot_directory='x'), 'chroot_directory must be an absolute path'),
    (sftptogo_credential, dict(username=USER, permission='admin'), 'permission'),
    (sftptogo_credential, dict(username=USER, password='x' * 12, rotate_password=True), 'mutually exclusive'),
    (sftptogo_credential, dict(username=USER, expiration=float('inf')), 'expiration must be a time between the years 1970 and 9999'),
    (sftptogo_credential, dict(username=USER, expiration=float('nan')), 'expiration must be a time between the years 1970 and 9999'),
    (sftptogo_credential, dict(username=USER, expiration=10 ** 20), 'expiration must be a time between the years 1970 and 9999'),
    (sftptogo_credential, dict(username=USER, expiration='99999-01-01'), 'expiration must be an ISO 8601 date/datetime'),
    (sftptogo_credential, dict(username=USER, expiration='tomorrow'), 'expiration must be an ISO 8601 date/datetime'),
    (sftptogo_credential, dict(username=USER, expiration={'days': 1}), 'expiration must be an ISO 8601 date/datetime or a Unix time; got a dict'),
    (sftptogo_credential, dict(username=USER, expiration=True), 'expiration must be an ISO 8601 date/datetime or a Unix time; got True'),
    (sftptogo_credential, dict(username=USER, expiration='2099-01-01'), 'expiration must be at most one year ahead'),
    (sftptogo_credential, dict(username=USER, inbound_rules='203.0.113.7'), 'inbound_rules must be a list; got a string'),
    (sftptogo_credential, dict(username=USER, inbound_rules=[{'source': '300.1.2.3'}]), 'inbound_rules[0].source must be an IP address'),
    (sftptogo_credential, dict(username=USER, inbound_rules=[{'source': 'example.com'}]), 'inbound_rules[0].source must be an IP address'),
    (sftptogo_credential, dict(username=USER, inbound_rules=[{'source': {'ip': '1.2.3.4'}}]), 'inbound_rules[0].source must be a str; got a dict'),
    (sftptogo_credential, dict(username=USER, inbound_rules=[{'source': '1.2.3.4', 'protocol': 'HTTP'}]), 'protocol'),
    # ssh keys
    (sftptogo_ssh_key, dict(key=KEY), 'one of the following is required: credential_id, username'),
    (sftptogo_ssh_key, dict(username=None, key=KEY), RULE % ('credential_id or username', 'credential')),
    (sftptogo_ssh_key, dict(credential_id='../x', key=KEY), "credential_id must be letters, digits, '_' or '-' only"),
    (sftptogo_ssh_key, dict(credential_id='', key=KEY), "credential_id must be letters, digits, '_' or '-' only"),
    (sftptogo_ssh_key, dict(username='bob', key=KEY), 'username must be 10 to 100 characters'),
    (sftptogo_ssh_key, dict(username=USER, id='a/b', state='absent'), "id must be letters, digits, '_' or '-' only"),
    (sftptogo_ssh_key, dict(username=USER, key='not a key'), 'key line 1'),
    (sftptogo_ssh_key, dict(username=USER, key=''), 'key holds no public key'),
    (sftptogo_ssh_key, dict(username=USER, key={'k': KEY}), 'key must be a str; got a dict'),
    (sftptogo_ssh_key, dict(username=USER, key=KEY, exclusive=True, state='absent'), 'exclusive=true only applies to state=present'),
    # webhooks
    (sftptogo_webhook, dict(topics=['file.created']), 'one of the following is required: id, alias, url'),
    (sftptogo_webhook, dict(alias=None, url=None), RULE % ('id, alias or url', 'webhook')),
    (sftptogo_webhook, dict(id='../x'), "id must be letters, digits, '_' or '-' only"),
    (sftptogo_webhook, dict(alias='a', url='http://hooks.example.com/x'), 'url must be an https:// URL'),
    (sftptogo_webhook, dict(alias='a', url='ftp://hooks.example.com/x', type='webhook'), 'url must be an https:// URL for type webhook'),
    (sftptogo_webhook, dict(alias='a', url='not-an-address', type='email'), 'url must be an e-mail address'),
    (sftptogo_webhook, dict(alias='a', topics=[]), 'topics must hold at least one of'),
    (sftptogo_webhook, dict(alias='a', topics='file.created'), 'topics must be a list; got a string'),
    (sftptogo_webhook, dict(alias='a', topics=['file.renamed']), 'topics'),
    (sftptogo_webhook, dict(alias='a', authorization_header='Bearer a\nb'), 'authorization_header must be a single line'),
    (sftptogo_webhook, dict(alias={'a': 1}), 'alias must be a str; got a dict'),
    (sftptogo_webhook, dict(alias='a', type='teams'), 'type'),
    # share links
    (sftptogo_share_link, dict(notes='x'), 'one of the following is required: id, path'),
    (sftptogo_share_link, dict(path=None, permission='read-only'), RULE % ('id or path', 'share_link')),
    (sftptogo_share_link, dict(id='abc?x=1'), "id must be letters, digits, '_' or '-' only"),
    (sftptogo_share_link, dict(path='relative/'), "path must be an absolute path starting with '/'"),
    (sftptogo_share_link, dict(path='/a/', access_limit=-1), 'access_limit must be 0 (unlimited) or a positive number'),
    (sftptogo_share_link, dict(path='/a/', access_limit='many'), 'access_limit'),
    (sftptogo_share_link, dict(path='/report.csv', permission='read-write'), 'permission must be read-only for a file link'),
    (sftptogo_share_link, dict(path='/a/', expires_at=float('inf')), 'expires_at must be a time between the years 1970 and 9999'),
    (sftptogo_share_link, dict(path='/a/', expires_at=[2026]), 'expires_at must be an ISO 8601 date/datetime or a Unix time; got a list'),
    (sftptogo_share_link, dict(path='/a/', notes={'a': 1}), 'notes must be a str; got a dict'),
    (sftptogo_share_link, dict(path='/a/', password=['p']), 'password must be a str; got a list'),
    # _info modules
    (sftptogo_credential_info, dict(id='../x', show_secrets=False), "id must be letters, digits, '_' or '-' only"),
    (sftptogo_webhook_info, dict(id='x/y', show_secrets=False), "id must be letters, digits, '_' or '-' only"),
    (sftptogo_share_link_info, dict(path='rel', show_secrets=False), "path must be an absolute path"),
    (sftptogo_share_link_info, dict(id='a?b', show_secrets=False), "id must be letters, digits, '_' or '-' only"),
    (sftptogo_ssh_key_info, dict(username=None), RULE % ('credential_id or username', 'credential')),
    (sftptogo_ssh_key_info, dict(credential_id='../x'), "credential_id must be letters, digits, '_' or '-' only"),
]


@pytest.mark.parametrize('module, args, message', CASES,
                         ids=['%s-%d' % (case[0].__name__.rsplit('.', 1)[-1], index) for index, case in enumerate(CASES)])
def test_bad_input_fails_before_any_request(api, run_module, module, args, message):
    result = run_module(module.main, args)
    assert result['failed'] is True
    assert message in result['msg'], result['msg']
    assert 'Traceback' not in result['msg']
    assert api.calls == []
