# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""sftptogo_share_link: the ordered HTTP requests of each scenario."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_share_link
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._descriptor import MASK

LID = 'BSsdas5CBscVy'
OTHER_ID = 'Q7wErTy9UiOp2'
FOLDER = '/outgoing/acme/'
FILE = '/outgoing/acme/report.pdf'
SECRET = 'SecureP@ss123'
EXPIRY_MS = 4070908800000  # 2099-01-01T00:00:00Z
URL = 'https://portal.sftptogo.com/p/shares/' + LID


def link(**overrides):
    """An API share link object (its password returned, as the create response does)."""
    obj = {
        'Id': LID, 'Type': 'share', 'Path': FOLDER, 'Permission': 'read-only', 'ExpiresAt': None, 'AccessLimit': 0,
        'AccessCount': 0, 'Notes': None, 'State': 'active', 'Url': URL, 'Password': SECRET,
        'OrganizationId': '72e9cf24-be8c-4f15-9aa2-813281fb98fe',
        'CreatedBy': {'Type': 'Account', 'Id': 'fas9e769', 'Email': 'admin@example.com', 'Name': 'Admin User'},
        'CreatedAt': 1739117646540, 'UpdatedAt': 1739120350624,
    }
    obj.update(overrides)
    return obj


def hidden(**overrides):
    """A share link as an API that never returns passwords shows it."""
    obj = link(**overrides)
    obj.pop('Password', None)
    return obj


@pytest.fixture
def run(run_module):
    """Run sftptogo_share_link with the given options."""
    return lambda check_mode=False, diff=True, **args: run_module(sftptogo_share_link.main, args, check_mode, diff)


# -- create and re-run ---------------------------------------------------------------------------

def test_create_folder_link_posts_every_given_key_and_type_share(api, run):
    api.expect('GET', '/portal-links', response=[link(Id=OTHER_ID, Path='/elsewhere/')])
    api.expect('POST', '/portal-links', body={
        'Path': FOLDER, 'Notes': 'ACME', 'Permission': 'read-write', 'ExpiresAt': EXPIRY_MS, 'AccessLimit': 100,
        'Password': SECRET, 'Type': 'share'}, status=201,
        response=link(Notes='ACME', Permission='read-write', ExpiresAt=EXPIRY_MS, AccessLimit=100))
    result = run(path=FOLDER, notes='ACME', permission='read-write', expires_at='2099-01-01', access_limit=100,
                 password=SECRET)
    assert result['changed'] is True
    assert result['share_link']['url'] == URL
    assert result['share_link']['id'] == LID
    assert result['share_link']['password'] == SECRET  # set by this task: returned
    assert result['diff'] == {'before': {}, 'after': {
        'path': FOLDER, 'notes': 'ACME', 'permission': 'read-write', 'expires_at': '2099-01-01T00:00:00Z',
        'access_limit': 100, 'password': MASK}}
    assert SECRET not in json.dumps(result['diff'])


def test_create_without_password_returns_none(api, run):
    api.expect('GET', '/portal-links', response=[])
    api.expect('POST', '/portal-links', body={'Path': FOLDER, 'Type': 'share'}, status=201, response=hidden())
    result = run(path=FOLDER)
    assert result['changed'] is True
    assert 'password' not in result['share_link']


def test_second_run_makes_no_write_and_masks_the_password(api, run):
    api.expect('GET', '/portal-links', response=[link(Notes='ACME', Permission='read-write', ExpiresAt=EXPIRY_MS,
                                                      AccessLimit=100)])
    result = run(path=FOLDER, notes='ACME', permission='read-write', expires_at='2099-01-01', access_limit=100,
                 password=SECRET)
    assert result['changed'] is False
    assert api.writes() == []
    assert result['share_link']['password'] == MASK
    assert SECRET not in json.dumps(result)


def test_password_set_by_the_task_is_returned_even_when_the_answer_leaves_it_out(api, run):
    api.expect('GET', '/portal-links', response=[])
    api.expect('POST', '/portal-links', status=201, response=hidden())
    assert run(path=FOLDER, password=SECRET)['share_link']['password'] == SECRET


# -- updates ---------------------------------------------------------------------------------------

