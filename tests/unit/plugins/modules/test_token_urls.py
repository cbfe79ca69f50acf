# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The token URL table (test_webhook.TOKEN_URLS) through the modules: diff, drift, summary, results, the module
arguments Ansible prints at -vvv, the plan and the export; and a password that starts like a word of the messages."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_organization, sftptogo_organization_info
from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_webhook
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.conftest import API_KEY, ORGANIZATION_ID
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.module_utils.test_webhook import (
    MASKED, PLAIN_URLS, TOKEN_URLS)

# The URLs the emulator takes for type webhook (https, as written): all but the mangled and upper-case ones.
TABLE = [(url, token) for url, token in TOKEN_URLS if url.startswith('https://')]


def organization(run_module, emu, check_mode=False, info=False, **declaration):
    main = sftptogo_organization_info.main if info else sftptogo_organization.main
    args = dict(api_key=API_KEY, organization_id=ORGANIZATION_ID, api_url=emu.url, **declaration)
    return run_module(main, args, check_mode=check_mode, diff=True)


def leaked(result, tokens):
    """The tokens (or whole URLs) that a result shows."""
    text = json.dumps(result).lower()
    return [token for token in tokens if token.lower() in text]


def test_token_urls_never_show_in_the_drift_diff_summary_or_export(run_module, emu):
    hooks = [dict(alias='Hook %02d' % index, url=url, topics=['file.created']) for index, (url, token) in enumerate(TABLE)]
    hooks += [dict(alias='Plain %02d' % index, url=url, topics=['file.created']) for index, url in enumerate(PLAIN_URLS)]
    secrets = [token for url, token in TABLE] + [url for url, token in TABLE]
    plan = organization(run_module, emu, check_mode=True, webhooks=hooks)
    done = organization(run_module, emu, webhooks=hooks)
    assert not done['failed'] and done['changed'] and done['plan_id'] == plan['plan_id']
    again = organization(run_module, emu, webhooks=hooks)
    assert again['changed'] is False and again['drift'] == []
    assert leaked(plan, secrets) == leaked(done, secrets) == leaked(again, secrets) == []
    created = dict((entry['name'], entry['changes']['url']['after']) for entry in done['drift'])
    assert all(MASKED.match(created['Hook %02d' % index]) for index in range(len(TABLE)))
    assert [created['Plain %02d' % index] for index in range(len(PLAIN_URLS))] == PLAIN_URLS  # shown whole
    changed = [dict(hook, url=hook['url'] + 'x') for hook in hooks[:len(TABLE)]]
    drift = organization(run_module, emu, check_mode=True, webhooks=changed)
    assert len(drift['summary']) == len(TABLE) + 1 and not leaked(drift, secrets)  # a change of token shows
    exported = organization(run_module, emu, info=True)
    assert not leaked(exported, secrets)
    declared = dict((hook['alias'], hook) for hook in exported['declaration']['webhooks'])
    assert [alias for alias in declared if 'url' in declared[alias]] == ['Plain %02d' % index for index in range(len(PLAIN_URLS))]


@pytest.mark.parametrize('url, token', TABLE)
def test_token_urls_never_show_in_what_the_webhook_module_prints_at_vvv(run_module_printed, emu, url, token):
    args = dict(api_url=emu.url, alias='Verbose', url=url, topics=['file.created'], _ansible_verbosity=3, _ansible_diff=True)
    created = run_module_printed(sftptogo_webhook.main, args)
    assert created['changed'] and MASKED.match(created['webhook']['url']) and MASKED.match(created['diff']['after']['url'])
    refused = run_module_printed(sftptogo_webhook.main, dict(args, type='email'))
    assert refused['failed'] and 'url must be an e-mail address' in refused['msg']
    assert leaked(created, [url, token]) == leaked(refused, [url, token]) == []


PLAIN_SLACK_URL = 'https://relay.example.com/incoming/plain'


@pytest.mark.parametrize('hook_type', ['slack', 'ms-teams'])
def test_a_slack_or_teams_url_is_secret_whatever_its_shape(run_module_printed, emu, hook_type):
    printed = run_module_printed(sftptogo_webhook.main, dict(
        api_url=emu.url, alias='Typed', url=PLAIN_SLACK_URL, type=hook_type, topics=['file.created'], _ansible_verbosity=3))
    assert printed['changed'] and MASKED.match(printed['webhook']['url']) and 'incoming' not in json.dumps(printed)


@pytest.mark.parametrize('hook_type', ['slack', 'ms-teams'])
def test_a_slack_or_teams_url_is_secret_in_the_drift_and_the_export(run_module, emu, hook_type):
    emu.insert_object('webhooks', {'Alias': 'Typed', 'Url': PLAIN_SLACK_URL, 'Type': hook_type, 'Topics': ['file.created']})
    plan = organization(run_module, emu, check_mode=True, webhooks=[
        dict(alias='Typed', url=PLAIN_SLACK_URL + '2', topics=['file.created'])])  # the type it has makes it secret
    assert plan['drift'] and MASKED.match(plan['drift'][0]['changes']['url']['after'])
    assert 'incoming' not in json.dumps(plan)
    exported = organization(run_module, emu, info=True)
    assert 'url' not in exported['declaration']['webhooks'][0] and 'incoming' not in json.dumps(exported)


def test_a_password_that_starts_like_a_word_of_the_messages_masks_no_word(run_module, emu):
    emu.add_fault(method='POST', route='/users', action='status', status=400,
                  body={'message': 'password Credentials-Acme-2024 rejected'})
    result = organization(run_module, emu, credentials=[dict(username='prefix-user-01', password='Credentials-Acme-2024')])
    assert result['failed'] and 'credentials[0]: POST /users failed with HTTP 400: password ******** rejected' in result['msg']
    assert '********[0]' not in result['msg'] and 'Credentials-Acme' not in json.dumps(result)


def test_a_short_part_of_a_token_url_does_not_garble_what_ansible_prints(run_module_printed, emu):
    # Ansible masks each no_log value inside words too: 'dress' would turn 'address' into 'ad********'.
    printed = run_module_printed(sftptogo_webhook.main, dict(
        api_url=emu.url, alias='Short', url='https://hooks.example.com/hook?look=dress', type='email', topics=['file.created']))
    assert printed['failed'] and "url must be an e-mail address (or 'Name <address>') for type email" in printed['msg']
    assert 'look=dress' not in json.dumps(printed)
