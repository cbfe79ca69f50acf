# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""sftptogo_ssh_key: the ordered HTTP requests of each scenario."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_ssh_key
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.conftest import API_KEY
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.modules.test_sftptogo_credential import (
    CID, SECRET, USER, credential, root)

FIXTURES = os.path.join(os.path.dirname(__file__), '..', 'module_utils', 'fixtures', 'ssh')
KEYS = '/users/%s/ssh-public-keys' % CID


def pub(name):
    """The one-line public key of a fixture file."""
    with open(os.path.join(FIXTURES, name)) as handle:
        return handle.read().strip()


ALICE, BOB, CAROL = pub('ed25519.pub'), pub('rsa.pub'), pub('ed25519_carol.pub')
FP = {
    ALICE: 'SHA256:xrVv7ETBmA2vjufSF1pVwuO/I2u23kXxEV7fH2R+BTE',
    BOB: 'SHA256:L3BH92lEIX12IiEkdzgq6l4aOMKZrOBMKpfC30+OkJU',
    CAROL: 'SHA256:D8C8x9MKtnBVu1t42rzn9oi3qtjsxHCbJpK5mZCis4M',
}


def key(line, kid):
    """An API key object for a key line."""
    words = line.split(None, 2)
    return {'Id': kid, 'UserId': CID, 'SshPublicKeyBody': line, 'Fingerprint': FP.get(line, 'SHA256:as-the-api-computes-it'),
            'Type': 'ed25519' if words[0] == 'ssh-ed25519' else 'rsa', 'Comment': words[2] if len(words) > 2 else '',
            'CreatedAt': 1617354664883, 'UpdatedAt': 1617354664883}


def same_list_under_both_names(result):
    """The key list is returned as ssh_keys and, for interface.md, as keys: always the same list (or neither)."""
    assert result.get('keys') == result.get('ssh_keys')
    assert ('keys' in result) is (not result.get('failed', False))
    return result


@pytest.fixture
def run(run_module):
    """Run sftptogo_ssh_key with the given options (credential_id by default)."""
    def runner(check_mode=False, diff=True, **args):
        if 'username' not in args:
            args.setdefault('credential_id', CID)
        return same_list_under_both_names(run_module(sftptogo_ssh_key.main, args, check_mode, diff))
    return runner


def test_add_posts_the_key_line(api, run):
    api.expect('GET', KEYS, response=[])
    api.expect('POST', KEYS, body={'SshPublicKeyBody': ALICE}, status=201, response=key(ALICE, 'k-1'))
    result = run(key=ALICE)
    assert result['changed'] is True
    assert result['added'] == [FP[ALICE]] and result['removed'] == []
    assert result['ssh_keys'][0]['id'] == 'k-1' and result['ssh_keys'][0]['ssh_public_key_body'] == ALICE
    assert result['diff'] == {'before': {'keys': []}, 'after': {'keys': [FP[ALICE] + ' alice@laptop']}}


def test_rerun_makes_one_get_and_no_write(api, run):
    api.expect('GET', KEYS, response=[key(ALICE, 'k-1')])
    result = run(key=ALICE)
    assert result['changed'] is False
    assert api.calls == [('GET', KEYS, None)]
    assert result['added'] == [] and result['removed'] == []
    assert result['diff']['before'] == result['diff']['after']


def test_same_key_under_another_comment_and_spacing_is_no_change(api, run):
    api.expect('GET', KEYS, response=[key(ALICE, 'k-1')])
    words = ALICE.split()
    result = run(key='  %s\t%s   alice on another laptop\n' % (words[0], words[1]))
    assert result['changed'] is False
    assert api.writes() == []
    assert result['ssh_keys'][0]['comment'] == 'alice@laptop'


