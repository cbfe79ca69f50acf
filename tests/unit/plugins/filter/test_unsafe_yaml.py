# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The unsafe_yaml filter: what Ansible's own YAML loader reads back is the exact data, and no string is a template."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible.errors import AnsibleFilterError
from ansible.parsing.dataloader import DataLoader
from ansible.utils.unsafe_proxy import wrap_var

from ansible_collections.sftptogo.sftptogo.plugins.filter.unsafe_yaml import FilterModule, unsafe_yaml

try:  # ansible-core 2.19+: data tagging
    from ansible.template import is_trusted_as_template
except ImportError:  # 2.16-2.18: unsafe strings are AnsibleUnsafe
    from ansible.utils.unsafe_proxy import AnsibleUnsafe

    def is_trusted_as_template(value):
        return not isinstance(value, AnsibleUnsafe)

HOSTILE = [
    "{{ lookup('ansible.builtin.pipe', 'touch MARKER') }}", 'Q3 {% raw %} report', '{# x #}', '{{ 7 * 7 }}',
    "it's \"quoted\"", 'two\nlines ', ' leading', 'tab\there', '\x07bell', 'caf\u00e9 \u2028 sep', '!unsafe x', '&anchor',
    '*alias', '- dash', 'key: value', '# hash', '%percent', '@at', '`tick', '|', '>', '[1, 2]', '{a: 1}',
]
# Text YAML reads as a line break, folds, or refuses raw: each must read back exactly, never as a space.
SEPARATORS = [
    'next\x85line', '\x85', 'line\u2028sep', 'para\u2029sep', 'cr\rlf\r\n', 'trailing\n', '\n\nblank\n', 'nul\x00',
    'del\x7f', 'csi\x9b', '\ufeffbom', 'zero\u200bwidth', 'no\xa0break', 'emoji \U0001F600', '\x1b[31mred', '  both  ',
    '{{ x }}\x85{% raw %}',
]
# Strings that a plain YAML scalar would read as another type; 2.19+ resolves an !unsafe scalar as plain.
AMBIGUOUS = ['true', 'no', 'on', 'null', '~', '', '0600', '1.5', '1_000', '0x1F', '.inf', '2026-12-31', '2026-12-31T00:00:00Z']


def load(text, tmp_path):
    """``text`` loaded as a vars file is: on 2.19+ every string not tagged !unsafe is trusted as a template."""
    path = tmp_path / 'vars.yml'
    path.write_text(text, encoding='utf-8')
    try:
        return DataLoader().load_from_file(str(path), cache='none', trusted_as_template=True)
    except TypeError:  # 2.16-2.18: no trust flag, every string not tagged !unsafe is a template
        return DataLoader().load_from_file(str(path), cache='none')


def strings(value):
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize('text', HOSTILE + SEPARATORS + AMBIGUOUS)
def test_every_string_reads_back_exactly_and_no_template_is_trusted(text, tmp_path):
    data = {'organization_webhooks': [{'alias': text, 'topics': [text], 'enabled': False, 'access_limit': 3}]}
    loaded = load(unsafe_yaml(data), tmp_path)
    assert loaded == data
    assert not [s for s in strings(loaded) if '{' in s and is_trusted_as_template(s)]


def test_free_text_is_tagged_keys_are_not_and_the_output_is_stable():
    data = {'b': [{'notes': 'ACME', 'path': '/x/'}], 'a': 'true'}
    text = unsafe_yaml(data)
    assert text == "a: 'true'\nb:\n  - notes: !unsafe 'ACME'\n    path: !unsafe '/x/'\n"
    assert unsafe_yaml(dict(reversed(list(data.items())))) == text


@pytest.mark.parametrize('text, line', [
    ('next\x85line', 'alias: !unsafe "next\\Nline"\n'),
    ('line\u2028sep \u2029', 'alias: !unsafe "line\\Lsep \\P"\n'),
    ('tab\tcr\r\n', 'alias: !unsafe "tab\\tcr\\r\\n"\n'),
    ('bell\x07 del\x7f', 'alias: !unsafe "bell\\a del\\x7F"\n'),
])
def test_text_yaml_would_not_read_back_as_is_is_one_escaped_double_quoted_line(text, line):
    assert unsafe_yaml({'alias': text}) == line


def test_a_lone_surrogate_fails_naming_its_place():
    with pytest.raises(AnsibleFilterError, match=r'the data\.webhooks\[0\]\.alias holds U\+D800, a lone surrogate'):
        unsafe_yaml({'webhooks': [{'alias': 'x\ud800'}]})


def test_the_same_text_untagged_would_be_a_trusted_template(tmp_path):
    assert is_trusted_as_template(load("alias: '{{ 7 * 7 }}'\n", tmp_path)['alias'])


def test_ansible_s_own_string_types_are_written_as_plain_text(tmp_path):
    data = wrap_var({'alias': '{{ 7 * 7 }}', 'rules': [{'description': 'x'}]})
    assert load(unsafe_yaml(data), tmp_path) == {'alias': '{{ 7 * 7 }}', 'rules': [{'description': 'x'}]}


def test_anything_else_fails_naming_the_place():
    with pytest.raises(AnsibleFilterError, match=r'the data\.a\[0\] is a object'):
        unsafe_yaml({'a': [object()]})


def test_the_filter_is_registered():
    assert FilterModule().filters() == {'unsafe_yaml': unsafe_yaml}
