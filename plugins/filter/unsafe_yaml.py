# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The unsafe_yaml filter: data as YAML whose every string is tagged !unsafe (never evaluated as a template)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: unsafe_yaml
author: sftptogo.sftptogo contributors
version_added: 0.1.0
short_description: Data as YAML whose every string is tagged C(!unsafe)
description:
  - Writes data (dicts, lists, strings, numbers, booleans, null) as a YAML document in which every string, keys
    excepted, carries the C(!unsafe) tag, so that Ansible loads it as plain text and never evaluates it as a template.
  - Used by the C(sftptogo.sftptogo.export) playbook for the text it reads from the API (aliases, notes, rule
    descriptions), so that a value such as C({{ lookup('ansible.builtin.pipe', 'id') }}) or C({% raw %}) stays that
    text.
  - ansible-core 2.19 and later read an C(!unsafe) value as if it were not quoted (so C(!unsafe 'true') would be a
    boolean); a string that would read as another type (V(true), V(0600), the empty string) is therefore written
    quoted without the tag, as it holds no template.
  - Keys are sorted; the output of the same data is always the same.
  - Strings are written in full on one line, quoted when YAML needs it. A string holding a line break (including
    U+0085, U+2028 and U+2029), a tab, a control or another non-printable character is written double-quoted with
    YAML escapes (C(\n), C(\N), C(\L), C(\P), C(\x07)...), so that it reads back exactly.
  - A lone surrogate (U+D800 to U+DFFF, not text, which YAML cannot hold) fails, naming its place.
options:
  _input:
    description: The data to write.
    type: raw
    required: true
'''

EXAMPLES = r'''
- name: Write a vars file whose free text is never templated
  ansible.builtin.copy:
    dest: /tmp/declaration.yml
    content: "{{ {'organization_webhooks': webhooks} | sftptogo.sftptogo.unsafe_yaml }}"
    mode: "0600"
'''

RETURN = r'''
_value:
  description: The YAML document (block style, 2-space indent, no document marker).
  type: string
'''

import yaml

from ansible.errors import AnsibleFilterError

UNSAFE = '!unsafe'


class _Unsafe(str):
    """A string value to write with the !unsafe tag."""


class _Dumper(yaml.SafeDumper):  # pylint: disable=too-many-ancestors
    """SafeDumper that indents the items of a list under their key, as to_nice_yaml does."""

    def increase_indent(self, flow=False, indentless=False):
        return super(_Dumper, self).increase_indent(flow, False)


def _scalar_style(value):
    """Double quotes (YAML escapes) for text that any other style would not read back exactly, else the dumper's
    choice. A raw U+0085 in a single-quoted scalar reads back as a space, a raw U+2028 as a line break that editors
    and diff tools show differently; escaped, every character reads back as it was."""
    return None if value.isprintable() else '"'


def _represent_unsafe(dumper, value):
    value = str.__str__(value)
    return dumper.represent_scalar(UNSAFE, value, style=_scalar_style(value))


_Dumper.add_representer(_Unsafe, _represent_unsafe)
_RESOLVER = yaml.resolver.Resolver()


def _text(value):
    """A string value: tagged !unsafe, unless it reads as another type when plain ('true', '0600', '').

    ansible-core 2.19+ resolves an !unsafe scalar as if it were plain (so !unsafe 'true' loads as a boolean), while
    2.16-2.18 keep it a string: such a value is written quoted without the tag, and it holds no template.
    """
    value = str.__str__(value)
    if _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == 'tag:yaml.org,2002:str':
        return _Unsafe(value)
    return value


def _check_text(value, place):
    """AnsibleFilterError naming ``place`` when ``value`` holds what YAML cannot hold (a lone surrogate)."""
    for char in value:
        if '\ud800' <= char <= '\udfff':
            raise AnsibleFilterError('unsafe_yaml: %s holds U+%04X, a lone surrogate (not text), which YAML cannot '
                                     'hold' % (place, ord(char)))


def _plain(value, place='the data'):
    """``value`` as plain Python types (Ansible hands strings, lists and dicts of its own subclasses), checked."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        _check_text(value, place)
        return _text(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dict):
        return dict((str.__str__(key), _plain(item, '%s.%s' % (place, key))) for key, item in value.items()
                    if isinstance(key, str))
    if isinstance(value, (list, tuple)):
        return [_plain(item, '%s[%d]' % (place, index)) for index, item in enumerate(value)]
    raise AnsibleFilterError('unsafe_yaml: %s is a %s, not a string, number, boolean, list or dict'
                             % (place, type(value).__name__))


def unsafe_yaml(data):
    """``data`` as YAML, every string value tagged !unsafe."""
    return yaml.dump(_plain(data), Dumper=_Dumper, default_flow_style=False, sort_keys=True, allow_unicode=True,
                     width=float('inf'), indent=2)


class FilterModule:
    """The collection's filters."""

    def filters(self):
        return {'unsafe_yaml': unsafe_yaml}
