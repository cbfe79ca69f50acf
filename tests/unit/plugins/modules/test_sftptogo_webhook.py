# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""sftptogo_webhook: the ordered HTTP requests of each scenario."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_webhook
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._descriptor import MASK
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._token import masked_url

WID = '6b1c6f0c-52c1-47a6-9344-57a4579ced68'
OTHER_ID = '0e5b4c3a-2d1f-4e6a-9b8c-7d6e5f4a3b2c'
URL = 'https://hooks.example.com/sftptogo'
HEADER = 'Bearer header-secret-0123456789'
SIGNING = 'signing-secret-abcdefghijklmnopqrstuvwxyz'
TOPICS = ['file.created', 'file.deleted']
HOOKS = '/webhooks'


def webhook(**overrides):
    """An API webhook object as the list shows it (Secret is "")."""
    obj = {
        'Id': WID, 'Alias': 'Ingest', 'Url': URL, 'Type': 'webhook', 'AuthorizationHeader': HEADER, 'Secret': '',
        'Topics': list(TOPICS), 'OrganizationId': '72e9cf24-be8c-4f15-9aa2-813281fb98fe', 'State': 'enabled',
        'CreatedAt': 1561888254653, 'UpdatedAt': 1561888254653,
    }
    obj.update(overrides)
    return obj


def other(**overrides):
    """A second webhook."""
    return webhook(**dict(dict(Id=OTHER_ID, Alias='Other', Url='https://other.example.com/hook',
                               AuthorizationHeader=''), **overrides))


def assert_no_secret(result, *secrets):
    """None of ``secrets`` appears anywhere in the result (diff, warnings, message included)."""
    dumped = json.dumps(result)
    for secret in secrets or (HEADER,):
        assert secret not in dumped


@pytest.fixture
def run(run_module):
    """Run sftptogo_webhook with the given options."""
    return lambda check_mode=False, diff=True, **args: run_module(sftptogo_webhook.main, args, check_mode, diff)


# -- create, re-run ------------------------------------------------------------------------------

def test_create_posts_once_and_returns_the_signing_secret(api, run):
    api.expect('GET', HOOKS, response=[other()])
    api.expect('POST', HOOKS, body={'Alias': 'Ingest', 'Url': URL, 'Type': 'webhook', 'AuthorizationHeader': HEADER,
                                    'Topics': TOPICS}, status=201, response=webhook(Secret=SIGNING))
    result = run(alias='Ingest', url=URL, type='webhook', authorization_header=HEADER, topics=TOPICS)
    assert result['changed'] is True
    assert result['webhook']['id'] == WID
    assert result['webhook']['secret'] == SIGNING
    assert result['webhook']['authorization_header'] == MASK
    assert result['diff']['before'] == {}
    assert result['diff']['after']['authorization_header'] == MASK
    assert result['diff']['after']['topics'] == TOPICS
    assert_no_secret(result)
    assert SIGNING not in json.dumps(result['diff'])


def test_second_run_makes_no_write_and_returns_no_secret(api, run):
    api.expect('GET', HOOKS, response=[other(), webhook()])
    result = run(alias='Ingest', url=URL, type='webhook', authorization_header=HEADER, topics=TOPICS, enabled=True)
    assert result['changed'] is False
    assert api.writes() == []
    assert 'secret' not in result['webhook']
    assert result['diff']['before'] == result['diff']['after']
    assert_no_secret(result)


def test_create_without_type_sends_the_default_type(api, run):
    api.expect('GET', HOOKS, response=[])
    api.expect('POST', HOOKS, body={'Alias': 'Ingest', 'Url': URL, 'Topics': ['file.created'], 'Type': 'webhook'},
               status=201, response=webhook(Secret=SIGNING, Topics=['file.created'], AuthorizationHeader=''))
    result = run(alias='Ingest', url=URL, topics=['file.created'])
    assert result['diff']['after']['type'] == 'webhook'
    assert result['webhook']['authorization_header'] == ''


@pytest.mark.parametrize('hook_type, url', [('slack', 'https://hooks.slack.com/services/T0/B0/XXXX'),
                                            ('ms-teams', 'https://contoso.webhook.office.com/webhookb2/abc'),
                                            ('email', 'Operations <ops@example.com>'),
                                            ('email', 'ops@example.com')])
