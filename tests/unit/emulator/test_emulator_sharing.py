# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Webhooks and share links."""

import re
import time

import pytest

from emulator_client import ORG

HOOK = {'Alias': 'Uploads', 'Url': 'https://hooks.example.com/in', 'Type': 'webhook', 'AuthorizationHeader': 'Bearer 123',
        'Topics': ['file.created'], 'State': 'enabled'}
LINK = {'Path': '/shared-folder/', 'Permission': 'read-write', 'AccessLimit': 100, 'Password': 'SecureP@ss123',
        'Notes': 'Q1 marketing materials', 'Type': 'share'}


def test_webhook_lifecycle(client, emu):
    """Create shows the Secret once; list and PATCH show ""; secret_on_update repeat; DELETE answers {} then 404."""
    created = client.api('POST', '/webhooks', HOOK)
    assert created.status == 201
    hook = created.json
    assert re.fullmatch(r'[0-9a-f-]{36}', hook['Id']) and len(hook['Secret']) >= 20
    assert hook['OrganizationId'] == ORG and hook['CreatedAt'] == hook['UpdatedAt']
    assert {k: hook[k] for k in HOOK} == HOOK
    listed = client.api('GET', '/webhooks').json
    assert listed == [dict(hook, Secret='')]
    emu.advance_clock(1)
    patched = client.api('PATCH', '/webhooks/' + hook['Id'], {'State': 'paused', 'Topics': ['file.deleted', 'file.created']}).json
    assert patched['State'] == 'paused' and patched['Secret'] == '' and patched['UpdatedAt'] > hook['UpdatedAt']
    assert emu.get_state()['webhooks'][0]['Secret'] == hook['Secret']
    emu.set_config(secret_on_update='repeat')
    assert client.api('PATCH', '/webhooks/' + hook['Id'], {'Alias': 'New'}).json['Secret'] == hook['Secret']
    assert client.api('DELETE', '/webhooks/' + hook['Id']).json == {}
    assert client.api('DELETE', '/webhooks/' + hook['Id']).status == 404
    assert client.api('PATCH', '/webhooks/' + hook['Id'], {'Alias': 'x'}).status == 404


def test_webhook_defaults_and_email(client):
    """Defaults of optional webhook fields; e-mail and Slack webhooks."""
    hook = client.api('POST', '/webhooks', {'Type': 'email', 'Url': 'Ops Team <ops@example.com>', 'Topics': ['file.downloaded']}).json
    assert hook['State'] == 'enabled' and hook['Alias'] == '' and hook['AuthorizationHeader'] == ''
    assert client.api('POST', '/webhooks', {'Type': 'slack', 'Url': 'https://hooks.slack.com/services/T/B/X',
                                            'Topics': ['file.created']}).status == 201


@pytest.mark.parametrize('body, message', [
    ({'Url': 'http://insecure.example.com'}, 'https URL'),
    ({'Url': 'not a url'}, 'https URL'),
    ({'Type': 'email', 'Url': 'https://example.com'}, 'e-mail address'),
    ({'Type': 'teams'}, 'Type must be one of'),
    ({'Topics': []}, 'at least one topic'),
    ({'Topics': ['file.renamed']}, 'Topics must be taken from'),
    ({'Topics': ['file.created', 'file.created']}, 'must not repeat'),
    ({'State': 'disabled'}, 'State must be one of'),
    ({'Url': None}, 'Url must be a non-empty string'),
])
def test_webhook_validation(client, body, message):
    """Invalid webhook fields answer 400."""
    answer = client.api('POST', '/webhooks', dict(HOOK, **body))
    assert answer.status == 400 and message in answer.json['message'], answer


def test_webhook_required_keys(client):
    """Url and Topics are required on create."""
    for missing in ('Url', 'Topics'):
        body = {k: v for k, v in HOOK.items() if k != missing}
        assert client.api('POST', '/webhooks', body).json == {'message': f'{missing} is required'}


def test_webhook_type_change_revalidates_url(client):
    """Changing Type re-checks the stored Url against the new Type."""
    hook = client.api('POST', '/webhooks', HOOK).json
    answer = client.api('PATCH', '/webhooks/' + hook['Id'], {'Type': 'email'})
    assert answer.status == 400 and 'e-mail' in answer.json['message']
    assert client.api('PATCH', '/webhooks/' + hook['Id'], {'Type': 'email', 'Url': 'ops@example.com'}).status == 200


def test_get_single_webhook_is_undocumented(client, emu):
    """GET of a single webhook answers 404 (recorded) unless undocumented_endpoints is allow."""
    hook = client.api('POST', '/webhooks', HOOK).json
    answer = client.api('GET', '/webhooks/' + hook['Id'])
    assert answer.status == 404 and answer.violation == 'undocumented_endpoint'
    emu.set_config(undocumented_endpoints='allow')
    assert client.api('GET', '/webhooks/' + hook['Id']).json == dict(hook, Secret='')