@pytest.mark.parametrize('option, value, key, api_value', [
    ('notes', 'Q2 reports', 'Notes', 'Q2 reports'),
    ('permission', 'read-write-no-delete', 'Permission', 'read-write-no-delete'),
    ('expires_at', '2099-01-01T00:00:00Z', 'ExpiresAt', EXPIRY_MS),
    ('access_limit', 5, 'AccessLimit', 5),
    ('password', 'An0ther-pass', 'Password', 'An0ther-pass'),
])
def test_each_field_is_patched_alone_never_path_or_type(api, run, option, value, key, api_value):
    api.expect('GET', '/portal-links', response=[link()])
    api.expect('PATCH', '/portal-links/' + LID, body={key: api_value}, response=link(**{key: api_value}))
    result = run(path=FOLDER, **{option: value})
    assert result['changed'] is True
    assert api.writes() == [('PATCH', '/portal-links/' + LID, {key: api_value})]


def test_update_diff_shows_only_the_options_set(api, run):
    api.expect('GET', '/portal-links', response=[link()])
    api.expect('PATCH', '/portal-links/' + LID, body={'AccessLimit': 3}, response=link(AccessLimit=3))
    result = run(path=FOLDER, access_limit=3, permission='read-only')
    assert result['diff'] == {'before': {'path': FOLDER, 'permission': 'read-only', 'access_limit': 0},
                              'after': {'path': FOLDER, 'permission': 'read-only', 'access_limit': 3}}


@pytest.mark.parametrize('value', ['2099-01-01T00:00:00Z', '2099-01-01', '2099-01-01T01:00:00+01:00', 4070908800,
                                   EXPIRY_MS, str(EXPIRY_MS), '2099-01-01T00:00:00.400Z'])
def test_expires_at_forms_of_the_same_instant_are_no_change(api, run, value):
    api.expect('GET', '/portal-links', response=[link(ExpiresAt=EXPIRY_MS)])
    assert run(path=FOLDER, expires_at=value)['changed'] is False


def test_empty_expires_at_clears_it_once(api, run):
    api.expect('GET', '/portal-links', response=[link(ExpiresAt=EXPIRY_MS)])
    api.expect('PATCH', '/portal-links/' + LID, body={'ExpiresAt': None}, response=link())
    result = run(path=FOLDER, expires_at='')
    assert result['changed'] is True
    assert result['diff']['before']['expires_at'] == '2099-01-01T00:00:00Z'
    assert result['diff']['after']['expires_at'] is None
    api.expect('GET', '/portal-links', response=[link()])
    assert run(path=FOLDER, expires_at='')['changed'] is False


def test_past_expires_at_that_differs_fails_without_a_write(api, run):
    api.expect('GET', '/portal-links', response=[link()])
    result = run(path=FOLDER, expires_at='2001-01-01')
    assert result['failed'] is True
    assert 'expires_at 2001-01-01T00:00:00Z is in the past' in result['msg']
    assert api.writes() == []


def test_past_expires_at_the_link_already_has_is_no_change(api, run):
    api.expect('GET', '/portal-links', response=[link(ExpiresAt=978307200000)])
    assert run(path=FOLDER, expires_at='2001-01-01')['changed'] is False


def test_past_expires_at_is_never_created(api, run):
    api.expect('GET', '/portal-links', response=[])
    result = run(path=FOLDER, expires_at=978307200)
    assert result['failed'] is True and api.writes() == []


@pytest.mark.parametrize('current', [0, None])
def test_access_limit_zero_is_unlimited(api, run, current):
    api.expect('GET', '/portal-links', response=[link(AccessLimit=current)])
    assert run(path=FOLDER, access_limit=0)['changed'] is False


def test_link_the_service_deactivated_matches_without_a_write_and_warns(api, run):
    api.expect('GET', '/portal-links', response=[link(AccessLimit=3, AccessCount=3, State='inactive')])
    result = run(path=FOLDER, access_limit=3)
    assert result['changed'] is False
    assert result['warnings'] == ['share link %s is inactive: the service no longer serves it (its access limit was '
                                  'reached or it expired). Remove it (state=absent) and run the task again for a new '
                                  'link and URL' % LID]


def test_active_link_brings_no_warning(api, run):
    api.expect('GET', '/portal-links', response=[link()])
    assert run(path=FOLDER)['warnings'] == []


