# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""extensions/awx/credential_type.yml: its inputs, and what its injectors give the modules.

The controller renders the injectors with a sandboxed Jinja2 environment over the credential's inputs,
as here; an optional input the user left empty is either missing or an empty string.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import pytest
import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._connection import AUTH_ARGUMENT_SPEC, DEFAULT_API_URL

ROOT = os.path.join(os.path.dirname(__file__), '..', '..')
INPUTS = {'api_key': 'key-from-the-vault', 'organization_id': '72e9cf24-be8c-4f15-9aa2-813281fb98fe'}


@pytest.fixture(scope='module')
def credential_type():
    with open(os.path.join(ROOT, 'extensions', 'awx', 'credential_type.yml')) as handle:
        return yaml.safe_load(handle)


def render(injector, inputs):
    """An injector section (env or extra_vars) rendered over ``inputs``, as the controller does."""
    env = ImmutableSandboxedEnvironment()
    return dict((name, env.from_string(template).render(**inputs)) for name, template in injector.items())


def test_inputs_keep_the_api_key_secret_and_require_key_and_organization(credential_type):
    fields = dict((field['id'], field) for field in credential_type['inputs']['fields'])
    assert sorted(fields) == ['api_key', 'api_url', 'organization_id']
    assert fields['api_key'].get('secret') is True
    assert not any(fields[name].get('secret') for name in ('organization_id', 'api_url'))
    assert sorted(credential_type['inputs']['required']) == ['api_key', 'organization_id']


def test_env_injector_sets_exactly_the_variables_the_modules_read(credential_type):
    read_by_modules = dict((option, spec['fallback'][1][0]) for option, spec in AUTH_ARGUMENT_SPEC.items()
                           if 'fallback' in spec)
    env = render(credential_type['injectors']['env'], dict(INPUTS, api_url='https://api.example.test'))
    assert env == {read_by_modules['api_key']: 'key-from-the-vault',
                   read_by_modules['organization_id']: INPUTS['organization_id'],
                   read_by_modules['api_url']: 'https://api.example.test'}


@pytest.mark.parametrize('left_empty', [{}, {'api_url': ''}], ids=['missing', 'empty string'])
def test_an_empty_api_url_gives_the_real_service(credential_type, left_empty):
    for section in ('env', 'extra_vars'):
        rendered = render(credential_type['injectors'][section], dict(INPUTS, **left_empty))
        assert DEFAULT_API_URL in rendered.values()
        assert '' not in rendered.values()


def test_extra_vars_injector_gives_the_variables_the_awx_guide_names(credential_type):
    extra_vars = render(credential_type['injectors']['extra_vars'], INPUTS)
    assert sorted(extra_vars) == ['sftptogo_api_key', 'sftptogo_api_url', 'sftptogo_organization_id']
    with open(os.path.join(ROOT, 'docs', 'docsite', 'rst', 'guide_awx.rst')) as guide:
        text = guide.read()
    assert all(name in text for name in extra_vars)
