# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Bad input to sftptogo_ssh_key: a clear error naming the option and the rule, no request sent, no traceback."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_ssh_key
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.modules.bad_inputs import (
    API_KEY, API_URL, KEY, PATH_ID, RULE, USER, USERNAME, wire, bad_input_test)

CASES = [
    # connection options
    (dict(username=USER, key=KEY, api_key='   '), API_KEY + '; it starts or ends with whitespace'),
    (dict(username=USER, key=KEY, api_url='https://api.example.test:99999'), API_URL + '; Port out of range'),
    (dict(username=USER, key=KEY, api_retries=True), 'api_retries must be an int; got True'),
    # credential and key ids
    (dict(key=KEY), 'one of the following is required: credential_id, username'),
    (dict(username=None, key=KEY), RULE % ('credential_id or username', 'credential')),
    (dict(credential_id='abc', username=USER, key=KEY), 'parameters are mutually exclusive: credential_id|username'),
    (dict(credential_id='../x', key=KEY), 'credential_id ' + PATH_ID),
    (dict(credential_id='', key=KEY), 'credential_id ' + PATH_ID),
    (dict(credential_id='x%2Fy', key=KEY), 'credential_id ' + PATH_ID),
    (dict(credential_id={'id': 'x'}, key=KEY), 'credential_id must be a str; got a dict'),
    (dict(username='bob', key=KEY), USERNAME),
    (dict(username='', key=KEY), USERNAME),
    (dict(username='   ', key=KEY), USERNAME),
    (dict(username=USER + '\n', key=KEY), USERNAME),
    (dict(username=USER, id='a/b', state='absent'), 'id ' + PATH_ID),
    (dict(username=USER, id='', state='absent'), 'id ' + PATH_ID),
    (dict(username=USER, key=KEY, id='abc', state='absent'), 'parameters are mutually exclusive: key|id'),
    (dict(username=USER, state='absent'), 'state is absent but any of the following are missing: key, id'),
    (dict(username=USER), 'state is present but all of the following are missing: key'),
    (dict(username=USER, key=KEY, exclusive=True, state='absent'), 'exclusive=true only applies to state=present'),
    # the key
    (dict(username=USER, key='not a key'), "key line 1: unknown key type 'not'"),
    (dict(username=USER, key='ssh-dss AAAAB3NzaC1kc3MAAACBAP'), "key line 1: unknown key type 'ssh-dss'; supported: "),
    (dict(username=USER, key='ssh\u2010ed25519 AAAA'), 'key line 1: unknown key type'),
    (dict(username=USER, key=KEY + '\nnot a key'), "key line 2: unknown key type 'not'"),
    (dict(username=USER, key='from="10.0.0.1" ' + KEY), 'key line 1: options before the key type (authorized_keys style) are not supported'),
    (dict(username=USER, key='ssh-ed25519'), 'key line 1: there is no key data after the key type ssh-ed25519'),
    (dict(username=USER, key='ssh-ed25519 !!!!'), 'key line 1: the key data is not valid base64'),
    (dict(username=USER, key='ssh-ed25519 ÄÄÄÄ'), 'key line 1: the key data is not valid base64'),
    (dict(username=USER, key=KEY[:60]), 'key line 1: the key data is truncated'),
    (dict(username=USER, key='ssh-rsa' + KEY[11:]), "key line 1: the key data is a 'ssh-ed25519' key, not ssh-rsa"),
    (dict(username=USER, key=wire('ecdsa-sha2-nistp256', b'nistp384', b'\x04' + b'1' * 64)),
     "key line 1: the key data names the curve 'nistp384', not nistp256"),
    (dict(username=USER, key=wire('ssh-ed25519', b'x' * 32, b'extra')), 'key line 1: the key data does not have the parts of a ssh-ed25519 key'),
    (dict(username=USER, key='-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END OPENSSH PRIVATE KEY-----'),
     'key: this is a private key; give the public key (the .pub file) instead'),
    (dict(username=USER, key='---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----'), 'key: RFC 4716 (SSH2) keys are not supported'),
    (dict(username=USER, key=''), 'key holds no public key'),
    (dict(username=USER, key='# only a comment\n\n'), 'key holds no public key (blank lines and # lines are ignored)'),
    (dict(username=USER, key='', state='absent'), 'key holds no public key'),
    (dict(username=USER, key={'k': KEY}), 'key must be a str; got a dict'),
    (dict(username=USER, key=[KEY]), 'key must be a str; got a list'),
    (dict(username=USER, key=True), 'key must be a str; got True'),
]

test_bad_input_fails_before_any_request = bad_input_test(sftptogo_ssh_key, CASES)
