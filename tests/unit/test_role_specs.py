# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What scripts/role-specs writes (roles/*/meta/argument_specs.yml, the declaration doc fragment), and whence."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib.machinery
import importlib.util
import os
import re

import pytest
import yaml

ROOT = os.path.join(os.path.dirname(__file__), '..', '..')


def _load_script():
    path = os.path.join(ROOT, 'scripts', 'role-specs')
    spec = importlib.util.spec_from_loader('role_specs', importlib.machinery.SourceFileLoader('role_specs', path))
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
    """The role-only facts the roles rely on (each listed once, in the table of scripts/role-specs)."""
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
    (tmp_path / 'declaration.py').write_text(committed_fragment())
    monkeypatch.setattr(role_specs, 'path_of', lambda role: str(tmp_path / role))
    monkeypatch.setattr(role_specs, 'fragment_path', lambda: str(tmp_path / 'declaration.py'))
    assert role_specs.main(['--check']) == 0
    (tmp_path / 'partner').write_text(committed('partner').replace('default: read-write', 'default: full'))
    assert role_specs.main(['--check']) == 1
    assert 'run it' in capsys.readouterr().err
    assert role_specs.main([]) == 0
    assert (tmp_path / 'partner').read_text() == committed('partner')
    (tmp_path / 'declaration.py').write_text(committed_fragment().replace('default: always', 'default: on_create'))
    assert role_specs.main(['--check']) == 1
    assert 'declaration.py' in capsys.readouterr().err
    assert role_specs.main([]) == 0
    assert (tmp_path / 'declaration.py').read_text() == committed_fragment()


# -- the declaration doc fragment -------------------------------------------------------------------------

def committed_fragment():
    with open(role_specs.fragment_path()) as fragment:
        return fragment.read()


def fragment_options():
    """The options of the committed fragment, read as ansible-doc reads them (a literal, not by importing it)."""
    return role_specs._documentation(role_specs.fragment_path())['options']


def test_committed_fragment_is_generated():
    assert committed_fragment() == role_specs.render_fragment(role_specs.declaration_fragment()), (
        'plugins/doc_fragments/declaration.py is not what scripts/role-specs writes: run scripts/role-specs')


def documented_options(docs, spec, prefix=''):
    """(place, documentation, argument spec) of every option and suboption documented in ``docs``."""
    found = []
    for name, doc in docs.items():
        found.append((prefix + name, doc, spec[name]))
        if 'suboptions' in doc:
            found += documented_options(doc['suboptions'], spec[name]['options'], '%s%s[].' % (prefix, name))
    return found


def test_fragment_has_the_argument_spec_facts():
    """Each option and item option of the fragment has the type, choices, default... of the organization's spec."""
    spec = role_specs.argument_spec(role_specs.ORGANIZATION_INFO)
    for place, doc, option in documented_options(fragment_options(), spec):
        for key in ('type', 'elements', 'choices', 'default'):
            assert doc.get(key) == option.get(key, 'str' if key == 'type' else None), (place, key)
        assert doc.get('required', False) == option.get('required', False), place
        assert bool(doc.get('suboptions')) == bool(option.get('options')), place


def test_declaration_table_states_no_facts():
    """The table adds or trims texts only: the facts of an item option come from the argument spec."""
    for name, entry in role_specs.DECLARATION:
        assert set(entry) <= {'module', 'key', 'description', 'suboptions'}, name
        for option, texts in entry.get('suboptions', {}).items():
            assert set(texts) <= {'description', 'keep', 'add'}, (name, option)


def test_generator_refuses_a_stale_table(monkeypatch):
    table = [(name, dict(entry)) for name, entry in role_specs.DECLARATION]
    monkeypatch.setattr(role_specs, 'DECLARATION', table)
    table[0][1]['suboptions'] = dict(table[0][1]['suboptions'], alias=dict(keep=5))
    with pytest.raises(ValueError, match=r'credentials\[\]\.alias: keeps 5 paragraphs, but sftptogo_credential documents'):
        role_specs.declaration_fragment()
    table[0][1]['suboptions'] = dict(table[0][1]['suboptions'], aliass=dict(add=['x']))
    with pytest.raises(ValueError, match=r'DECLARATION names credentials\[\]\.aliass, not an item option'):
        role_specs.declaration_fragment()
    monkeypatch.setattr(role_specs, 'DECLARATION', table[1:])
    with pytest.raises(ValueError, match='not in DECLARATION: credentials'):
        role_specs.declaration_fragment()


def item_choices():
    """(place, module, choices) of every item option of a declaration that has choices, from the resource module."""
    spec = role_specs.argument_spec(role_specs.ORGANIZATION_INFO)
    found = []
    for name, entry in role_specs.DECLARATION:
        for place, doc, option in documented_options(fragment_options()[name].get('suboptions', {}),
                                                     spec[name].get('options', {}), name + '[].'):
            if option.get('choices') and not place.endswith('[].state'):
                found.append((place, entry['module'], option['choices']))
    return found


# Files that name the same words for another fact (not an option's choices), each with what they name.
OTHER_FACTS = {
    ('webhooks[].topics', os.path.join('docs', 'docsite', 'rst', 'guide_eda.rst')):
        'the topic of an event a webhook delivers (webhook.ping too)',
}
SCANNED = ('README.md', 'docs', 'plugins', 'roles', 'playbooks', 'extensions', 'scripts', 'meta', 'demo')
TEXT = ('.py', '.yml', '.yaml', '.md', '.rst', '.j2', '.txt', '.cfg')


def scanned_files():
    for top in SCANNED:
        path = os.path.join(ROOT, top)
        if os.path.isfile(path):
            yield top
        for directory, dummy, files in os.walk(path):
            for name in files:
                if name.endswith(TEXT):
                    yield os.path.relpath(os.path.join(directory, name), ROOT)


def written_in(path, choices):
    """Whether the file names all ``choices`` one after another (in any order, any list syntax or prose)."""
    with open(os.path.join(ROOT, path), errors='replace') as source:
        words = re.findall(r'[\w.*-]*[\w*][\w.*-]*', source.read())
    width, wanted = len(choices), sorted(choices)
    return any(sorted(words[start:start + width]) == wanted for start in range(len(words) - width + 1))


@pytest.mark.parametrize('place, module, choices', item_choices(), ids=lambda value: value if isinstance(value, str) else '')
def test_item_choices_written_once(place, module, choices):
    """An item option's choices are written in the argument spec and the resource module's DOCUMENTATION only
    (and in the files scripts/role-specs writes from them), not by hand in docs, roles or the fragment."""
    generated = [os.path.relpath(role_specs.fragment_path(), ROOT)] + [
        os.path.relpath(role_specs.path_of(role), ROOT) for role in role_specs.ROLES]
    allowed = [os.path.join('plugins', 'modules', module + '.py')] + generated
    written = [path for path in scanned_files() if written_in(path, choices)]
    assert [path for path in written if not path.startswith(os.path.join('plugins', 'module_utils', '')) and
            path not in allowed and (place, path) not in OTHER_FACTS] == [], (place, choices)
    assert os.path.join('plugins', 'modules', module + '.py') in written, (place, choices)
