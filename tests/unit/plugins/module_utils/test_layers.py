# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The layers of plugins/module_utils only look down (docs/developing.md, "Layout").

A file imports files of its own layer or of the layers below it, never above: the transport knows nothing of
descriptors, an engine nothing of the organization, and only the module glue exits a module.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import os

import pytest

from ansible_collections.sftptogo.sftptogo.plugins import module_utils

# Bottom to top; a new file must be placed here.
LAYERS = (
    ('values', ('_failure', '_render', '_masking', '_token', '_names', '_network', '_ssh', '_timestamps')),
    ('transport', ('_connection', '_retry', '_api')),
    ('descriptors', ('_field', '_descriptor', '_lookup')),
    ('engines', ('_finder', '_engine')),
    ('resources', ('_inbound_rules', '_credential', '_webhook', '_share_link', '_ssh_key')),
    ('organization', ('_organization', '_drift', '_approval', '_findings', '_declaration', '_export')),
    ('module glue', ('_module', '_organization_module', '_ssh_key_module')),
)
LEVEL = dict((name, level) for level, (dummy, names) in enumerate(LAYERS) for name in names)
PACKAGE = 'ansible_collections.sftptogo.sftptogo.plugins.module_utils'
DIRECTORY = os.path.dirname(module_utils.__file__)


def imported(source):
    """The module_utils files a source imports (``from PACKAGE import _a`` and ``from PACKAGE._a import b``)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == PACKAGE:
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or '').startswith(PACKAGE + '.'):
            names.add(node.module[len(PACKAGE) + 1:].split('.')[0])
    return names


def upward_imports(name, source):
    """'file (layer) imports other (higher layer)' for each import of ``source`` that looks up."""
    return ['%s (%s) imports %s (%s)' % (name, LAYERS[LEVEL[name]][0], other, LAYERS[LEVEL[other]][0])
            for other in sorted(imported(source)) if LEVEL[other] > LEVEL[name]]


def files():
    return sorted(entry[:-3] for entry in os.listdir(DIRECTORY) if entry.endswith('.py') and entry != '__init__.py')


def test_every_file_has_a_layer():
    assert [name for name in files() if name not in LEVEL] == []
    assert [name for name in LEVEL if name not in files()] == []


@pytest.mark.parametrize('name', files())
def test_imports_look_down(name):
    with open(os.path.join(DIRECTORY, name + '.py')) as handle:
        assert upward_imports(name, handle.read()) == []


@pytest.mark.parametrize('source', [
    'from %s._module import run_main\n' % PACKAGE,
    'from %s import _credential, _organization\n' % PACKAGE,
])
def test_an_upward_import_is_found(source):
    assert upward_imports('_engine', source) != []
