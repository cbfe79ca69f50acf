# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Webhook helpers on their own: url per type, topics, the authorization header, result shaping."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import re

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _render, _token
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._descriptor import MASK, option_tokens
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._token import looks_like_token, use_digest_key
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._export import export
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._webhook import (
    FIELDS, WEBHOOK, carries_token, check_authorization_header, check_topics, check_url, check_url_any_type, secret_url,
    shown_url)


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
    shown = url if hook_type == 'webhook' or not url else shown_url_of_type(url)  # a Slack or Teams URL: a token
    assert str(exc.value) == 'url must be an https:// URL for type %s; got %r' % (hook_type, shown)


def shown_url_of_type(url):
    return _token.masked_url(url)


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

# (URL, what in it must never show): the services of docs/developing.md as examples of the shapes, and made-up ones.
TOKEN_URLS = [
    # known hosts and paths (tokens that may be too short to look random)
    ('https://hooks.slack.com/services/T0AAAA000/B0BBBB000/XXXXXXXXXXXXXXXXXXXXXXXX', 'XXXX'),
    ('https://hooks.slack.com/workflows/T0AAAA000/A0BBBB000/123456789012345678/qzjWorkflowXYZ', 'qzjWorkflowXYZ'),
    ('https://hooks.slack.com/triggers/T0AAAA000/123456789012/qzjqzj', 'qzjqzj'),
    ('https://hooks.slack-gov.com/services/T0/B0/XXXX', 'XXXX'),
    ('HTTPS://HOOKS.SLACK.COM/services/T0/B0/XXXX', 'XXXX'),
    ('https://hooks.slack.com./services/T0/B0/XXXX', 'XXXX'),  # a fully qualified host: its trailing dot
    ('https://HOOKS.slack.com../services/T0/B0/XXXX', 'XXXX'),
    ('https://hooks.slack\u3002com/services/T0/B0/XXXX', 'XXXX'),  # an ideographic full stop resolves as a dot
    ('https://acme.webhook.office.com/webhookb2/0000-1111@2222-3333/IncomingWebhook/qzjd/4444', 'qzjd'),
    ('https://outlook.office.com/webhook/0000@1111/IncomingWebhook/qzjd/2222', 'qzjd'),
    ('https://prod-12.westus.logic.azure.com:443/workflows/qzj/triggers/manual/paths/invoke?api-version=2016-06-01&sig=sigqzj',
     'sigqzj'),
    ('https://default0000.11.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/qzj', 'qzj'),
    ('https://discord.com/api/webhooks/123456789012345678/token-qzj', 'token-qzj'),
    ('https://discordapp.com/api/webhooks/123456789012345678/token-qzj', 'token-qzj'),
    ('https://canary.discord.com/api/v10/webhooks/123456789012345678/token-qzj', 'token-qzj'),
    ('https://chat.googleapis.com/v1/spaces/AAAA/messages?key=AIzaQzj&token=qzj', 'AIzaQzj'),
    ('https://hooks.zapier.com/hooks/catch/123/qzj/', 'qzj'),
    ('https://maker.ifttt.com/trigger/upload/with/key/qzj', 'qzj'),
    ('https://hook.eu1.make.com/qzj', 'qzj'),
    ('https://webexapis.com/v1/webhooks/incoming/qzj', 'qzj'),
    ('https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage', 'AAHdqTcv'),
    # known token shapes on any host
    ('https://telegram-proxy.example.com/bot123456:qzj/sendMessage', 'bot123456:qzj'),
    ('https://relay.example.com/slack/xoxb-1234-qzjd', 'xoxb-1234-qzjd'),
    ('https://relay.example.com/gitlab/glpat-qzj', 'glpat-qzj'),
    # long and random path segments: Mattermost and Rocket.Chat /hooks/<token>, made-up shapes
    ('https://mattermost.example.com/hooks/xq9tbam6zpbk5fjs3xyk4wxmzh', 'xq9tbam6zpbk5fjs3xyk4wxmzh'),
    ('https://chat.example.com/hooks/5b4e3a1c2d9f8e7a6/Ab3dEf5gHi7jKl9mNo1pQr3sTu5vWx7yZa9bCd1eFg3hIj5k', 'Ab3dEf5g'),
    ('https://ci.example.com/hooks/0123456789abcdef0123456789abcdef', '0123456789abcdef'),
    ('https://ci.example.com/webhook/3fa85f64-5717-4562-b3fc-2c963f66afa6/run', '3fa85f64'),
    ('https://ci.example.com/in/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig', 'eyJhbGci'),
    ('https://ci.example.com/in/%41b3dEf5gHi7jKl9mNo1p', 'b3dEf5gHi7jKl9mNo1p'),  # %-encoded
    ('https://ci.example.com/in/tok_Ab3dEf5gHi7jKl9m-x', 'Ab3dEf5gHi7jKl9m'),
    # query, fragment and path parameters: any value
    ('https://gitlab.example.com/api/v4/projects/42/trigger/pipeline?ref=main&private_token=qzjsecret', 'qzjsecret'),
    ('https://http-intake.logs.datadoghq.com/api/v2/logs?dd-api-key=qzjsecret', 'qzjsecret'),
    ('https://hooks.example.com/hook?auth=qzjsecret', 'qzjsecret'),
    ('https://hooks.example.com/hook?access-token=qzjsecret', 'qzjsecret'),
    ('https://hooks.example.com/hook?apikey=qzjsecret', 'qzjsecret'),
    ('https://functions.example.com/api/hook?code=qzjsecret', 'qzjsecret'),
    ('https://hooks.example.com/hook?x=1&token=qzjsecret', 'qzjsecret'),
    ('https://hooks.example.com/hook?Ab3dEf5gHi7jKl9mNo1p', 'Ab3dEf5g'),  # a bare query that looks like a token
    ('https://hooks.example.com/hook#token=qzjsecret', 'qzjsecret'),
    ('https://hooks.example.com/hook#Ab3dEf5gHi7jKl9mNo1p', 'Ab3dEf5g'),
    ('https://hooks.example.com/hook;token=qzjsecret/run', 'qzjsecret'),
    # user info
    ('https://hook-user:pwqzj@hooks.example.com/hook', 'pwqzj'),
    ('https://qzjsecret@hooks.example.com/hook', 'qzjsecret'),
    (' https://hooks.slack.com/services/T0/B0/XXXX\n', 'XXXX'),  # mangled: still recognised, so masked in the refusal
]