def test_empty_notes_equal_null_notes(api, run):
    api.expect('GET', '/portal-links', response=[link(Notes=None)])
    assert run(path=FOLDER, notes='')['changed'] is False


# -- passwords -------------------------------------------------------------------------------------

def test_returned_password_equal_is_no_change(api, run):
    api.expect('GET', '/portal-links', response=[link()])
    result = run(path=FOLDER, password=SECRET)
    assert result['changed'] is False
    assert result['diff']['before']['password'] == MASK and result['diff']['after']['password'] == MASK


def test_returned_password_different_is_patched_and_masked(api, run):
    new = 'An0ther-pass-word'
    api.expect('GET', '/portal-links', response=[link()])
    api.expect('PATCH', '/portal-links/' + LID, body={'Password': new}, response=link(Password=new))
    result = run(path=FOLDER, password=new)
    assert result['changed'] is True
    assert result['diff'] == {'before': {'path': FOLDER, 'password': MASK},
                              'after': {'path': FOLDER, 'password': MASK + ' (changed)'}}
    assert result['share_link']['password'] == new  # set by this task
    dumped = json.dumps(result['diff'])
    assert new not in dumped and SECRET not in dumped


def test_password_not_returned_with_always_is_sent_every_run(api, run):
    for dummy in range(2):
        api.expect('GET', '/portal-links', response=[hidden()])
        api.expect('PATCH', '/portal-links/' + LID, body={'Password': SECRET}, response=hidden())
        result = run(path=FOLDER, password=SECRET)
        assert result['changed'] is True
        assert SECRET not in json.dumps(result['diff'])


def test_password_not_returned_with_on_create_is_left_alone(api, run):
    api.expect('GET', '/portal-links', response=[hidden()])
    result = run(path=FOLDER, password=SECRET, update_password='on_create')
    assert result['changed'] is False
    assert api.writes() == []
    assert SECRET not in json.dumps(result)


def test_on_create_still_sends_the_password_of_a_new_link(api, run):
    api.expect('GET', '/portal-links', response=[])
    api.expect('POST', '/portal-links', body={'Path': FOLDER, 'Password': SECRET, 'Type': 'share'}, status=201,
               response=hidden())
    assert run(path=FOLDER, password=SECRET, update_password='on_create')['changed'] is True


def test_on_create_never_touches_the_password_of_an_existing_link(api, run):
    api.expect('GET', '/portal-links', response=[link(Password='Old-pass-1234')])
    result = run(path=FOLDER, password=SECRET, update_password='on_create')
    assert result['changed'] is False and api.writes() == []


def test_empty_password_removes_it_and_is_then_no_change(api, run):
    api.expect('GET', '/portal-links', response=[link()])
    api.expect('PATCH', '/portal-links/' + LID, body={'Password': None}, response=hidden())
    result = run(path=FOLDER, password='')
    assert result['changed'] is True
    assert result['diff']['after']['password'] is None
    api.expect('GET', '/portal-links', response=[hidden()])
    assert run(path=FOLDER, password='')['changed'] is False


def test_secrets_echoed_by_the_api_are_masked_in_errors(api, run):
    api.expect('GET', '/portal-links', response=[link()])
    api.expect('PATCH', '/portal-links/' + LID, status=400,
               response={'message': 'Password short1 does not meet the policy (was %s)' % SECRET})
    result = run(path=FOLDER, password='short1')
    assert result['failed'] is True
    assert result['msg'].startswith('PATCH /portal-links/%s failed with HTTP 400' % LID)
    assert 'short1' not in result['msg'] and SECRET not in result['msg']


# -- lookups ---------------------------------------------------------------------------------------

def test_id_gets_the_link_directly(api, run):
    api.expect('GET', '/portal-links/' + LID, response=link())
    api.expect('PATCH', '/portal-links/' + LID, body={'Notes': 'by id'}, response=link(Notes='by id'))
    assert run(id=LID, notes='by id')['changed'] is True


def test_unknown_id_fails_and_never_creates(api, run):
    api.expect('GET', '/portal-links/' + LID, status=404, response={'message': 'Share link not found'})
    result = run(id=LID, path=FOLDER)
    assert result['failed'] is True
    assert "no share_link with id 'BSsdas5CBscVy' exists" in result['msg']
    assert api.writes() == []