def test_two_keys_at_once_add_only_the_missing_one(api, run):
    api.expect('GET', KEYS, response=[key(ALICE, 'k-1')])
    api.expect('POST', KEYS, body={'SshPublicKeyBody': BOB}, status=201, response=key(BOB, 'k-2'))
    result = run(key='# the team\n%s\n\n%s\n' % (ALICE, BOB))
    assert result['changed'] is True
    assert result['added'] == [FP[BOB]]
    assert [k['id'] for k in result['ssh_keys']] == ['k-1', 'k-2']


def test_two_new_keys_are_two_posts_in_order(api, run):
    api.expect('GET', KEYS, response=[])
    api.expect('POST', KEYS, body={'SshPublicKeyBody': ALICE}, status=201, response=key(ALICE, 'k-1'))
    api.expect('POST', KEYS, body={'SshPublicKeyBody': BOB}, status=201, response=key(BOB, 'k-2'))
    assert run(key='%s\n%s' % (ALICE, BOB))['added'] == [FP[ALICE], FP[BOB]]


def test_exclusive_adds_first_then_removes_the_others(api, run):
    api.expect('GET', KEYS, response=[key(ALICE, 'k-1'), key(BOB, 'k-2')])
    api.expect('POST', KEYS, body={'SshPublicKeyBody': CAROL}, status=201, response=key(CAROL, 'k-3'))
    api.expect('DELETE', KEYS + '/k-2', body=None, response=key(BOB, 'k-2'))
    result = run(key='%s\n%s' % (ALICE, CAROL), exclusive=True)
    assert result['changed'] is True
    assert result['added'] == [FP[CAROL]] and result['removed'] == [FP[BOB]]
    assert [k['id'] for k in result['ssh_keys']] == ['k-1', 'k-3']
    assert result['diff']['before']['keys'] == [FP[ALICE] + ' alice@laptop', FP[BOB] + ' bob@workstation']
    assert result['diff']['after']['keys'] == [FP[ALICE] + ' alice@laptop', FP[CAROL] + ' carol@tablet']


def test_exclusive_removes_a_duplicate_on_the_server(api, run):
    api.expect('GET', KEYS, response=[key(ALICE, 'k-1'), key(ALICE, 'k-9')])
    api.expect('DELETE', KEYS + '/k-9', response={})
    assert run(key=ALICE, exclusive=True)['removed'] == [FP[ALICE]]


def test_exclusive_rerun_is_no_change(api, run):
    api.expect('GET', KEYS, response=[key(ALICE, 'k-1'), key(CAROL, 'k-3')])
    result = run(key='%s\n%s' % (CAROL, ALICE), exclusive=True)
    assert result['changed'] is False and api.writes() == []


def test_exclusive_with_no_key_line_removes_every_key_when_allowed(api, run):
    api.expect('GET', KEYS, response=[key(ALICE, 'k-1')])
    api.expect('DELETE', KEYS + '/k-1', response=key(ALICE, 'k-1'))
    result = run(key='# nobody\n', exclusive=True, allow_empty_purge=True)
    assert result['removed'] == [FP[ALICE]] and result['ssh_keys'] == []


@pytest.mark.parametrize('empty', ['', '# nobody\n', '\n  \n'])
def test_exclusive_with_no_key_line_is_refused_before_any_request(api, run, empty):
    result = run(key=empty, exclusive=True)
    assert result['failed'] and result['msg'].startswith('key holds no public key')
    assert 'with exclusive=true it would remove every key of the credential' in result['msg']
    assert 'allow_empty_purge=true' in result['msg'] and api.calls == []


def test_absent_by_key_ignores_the_comment(api, run):
    api.expect('GET', KEYS, response=[key(ALICE, 'k-1'), key(BOB, 'k-2')])
    api.expect('DELETE', KEYS + '/k-2', body=None, response=key(BOB, 'k-2'))
    result = run(key=BOB.replace('bob@workstation', 'whatever'), state='absent')
    assert result['changed'] is True
    assert result['removed'] == [FP[BOB]] and result['added'] == []
    assert [k['id'] for k in result['ssh_keys']] == ['k-1']


