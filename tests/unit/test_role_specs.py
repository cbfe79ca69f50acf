# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""roles/*/meta/argument_specs.yml: what scripts/role-specs writes, and the module options' facts."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib.util
import os
import re

import pytest
import yaml

ROOT = os.path.join(os.path.dirname(__file__), '..', '..')


def _load_script():
    spec = importlib.util.spec_from_file_location('role_specs', os.path.join(ROOT, 'scripts', 'role_specs.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


role_specs = _load_script()


def committed(role):
    with open(role_specs.path_of(role)) as spec:
        return spec.read()


def committed_options(role):
    return yaml.safe_load(committed(role))['argument_specs']['main']['options']


@pytest.mark.parametrize('role', sorted(role_specs.ROLES))
def test_committed_spec_is_generated(role):
    assert committed(role) == role_specs.render(role_specs.role_spec(role)), (
        'roles/%s/meta/argument_specs.yml is not what scripts/role-specs writes: run scripts/role-specs' % role)


def test_every_role_has_a_generated_spec():
    roles = sorted(name for name in os.listdir(os.path.join(ROOT, 'roles'))
                   if os.path.isfile(os.path.join(ROOT, 'roles', name, 'meta', 'argument_specs.yml')))
    assert roles == sorted(role_specs.ROLES)


def mapped_variables():
    """(role, variable, table entry) of every role variable passed to a module option."""
    return [(role, name, entry) for role, table in sorted(role_specs.ROLES.items())
            for name, entry in table['options'] if 'module' in entry]


@pytest.mark.parametrize('role, name, entry', mapped_variables(), ids=lambda value: value if isinstance(value, str) else '')
def test_role_variable_has_the_module_option_facts(role, name, entry):
    """Type, elements, choices and default as the module option's, except the role-only differences listed."""
    option = committed_options(role)[name]
    spec, doc = role_specs.source_option(entry)
    differs = entry.get('role', {})
    for key in ('type', 'elements', 'choices', 'default'):
        if key not in differs:
            assert option.get(key) == spec.get(key, 'str' if key == 'type' else None), (role, name, key)
            assert option.get(key) == doc.get(key, 'str' if key == 'type' else None), (role, name, key)
        else:
            assert option.get(key) == differs[key], (role, name, key)


def test_role_only_default_differences():
    """The role-only facts the roles rely on (each listed once, in the table of scripts/role_specs.py)."""
    organization, partner = committed_options('organization'), committed_options('partner')
    assert organization['organization_share_links']['default'] == []
    assert 'V(on_create)' in ' '.join(organization['organization_share_links']['description'])
    assert organization['organization_approved_plan']['type'] == 'raw'
    assert partner['partner_permission']['default'] == 'read-write'
    assert partner['partner_permission']['choices'] == role_specs.argument_spec('sftptogo_credential')['permission']['choices']
    assert 'default' not in organization['organization_api_url']
    assert 'required' not in organization['organization_organization_id']


@pytest.mark.parametrize('role', sorted(role_specs.ROLES))
def test_no_nested_item_options(role):
    """No suboption spec: Ansible would print the whole spec on a misspelt key; the module names it shortly."""
    for name, option in committed_options(role).items():
        assert 'options' not in option, name


@pytest.mark.parametrize('role', sorted(role_specs.ROLES))
def test_descriptions_reference_only_existing_role_variables(role):
    """An O() without a plugin names a variable of this role (module options are referenced with their module)."""
    options = committed_options(role)
    for name, option in options.items():
        for paragraph in option['description']:
            for reference in re.findall(r'\bO\(([^)#]*)\)', paragraph):
                assert reference.split('=')[0] in options, (name, reference)


def test_check_mode_reports_a_stale_file(tmp_path, monkeypatch, capsys):
    for role in role_specs.ROLES:
        target = tmp_path / role
        target.write_text(committed(role))
    monkeypatch.setattr(role_specs, 'path_of', lambda role: str(tmp_path / role))
    assert role_specs.main(['--check']) == 0
    (tmp_path / 'partner').write_text(committed('partner').replace('default: read-write', 'default: full'))
    assert role_specs.main(['--check']) == 1
    assert 'run it' in capsys.readouterr().err
    assert role_specs.main([]) == 0
    assert (tmp_path / 'partner').read_text() == committed('partner')
