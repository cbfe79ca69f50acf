# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The unknown_variables filter: variable names with a role's or a playbook's prefix that it does not know."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: unknown_variables
author: sftptogo.sftptogo contributors
version_added: 0.1.0
short_description: The variables of a prefix that a role or playbook does not know, each with the name meant
description:
  - Takes the names of the variables in scope that start with a role's or a playbook's prefix (from
    C(query('ansible.builtin.varnames', '^organization_'))) and returns one message for each name that the role or
    playbook never mentions, naming the closest valid name.
  - A role knows the names its C(meta/argument_specs.yml), C(defaults), C(vars) and C(tasks) files mention (its
    options, and the facts it sets); a playbook the names its own file mentions (its variables are listed in its
    header comment). So a new option cannot be forgotten.
  - Used by the collection's roles and playbooks to fail, before any request, on a misspelt variable that Ansible
    would otherwise ignore (C(partner_allowed_ip) for C(partner_allowed_ips)).
options:
  _input:
    description: The names of the variables in scope that have the prefix.
    type: list
    elements: string
    required: true
  source:
    description: The role's folder (C(role_path)) or the playbook's file.
    type: path
    required: true
  prefix:
    description: The prefix every name of the role or playbook starts with.
    type: string
    required: true
'''

EXAMPLES = r'''
- name: Fail on a misspelt variable of this role
  ansible.builtin.fail:
    msg: "{{ __misspelt | join('; ') }}"
  when: __misspelt | length > 0
  vars:
    __misspelt: "{{ query('ansible.builtin.varnames', '^partner_') | sftptogo.sftptogo.unknown_variables(role_path, 'partner_') }}"
'''

RETURN = r'''
_value:
  description: One message per unknown name, sorted; empty when every name is known.
  type: list
  elements: string
'''

import os
import re

from ansible.errors import AnsibleFilterError

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._names import closest

# The files of a role that name its variables: its options, defaults, own vars and the facts its tasks set.
ROLE_FOLDERS = ('meta', 'defaults', 'vars', 'tasks')


def _files(source):
    """The YAML files whose text names the variables of ``source`` (a role's folder or a playbook file)."""
    if os.path.isfile(source):
        return [source]
    if not os.path.isdir(source):
        raise AnsibleFilterError('unknown_variables: %s is neither a role folder nor a playbook file' % source)
    found = []
    for folder in ROLE_FOLDERS:
        for root, dummy, names in os.walk(os.path.join(source, folder)):
            found.extend(os.path.join(root, name) for name in sorted(names) if name.endswith(('.yml', '.yaml')))
    return found


def known_names(source, prefix):
    """Every name with ``prefix`` that the files of ``source`` mention."""
    pattern = re.compile(r'(?<![\w.])%s\w+' % re.escape(prefix))
    known = set()
    for path in _files(source):
        with open(path, encoding='utf-8') as handle:
            known.update(pattern.findall(handle.read()))
    return known


def unknown_variables(names, source, prefix):
    """A message for each of ``names`` that ``source`` does not know, with the valid name closest to it."""
    source = str(source).rstrip('/')
    known = known_names(source, str(prefix))
    owner = ('the playbook %s' if os.path.isfile(source) else 'the role %s') % os.path.basename(source)
    messages = []
    for name in sorted(set(str(name) for name in names) - known):
        meant = closest(name, known)
        hint = '; did you mean %s?' % meant if meant else ' (its variables: %s)' % (', '.join(sorted(known)) or 'none')
        messages.append('%s is not a variable of %s%s' % (name, owner, hint))
    return messages


class FilterModule:
    """The collection's filters."""

    def filters(self):
        return {'unknown_variables': unknown_variables}