def test_absent_by_key_when_missing_is_no_change(api, run):
    api.expect('GET', KEYS, response=[key(ALICE, 'k-1')])
    result = run(key=BOB, state='absent')
    assert result['changed'] is False and api.writes() == []


def test_absent_by_id(api, run):
    api.expect('GET', KEYS, response=[key(ALICE, 'k-1'), key(BOB, 'k-2')])
    api.expect('DELETE', KEYS + '/k-1', body=None, response=key(ALICE, 'k-1'))
    result = run(id='k-1', state='absent')
    assert result['changed'] is True and result['removed'] == [FP[ALICE]]


def test_absent_by_unknown_id_is_no_change(api, run):
    api.expect('GET', KEYS, response=[key(ALICE, 'k-1')])
    assert run(id='k-404', state='absent')['changed'] is False
    assert api.writes() == []


def test_delete_answered_404_is_no_change(api, run):
    api.expect('GET', KEYS, response=[key(ALICE, 'k-1')])
    api.expect('DELETE', KEYS + '/k-1', status=404, response={'message': 'SSH key not found'})
    result = run(id='k-1', state='absent')
    assert result['changed'] is False and result['removed'] == []


def test_by_username_lists_the_credentials_once(api, run):
    api.expect('GET', '/users', response=[root(), credential()])
    api.expect('GET', KEYS, response=[key(ALICE, 'k-1')])
    result = run(username=USER, key=ALICE)
    assert result['changed'] is False
    assert len(api.calls) == 2
    assert SECRET not in json.dumps(result)


def test_by_username_adds(api, run):
    api.expect('GET', '/users', response=[credential()])
    api.expect('GET', KEYS, response=[])
    api.expect('POST', KEYS, body={'SshPublicKeyBody': ALICE}, status=201, response=key(ALICE, 'k-1'))
    assert run(username=USER, key=ALICE)['changed'] is True


def test_unknown_username_fails_without_write(api, run):
    api.expect('GET', '/users', response=[root()])
    result = run(username=USER, key=ALICE)
    assert result['failed'] is True
    assert result['msg'] == "no credential with username 'acme-partner-01' exists"


def test_two_credentials_with_one_username_fail_naming_their_ids_and_credential_id(api, run):
    # UserName is unique service-wide: a list breaking that is ambiguous, as every engine's lookup reports it.
    api.expect('GET', '/users', response=[credential(), credential(Id='other-credential-0001', Alias='Other')])
    result = run(username=USER, key=ALICE)
    assert result['failed'] is True and api.writes() == []
    assert result['msg'] == ("2 credentials match username='%s' (ids: %s, other-credential-0001); set credential_id "
                             "to choose one" % (USER, CID))


def test_unknown_credential_id_fails(api, run):
    api.expect('GET', KEYS, status=404, response={'message': 'Credential not found'})
    result = run(key=ALICE)
    assert result['failed'] is True
    assert result['msg'] == "no credential with id '%s' exists (GET %s answered 404)" % (CID, KEYS)
    assert api.writes() == []


def test_an_unparseable_body_from_the_api_is_compared_by_its_fingerprint(api, run):
    api.expect('GET', KEYS, response=[dict(key(ALICE, 'k-1'), SshPublicKeyBody='ssh-ed25519 AAAAC3NzaC1...',
                                           Fingerprint=FP[ALICE])])
    assert run(key=ALICE)['changed'] is False


KEY_LINE_2 = '# ok\nssh-ed25519 %s me' % BOB.split()[1]


