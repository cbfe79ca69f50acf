# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""sftptogo_credential: the ordered HTTP requests of each scenario."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import json

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_credential
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._descriptor import MASK

CID = 'cfc211269c8c0f925c64b1a223d8eb'
ROOT_ID = '4ddb2ea265b8eaf7685b4e125a1292'
USER = 'acme-partner-01'
SECRET = 'Sup3r-secret-pass'
RULE_ID = 'c1d91788-e46f-45a0-9c7b-386e90db000a'


def credential(**overrides):
    """An API credential object."""
    obj = {
        'Id': CID, 'UserName': USER, 'Alias': 'ACME', 'Password': SECRET, 'HomeDirectory': '/home/acme',
        'ChrootDirectory': '/', 'Permission': 'read-only', 'State': 'active', 'IsDefault': False,
        'Host': 'warm-soda-25793.sftptogo.com', 'URI': 'sftp://%s:%s@warm-soda-25793.sftptogo.com' % (USER, SECRET),
        'OrganizationId': '72e9cf24-be8c-4f15-9aa2-813281fb98fe', 'SshPublicKeysCount': 0,
        'CreatedAt': 1616615059930, 'UpdatedAt': 1616615059930,
    }
    obj.update(overrides)
    return obj


def root():
    """The Root credential of the older API revision: its UserName is its Id."""
    return credential(Id=ROOT_ID, UserName=ROOT_ID, Alias='Root', IsDefault=True, Permission='full')


def rules(*specs):
    """Settings with API inbound rules from (source, protocol, id) tuples."""
    return {'Network': {'InboundRules': [
        {'Id': rule_id, 'Action': 'allow', 'Protocol': protocol, 'Source': source, 'State': 'enabled', 'Description': ''}
        for source, protocol, rule_id in specs]}}


@pytest.fixture
def run(run_module):
    """Run sftptogo_credential with the given options."""
    return lambda check_mode=False, diff=True, **args: run_module(sftptogo_credential.main, args, check_mode, diff)


def test_create_sends_one_post_with_the_given_fields(api, run):
    api.expect('GET', '/users', response=[root()])
    api.expect('POST', '/users', body={'UserName': USER, 'Alias': 'ACME', 'Password': SECRET, 'Permission': 'read-write'},
               status=201, response=credential(Permission='read-write'))
    result = run(username=USER, alias='ACME', password=SECRET, permission='read-write')
    assert result['changed'] is True
    assert result['credential']['id'] == CID
    assert result['credential']['password'] == SECRET  # created here: the password is returned
    assert SECRET not in json.dumps(result['diff'])


def test_second_run_makes_no_write(api, run):
    api.expect('GET', '/users', response=[root(), credential(Permission='read-write')])
    result = run(username=USER, alias='ACME', password=SECRET, permission='read-write')
    assert result['changed'] is False
    assert api.writes() == []
    assert result['credential']['password'] == MASK
    assert SECRET not in json.dumps(result)


def test_update_patches_only_the_differing_key(api, run):
    api.expect('GET', '/users', response=[credential()])
    api.expect('PATCH', '/users/' + CID, body={'Permission': 'read-write'}, response=credential(Permission='read-write'))
    result = run(username=USER, alias='ACME', permission='read-write', home_directory='/home/acme/')
    assert result['changed'] is True
    assert result['diff'] == {'before': {'username': USER, 'alias': 'ACME', 'permission': 'read-only', 'home_directory': '/home/acme'},
                              'after': {'username': USER, 'alias': 'ACME', 'permission': 'read-write', 'home_directory': '/home/acme'}}


def test_home_directory_echoed_without_slash_is_no_change(api, run):
    api.expect('GET', '/users', response=[credential(HomeDirectory='home/acme')])
    assert run(username=USER, home_directory='/home/acme')['changed'] is False


OFFICE_RULE = {'Action': 'allow', 'Protocol': '*', 'Source': '203.0.113.7/32', 'State': 'enabled', 'Description': 'office'}


