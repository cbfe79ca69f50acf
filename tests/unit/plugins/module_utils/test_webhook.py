# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Webhook helpers on their own: url per type, topics, the authorization header, result shaping."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _render
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._table import MASK
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._declaration import export
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._webhook import (
    FIELDS, WEBHOOK, carries_token, check_authorization_header, check_topics, check_url, check_url_any_type, shown_url)


@pytest.mark.parametrize('hook_type', ['webhook', 'slack', 'ms-teams'])
@pytest.mark.parametrize('url', ['https://hooks.example.com', 'https://hooks.example.com/a/b?x=1#y',
                                 'HTTPS://Hooks.Example.com/x', 'https://127.0.0.1:8443/hook',
                                 'https://hooks.slack.com/services/T000/B000/XXXX', 'https://user:pw@host.example/x'])
def test_https_urls_are_accepted(hook_type, url):
    assert check_url(hook_type, url) == url


@pytest.mark.parametrize('hook_type', ['webhook', 'slack', 'ms-teams'])
@pytest.mark.parametrize('url', ['http://hooks.example.com/x', 'hooks.example.com', 'https://', 'https:///path',
                                 'https://host name/x', 'https://:443/x', 'https://[::1/x', 'ops@example.com', '', 'ftp://x.org'])
def test_other_urls_are_refused(hook_type, url):
    with pytest.raises(ValueError) as exc:
        check_url(hook_type, url)
    assert str(exc.value) == 'url must be an https:// URL for type %s; got %r' % (hook_type, url)


@pytest.mark.parametrize('url', ['ops@example.com', 'first.last+tag@mail.example.co.uk', 'Operations <ops@example.com>',
                                 '"Ops, Team" <ops@example.com>', '<ops@example.com>', ' Ops < ops@example.com > '])
def test_email_addresses_are_accepted(url):
    assert check_url('email', url) == url


@pytest.mark.parametrize('url', ['ops', 'ops@', '@example.com', 'ops@example', 'ops@@example.com', 'ops @example.com',
                                 'Ops <ops@example>', 'Ops <>', 'Ops ops@example.com', 'a@b.com, c@d.com',
                                 'https://hooks.example.com/x', 'Ops <ops@example.com'])
def test_other_email_values_are_refused(url):
    with pytest.raises(ValueError) as exc:
        check_url('email', url)
    assert str(exc.value) == "url must be an e-mail address (or 'Name <address>') for type email; got %r" % url


def test_any_type_accepts_both_forms_and_names_both_rules():
    assert check_url_any_type('https://x.example.com/h') == 'https://x.example.com/h'
    assert check_url_any_type('Ops <ops@example.com>') == 'Ops <ops@example.com>'
    with pytest.raises(ValueError) as exc:
        check_url_any_type('http://x.example.com')
    assert str(exc.value) == ("url must be an https:// URL (types webhook, slack, ms-teams) or an e-mail address "
                              "(type email); got 'http://x.example.com'")


def test_topics_lose_repeats_keep_order_and_must_not_be_empty():
    assert check_topics(['file.deleted', 'file.created', 'file.deleted']) == ['file.deleted', 'file.created']
    with pytest.raises(ValueError) as exc:
        check_topics([])
    assert str(exc.value) == 'topics must hold at least one of file.created, file.deleted, file.downloaded; got []'


def test_topics_compare_as_sets_and_show_sorted():
    topics = [field for field in FIELDS if field.option == 'topics'][0]
    assert topics.same(['file.deleted', 'file.created'], ['file.created', 'file.deleted', 'file.created'])
    assert not topics.same(['file.created'], ['file.created', 'file.deleted'])
    assert topics.display(['file.deleted', 'file.created', 'file.deleted']) == ['file.created', 'file.deleted']


def test_authorization_header_one_line_and_never_echoed():
    assert check_authorization_header('Bearer abc') == 'Bearer abc'
    for value in ('Bearer abc\nX: 1', 'Bearer abc\r'):
        with pytest.raises(ValueError) as exc:
            check_authorization_header(value)
        assert 'abc' not in str(exc.value)


def test_empty_and_missing_authorization_header_and_alias_are_the_same():
    header = [field for field in FIELDS if field.option == 'authorization_header'][0]
    alias = [field for field in FIELDS if field.option == 'alias'][0]
    assert header.same('', None) and alias.same('', None)
    assert _render.value(header, 'x') == MASK and _render.value(header, '') is None


def test_enabled_maps_to_state():
    enabled = [field for field in FIELDS if field.option == 'enabled'][0]
    assert (enabled.to_api(True), enabled.to_api(False)) == ('enabled', 'paused')
    assert (enabled.display('enabled'), enabled.display('paused'), enabled.display(None)) == (True, False, None)


def to_result(webhook, show_secrets=False):
    return WEBHOOK.to_result(webhook, show_secrets=show_secrets)


def module_result(webhook, created=False):
    """What sftptogo_webhook returns: the run that created the webhook reveals its signing secret."""
    return WEBHOOK.to_result(webhook, reveal=created)