@pytest.mark.parametrize('args, message', [
    (dict(key=KEY_LINE_2), "key line 2: the key data is a 'ssh-rsa' key, not ssh-ed25519"),
    (dict(key='ssh-dss AAAA x'), "key line 1: unknown key type 'ssh-dss'"),
    (dict(key='ssh-ed25519 !!! x'), 'key line 1: the key data is not valid base64'),
    (dict(key='-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n'), 'key: this is a private key'),
    (dict(key='\n# only a comment\n'), 'key holds no public key'),
    (dict(key='# none', state='absent'), 'key holds no public key'),
    (dict(key=ALICE, state='absent', exclusive=True), 'exclusive=true only applies to state=present'),
    (dict(key=ALICE, credential_id='../users'), "credential_id must be letters, digits, '_' or '-' only (it goes into the request path); got '../users'"),
    (dict(id='a/b', state='absent'), "id must be letters, digits, '_' or '-' only"),
    (dict(key=ALICE, username='bob'), "username must be 10 to 100 characters"),
    (dict(key=ALICE, username=USER, credential_id=CID), 'mutually exclusive: credential_id|username'),
    (dict(key=ALICE, id='k-1', state='absent'), 'mutually exclusive: key|id'),
    (dict(), 'state is present but all of the following are missing: key'),
    (dict(state='absent'), 'state is absent but any of the following are missing: key, id'),
])
def test_bad_input_fails_before_any_request(api, run, args, message):
    result = run(**args)
    assert result['failed'] is True
    assert message in result['msg']
    assert api.calls == []


def test_a_private_key_is_refused_and_its_text_is_nowhere_in_what_the_module_prints(api, run_module_printed):
    # Before ansible-core 2.21 the module itself echoes its arguments (invocation, printed at -vvv).
    private = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU\n-----END OPENSSH PRIVATE KEY-----\n'
    result = run_module_printed(sftptogo_ssh_key.main, dict(credential_id=CID, key='%s\n%s' % (ALICE, private)))
    assert 'key: this is a private key' in result['msg']
    assert 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmU' not in json.dumps(result)
    assert api.calls == []


def test_no_credential_option_fails_before_any_request(api, run_module):
    result = run_module(sftptogo_ssh_key.main, dict(key=ALICE))
    assert 'one of the following is required: credential_id, username' in result['msg']
    assert api.calls == []


@pytest.mark.parametrize('args', [
    dict(key=CAROL),
    dict(key=CAROL, exclusive=True),
    dict(key=ALICE, state='absent'),
    dict(id='k-2', state='absent'),
])
def test_check_mode_sends_only_get_and_predicts(api, run, args):
    api.expect('GET', KEYS, response=[key(ALICE, 'k-1'), key(BOB, 'k-2')])
    result = run(check_mode=True, **args)
    assert result['changed'] is True
    assert api.writes() == []
    assert result['added'] or result['removed']


def test_check_mode_prediction_of_exclusive(api, run):
    api.expect('GET', KEYS, response=[key(ALICE, 'k-1'), key(BOB, 'k-2')])
    result = run(check_mode=True, key=CAROL, exclusive=True)
    assert result['added'] == [FP[CAROL]] and result['removed'] == [FP[ALICE], FP[BOB]]
    assert result['ssh_keys'] == [{'user_id': CID, 'ssh_public_key_body': CAROL, 'fingerprint': FP[CAROL],
                                   'comment': 'carol@tablet'}]
    assert result['diff']['after'] == {'keys': [FP[CAROL] + ' carol@tablet']}


def test_diff_holds_fingerprints_and_comments_and_nothing_secret(api, run):
    api.expect('GET', '/users', response=[credential()])
    api.expect('GET', KEYS, response=[key(ALICE, 'k-1')])
    api.expect('POST', KEYS, response=key(BOB, 'k-2'))
    result = run(username=USER, key=BOB)
    assert result['diff'] == {'before': {'keys': [FP[ALICE] + ' alice@laptop']},
                              'after': {'keys': [FP[ALICE] + ' alice@laptop', FP[BOB] + ' bob@workstation']}}
    dumped = json.dumps(result)
    assert SECRET not in dumped and API_KEY not in dumped


def test_lost_post_response_adopts_the_added_key(api, run):
    api.expect('GET', KEYS, response=[])
    api.expect('POST', KEYS, status=502, text='<html><body>Bad Gateway</body></html>')
    api.expect('GET', KEYS, response=[key(ALICE.replace('alice@laptop', 'as stored'), 'k-1')])
    result = run(key=ALICE)
    assert result['changed'] is True
    assert [call[0] for call in api.calls].count('POST') == 1
    assert result['ssh_keys'][0]['id'] == 'k-1' and result['added'] == [FP[ALICE]]