def test_create_with_rules_fails_closed_inactive_then_one_patch_sets_rules_and_state(api, run):
    api.expect('GET', '/users', response=[])
    api.expect('POST', '/users', body={'UserName': USER, 'State': 'inactive'}, status=201,
               response=credential(State='inactive'))
    api.expect('PATCH', '/users/' + CID, body={'Settings': {'Network': {'InboundRules': [OFFICE_RULE]}}, 'State': 'active'},
               response=credential(Settings=rules(('203.0.113.7/32', '*', RULE_ID))))
    result = run(username=USER, inbound_rules=[{'source': '203.0.113.7', 'description': 'office'}])
    assert result['changed'] is True
    assert result['credential']['settings']['network']['inbound_rules'][0]['id'] == RULE_ID


def test_a_failed_rules_patch_leaves_the_new_credential_inactive(api, run):
    api.expect('GET', '/users', response=[])
    api.expect('POST', '/users', body={'UserName': USER, 'Password': SECRET, 'State': 'inactive'}, status=201,
               response=credential(State='inactive'))
    api.expect('PATCH', '/users/' + CID, status=400, response={'message': 'Source is not valid'})
    result = run(username=USER, password=SECRET, inbound_rules=[{'source': '203.0.113.7', 'description': 'office'}])
    assert result['failed'] is True and result['changed'] is True
    assert 'PATCH /users/%s failed with HTTP 400: Source is not valid' % CID in result['msg']


def test_a_failed_rules_patch_still_returns_the_generated_password(api, run):
    generated = 'Generated-by-the-service-0123456789abcdef'
    api.expect('GET', '/users', response=[])
    api.expect('POST', '/users', body={'UserName': USER, 'State': 'inactive'}, status=201,
               response=credential(State='inactive', Password=generated,
                                   URI='sftp://%s:%s@warm-soda-25793.sftptogo.com' % (USER, generated)))
    api.expect('PATCH', '/users/' + CID, status=400, response={'message': 'Source is not valid'})
    result = run(username=USER, inbound_rules=[{'source': '203.0.113.7', 'description': 'office'}])
    assert result['failed'] is True and result['changed'] is True
    # The only time the service shows it: the failed task returns it, as a successful one would (no_log the task).
    assert result['credential']['password'] == generated
    assert result['credential']['id'] == CID and result['credential']['state'] == 'inactive'
    assert generated not in result['msg']


def test_a_rerun_switches_on_what_a_failed_fail_closed_create_left(api, run):
    api.expect('GET', '/users', response=[credential(State='inactive')])
    api.expect('PATCH', '/users/' + CID, body={'Settings': {'Network': {'InboundRules': [OFFICE_RULE]}}, 'State': 'active'},
               response=credential(Settings=rules(('203.0.113.7/32', '*', RULE_ID))))
    result = run(username=USER, inbound_rules=[{'source': '203.0.113.7', 'description': 'office'}])
    assert result['changed'] is True
    assert any('switches it on' in warning and 'returned by the run that created it' in warning
               for warning in result['warnings'])
    assert result['credential']['password'] == MASK  # this run created nothing: it pretends no password
    assert SECRET not in json.dumps(result)


def test_enabled_false_with_rules_is_created_inactive_and_stays_so(api, run):
    api.expect('GET', '/users', response=[])
    api.expect('POST', '/users', body={'UserName': USER, 'State': 'inactive'}, status=201,
               response=credential(State='inactive'))
    api.expect('PATCH', '/users/' + CID, body={'Settings': {'Network': {'InboundRules': [OFFICE_RULE]}}},
               response=credential(State='inactive', Settings=rules(('203.0.113.7/32', '*', RULE_ID))))
    result = run(username=USER, enabled=False, inbound_rules=[{'source': '203.0.113.7', 'description': 'office'}])
    assert result['changed'] is True


def test_rules_reordered_and_renormalized_are_no_change(api, run):
    current = credential(Settings=rules(('10.0.0.0/8', '*', 'id-1'), ('203.0.113.7', 'SFTP', 'id-2')))
    api.expect('GET', '/users', response=[current])
    result = run(username=USER, inbound_rules=[
        {'source': '203.0.113.7/32', 'protocol': 'SFTP'}, {'source': '10.1.2.3/8'}])
    assert result['changed'] is False