def test_results_mask_the_header_and_drop_the_secret():
    hook = {'Id': 'w1', 'AuthorizationHeader': 'Bearer abc', 'Secret': 'sig', 'Topics': ['file.created']}
    assert to_result(hook) == {'id': 'w1', 'authorization_header': MASK, 'topics': ['file.created']}
    assert to_result(hook, show_secrets=True)['authorization_header'] == 'Bearer abc'
    assert module_result(hook) == to_result(hook)
    assert module_result(hook, created=True) == dict(to_result(hook), secret='sig')
    assert 'secret' not in module_result(dict(hook, Secret=''), created=True)
    assert to_result(None) == module_result({}, True) == {}
    assert hook['AuthorizationHeader'] == 'Bearer abc'  # the object itself is not changed


# -- the token rule: one rule for diffs, drift, results, messages, module arguments and the export ---------------

@pytest.mark.parametrize('url', [
    'https://hooks.slack.com/services/T0AAAA000/B0BBBB000/XXXXXXXXXXXXXXXXXXXXXXXX',
    'https://hooks.slack.com/workflows/T0AAAA000/A0BBBB000/123456789012345678/abcdefXYZ',
    'https://hooks.slack.com/triggers/T0AAAA000/123456789012/abcdef',
    'https://hooks.slack-gov.com/services/T0/B0/XXXX',
    'HTTPS://HOOKS.SLACK.COM/services/T0/B0/XXXX',
    'https://acme.webhook.office.com/webhookb2/0000-1111@2222-3333/IncomingWebhook/abcd/4444',
    'https://outlook.office.com/webhook/0000@1111/IncomingWebhook/abcd/2222',
    'https://prod-12.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=xyz',
    'https://default0000.11.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/abc',
    'https://discord.com/api/webhooks/123456789012345678/token-abc',
    'https://discordapp.com/api/webhooks/123456789012345678/token-abc',
    'https://canary.discord.com/api/v10/webhooks/123456789012345678/token-abc',
    'https://chat.googleapis.com/v1/spaces/AAAA/messages?key=AIza&token=abc',
    'https://hooks.zapier.com/hooks/catch/123/abc/',
    'https://maker.ifttt.com/trigger/upload/with/key/abc',
    'https://hook.eu1.make.com/abc',
    'https://webexapis.com/v1/webhooks/incoming/abc',
    'https://functions.example.com/api/hook?code=abc',
    'https://hooks.example.com/hook?x=1&token=abc',
    'https://hook-user:pass@hooks.example.com/hook',
    ' https://hooks.slack.com/services/T0/B0/XXXX\n',  # mangled: still recognised, so masked in the refusal
])
def test_token_urls_are_recognised(url):
    assert carries_token(url)
    assert shown_url(url).endswith('/' + MASK) and 'XXXX' not in shown_url(url) and 'abc' not in shown_url(url)


@pytest.mark.parametrize('url', [
    'https://hooks.example.com/up', 'https://example.com/hooks?page=2&key=', 'https://discord.com/channels/1/2',
    'https://notslack.com/services/T0/B0/XXXX', 'https://hooks.slack.com.example.com/x', 'ops@example.com', '', None,
    'not a url', 'https://', 42,
])
def test_other_urls_carry_no_token(url):
    assert not carries_token(url)
    assert shown_url(url) == url


def test_a_refusal_masks_a_token_url():
    with pytest.raises(ValueError) as exc:
        check_url('email', 'https://discord.com/api/webhooks/123456789012345678/token-abc')
    assert 'token-abc' not in str(exc.value) and MASK in str(exc.value)


def test_the_export_leaves_out_a_token_url_by_the_same_rule_and_writes_every_other_url_exactly():
    hooks = [
        dict(Id='w1', Alias='Plain type on a token host', Type='webhook', Topics=['file.created'], State='enabled',
             Url='https://hooks.slack.com/services/T0AAAA000/B0BBBB000/XXXXXXXXXXXXXXXXXXXXXXXX'),
        dict(Id='w2', Alias='Discord', Type='webhook', Topics=['file.created'], State='enabled',
             Url='https://discord.com/api/webhooks/123456789012345678/token-abc'),
        dict(Id='w3', Alias='Slack type elsewhere', Type='slack', Topics=['file.created'], State='enabled',
             Url='https://chat.example.com/incoming/1'),
        dict(Id='w4', Alias='Plain', Type='webhook', Topics=['file.created'], State='paused', Url='https://hooks.example.com/up'),
    ]
    declaration, warnings = export(dict(credential=[], webhook=hooks, share_link=[]), {})
    by_alias = dict((hook['alias'], hook) for hook in declaration['webhooks'])
    assert 'url' not in by_alias['Plain type on a token host'] and 'url' not in by_alias['Discord']
    assert by_alias['Slack type elsewhere']['url'] == 'https://chat.example.com/incoming/1'
    assert by_alias['Plain']['url'] == 'https://hooks.example.com/up' and by_alias['Plain']['enabled'] is False
    assert MASK not in repr(declaration) and warnings == []