def test_path_is_exact_and_a_single_match_gets_its_notes_updated(api, run):
    api.expect('GET', '/portal-links', response=[link(Id=OTHER_ID, Path='/outgoing/acme'), link(Notes='old')])
    api.expect('PATCH', '/portal-links/' + LID, body={'Notes': 'new'}, response=link(Notes='new'))
    assert run(path=FOLDER, notes='new')['changed'] is True


def test_notes_narrow_links_that_share_a_path(api, run):
    api.expect('GET', '/portal-links', response=[link(Notes='for ACME'), link(Id=OTHER_ID, Notes='for Globex')])
    api.expect('PATCH', '/portal-links/' + OTHER_ID, body={'AccessLimit': 9}, response=link(Id=OTHER_ID))
    assert run(path=FOLDER, notes='for Globex', access_limit=9)['changed'] is True


def test_notes_matching_none_of_several_links_create_another(api, run):
    api.expect('GET', '/portal-links', response=[link(Notes='for ACME'), link(Id=OTHER_ID, Notes='for Globex')])
    api.expect('POST', '/portal-links', body={'Path': FOLDER, 'Notes': 'for Initech', 'Type': 'share'}, status=201,
               response=link(Id='NewLinkId0001', Notes='for Initech'))
    assert run(path=FOLDER, notes='for Initech')['changed'] is True


@pytest.mark.parametrize('args', [dict(path=FOLDER), dict(path=FOLDER, notes='same'), dict(path=FOLDER, state='absent')])
def test_ambiguous_lookup_fails_naming_the_ids(api, run, args):
    api.expect('GET', '/portal-links', response=[link(Notes='same'), link(Id=OTHER_ID, Notes='same', AccessLimit=5)])
    result = run(permission='read-only', **args)
    assert result['failed'] is True
    assert LID in result['msg'] and OTHER_ID in result['msg'] and 'set id to choose one' in result['msg']
    assert api.writes() == []


def test_identical_links_are_one_link_managed_through_the_oldest(api, run):
    api.expect('GET', '/portal-links', response=[link(Id=OTHER_ID, CreatedAt=1739117646999), link()])
    api.expect('PATCH', '/portal-links/' + LID, body={'AccessLimit': 3}, response=link(AccessLimit=3))
    result = run(path=FOLDER, access_limit=3)
    assert result['changed'] is True and result['share_link']['id'] == LID
    assert any('2 identical share_links' in warning and OTHER_ID in warning for warning in result['warnings'])


def test_path_of_a_link_found_by_id_cannot_change(api, run):
    api.expect('GET', '/portal-links/' + LID, response=link())
    result = run(id=LID, path='/outgoing/other/')
    assert result['failed'] is True
    assert 'cannot be changed' in result['msg']
    assert api.writes() == []


def test_file_link_found_by_id_refuses_a_write_permission_before_any_write(api, run):
    api.expect('GET', '/portal-links/' + LID, response=link(Path=FILE))
    result = run(id=LID, permission='read-write')
    assert result['failed'] is True
    assert 'permission must be read-only for a file link' in result['msg']
    assert api.writes() == []


def test_file_link_read_only_is_created(api, run):
    api.expect('GET', '/portal-links', response=[])
    api.expect('POST', '/portal-links', body={'Path': FILE, 'Permission': 'read-only', 'Type': 'share'}, status=201,
               response=link(Path=FILE))
    assert run(path=FILE, permission='read-only')['changed'] is True


# -- absent ----------------------------------------------------------------------------------------

def test_absent_deletes_once_then_is_no_change(api, run):
    api.expect('GET', '/portal-links', response=[link()])
    api.expect('DELETE', '/portal-links/' + LID, body=None, response={})
    result = run(path=FOLDER, state='absent')
    assert result['changed'] is True
    assert result['diff']['after'] == {}
    assert result['diff']['before']['password'] == MASK
    assert SECRET not in json.dumps(result)
    api.expect('GET', '/portal-links', response=[])
    assert run(path=FOLDER, state='absent')['changed'] is False


def test_delete_answered_404_is_no_change(api, run):
    api.expect('GET', '/portal-links/' + LID, response=link())
    api.expect('DELETE', '/portal-links/' + LID, status=404, response={'message': 'Share link not found'})
    assert run(id=LID, state='absent')['changed'] is False