def test_added_rule_keeps_the_ids_of_unchanged_rules(api, run):
    current = credential(Settings=rules(('10.0.0.0/8', '*', 'id-1'), ('192.0.2.0/24', '*', 'id-2')))
    api.expect('GET', '/users', response=[current])
    api.expect('PATCH', '/users/' + CID, body={'Settings': {'Network': {'InboundRules': [
        {'Id': 'id-1', 'Action': 'allow', 'Protocol': '*', 'Source': '10.0.0.0/8', 'State': 'enabled', 'Description': ''},
        {'Action': 'allow', 'Protocol': 'FTPS', 'Source': '198.51.100.0/24', 'State': 'disabled'}]}}},
        response=current)
    result = run(username=USER, inbound_rules=[
        {'source': '10.0.0.0/8'}, {'source': '198.51.100.0/24', 'protocol': 'FTPS', 'enabled': False}])
    assert result['changed'] is True


def test_empty_rule_list_clears_and_missing_settings_equal_empty(api, run):
    api.expect('GET', '/users', response=[credential(Settings=rules(('10.0.0.0/8', '*', 'id-1')))])
    api.expect('PATCH', '/users/' + CID, body={'Settings': {'Network': {'InboundRules': []}}}, response=credential())
    assert run(username=USER, inbound_rules=[])['changed'] is True


def test_no_rules_wanted_and_none_present(api, run):
    api.expect('GET', '/users', response=[credential()])
    assert run(username=USER, inbound_rules=[])['changed'] is False


def test_same_password_makes_no_request(api, run):
    api.expect('GET', '/users', response=[credential()])
    result = run(username=USER, password=SECRET)
    assert result['changed'] is False
    assert result['credential']['password'] == MASK


def test_changed_password_goes_through_rotation_never_patch(api, run):
    new = 'An0ther-secret-pass'
    api.expect('GET', '/users', response=[credential()])
    api.expect('POST', '/users/%s/credential-rotations' % CID, body={'Password': new}, response={'message': 'Password set.'})
    api.expect('GET', '/users/' + CID, response=credential(Password=new))
    result = run(username=USER, password=new)
    assert result['changed'] is True
    assert result['diff']['after']['password'] == MASK + ' (changed)'
    dumped = json.dumps(result['diff'])
    assert new not in dumped and SECRET not in dumped


def test_rotate_password_without_body_then_reads_it(api, run):
    api.expect('GET', '/users', response=[credential()])
    api.expect('POST', '/users/%s/credential-rotations' % CID, body=None, response={'message': 'Credentials reset.'})
    api.expect('GET', '/users/' + CID, response=credential(Password='generated-40-chars'))
    result = run(username=USER, rotate_password=True)
    assert result['changed'] is True
    assert result['credential']['password'] == 'generated-40-chars'


def test_rotate_password_in_check_mode_only_reads(api, run):
    api.expect('GET', '/users', response=[credential()])
    result = run(username=USER, rotate_password=True, check_mode=True)
    assert result['changed'] is True
    assert result['credential']['password'] == MASK