PLAIN_URLS = [
    'https://example.com/hooks/sftp', 'https://ci.example.com/api/v1/webhook/upload-done', 'https://hooks.example.com/up',
    'https://example.com/hooks?key=', 'https://example.com/hooks?page=', 'https://discord.com/channels/1/2',
    'https://notslack.com/services/T0/B0/YYYY', 'https://hooks.slack.com.example.com/x', 'https://hooks.example.com:8443/',
    'https://backup.example.com/hooks/backup-2024-12-31', 'https://example.com/hook#section-2',
    'https://example.com/api/v2/hooks/123456789012345678', 'https://example.com/notifications/sftp-upload-finished',
]
MASKED = re.compile(r'^https://(?P<host>[a-z0-9.-]+)/\u2026 \(digest [0-9a-f]{8}\)$')


@pytest.mark.parametrize('url, token', TOKEN_URLS)
def test_token_urls_are_recognised_by_their_shape_and_show_as_host_and_digest(url, token):
    assert carries_token(url)
    shown = shown_url(url)
    assert MASKED.match(shown), shown
    assert token.lower() not in shown.lower() and MASK not in shown
    assert shown_url(url.replace(token, token + 'x')) != shown  # a change of token shows as a change of digest


def test_a_masked_url_names_its_host_as_it_resolves():
    assert MASKED.match(shown_url('https://HOOKS.slack.com./services/T0/B0/XXXX')).group('host') == 'hooks.slack.com'
    assert MASKED.match(shown_url('https://user:pw@hooks.example.com:8443/x')).group('host') == 'hooks.example.com'


@pytest.mark.parametrize('url', PLAIN_URLS + ['ops@example.com', '', None, 'not a url', 'https://', 42])
def test_other_urls_carry_no_token(url):
    assert not carries_token(url)
    assert shown_url(url) == url


@pytest.mark.parametrize('text', ['0123456789abcdef', '3fa85f64-5717-4562-b3fc-2c963f66afa6', 'xoxb-1', 'bot1:x',
                                  'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', 'ghp_x', '%41b3dEf5gHi7jKl9mNo1p'])
def test_what_looks_like_a_token(text):
    assert looks_like_token(text)


@pytest.mark.parametrize('text', ['upload-done', 'notifications', 'backup-2024-12-31', '123456789012345678', 'v1',
                                  'sftp-upload-finished-2024', 'abcdefghijklmnopqrstuvwxyz', 'abc123', 'bot', 'robot:x'])
def test_what_is_no_token(text):
    assert not looks_like_token(text)


def test_the_digest_is_keyed_with_the_api_key():
    url = 'https://hook-user:pass@hooks.example.com/hook'
    use_digest_key('first-api-key-0001')
    first = shown_url(url)
    use_digest_key('first-api-key-0001')
    assert shown_url(url) == first  # the same in every run with that key: an approved plan still matches
    use_digest_key('other-api-key-0002')
    assert shown_url(url) != first
    assert hashlib.sha256(url.encode()).hexdigest()[:8] not in first  # no plain digest anyone could try guesses on


@pytest.mark.parametrize('hook_type', ['slack', 'ms-teams'])
def test_slack_and_teams_urls_are_secret_whatever_their_shape(hook_type):
    url = 'https://chat.example.com/incoming/1'
    assert secret_url(url, dict(Type=hook_type)) and not secret_url(url, dict(Type='webhook'))
    shown = WEBHOOK.to_result(dict(Id='w1', Type=hook_type, Url=url))['url']
    assert MASKED.match(shown) and 'incoming' not in shown
    assert WEBHOOK.to_result(dict(Id='w1', Type='webhook', Url=url))['url'] == url
    assert WEBHOOK.to_result(dict(Id='w1', Type=hook_type, Url=url), show_secrets=True)['url'] == url
    assert option_tokens(dict(url=url, type=hook_type)) == [url] and option_tokens(dict(url=url)) == []
    with pytest.raises(ValueError) as exc:
        check_url(hook_type, 'hooks.slack.com/services/T0/B0/XXXX')  # no scheme: no URL, but a Slack token
    assert 'XXXX' not in str(exc.value) and 'digest' in str(exc.value)


def test_a_refusal_masks_a_token_url():
    with pytest.raises(ValueError) as exc:
        check_url('email', 'https://discord.com/api/webhooks/123456789012345678/token-abc')
    assert 'token-abc' not in str(exc.value) and MASKED.match(str(exc.value).split("got '")[1][:-1])


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
    assert 'url' not in by_alias['Slack type elsewhere']  # a slack webhook's URL is a token whatever its shape
    assert by_alias['Plain']['url'] == 'https://hooks.example.com/up' and by_alias['Plain']['enabled'] is False
    assert MASK not in repr(declaration) and warnings == []
