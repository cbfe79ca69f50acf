# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Simulated server-side activity (control API): share-link accesses and webhook deliveries."""

import json

import pytest

from common import ApiError

HOOK = {'Alias': 'Uploads', 'Url': 'https://hooks.example.com/in', 'Type': 'webhook', 'Topics': ['file.created']}
LINK = {'Path': '/shared-folder/', 'Type': 'share'}


def _link(client, **fields):
    """A share link created through the API."""
    answer = client.api('POST', '/portal-links', dict(LINK, **fields))
    assert answer.status == 201, answer
    return answer.json


def _hook(client, **fields):
    """A webhook created through the API."""
    answer = client.api('POST', '/webhooks', dict(HOOK, **fields))
    assert answer.status == 201, answer
    return answer.json


def _post(client, path, body):
    """A control POST that may fail: the Answer (status and parsed body)."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode('utf-8')
    return client.raw('POST', '/__emulator' + path, data, {'Content-Type': 'application/json'})


def _accesses(client, link_id, count):
    """Simulate ``count`` accesses of a link (asserts 200)."""
    return client.control('POST', f'/portal-links/{link_id}/accesses', {'count': count})


def _deliveries(client, hook_id, **outcome):
    """Simulate deliveries of a webhook, ``failed=N`` or ``succeeded=N`` (asserts 200)."""
    return client.control('POST', f'/webhooks/{hook_id}/deliveries', outcome)


# share-link accesses ------------------------------------------------------------------------------
def test_accesses_are_counted(client, emu):
    """AccessCount grows by the count (1 without a body), UpdatedAt moves, and nothing is journaled."""
    link = _link(client)
    emu.advance_clock(1)
    answer = _accesses(client, link['Id'], 3)
    assert (answer['accepted'], answer['refused'], answer['limit_reached']) == (3, 0, False)
    assert answer['link']['AccessCount'] == 3 and answer['link']['UpdatedAt'] > link['UpdatedAt']
    assert client.control('POST', f"/portal-links/{link['Id']}/accesses")['link']['AccessCount'] == 4
    fetched = client.api('GET', '/portal-links/' + link['Id']).json
    assert fetched['AccessCount'] == 4 and fetched['State'] == 'active'
    assert [entry['method'] for entry in emu.get_journal()] == ['POST', 'GET']


@pytest.mark.parametrize('behavior', ['remove', None])
def test_access_limit_removes_the_link(client, emu, behavior):
    """At its AccessLimit a link is removed (the default behaviour): GET answers 404 afterwards."""
    if behavior:
        emu.set_config(share_link_limit_behavior=behavior)
    link = _link(client, AccessLimit=3)
    assert _accesses(client, link['Id'], 2)['link']['AccessCount'] == 2
    answer = _accesses(client, link['Id'], 1)
    assert answer == {'accepted': 1, 'refused': 0, 'limit_reached': True, 'link': None}
    assert client.api('GET', '/portal-links/' + link['Id']).status == 404
    assert emu.get_state()['portal_links'] == []
    assert _post(client, f"/portal-links/{link['Id']}/accesses", {'count': 1}).status == 404


def test_access_limit_deactivates_the_link_by_switch(client, emu):
    """share_link_limit_behavior deactivate: State becomes inactive, the link stays and refuses further accesses."""
    emu.set_config(share_link_limit_behavior='deactivate')
    link = _link(client, AccessLimit=2)
    answer = _accesses(client, link['Id'], 2)
    assert (answer['accepted'], answer['limit_reached'], answer['link']['State']) == (2, True, 'inactive')
    fetched = client.api('GET', '/portal-links/' + link['Id']).json
    assert (fetched['State'], fetched['AccessCount']) == ('inactive', 2)
    refused = _post(client, f"/portal-links/{link['Id']}/accesses", {'count': 1})
    assert refused.status == 409 and 'inactive' in refused.json['message']
    assert emu.get_state()['portal_links'][0]['AccessCount'] == 2


def test_accesses_beyond_the_limit_are_refused(client):
    """Accesses past the AccessLimit are turned away: only those up to the limit are counted."""
    link = _link(client, AccessLimit=2)
    answer = _accesses(client, link['Id'], 5)
    assert (answer['accepted'], answer['refused'], answer['limit_reached'], answer['link']) == (2, 3, True, None)


def test_a_lowered_limit_takes_effect_at_the_next_access(client, emu):
    """A link whose AccessCount is already past a lowered AccessLimit serves no access and reaches its limit."""
    emu.set_config(share_link_limit_behavior='deactivate')
    link = _link(client)
    _accesses(client, link['Id'], 4)
    client.api('PATCH', '/portal-links/' + link['Id'], {'AccessLimit': 2})
    answer = _accesses(client, link['Id'], 1)
    assert (answer['accepted'], answer['refused'], answer['limit_reached']) == (0, 1, True)
    assert (answer['link']['AccessCount'], answer['link']['State']) == (4, 'inactive')


@pytest.mark.parametrize('unit, factor', [('ms', 1), ('s', 1000)])
def test_expired_link_is_refused(client, emu, unit, factor):
    """A link past its ExpiresAt (in the timestamp_unit, on the emulator clock) answers 409 and counts nothing."""
    emu.set_config(timestamp_unit=unit)
    now = client.control('GET', '/clock')['now']
    link = _link(client, ExpiresAt=(now + 60 * 1000) // factor)
    assert _accesses(client, link['Id'], 1)['accepted'] == 1
    client.control('POST', '/clock', {'advance_seconds': 120})
    answer = _post(client, f"/portal-links/{link['Id']}/accesses", {'count': 1})
    assert answer.status == 409 and 'expired' in answer.json['message']
    assert client.api('GET', '/portal-links/' + link['Id']).json['AccessCount'] == 1


@pytest.mark.parametrize('body', [
    {'count': 0}, {'count': -1}, {'count': '2'}, {'count': True}, {'count': 1.5}, {'count': None}, {'Count': 1},
    [1], b'{oops',
])
def test_accesses_bad_body(client, emu, body):
    """A count that is not an integer >= 1, an unknown key or a body that is not a JSON object answers 400."""
    link = _link(client)
    answer = _post(client, f"/portal-links/{link['Id']}/accesses", body)
    assert answer.status == 400 and answer.json['message'], answer
    assert emu.get_state()['portal_links'][0]['AccessCount'] == 0


# webhook deliveries -------------------------------------------------------------------------------
def test_webhook_pauses_after_exactly_five_consecutive_failures(client, emu):
    """Four failures leave it enabled (UpdatedAt unchanged); the fifth pauses it and moves UpdatedAt."""
    hook = _hook(client)
    for failures in range(1, 5):
        answer = _deliveries(client, hook['Id'], failed=1)
        assert (answer['paused'], answer['consecutive_failures'], answer['webhook']['State']) == (False, failures, 'enabled')
    assert emu.get_state()['webhook_consecutive_failures'] == {hook['Id']: 4}
    assert client.api('GET', '/webhooks').json[0]['UpdatedAt'] == hook['UpdatedAt']
    emu.advance_clock(1)
    answer = _deliveries(client, hook['Id'], failed=1)
    assert (answer['attempted'], answer['paused'], answer['webhook']['State']) == (1, True, 'paused')
    listed = client.api('GET', '/webhooks').json[0]
    assert listed['State'] == 'paused' and listed['UpdatedAt'] > hook['UpdatedAt']
    assert emu.get_journal()[-1]['route'] == '/webhooks'
    assert len(emu.get_journal()) == 3


def test_failures_in_one_request_stop_at_the_pause(client):
    """Seven failures at once: five are attempted, the webhook pauses, two are never attempted."""
    hook = _hook(client)
    answer = _deliveries(client, hook['Id'], failed=7)
    assert (answer['attempted'], answer['not_attempted'], answer['paused']) == (5, 2, True)


def test_a_success_resets_the_failure_streak(client):
    """Four failures, a success, four failures: still enabled; one more failure pauses it."""
    hook = _hook(client)
    _deliveries(client, hook['Id'], failed=4)
    assert _deliveries(client, hook['Id'], succeeded=1)['consecutive_failures'] == 0
    answer = _deliveries(client, hook['Id'], failed=4)
    assert (answer['paused'], answer['consecutive_failures'], answer['webhook']['State']) == (False, 4, 'enabled')
    assert _deliveries(client, hook['Id'], failed=1)['paused'] is True


def test_paused_webhook_refuses_deliveries(client, emu):
    """A paused webhook answers 409 and counts nothing; resumed, it pauses again only after five new failures."""
    hook = _hook(client)
    _deliveries(client, hook['Id'], failed=5)
    for outcome in ({'failed': 1}, {'succeeded': 1}):
        answer = _post(client, f"/webhooks/{hook['Id']}/deliveries", outcome)
        assert answer.status == 409 and 'paused' in answer.json['message']
    assert emu.get_state()['webhook_consecutive_failures'] == {hook['Id']: 0}
    client.api('PATCH', '/webhooks/' + hook['Id'], {'State': 'enabled'})
    assert _deliveries(client, hook['Id'], failed=4)['paused'] is False
    assert _deliveries(client, hook['Id'], failed=1)['paused'] is True


def test_webhook_created_paused_refuses_deliveries(client):
    """A webhook created with State paused delivers nothing."""
    hook = _hook(client, State='paused')
    assert _post(client, f"/webhooks/{hook['Id']}/deliveries", {'succeeded': 1}).status == 409


def test_failure_counter_stays_out_of_api_responses(client, emu):
    """The counter is internal: API responses keep the documented keys; the state dump shows it."""
    hook = _hook(client)
    _deliveries(client, hook['Id'], failed=2)
    assert set(client.api('GET', '/webhooks').json[0]) == set(hook)
    emu.set_config(undocumented_endpoints='allow')
    assert set(client.api('GET', '/webhooks/' + hook['Id']).json) == set(hook)
    assert set(emu.get_state()['webhooks'][0]) == set(hook)
    assert emu.get_state()['webhook_consecutive_failures'] == {hook['Id']: 2}
    client.control('POST', '/reset')
    assert emu.get_state()['webhook_consecutive_failures'] == {}


@pytest.mark.parametrize('body', [
    {}, {'failed': 1, 'succeeded': 1}, {'failed': 0}, {'failed': '5'}, {'succeeded': None}, {'failed': 1, 'other': 1},
    [1], b'{oops',
])
def test_deliveries_bad_body(client, emu, body):
    """Not exactly one of failed/succeeded as an integer >= 1, or not a JSON object: 400, nothing counted."""
    hook = _hook(client)
    answer = _post(client, f"/webhooks/{hook['Id']}/deliveries", body)
    assert answer.status == 400 and answer.json['message'], answer
    assert emu.get_state()['webhook_consecutive_failures'] == {hook['Id']: 0}


# both -------------------------------------------------------------------------------------------
@pytest.mark.parametrize('path, body', [
    ('/portal-links/AbCdEfGhIjKlM/accesses', {'count': 1}),
    ('/webhooks/00000000-0000-4000-8000-000000000000/deliveries', {'failed': 1}),
])
def test_unknown_ids_answer_404(client, path, body):
    """An unknown share-link or webhook id answers 404."""
    answer = _post(client, path, body)
    assert answer.status == 404 and 'not found' in answer.json['message']


def test_in_process_methods(client, emu):
    """The Emulator methods do the same as the control routes and raise ApiError on bad input."""
    link = _link(client, AccessLimit=1)
    hook = _hook(client)
    assert emu.deliver_webhook(hook['Id'], succeeded=2)['attempted'] == 2
    assert emu.access_share_link(link['Id'])['link'] is None
    with pytest.raises(ApiError) as caught:
        emu.deliver_webhook(hook['Id'], failed=1, succeeded=1)
    assert caught.value.status == 400
    with pytest.raises(ApiError) as caught:
        emu.access_share_link(link['Id'])
    assert caught.value.status == 404