def created_days_ago(days, seconds=0):
    """A PasswordCreatedAt ``days`` (plus ``seconds``) ago, as the API writes it."""
    moment = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=days, seconds=seconds)
    return moment.strftime('%Y-%m-%dT%H:%M:%S.') + '%03dZ' % (moment.microsecond // 1000)


def test_a_password_older_than_password_max_age_is_rotated_and_returned_once(api, run):
    api.expect('GET', '/users', response=[credential(PasswordCreatedAt=created_days_ago(400))])
    api.expect('POST', '/users/%s/credential-rotations' % CID, body=None, response={'message': 'Password set.'})
    api.expect('GET', '/users/' + CID, response=credential(Password='generated-40-chars', PasswordCreatedAt=created_days_ago(0)))
    result = run(username=USER, password_max_age=365)
    assert result['changed'] is True
    assert result['credential']['password'] == 'generated-40-chars'
    assert result['password_rotation'] == 'rotate password (400 days old, max 365)'
    assert result['diff']['after']['password'] != 'generated-40-chars'


def test_the_age_rotation_in_check_mode_only_reads_and_says_why(api, run):
    api.expect('GET', '/users', response=[credential(PasswordCreatedAt=created_days_ago(400))])
    result = run(username=USER, password_max_age=365, check_mode=True)
    assert result['changed'] is True
    assert result['password_rotation'] == 'rotate password (400 days old, max 365)'
    assert result['credential']['password'] == MASK
    assert api.writes() == []


@pytest.mark.parametrize('age_days, seconds', [(365, -60), (10, 0)])
def test_a_password_at_or_under_the_limit_is_kept(api, run, age_days, seconds):
    api.expect('GET', '/users', response=[credential(PasswordCreatedAt=created_days_ago(age_days, seconds))])
    result = run(username=USER, password_max_age=365)
    assert result['changed'] is False and 'password_rotation' not in result
    assert result['credential']['password'] == MASK


def test_a_password_the_task_sets_is_never_rotated_by_age(api, run):
    api.expect('GET', '/users', response=[credential(PasswordCreatedAt=created_days_ago(4000))])
    result = run(username=USER, password=SECRET, password_max_age=30)
    assert result['changed'] is False and 'password_rotation' not in result


def test_password_max_age_below_one_fails_before_any_request(api, run):
    result = run(username=USER, password_max_age=0)
    assert result['failed'] and result['msg'] == 'password_max_age must be a number of days of at least 1; got 0'


def test_enabled_false_sets_state_inactive(api, run):
    api.expect('GET', '/users', response=[credential()])
    api.expect('PATCH', '/users/' + CID, body={'State': 'inactive'}, response=credential(State='inactive'))
    assert run(username=USER, enabled=False)['changed'] is True


# Half a year ahead: the service takes an expiration at most one year ahead.
SOON = datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=180)
SOON_MS = int(datetime.datetime(SOON.year, SOON.month, SOON.day, tzinfo=datetime.timezone.utc).timestamp()) * 1000


@pytest.mark.parametrize('value', ['%sT00:00:00Z' % SOON, str(SOON), SOON_MS // 1000, SOON_MS, str(SOON_MS),
                                   '%sT01:00:00+01:00' % SOON])
def test_expiration_forms_of_the_same_instant_are_no_change(api, run, value):
    api.expect('GET', '/users', response=[credential(Expiration=SOON_MS)])
    assert run(username=USER, expiration=value)['changed'] is False


def test_expiration_is_sent_in_milliseconds(api, run):
    api.expect('GET', '/users', response=[credential()])
    api.expect('PATCH', '/users/' + CID, body={'Expiration': SOON_MS}, response=credential(Expiration=SOON_MS))
    result = run(username=USER, expiration=str(SOON))
    assert result['diff']['after']['expiration'] == '%sT00:00:00Z' % SOON


def test_expiration_more_than_a_year_ahead_fails_before_any_request(api, run):
    result = run(username=USER, expiration='2099-01-01')
    assert result['failed'] is True
    assert result['msg'].startswith('expiration must be at most one year ahead')
    assert api.calls == []


def test_empty_expiration_clears_it(api, run):
    api.expect('GET', '/users', response=[credential(Expiration=4070908800000)])
    api.expect('PATCH', '/users/' + CID, body={'Expiration': None}, response=credential(Expiration=None))
    assert run(username=USER, expiration='')['changed'] is True


def test_past_expiration_is_not_sent_and_warns(api, run):
    api.expect('GET', '/users', response=[credential(State='inactive')])
    result = run(username=USER, expiration='2001-01-01')
    assert result['changed'] is False
    assert any('in the past' in warning for warning in result['warnings'])