def test_unknown_id_absent_is_no_change(api, run):
    api.expect('GET', '/portal-links/' + LID, status=404, response={'message': 'Share link not found'})
    assert run(id=LID, state='absent')['changed'] is False


# -- bad input, check mode, faults -------------------------------------------------------------------

@pytest.mark.parametrize('args, message', [
    (dict(path=FILE, permission='read-write'), "permission must be read-only for a file link (path %r" % FILE),
    (dict(path=FILE, permission='write-only'), 'permission must be read-only for a file link'),
    (dict(path='outgoing/acme/'), "path must be an absolute path starting with '/'"),
    (dict(path=FOLDER, access_limit=-1), 'access_limit must be 0 (unlimited) or a positive number of accesses; got -1'),
    (dict(path=FOLDER, expires_at='next tuesday'), 'expires_at must be an ISO 8601 date'),
    (dict(path=FOLDER, expires_at=True), 'expires_at must be an ISO 8601 date/datetime or a Unix time'),
    (dict(path=FOLDER, permission='full'), 'permission'),
    (dict(path=FOLDER, update_password='sometimes'), 'update_password'),
    (dict(notes='x', password=SECRET), 'one of the following is required: id, path'),
])
def test_bad_input_fails_before_any_request(api, run, args, message):
    result = run(**args)
    assert result['failed'] is True
    assert message in result['msg']
    assert api.calls == []
    assert SECRET not in result['msg']


@pytest.mark.parametrize('check_args, current', [
    (dict(path='/new/', password=SECRET, access_limit=3), []),
    (dict(path=FOLDER, permission='write-only', password='Different-pass-1'), [link()]),
    (dict(path=FOLDER, password=SECRET), [hidden()]),
    (dict(path=FOLDER, state='absent'), [link()]),
])
def test_check_mode_sends_only_get(api, run, check_args, current):
    api.expect('GET', '/portal-links', response=current)
    result = run(check_mode=True, **check_args)
    assert result['changed'] is True
    assert api.writes() == []
    dumped = json.dumps(result)
    assert SECRET not in dumped and 'Different-pass-1' not in dumped


def test_check_mode_create_predicts_the_result(api, run):
    api.expect('GET', '/portal-links', response=[])
    result = run(path='/new/', permission='write-only', password=SECRET, check_mode=True)
    assert result['share_link'] == {'path': '/new/', 'permission': 'write-only', 'password': MASK, 'type': 'share'}
    assert result['diff'] == {'before': {}, 'after': {'path': '/new/', 'permission': 'write-only', 'password': MASK}}


def test_lost_create_response_adopts_the_created_link(api, run):
    api.expect('GET', '/portal-links', response=[link(Id=OTHER_ID, Path='/elsewhere/')])
    api.expect('POST', '/portal-links', status=502, text='<html><body>Bad Gateway</body></html>')
    api.expect('GET', '/portal-links', response=[link(Id=OTHER_ID, Path='/elsewhere/'), link()])
    result = run(path=FOLDER, password=SECRET)
    assert result['changed'] is True
    assert result['share_link']['id'] == LID
    assert [call[0] for call in api.calls].count('POST') == 1


def test_lost_create_response_is_adopted_among_links_that_share_the_path(api, run):
    existing = [link(Id=OTHER_ID, Notes='for ACME'), link(Id='ThirdLinkId01', Notes='for Initech')]
    api.expect('GET', '/portal-links', response=existing)
    api.expect('POST', '/portal-links', body={'Path': FOLDER, 'Notes': 'for Globex', 'Type': 'share'},
               status=504, response={'message': 'Endpoint request timed out'})
    api.expect('GET', '/portal-links', response=existing + [link(Notes='for Globex')])
    result = run(path=FOLDER, notes='for Globex')
    assert result['changed'] is True
    assert result['share_link']['id'] == LID
    assert [call[0] for call in api.calls].count('POST') == 1


def test_create_that_failed_before_applying_is_sent_again_after_a_list(api, run):
    api.expect('GET', '/portal-links', response=[])
    api.expect('POST', '/portal-links', status=503, response={'message': 'Service Unavailable'})
    api.expect('GET', '/portal-links', response=[])
    api.expect('POST', '/portal-links', status=201, response=link())
    assert run(path=FOLDER, api_retries=1)['changed'] is True
