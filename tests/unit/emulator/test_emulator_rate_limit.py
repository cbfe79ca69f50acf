# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The rate limit switch: requests per second above the limit answer 429 with Retry-After: 1."""

import json

from faults import Faults


def test_rate_limit_is_off_by_default(client, emu):
    """Without the switch every request is answered."""
    assert emu.get_config()['rate_limit'] == 0
    assert {client.api('GET', '/users').status for dummy in range(30)} == {200}


def test_requests_above_the_rate_answer_429(client, emu):
    """With rate_limit 3, the 4th request within a second answers 429 Too Many Requests, Retry-After: 1."""
    emu.set_config(rate_limit=3)
    answers = [client.api('GET', '/users') for dummy in range(5)]
    assert [answer.status for answer in answers[:3]] == [200, 200, 200]
    throttled = answers[3]
    assert throttled.status == 429 and throttled.json == {'message': 'Too Many Requests'}
    assert throttled.headers['retry-after'] == '1' and throttled.headers['content-type'] == 'application/json'
    entries = emu.get_journal()
    assert [entry['status'] for entry in entries] == [200, 200, 200, 429, 429]
    assert entries[3]['fault'] is None


def test_a_throttled_create_applies_nothing_and_control_requests_are_not_limited(client, emu):
    """A 429 is answered before the request is processed; the control API is never limited."""
    emu.set_config(rate_limit=1)
    assert client.api('GET', '/users').status == 200
    assert client.api('POST', '/users', {'UserName': 'partner-0001'}).status == 429
    assert len(emu.get_state()['users']) == 1
    assert all(client.control('GET', '/config')['rate_limit'] == 1 for dummy in range(5))


def test_the_window_is_one_second():
    """Requests are answered again once the answered ones are older than a second; 429s do not count."""
    faults = Faults()
    assert [faults.throttle(2, now) is None for now in (10.0, 10.1, 10.2, 10.5, 10.99)] == [True, True, False, False, False]
    assert faults.throttle(2, 11.05) is None
    assert faults.throttle(2, 11.06) is not None
    assert faults.throttle(2, 11.11) is None


def test_faults_come_first_and_reset_clears_the_switch(client, emu):
    """An injected fault answers instead of the rate limit; a reset turns the limit off."""
    emu.set_config(rate_limit=1)
    emu.add_fault(method='GET', route='/users', action='status', status=503, times=3)
    assert [client.api('GET', '/users').status for dummy in range(4)] == [503, 503, 503, 200]
    client.control('POST', '/reset')
    assert {client.api('GET', '/users').status for dummy in range(5)} == {200}


def test_rate_limit_must_be_a_whole_number(client):
    """The switch takes an integer >= 0 only."""
    for bad in (-1, 1.5, 'ten', True):
        answer = client.raw('PATCH', '/__emulator/config', json.dumps({'rate_limit': bad}).encode(),
                            {'Content-Type': 'application/json'})
        assert answer.status == 400 and 'rate_limit' in answer.json['message'], bad
    assert client.control('PATCH', '/config', {'rate_limit': 10})['rate_limit'] == 10