def test_past_expiration_deactivates_an_active_credential(api, run):
    api.expect('GET', '/users', response=[credential(Expiration=None)])
    api.expect('PATCH', '/users/' + CID, body={'State': 'inactive'}, response=credential(State='inactive'))
    result = run(username=USER, expiration='2001-01-01')
    assert result['changed'] is True and result['credential']['state'] == 'inactive'


def test_past_expiration_creates_an_inactive_credential_never_one_without_expiration(api, run):
    api.expect('GET', '/users', response=[])
    api.expect('POST', '/users', body={'UserName': USER, 'State': 'inactive'},
               response=credential(State='inactive', Expiration=None))
    result = run(username=USER, expiration='2001-01-01')
    assert result['changed'] is True
    assert any('kept inactive' in warning for warning in result['warnings'])


def test_past_expiration_with_enabled_true_fails_before_any_request(api, run):
    result = run(username=USER, expiration='2001-01-01', enabled=True)
    assert result['failed'] is True and 'enabled=true cannot hold' in result['msg']
    assert api.calls == []


def test_past_expiration_keeps_an_expired_credential_inactive_even_with_rules_declared(api, run):
    # Inactive without rules is also what a failed fail-closed create leaves, which a re-run switches on:
    # not when the declared expiration has passed.
    api.expect('GET', '/users', response=[credential(State='inactive')])
    api.expect('PATCH', '/users/' + CID, body={'Settings': {'Network': {'InboundRules': [
        {'Action': 'allow', 'Protocol': '*', 'Source': '203.0.113.7/32', 'State': 'enabled'}]}}},
        response=credential(State='inactive', Settings=rules(('203.0.113.7/32', '*', RULE_ID))))
    result = run(username=USER, expiration='2001-01-01', inbound_rules=[dict(source='203.0.113.7')])
    assert result['changed'] is True and result['credential']['state'] == 'inactive'


def test_absent_deletes(api, run):
    api.expect('GET', '/users', response=[root(), credential()])
    api.expect('DELETE', '/users/' + CID, body=None, response=credential())
    result = run(username=USER, state='absent')
    assert result['changed'] is True
    assert SECRET not in json.dumps(result)


def test_absent_when_missing_is_no_change(api, run):
    api.expect('GET', '/users', response=[root()])
    assert run(username=USER, state='absent')['changed'] is False


def test_delete_answered_404_is_no_change(api, run):
    api.expect('GET', '/users', response=[credential()])
    api.expect('DELETE', '/users/' + CID, status=404, response={'message': 'Not found'})
    assert run(username=USER, state='absent')['changed'] is False


def test_root_is_never_deleted(api, run):
    api.expect('GET', '/users/' + ROOT_ID, response=root())
    result = run(id=ROOT_ID, state='absent')
    assert result['failed'] is True
    assert 'Root credential' in result['msg'] and 'no request was sent' in result['msg']
    assert api.writes() == []


def test_unknown_id_fails_and_never_creates(api, run):
    api.expect('GET', '/users/' + CID, status=404, response={'message': 'Credential not found'})
    result = run(id=CID, username=USER)
    assert result['failed'] is True
    assert 'no credential with id' in result['msg']


def test_unknown_id_absent_is_no_change(api, run):
    api.expect('GET', '/users/' + CID, status=404, response={'message': 'Credential not found'})
    assert run(id=CID, state='absent')['changed'] is False


def test_id_with_username_renames(api, run):
    api.expect('GET', '/users/' + CID, response=credential())
    api.expect('PATCH', '/users/' + CID, body={'UserName': 'acme-partner-02'}, response=credential(UserName='acme-partner-02'))
    assert run(id=CID, username='acme-partner-02')['changed'] is True


def test_ambiguous_alias_fails_naming_the_ids(api, run):
    api.expect('GET', '/users', response=[credential(), credential(Id='a' * 30, UserName='other-user-01')])
    result = run(alias='ACME', permission='full')
    assert result['failed'] is True
    assert CID in result['msg'] and 'a' * 30 in result['msg']
    assert api.writes() == []