def test_create_each_type(api, run, hook_type, url):
    api.expect('GET', HOOKS, response=[])
    api.expect('POST', HOOKS, body={'Url': url, 'Type': hook_type, 'Topics': ['file.deleted']}, status=201,
               response=webhook(Url=url, Type=hook_type, Topics=['file.deleted'], Alias='', Secret=SIGNING))
    result = run(url=url, type=hook_type, topics=['file.deleted'])
    assert result['changed'] is True
    assert result['webhook']['type'] == hook_type


def test_enabled_false_on_create_is_sent(api, run):
    api.expect('GET', HOOKS, response=[])
    api.expect('POST', HOOKS, body={'Url': URL, 'Type': 'webhook', 'Topics': TOPICS, 'State': 'paused'}, status=201,
               response=webhook(State='paused', Secret=SIGNING))
    assert run(url=URL, topics=TOPICS, enabled=False)['webhook']['state'] == 'paused'


# -- topics are a set ----------------------------------------------------------------------------

@pytest.mark.parametrize('topics', [['file.deleted', 'file.created'], ['file.created', 'file.deleted', 'file.created']])
def test_topics_reordered_or_repeated_are_no_change(api, run, topics):
    api.expect('GET', HOOKS, response=[webhook()])
    result = run(alias='Ingest', topics=topics)
    assert result['changed'] is False
    assert result['diff']['after']['topics'] == TOPICS


def test_repeated_topics_are_sent_once(api, run):
    api.expect('GET', HOOKS, response=[webhook()])
    api.expect('PATCH', HOOKS + '/' + WID, body={'Topics': ['file.downloaded', 'file.created']},
               response=webhook(Topics=['file.downloaded', 'file.created']))
    result = run(alias='Ingest', topics=['file.downloaded', 'file.created', 'file.downloaded'])
    assert result['diff'] == {'before': {'alias': 'Ingest', 'topics': TOPICS},
                              'after': {'alias': 'Ingest', 'topics': ['file.created', 'file.downloaded']}}


# -- updates: one PATCH with only the differing key ----------------------------------------------

@pytest.mark.parametrize('args, body', [
    (dict(alias='Ingest v2'), {'Alias': 'Ingest v2'}),
    (dict(url='https://hooks.example.com/v2'), {'Url': 'https://hooks.example.com/v2'}),
    (dict(type='slack'), {'Type': 'slack'}),
    (dict(topics=['file.created']), {'Topics': ['file.created']}),
    (dict(enabled=False), {'State': 'paused'}),
    (dict(authorization_header='Bearer another-secret'), {'AuthorizationHeader': 'Bearer another-secret'}),
    (dict(authorization_header=''), {'AuthorizationHeader': ''}),
])
def test_each_field_is_patched_alone(api, run, args, body):
    api.expect('GET', HOOKS, response=[other(), webhook()])
    api.expect('PATCH', HOOKS + '/' + WID, body=body, response=webhook(**body))
    result = run(**dict(dict(id=WID, alias='Ingest', url=URL, topics=TOPICS), **args))
    assert result['changed'] is True
    assert_no_secret(result, HEADER, 'another-secret')


def test_changed_authorization_header_is_masked_in_diff_and_result(api, run):
    api.expect('GET', HOOKS, response=[webhook()])
    api.expect('PATCH', HOOKS + '/' + WID, body={'AuthorizationHeader': 'Bearer new-header-value'},
               response=webhook(AuthorizationHeader='Bearer new-header-value'))
    result = run(alias='Ingest', authorization_header='Bearer new-header-value')
    assert result['diff'] == {'before': {'alias': 'Ingest', 'authorization_header': MASK},
                              'after': {'alias': 'Ingest', 'authorization_header': MASK + ' (changed)'}}
    assert result['webhook']['authorization_header'] == MASK
    assert_no_secret(result, HEADER, 'new-header-value')


def test_unchanged_authorization_header_is_no_change(api, run):
    api.expect('GET', HOOKS, response=[webhook()])
    result = run(alias='Ingest', authorization_header=HEADER)
    assert result['changed'] is False
    assert result['diff']['after']['authorization_header'] == MASK


