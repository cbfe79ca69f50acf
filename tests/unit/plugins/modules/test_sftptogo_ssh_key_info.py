# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""sftptogo_ssh_key_info: the keys of one credential, only GET requests."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_ssh_key_info
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.modules.test_sftptogo_credential import (
    CID, SECRET, USER, credential, root)
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.modules.test_sftptogo_ssh_key import (
    ALICE, BOB, KEYS, key, same_list_under_both_names)


@pytest.fixture
def run(run_module):
    """Run sftptogo_ssh_key_info with the given options."""
    return lambda check_mode=False, **args: same_list_under_both_names(
        run_module(sftptogo_ssh_key_info.main, args, check_mode))


def test_lists_the_keys_by_credential_id_with_one_get(api, run):
    api.expect('GET', KEYS, response=[key(ALICE, 'k-1'), key(BOB, 'k-2')])
    result = run(credential_id=CID)
    assert result['changed'] is False
    assert [k['id'] for k in result['ssh_keys']] == ['k-1', 'k-2']
    assert result['ssh_keys'][0] == {'id': 'k-1', 'user_id': CID, 'ssh_public_key_body': ALICE,
                                     'fingerprint': 'SHA256:xrVv7ETBmA2vjufSF1pVwuO/I2u23kXxEV7fH2R+BTE', 'type': 'ed25519',
                                     'comment': 'alice@laptop', 'created_at': 1617354664883, 'updated_at': 1617354664883}


def test_by_username_in_check_mode(api, run):
    api.expect('GET', '/users', response=[root(), credential()])
    api.expect('GET', KEYS, response=[])
    result = run(username=USER, check_mode=True)
    assert result['ssh_keys'] == []
    assert SECRET not in json.dumps(result)


def test_unknown_credential_fails(api, run):
    api.expect('GET', KEYS, status=404, response={'message': 'Credential not found'})
    result = run(credential_id=CID)
    assert result['failed'] is True
    assert result['msg'].startswith("no credential with id '%s' exists" % CID)
    api.expect('GET', '/users', response=[root()])
    assert run(username=USER)['msg'] == "no credential with username 'acme-partner-01' exists"


@pytest.mark.parametrize('args, message', [
    (dict(), 'one of the following is required: credential_id, username'),
    (dict(credential_id=CID, username=USER), 'mutually exclusive'),
    (dict(username='bob'), 'username must be 10 to 100 characters'),
])
def test_bad_input_fails_before_any_request(api, run, args, message):
    result = run(**args)
    assert message in result['msg']
    assert api.calls == []


def test_api_error(api, run):
    api.expect('GET', '/users', status=403, response={'message': 'Forbidden'})
    assert run(username=USER)['msg'] == 'GET /users failed with HTTP 403: Forbidden'


def test_two_credentials_with_one_username_fail_naming_credential_id(api, run):
    api.expect('GET', '/users', response=[credential(), credential(Id='other-credential-0001', Alias='Other')])
    result = run(username=USER)
    assert result['failed'] is True and 'ssh_keys' not in result
    assert result['msg'] == ("2 credentials match username='%s' (ids: %s, other-credential-0001); set credential_id "
                             "to choose one" % (USER, CID))