@pytest.mark.parametrize('args, message', [
    (dict(username='bob'), "username must be 10 to 100 characters of letters, digits, '_', '-' or '.'; got 'bob'"),
    (dict(username=USER, inbound_rules=[{'source': '10.0.0.300'}]), 'inbound_rules[0].source must be an IP address'),
    (dict(username=USER, expiration='next tuesday'), 'expiration must be an ISO 8601 date'),
    (dict(username=USER, timeout=-1), 'timeout must be a positive number'),
    (dict(username=USER, api_retries=-1), 'api_retries must be 0 or more'),
    (dict(username=USER, api_url='ftp://x'), 'api_url must be an http:// or https:// URL'),
    (dict(username=USER, permission='admin'), 'permission'),
    (dict(password=SECRET), 'one of the following is required: id, username, alias'),
    (dict(username=USER, password=SECRET, rotate_password=True), 'mutually exclusive'),
])
def test_bad_input_fails_before_any_request(api, run, args, message):
    result = run(**args)
    assert result['failed'] is True
    assert message in result['msg']
    assert api.calls == []
    assert SECRET not in result['msg']


@pytest.mark.parametrize('check_args', [
    dict(username=USER, permission='full'),
    dict(username='brand-new-user', password=SECRET, inbound_rules=[{'source': '10.0.0.0/8'}]),
    dict(username=USER, password='Different-pass-123'),
    dict(username=USER, state='absent'),
])
def test_check_mode_sends_only_get(api, run, check_args):
    api.expect('GET', '/users', response=[credential()])
    result = run(check_mode=True, **check_args)
    assert result['changed'] is True
    assert api.writes() == []
    assert 'Different-pass-123' not in json.dumps(result)


def test_check_mode_create_predicts_the_result(api, run):
    api.expect('GET', '/users', response=[])
    result = run(username='brand-new-user', permission='full', enabled=False, check_mode=True)
    assert result['credential'] == {'user_name': 'brand-new-user', 'permission': 'full', 'state': 'inactive'}
    assert result['diff'] == {'before': {}, 'after': {'username': 'brand-new-user', 'permission': 'full', 'enabled': False}}


def test_lost_create_response_adopts_the_created_credential(api, run):
    api.expect('GET', '/users', response=[])
    api.expect('POST', '/users', status=502, text='<html><body>Bad Gateway</body></html>')
    api.expect('GET', '/users', response=[credential()])
    result = run(username=USER, password=SECRET)
    assert result['changed'] is True
    assert [call[0] for call in api.calls].count('POST') == 1


def test_create_that_failed_before_applying_is_sent_again_after_a_list(api, run):
    api.expect('GET', '/users', response=[])
    api.expect('POST', '/users', status=503, response={'message': 'Service Unavailable'})
    api.expect('GET', '/users', response=[])
    api.expect('POST', '/users', status=201, response=credential())
    assert run(username=USER, api_retries=1)['changed'] is True


def test_api_error_names_status_method_path_and_message_but_never_the_key(api, run):
    api.expect('GET', '/users', response=[])
    api.expect('POST', '/users', status=409, response={'message': 'UserName is already taken'})
    api.expect('GET', '/users', response=[])  # not here: taken in another organization
    result = run(username=USER, password=SECRET)
    assert result['failed'] is True
    assert result['msg'] == 'POST /users failed with HTTP 409: UserName is already taken'


def test_a_create_answered_409_adopts_what_a_concurrent_run_created(api, run):
    api.expect('GET', '/users', response=[])
    api.expect('POST', '/users', status=409, response={'message': 'UserName is already taken'})
    api.expect('GET', '/users', response=[credential(Permission='read-write')])
    result = run(username=USER, permission='read-write')
    assert result['changed'] is False and result['credential']['id'] == CID  # already as declared: nothing written
    assert [call[0] for call in api.writes()] == ['POST']
    assert any('POST answered 409' in warning and 'adopted' in warning for warning in result['warnings'])
    assert result['credential']['password'] == MASK  # another client's credential: its password is not ours to show


