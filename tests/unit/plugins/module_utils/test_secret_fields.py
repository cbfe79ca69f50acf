# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""One secret rule per field: the option's no_log, the descriptor's secret lists and the password policy all follow
from the Field's Secret (docs/developing.md, "Secrets by rule")."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _credential, _render, _share_link, _webhook
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._connection import AUTH_ARGUMENT_SPEC
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._field import ALWAYS, Field, WriteOnly, secret_options

RESOURCES = [(_credential.CREDENTIAL, _credential.ARGUMENT_SPEC), (_webhook.WEBHOOK, _webhook.ARGUMENT_SPEC),
             (_share_link.SHARE_LINK, _share_link.ARGUMENT_SPEC)]


def no_log_options(spec):
    return sorted(name for name, option in spec.items() if option.get('no_log'))


@pytest.mark.parametrize('resource, spec', RESOURCES, ids=lambda value: getattr(value, 'name', ''))
def test_the_no_log_options_are_the_secret_fields_and_the_connection_s(resource, spec):
    secret_fields = [field.option for field in resource.fields if field.secrecy is not None and field.secrecy.no_log]
    assert no_log_options(spec) == sorted(secret_fields + no_log_options(AUTH_ARGUMENT_SPEC))
    assert no_log_options(resource.declared) == sorted(option for option in secret_fields if option in resource.declared)


def test_a_spec_cannot_disagree_with_its_fields():
    fields = (Field('token', 'Token', secret=ALWAYS), Field('name', 'Name'))
    assert secret_options(dict(token=dict(type='str'), name=dict(type='str')), fields) == dict(
        token=dict(type='str', no_log=True), name=dict(type='str'))
    for spec in (dict(token=dict(type='str', no_log=False)), dict(name=dict(type='str', no_log=True))):
        with pytest.raises(ValueError):
            secret_options(spec, fields)


def test_the_descriptor_secret_lists_are_derived_from_the_fields():
    credential, webhook, link = _credential.CREDENTIAL, _webhook.WEBHOOK, _share_link.SHARE_LINK
    assert (credential.secret_keys, credential.revealed_keys, credential.token_keys) == (
        ('Password', 'URI'), ('Password', 'URI'), ())
    assert credential.secret_forms == dict(URI=_credential.mask_uri)
    assert credential.reveals[:2] == ('created_passwords', 'Password')
    assert credential.reveals[2](dict(password=None)) and not credential.reveals[2](dict(password='x'))
    assert (webhook.secret_keys, webhook.revealed_keys, webhook.secret_forms) == (
        ('AuthorizationHeader', 'Secret'), ('Secret',), dict(Secret=_render.OMITTED))
    assert webhook.token_keys == (('Url', _webhook.secret_url),)
    assert webhook.reveals[:2] == ('webhook_secrets', 'Secret') and webhook.reveals[2](dict(url='x'))
    assert (link.secret_keys, link.revealed_keys, link.token_keys, link.reveals) == (('Password',), ('Password',), (), None)


PASSWORD = Field('password', 'Password', to_api=lambda value: value or None, canonical=lambda value: value or None,
                 secret=WriteOnly())


@pytest.mark.parametrize('value, current, params, differs', [
    ('s3cret', {'Password': 's3cret'}, {}, False),  # returned: compared
    ('other', {'Password': 's3cret'}, {}, True),
    ('s3cret', {}, {}, True),  # not returned: cannot be compared, so sent
    ('s3cret', {}, dict(update_password='on_create'), False),  # on_create never touches an existing one
    ('other', {'Password': 's3cret'}, dict(update_password='on_create'), False),
    (None, {}, {}, False),  # none wanted, none returned
    (None, {'Password': 's3cret'}, {}, True),  # '' removes it
])
def test_the_password_policy(value, current, params, differs):
    assert PASSWORD.differs(value, current, params) is differs


def test_a_cleared_password_is_not_sent_on_create_and_reads_null_in_a_diff():
    assert PASSWORD.in_create('s3cret') and not PASSWORD.in_create(None)
    shown = {'password': (PASSWORD, 's3cret', None, True)}
    assert _render.module_diff(shown, 'update') == {'before': {'password': _render.NO_LOG_MASK}, 'after': {'password': None}}
