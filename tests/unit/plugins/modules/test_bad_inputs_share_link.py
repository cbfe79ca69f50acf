# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Bad input to sftptogo_share_link: a clear error naming the option and the rule, no request sent, no traceback."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.sftptogo.sftptogo.plugins.modules import sftptogo_share_link
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.modules.bad_inputs import (
    ABSOLUTE, API_KEY, ISO, PATH_ID, RETRIES, RULE, YEARS, bad_input_test)

CASES = [
    # connection options
    (dict(path='/a/', api_key='clé-secrète'), API_KEY + '; it contains a non-ASCII or control character'),
    (dict(path='/a/', api_url='https://api.example.test/?organization=other'), 'api_url must not have a query string or fragment'),
    (dict(path='/a/', organization_id='org%2F..'), 'organization_id ' + PATH_ID),
    (dict(path='/a/', api_retries=10 ** 6), RETRIES + '; got 1000000'),
    # lookups and ids
    (dict(notes='x'), 'one of the following is required: id, path'),
    (dict(path=None, permission='read-only'), RULE % ('id or path', 'share_link')),
    (dict(path=''), RULE % ('id or path', 'share_link')),
    (dict(path='   '), RULE % ('id or path', 'share_link')),
    (dict(id='abc?x=1'), 'id ' + PATH_ID),
    (dict(id='x%2Fy'), 'id ' + PATH_ID),
    (dict(id=''), 'id ' + PATH_ID),
    (dict(id='x/y', path='/a/'), 'id ' + PATH_ID),
    # values
    (dict(path='relative/'), 'path ' + ABSOLUTE),
    (dict(path='/a/\x00'), 'path ' + ABSOLUTE),
    (dict(path=123), 'path ' + ABSOLUTE),
    (dict(path={'path': '/a/'}), 'path must be a str; got a dict'),
    (dict(path=['/a/']), 'path must be a str; got a list'),
    (dict(path='/a/', access_limit=-1), 'access_limit must be 0 (unlimited) or a positive number'),
    (dict(path='/a/', access_limit='-1'), 'access_limit must be 0 (unlimited) or a positive number'),
    (dict(path='/a/', access_limit='many'), "argument 'access_limit' is of type str and we were unable to convert to int"),
    (dict(path='/a/', access_limit=1.5), "argument 'access_limit' is of type float and we were unable to convert to int"),
    (dict(path='/a/', access_limit=True), 'access_limit must be an int; got True'),
    (dict(path='/report.csv', permission='read-write'), 'permission must be read-only for a file link'),
    (dict(path='/report.csv', permission='write-only'), 'permission must be read-only for a file link'),
    (dict(path='/a/', permission='full'),
     'value of permission must be one of: read-only, read-write, write-only, read-write-no-delete, got: full'),
    (dict(path='/a/', update_password='never'), 'value of update_password must be one of: always, on_create, got: never'),
    (dict(path='/a/', expires_at=float('inf')), 'expires_at ' + YEARS),
    (dict(path='/a/', expires_at=float('nan')), 'expires_at ' + YEARS),
    (dict(path='/a/', expires_at=-5), 'expires_at ' + YEARS),
    (dict(path='/a/', expires_at=253402300800000), 'expires_at ' + YEARS),
    (dict(path='/a/', expires_at=-10 ** 400), 'expires_at ' + YEARS),
    (dict(path='/a/', expires_at='2026-02-30'), 'expires_at ' + ISO),
    (dict(path='/a/', expires_at=[2026]), 'expires_at must be an ISO 8601 date/datetime or a Unix time; got a list'),
    (dict(path='/a/', expires_at=True), 'expires_at must be an ISO 8601 date/datetime or a Unix time; got True'),
    (dict(path='/a/', notes={'a': 1}), 'notes must be a str; got a dict'),
    (dict(path='/a/', notes=False), 'notes must be a str; got False'),
    (dict(path='/a/', password=['p']), 'password must be a str; got a list'),
    (dict(path='/a/', password=True), 'password must be a str; got True'),
]

test_bad_input_fails_before_any_request = bad_input_test(sftptogo_share_link, CASES)