def test_post_that_failed_before_applying_is_sent_again_after_a_list(api, run):
    api.expect('GET', KEYS, response=[])
    api.expect('POST', KEYS, status=504, response={'message': 'Endpoint request timed out'})
    api.expect('GET', KEYS, response=[])
    api.expect('POST', KEYS, status=201, response=key(ALICE, 'k-1'))
    assert run(key=ALICE, api_retries=1)['changed'] is True


def test_post_that_keeps_failing_gives_up_after_the_retries(api, run):
    api.expect('GET', KEYS, response=[])
    api.expect('POST', KEYS, status=500, response={'message': 'Internal server error'})
    api.expect('GET', KEYS, response=[])
    result = run(key=ALICE, api_retries=0)
    assert result['failed'] is True
    assert result['msg'] == 'POST %s failed with HTTP 500: Internal server error' % KEYS
    assert result['changed'] is False and result['added'] == []


def test_api_error_names_status_method_path_and_message(api, run):
    api.expect('GET', KEYS, response=[])
    api.expect('POST', KEYS, status=400, response={'message': 'unsupported key type (key %s)' % API_KEY})
    result = run(key=ALICE)
    assert result['failed'] is True
    assert result['msg'] == 'POST %s failed with HTTP 400: unsupported key type (key ********)' % KEYS


def test_error_after_a_write_reports_what_was_done(api, run):
    api.expect('GET', KEYS, response=[key(BOB, 'k-2')])
    api.expect('POST', KEYS, status=201, response=key(ALICE, 'k-1'))
    api.expect('DELETE', KEYS + '/k-2', status=403, response={'message': 'Forbidden'})
    result = run(key=ALICE, exclusive=True)
    assert result['failed'] is True and result['changed'] is True
    assert result['added'] == [FP[ALICE]] and result['removed'] == []


def test_check_mode_on_a_credential_not_created_yet_reports_the_keys_to_add(api, run):
    api.expect('GET', '/users', response=[])  # an earlier task only pretended to create it (check mode)
    result = run(username='new-partner-0001', key=ALICE + '\n' + BOB, check_mode=True)
    assert result['failed'] is False and result['changed'] is True
    assert result['added'] == [FP[ALICE], FP[BOB]] and api.writes() == []
    assert any("no credential with username 'new-partner-0001' exists" in w for w in result['warnings'])


def test_a_real_run_on_a_missing_credential_still_fails(api, run):
    api.expect('GET', '/users', response=[])
    result = run(username='new-partner-0001', key=ALICE)
    assert result['failed'] is True and result['msg'] == "no credential with username 'new-partner-0001' exists"


def test_a_post_answered_409_adopts_the_key_another_client_added(api, run):
    api.expect('GET', KEYS, response=[])
    api.expect('POST', KEYS, body={'SshPublicKeyBody': ALICE}, status=409,
               response={'message': 'this SSH key is already attached to these credentials'})
    api.expect('GET', KEYS, response=[key(ALICE, 'k-theirs')])
    result = run(key=ALICE)
    assert result.get('failed') is not True
    assert result['changed'] is False and result['added'] == []  # it is there: present, not added by this task
    assert [item['id'] for item in result['ssh_keys']] == ['k-theirs']
    assert [call[0] for call in api.writes()] == ['POST']
    assert any('POST answered 409' in warning and FP[ALICE] in warning for warning in result['warnings'])


def test_a_409_for_a_key_that_a_list_does_not_show_fails(api, run):
    api.expect('GET', KEYS, response=[])
    api.expect('POST', KEYS, status=409, response={'message': 'conflict'})
    api.expect('GET', KEYS, response=[])
    result = run(key=ALICE)
    assert result['failed'] is True and 'HTTP 409' in result['msg']