def test_share_link_lifecycle(client, emu):
    """Create, get, list, PATCH (with null clearing) and delete a share link; the password switch hides it from GET."""
    expires = int(time.time() * 1000) + 3600 * 1000
    created = client.api('POST', '/portal-links', dict(LINK, ExpiresAt=expires))
    assert created.status == 201
    link = created.json
    assert re.fullmatch(r'[A-Za-z0-9]{13}', link['Id'])
    assert link['Url'] == 'https://portal.sftptogo.com/p/shares/' + link['Id']
    assert link['AccessCount'] == 0 and link['State'] == 'active' and link['OrganizationId'] == ORG
    assert link['ExpiresAt'] == expires and link['Password'] == 'SecureP@ss123' and isinstance(link['CreatedBy'], dict)
    assert client.api('GET', '/portal-links/' + link['Id']).json == link
    assert client.api('GET', '/portal-links').json == [link]
    emu.set_config(share_link_password_in_get=False)
    assert 'Password' not in client.api('GET', '/portal-links/' + link['Id']).json
    patched = client.api('PATCH', '/portal-links/' + link['Id'], {'Permission': 'read-only', 'AccessLimit': 0, 'Notes': None,
                                                                  'ExpiresAt': None, 'Password': None}).json
    assert (patched['Permission'], patched['AccessLimit'], patched['Notes'], patched['ExpiresAt']) == ('read-only', 0, None, None)
    assert 'Password' not in emu.get_state()['portal_links'][0]
    assert client.api('DELETE', '/portal-links/' + link['Id']).json == {}
    assert client.api('DELETE', '/portal-links/' + link['Id']).status == 404
    assert client.api('GET', '/portal-links/' + link['Id']).status == 404


def test_share_link_defaults(client):
    """Defaults of a share link; no Password key when none is set."""
    link = client.api('POST', '/portal-links', {'Path': '/reports/q1.pdf', 'Type': 'share'}).json
    assert (link['Permission'], link['AccessLimit'], link['ExpiresAt'], link['Notes']) == ('read-only', 0, None, None)
    assert 'Password' not in link


@pytest.mark.parametrize('body, message', [
    ({'Type': 'public'}, 'Type must be set to share'),
    ({'Type': None}, 'Type must be set to share'),
    ({'Path': None}, 'Path must be an absolute path'),
    ({'Path': 'relative/'}, 'Path must be an absolute path'),
    ({'Path': '/file.txt'}, 'can only be read-only'),
    ({'Permission': 'full'}, 'Permission must be one of'),
    ({'ExpiresAt': 1739120350624}, 'must be in the future'),
    ({'AccessLimit': -1}, 'AccessLimit must be 0'),
    ({'Password': 'short'}, 'password policy'),
    ({'Notes': 5}, 'Notes must be a string'),
])
def test_share_link_validation(client, body, message):
    """Invalid share-link fields answer 400."""
    answer = client.api('POST', '/portal-links', dict(LINK, **body))
    assert answer.status == 400 and message in answer.json['message'], answer


def test_share_link_path_required_and_file_permission_on_patch(client):
    """Path is required; a file link stays read-only on PATCH too."""
    assert client.api('POST', '/portal-links', {'Type': 'share'}).json == {'message': 'Path is required'}
    link = client.api('POST', '/portal-links', {'Path': '/file.txt', 'Type': 'share'}).json
    answer = client.api('PATCH', '/portal-links/' + link['Id'], {'Permission': 'read-write'})
    assert answer.status == 400 and 'read-only' in answer.json['message']


def test_share_link_timestamp_unit_seconds(client, emu):
    """In timestamp_unit s, expiry values are epoch seconds."""
    emu.set_config(timestamp_unit='s')
    expires = int(time.time()) + 3600
    assert client.api('POST', '/portal-links', dict(LINK, ExpiresAt=expires)).json['ExpiresAt'] == expires
    answer = client.api('POST', '/portal-links', dict(LINK, ExpiresAt=expires * 1000))
    assert answer.status == 201
    cred = client.api('POST', '/users', {'UserName': 'partner-0001', 'Expiration': expires * 1000})
    assert cred.status == 400 and 'at most one year' in cred.json['message']


def test_portal_domain_switch(client, emu):
    """portal_domain changes the host of share-link Urls."""
    emu.set_config(portal_domain='files.example.com')
    link = client.api('POST', '/portal-links', LINK).json
    assert link['Url'] == 'https://files.example.com/p/shares/' + link['Id']