def test_authorization_header_never_in_an_api_error(api, run):
    api.expect('GET', HOOKS, response=[webhook()])
    api.expect('PATCH', HOOKS + '/' + WID, status=400,
               response={'message': 'AuthorizationHeader Bearer new-header-value is refused (was %s)' % HEADER})
    result = run(alias='Ingest', authorization_header='Bearer new-header-value')
    assert result['failed'] is True
    assert result['msg'].startswith('PATCH /webhooks/%s failed with HTTP 400: AuthorizationHeader ' % WID)
    assert_no_secret(result, HEADER, 'new-header-value')


def test_paused_webhook_is_resumed(api, run):
    api.expect('GET', HOOKS, response=[webhook(State='paused')])
    api.expect('PATCH', HOOKS + '/' + WID, body={'State': 'enabled'}, response=webhook())
    result = run(alias='Ingest', enabled=True)
    assert result['changed'] is True
    assert result['diff'] == {'before': {'alias': 'Ingest', 'enabled': False}, 'after': {'alias': 'Ingest', 'enabled': True}}
    assert result['webhook']['state'] == 'enabled'


def test_secret_repeated_in_a_patch_response_is_not_returned(api, run):
    api.expect('GET', HOOKS, response=[webhook()])
    api.expect('PATCH', HOOKS + '/' + WID, body={'Alias': 'Renamed'}, response=webhook(Alias='Renamed', Secret=SIGNING))
    result = run(id=WID, alias='Renamed')
    assert 'secret' not in result['webhook']
    assert_no_secret(result, SIGNING)


# -- lookups -------------------------------------------------------------------------------------

def test_id_is_found_in_the_list(api, run):
    api.expect('GET', HOOKS, response=[webhook(Alias='Same'), other(Alias='Same')])
    api.expect('PATCH', HOOKS + '/' + OTHER_ID, body={'State': 'paused'}, response=other(State='paused'))
    assert run(id=OTHER_ID, enabled=False)['webhook']['id'] == OTHER_ID


def test_alias_lookup_wins_over_url(api, run):
    api.expect('GET', HOOKS, response=[webhook(Alias='')])
    api.expect('POST', HOOKS, body={'Alias': 'New name', 'Url': URL, 'Type': 'webhook', 'Topics': TOPICS}, status=201,
               response=other(Alias='New name', Url=URL, Secret=SIGNING))
    assert run(alias='New name', url=URL, type='webhook', topics=TOPICS)['webhook']['id'] == OTHER_ID


def test_url_lookup_defaults_type_to_webhook(api, run):
    api.expect('GET', HOOKS, response=[webhook(Type='slack', Id=OTHER_ID), webhook()])
    api.expect('PATCH', HOOKS + '/' + WID, body={'State': 'paused'}, response=webhook(State='paused'))
    result = run(url=URL, enabled=False)
    assert result['webhook']['id'] == WID
    assert result['diff']['after'] == {'url': URL, 'type': 'webhook', 'enabled': False}


def test_url_lookup_with_type(api, run):
    slack_url = 'https://hooks.slack.com/services/T0/B0/XXXX'
    api.expect('GET', HOOKS, response=[webhook(Url=slack_url), webhook(Url=slack_url, Type='slack', Id=OTHER_ID)])
    result = run(url=slack_url, type='slack', topics=TOPICS)
    assert result['changed'] is False
    assert result['webhook']['id'] == OTHER_ID


def test_empty_alias_never_finds_but_clears(api, run):
    api.expect('GET', HOOKS, response=[other(Alias=''), webhook()])
    api.expect('PATCH', HOOKS + '/' + WID, body={'Alias': ''}, response=webhook(Alias=''))
    assert run(url=URL, alias='')['webhook']['alias'] == ''


def test_found_by_alias_without_type_keeps_the_type(api, run):
    api.expect('GET', HOOKS, response=[webhook(Type='email', Url='ops@example.com')])
    api.expect('PATCH', HOOKS + '/' + WID, body={'Url': 'Ops <ops@example.com>'},
               response=webhook(Type='email', Url='Ops <ops@example.com>'))
    result = run(alias='Ingest', url='Ops <ops@example.com>')
    assert result['webhook']['type'] == 'email'


