# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Lookup plugin: the Event-Driven Ansible event as data that is never evaluated as a template."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
name: eda_event
author:
  - sftptogo.sftptogo maintainers (@sftptogo)
version_added: 0.2.0
short_description: Read the ansible-rulebook event as data that is never evaluated as a template
description:
  - Returns the event that C(ansible-rulebook) passed to the playbook in the extra variable C(ansible_eda)
    (by C(run_playbook) or C(run_job_template)), or a part of it, with every string marked as untrusted data
    (unsafe before ansible-core 2.19, not trusted as a template from 2.19 on), so that a file name, an actor
    id or a header value holding Jinja, such as C({{ 7 * 7 }}), a lookup that runs a command, or C({% raw %}),
    stays that exact text and is never rendered.
  - Ansible treats extra variables as trusted templates; C({{ ansible_eda.event.sftptogo.path }}) renders a
    file name that holds Jinja. Read event data only through this lookup.
  - It reads C(ansible_eda) as it was given, before any templating, and copies it into plain strings, numbers,
    lists and dictionaries.
options:
  _terms:
    description:
      - Dotted keys inside C(ansible_eda), such as C(event.sftptogo) or C(event.sftptogo.path); each gives
        one result.
      - C(event) (the whole event) when none is given.
    type: list
    elements: str
    required: false
notes:
  - The result is data, not a template, also after C(ansible.builtin.set_fact), in C(vars) and in filters.
  - Pass event strings on to a shell only with C(ansible.builtin.quote) (or as C(argv) items); not being a
    template does not make a text safe for a shell.
seealso:
  - ref: ansible_collections.sftptogo.sftptogo.docsite.guide_eda
    description: Reacting to uploads with Event-Driven Ansible (section What is trusted).
'''

EXAMPLES = r'''
- name: A file landed (run by ansible-rulebook's run_playbook)
  hosts: localhost
  gather_facts: false
  vars:
    landed: "{{ lookup('sftptogo.sftptogo.eda_event', 'event.sftptogo') }}"
  tasks:
    - name: Show who uploaded what
      ansible.builtin.debug:
        msg: "{{ landed.actor.id }} uploaded {{ landed.path }}"

    - name: The path alone
      ansible.builtin.debug:
        msg: "{{ lookup('sftptogo.sftptogo.eda_event', 'event.sftptogo.path') }}"

    - name: The body as the service sent it
      ansible.builtin.set_fact:
        body: "{{ lookup('sftptogo.sftptogo.eda_event', 'event.payload') }}"
'''

RETURN = r'''
_raw:
  description:
    - One value per term (the event, or the part of it the term names), untrusted.
  type: list
  elements: raw
'''

from collections.abc import Mapping

from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase

try:
    # ansible-core 2.19 and later render only strings tagged "trusted as template": a plain str is data.
    from ansible.template import is_trusted_as_template  # noqa: F401 pylint: disable=unused-import
    _mark = None
except ImportError:
    # Before 2.19 every string is rendered unless it is wrapped unsafe.
    from ansible.utils.unsafe_proxy import wrap_var as _mark

DEFAULT_TERM = 'event'
NOT_GIVEN = ('ansible_eda is not defined: run this playbook from an ansible-rulebook action (run_playbook or '
             'run_job_template), or pass ansible_eda as an extra variable')


def plain(value):
    """A copy of ``value`` made of plain str, int, float, bool, None, list and dict: no tag, no wrapper."""
    if isinstance(value, Mapping):
        return dict((plain(key), plain(item)) for key, item in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(item) for item in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, bytes):
        value = value.decode('utf-8', 'surrogateescape')
    if isinstance(value, str):
        # encode/decode builds a new str object: the tags of ansible-core 2.19+ stay behind
        return value.encode('utf-8', 'surrogatepass').decode('utf-8', 'surrogatepass')
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return plain(str(value))


def inert(value):
    """``value`` copied so that no string of it is ever rendered as a template, on every ansible-core."""
    copy = plain(value)
    return _mark(copy) if _mark is not None else copy


def select(eda, term):
    """The part of ``eda`` (the ansible_eda variable) that the dotted ``term`` names."""
    if not isinstance(term, str) or not term.strip('.'):
        raise AnsibleLookupError(f'sftptogo.sftptogo.eda_event: each term must be a dotted key such as '
                                 f'event.sftptogo.path, not {term!r}')
    value = eda
    walked = 'ansible_eda'
    for key in term.split('.'):
        if not isinstance(value, Mapping) or key not in value:
            raise AnsibleLookupError(f'sftptogo.sftptogo.eda_event: {walked} has no key {key!r} '
                                     f'(term {term!r})')
        value = value[key]
        walked += '.' + key
    return value


class LookupModule(LookupBase):
    """Reads ansible_eda before templating and returns it untrusted."""

    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        # ``variables`` holds the variables as they were given, not rendered: the event text is still intact.
        eda = (variables or {}).get('ansible_eda')
        if not isinstance(eda, Mapping):
            raise AnsibleLookupError('sftptogo.sftptogo.eda_event: ' + NOT_GIVEN)
        return [inert(select(eda, term)) for term in (terms or [DEFAULT_TERM])]
