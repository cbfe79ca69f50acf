# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.sftptogo.sftptogo.plugins.filter.unknown_variables import known_names, unknown_variables

COLLECTION = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..'))
ROLES = os.path.join(COLLECTION, 'roles')
PLAYBOOKS = os.path.join(COLLECTION, 'playbooks')


def test_a_misspelt_role_variable_names_the_one_meant():
    assert unknown_variables(['partner_allowed_ip', 'partner_username'], os.path.join(ROLES, 'partner'), 'partner_') == [
        'partner_allowed_ip is not a variable of the role partner; did you mean partner_allowed_ips?']


def test_options_defaults_and_facts_of_a_role_are_known():
    known = known_names(os.path.join(ROLES, 'organization'), 'organization_')
    # options (meta/argument_specs.yml), defaults, and the facts and registered results its tasks set
    assert {'organization_credentials', 'organization_parallelism', 'organization_approved_plan',
            'organization_created_passwords', 'organization_plan', 'organization_plan_id'} <= known
    assert unknown_variables(sorted(known), os.path.join(ROLES, 'organization'), 'organization_') == []


def test_a_name_with_a_dot_or_inside_another_word_is_not_a_variable():
    known = known_names(os.path.join(ROLES, 'organization'), 'organization_')
    assert not [name for name in known if '.' in name]
    assert 'organization_host' in known  # the fact, not organization_host.something


def test_a_playbook_knows_the_names_its_file_mentions():
    source = os.path.join(PLAYBOOKS, 'organization.yml')
    assert unknown_variables(['sftptogo_declaration', 'sftptogo_plan_id', 'sftptogo_plan_summary'], source,
                             'sftptogo_') == []
    assert unknown_variables(['sftptogo_declaraton'], source, 'sftptogo_') == [
        'sftptogo_declaraton is not a variable of the playbook organization.yml; did you mean sftptogo_declaration?']


def test_a_name_like_nothing_known_lists_the_valid_names():
    message, = unknown_variables(['sftptogo_zzz'], os.path.join(PLAYBOOKS, 'partner.yml'), 'sftptogo_')
    assert message == 'sftptogo_zzz is not a variable of the playbook partner.yml (its variables: none)'


def test_a_source_that_does_not_exist_fails_clearly():
    with pytest.raises(AnsibleFilterError, match='neither a role folder nor a playbook file'):
        unknown_variables([], '/nonexistent/role', 'x_')