@pytest.mark.parametrize('args', [dict(alias='Same'), dict(url=URL)])
def test_ambiguous_lookup_fails_naming_the_ids(api, run, args):
    api.expect('GET', HOOKS, response=[webhook(Alias='Same'), other(Alias='Same', Url=URL)])
    result = run(topics=TOPICS, **args)
    assert result['failed'] is True
    assert result['msg'].startswith('2 webhooks match ')
    assert '(ids: %s, %s); set id to choose one' % (WID, OTHER_ID) in result['msg']
    assert api.writes() == []


def test_unknown_id_fails_and_never_creates(api, run):
    api.expect('GET', HOOKS, response=[webhook()])
    result = run(id=OTHER_ID, url=URL, topics=TOPICS)
    assert result['failed'] is True
    assert result['msg'].startswith("no webhook with id '%s' exists" % OTHER_ID)
    assert api.writes() == []


# -- absent --------------------------------------------------------------------------------------

def test_absent_deletes_then_is_no_change(api, run):
    api.expect('GET', HOOKS, response=[webhook()])
    api.expect('DELETE', HOOKS + '/' + WID, body=None, response={})
    result = run(alias='Ingest', state='absent')
    assert result['changed'] is True
    assert result['diff']['before']['authorization_header'] == MASK
    assert result['diff']['after'] == {}
    assert_no_secret(result)
    api.expect('GET', HOOKS, response=[])
    assert run(alias='Ingest', state='absent')['changed'] is False


def test_delete_answered_404_is_no_change(api, run):
    api.expect('GET', HOOKS, response=[webhook()])
    api.expect('DELETE', HOOKS + '/' + WID, status=404, response={'message': 'Webhook not found'})
    result = run(id=WID, state='absent')
    assert result['changed'] is False
    assert result['failed'] is False


def test_absent_by_unknown_id_is_no_change(api, run):
    api.expect('GET', HOOKS, response=[webhook()])
    assert run(id=OTHER_ID, state='absent')['changed'] is False


# -- check mode ----------------------------------------------------------------------------------

@pytest.mark.parametrize('current, args', [
    ([], dict(alias='Ingest', url=URL, topics=TOPICS, authorization_header=HEADER)),
    ([webhook(State='paused')], dict(alias='Ingest', enabled=True, topics=['file.downloaded'])),
    ([webhook()], dict(alias='Ingest', state='absent')),
])
def test_check_mode_sends_only_get(api, run, current, args):
    api.expect('GET', HOOKS, response=current)
    result = run(check_mode=True, **args)
    assert result['changed'] is True
    assert api.writes() == []
    assert 'secret' not in result['webhook']
    assert_no_secret(result)


def test_check_mode_create_predicts_the_webhook(api, run):
    api.expect('GET', HOOKS, response=[])
    result = run(check_mode=True, alias='Ingest', url=URL, topics=TOPICS, authorization_header=HEADER)
    assert result['webhook'] == {'alias': 'Ingest', 'url': URL, 'type': 'webhook', 'topics': TOPICS,
                                 'authorization_header': MASK}


# -- bad input -----------------------------------------------------------------------------------

@pytest.mark.parametrize('args, message', [
    (dict(type='webhook', url='http://hooks.example.com/x'), "url must be an https:// URL for type webhook; got 'http://"),
    (dict(url='hooks.example.com/x'), "url must be an https:// URL for type webhook; got 'hooks.example.com/x'"),
    (dict(type='slack', url='http://hooks.slack.com/services/T0'), 'url must be an https:// URL for type slack'),
    # a Teams URL is a token whatever it holds: never echoed, even when it is no URL
    (dict(type='ms-teams', url='ops@example.com'), "url must be an https:// URL for type ms-teams; got '\u2026 (digest "),
    (dict(type='email', url='https://hooks.example.com/x'), "url must be an e-mail address (or 'Name <address>') for type email"),
    (dict(type='email', url='Ops <ops-at-example.com>'), 'url must be an e-mail address'),
    (dict(alias='Ingest', url='ftp://example.com'), 'url must be an https:// URL (types webhook, slack, ms-teams) or an e-mail'),
    (dict(alias='Ingest', topics=[]), 'topics must hold at least one of file.created, file.deleted, file.downloaded; got []'),
    (dict(alias='Ingest', topics=['file.renamed']), 'topics must be one or more of'),
    (dict(alias='Ingest', type='sms'), 'type must be one of'),
    (dict(topics=TOPICS), 'one of the following is required: id, alias, url'),
    (dict(alias='Ingest', authorization_header='Bearer x\r\nX-Injected: 1'), 'authorization_header must be a single line'),
])
def test_bad_input_fails_before_any_request(api, run, args, message):
    result = run(**args)
    assert result['failed'] is True
    assert message in result['msg']
    assert api.calls == []
    assert 'X-Injected' not in result['msg']