def test_a_create_answered_409_adopts_then_applies_the_declaration(api, run):
    new = 'Decl4red-password-1'
    theirs = credential(Permission='read-only', HomeDirectory='/home/other')
    api.expect('GET', '/users', response=[])
    api.expect('POST', '/users', body={'UserName': USER, 'Password': new, 'Permission': 'read-write',
                                       'HomeDirectory': '/partners/acme', 'State': 'inactive'},
               status=409, response={'message': 'UserName is already taken'})
    api.expect('GET', '/users', response=[theirs])
    api.expect('PATCH', '/users/' + CID, body={'HomeDirectory': '/partners/acme', 'Permission': 'read-write',
                                               'Settings': {'Network': {'InboundRules': [OFFICE_RULE]}}},
               response=credential(Permission='read-write', HomeDirectory='/partners/acme',
                                   Settings=rules(('203.0.113.7/32', '*', RULE_ID))))
    api.expect('POST', '/users/%s/credential-rotations' % CID, body={'Password': new}, response={'message': 'Password set.'})
    api.expect('GET', '/users/' + CID, response=credential(Password=new, Permission='read-write'))
    result = run(username=USER, password=new, permission='read-write', home_directory='/partners/acme',
                 inbound_rules=[{'source': '203.0.113.7', 'description': 'office'}])
    assert result['changed'] is True
    assert [call[0] for call in api.writes()] == ['POST', 'PATCH', 'POST']
    assert any('adopted it and updated it' in warning for warning in result['warnings'])
    assert result['diff']['before']['permission'] == 'read-only'  # an update of what was found, not a create
    assert new not in json.dumps(result['diff']) and SECRET not in json.dumps(result['diff'])


def test_a_lost_rotation_answer_reads_the_credential_and_returns_the_new_password(api, run):
    api.expect('GET', '/users', response=[credential()])
    api.expect('POST', '/users/%s/credential-rotations' % CID, status=502, response={'message': 'Bad Gateway'})
    api.expect('GET', '/users/' + CID, response=credential(Password='Generated-1234567890'))  # read once, kept
    result = run(username=USER, rotate_password=True, api_retries=0)
    assert result['changed'] is True
    assert result['credential']['password'] == 'Generated-1234567890'
    assert [call[0] for call in api.writes()] == ['POST']


def test_a_lost_rotation_that_was_not_applied_is_sent_again_then_read(api, run, monkeypatch):
    monkeypatch.setattr('time.sleep', lambda seconds: None)
    api.expect('GET', '/users', response=[credential()])
    api.expect('POST', '/users/%s/credential-rotations' % CID, status=502, response={'message': 'Bad Gateway'})
    api.expect('GET', '/users/' + CID, response=credential())  # the old password: not applied
    api.expect('POST', '/users/%s/credential-rotations' % CID, response={'message': 'Credentials reset.'})
    api.expect('GET', '/users/' + CID, response=credential(Password='Generated-1234567890'))
    result = run(username=USER, rotate_password=True, api_retries=1)
    assert result['changed'] is True
    assert result['credential']['password'] == 'Generated-1234567890'
    assert [call[0] for call in api.writes()] == ['POST', 'POST']


def test_secrets_echoed_by_the_api_are_masked_in_errors(api, run):
    api.expect('GET', '/users', response=[credential()])
    api.expect('POST', '/users/%s/credential-rotations' % CID, status=400,
               response={'message': 'Password Short-pass does not match the policy (key unit-test-api-key-0123456789)'})
    result = run(username=USER, password='Short-pass')
    assert 'Short-pass' not in result['msg'] and 'unit-test-api-key' not in result['msg']
    assert 'HTTP 400' in result['msg']
    assert result['changed'] is False  # the refused rotation changed nothing


def test_a_refused_patch_reports_no_change(api, run):
    api.expect('GET', '/users', response=[credential()])
    api.expect('PATCH', '/users/' + CID, status=400, response={'message': 'HomeDirectory is invalid'})
    result = run(username=USER, home_directory='/bad')
    assert result['failed'] is True and result['changed'] is False