@pytest.mark.parametrize('current, args, message', [
    ([], dict(alias='Ingest', url=URL), 'topics is required to create a webhook (none matches '),
    ([], dict(alias='Ingest', topics=TOPICS), "url is required to create a webhook (none matches alias='Ingest')"),
    ([], dict(alias='Ingest'), 'url and topics are required to create a webhook'),
    ([], dict(alias='Ingest', url='ops@example.com', topics=TOPICS),
     'for type webhook; got \'ops@example.com\' (a new webhook has type webhook unless type is set)'),
    ([webhook()], dict(alias='Ingest', type='email'),
     "for type email; got '%s' (the current url of webhook %s; set url too when changing the type)" % (URL, WID)),
    ([webhook(Type='email', Url='ops@example.com')], dict(alias='Ingest', url=URL),
     "for type email; got '%s' (webhook %s has type email; set type to change it)" % (URL, WID)),
])
def test_input_that_depends_on_the_current_webhook_fails_before_any_write(api, run, current, args, message):
    api.expect('GET', HOOKS, response=current)
    result = run(**args)
    assert result['failed'] is True
    assert message in result['msg']
    assert api.writes() == []


# -- a create whose response is lost -------------------------------------------------------------

def test_lost_create_response_is_adopted_not_created_twice(api, run):
    api.expect('GET', HOOKS, response=[])
    api.expect('POST', HOOKS, status=502, response={'message': 'Bad Gateway'})
    api.expect('GET', HOOKS, response=[webhook()])
    result = run(alias='Ingest', url=URL, topics=TOPICS, authorization_header=HEADER)
    assert result['changed'] is True
    assert result['webhook']['id'] == WID
    assert 'secret' not in result['webhook']
    assert any('signing secret of webhook %s was not in the create response' % WID in w for w in result['warnings'])
    assert [call[0] for call in api.writes()] == ['POST']
    assert_no_secret(result)


def test_lost_create_response_found_by_url(api, run):
    api.expect('GET', HOOKS, response=[other()])
    api.expect('POST', HOOKS, status=504, text='')
    api.expect('GET', HOOKS, response=[other(), webhook(Alias='')])
    assert run(url=URL, topics=TOPICS)['webhook']['id'] == WID


SLACK = 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'
TEAMS = 'https://contoso.webhook.office.com/webhookb2/7aa49aa6-7840/IncomingWebhook/abc123/def456'


@pytest.mark.parametrize('hook_type, url', [('slack', SLACK), ('ms-teams', TEAMS)])
def test_slack_and_teams_urls_are_tokens_masked_in_diff_and_result(api, run, hook_type, url):
    api.expect('GET', HOOKS, response=[webhook(Type=hook_type, Url=url.replace('X', 'Y').replace('abc', 'old'))])
    api.expect('PATCH', '/webhooks/' + WID, body={'Url': url}, status=400, response={'message': 'bad Url %s' % url})
    result = run(alias='Ingest', url=url, type=hook_type)
    assert result['failed'] is True and 'HTTP 400' in result['msg']
    assert_no_secret(result, url, url.replace('X', 'Y').replace('abc', 'old'))
    api.expect('GET', HOOKS, response=[webhook(Type=hook_type, Url=url)])
    api.expect('PATCH', '/webhooks/' + WID, body={'Topics': ['file.created']},
               response=webhook(Type=hook_type, Url=url, Topics=['file.created']))
    result = run(alias='Ingest', url=url, type=hook_type, topics=['file.created'])
    assert result['diff']['after']['url'] == masked_url(url) == 'https://%s/\u2026 (digest %s)' % (
        url.split('/')[2], masked_url(url)[-9:-1])
    assert result['webhook']['url'] == result['diff']['after']['url']
    assert_no_secret(result, url)
