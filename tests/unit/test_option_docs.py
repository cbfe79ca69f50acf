# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Option descriptions say what a user needs, shortly: details go to the module's notes or to a guide.

Every option and suboption of the modules, the doc fragments and the roles' argument specs is counted: the words
of its description (paragraphs joined; markup such as C(...) counts as the words inside it).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import glob
import os

import pytest
import yaml

ROOT = os.path.join(os.path.dirname(__file__), '..', '..')
MAX_WORDS = 60
MAX_MEAN = 30


def _documentation(path):
    """Each ``*DOCUMENTATION*`` string of a module or doc fragment, parsed, read without importing the file."""
    with open(path) as source:
        tree = ast.parse(source.read())
    return [yaml.safe_load(node.value.value) for node in ast.walk(tree)
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            and any(getattr(target, 'id', None) == 'DOCUMENTATION' for target in node.targets)]


def documented():
    """(name, options) of every module, doc fragment and role entry point."""
    found = []
    for kind in ('modules', 'doc_fragments'):
        for path in sorted(glob.glob(os.path.join(ROOT, 'plugins', kind, '*.py'))):
            for doc in _documentation(path):
                if doc.get('options'):
                    found.append(('%s/%s' % (kind, os.path.basename(path)), doc['options']))
    for path in sorted(glob.glob(os.path.join(ROOT, 'roles', '*', 'meta', 'argument_specs.yml'))):
        with open(path) as source:
            for entry, spec in yaml.safe_load(source)['argument_specs'].items():
                role = os.path.basename(os.path.dirname(os.path.dirname(path)))
                found.append(('roles/%s:%s' % (role, entry), spec.get('options', {})))
    return found


def words(description):
    text = ' '.join(description) if isinstance(description, list) else description or ''
    return len(text.split())


def option_words(options, prefix=''):
    """(place, word count) of every option and suboption."""
    counts = []
    for name, option in options.items():
        counts.append((prefix + name, words(option.get('description'))))
        counts += option_words(option.get('suboptions') or option.get('options') or {}, '%s%s.' % (prefix, name))
    return counts


DOCUMENTED = documented()


def test_every_module_is_counted():
    modules = glob.glob(os.path.join(ROOT, 'plugins', 'modules', '*.py'))
    assert len([name for name, dummy in DOCUMENTED if name.startswith('modules/')]) == len(modules)


@pytest.mark.parametrize('name, options', DOCUMENTED, ids=[name for name, dummy in DOCUMENTED])
def test_option_descriptions_are_short(name, options):
    counts = option_words(options)
    assert [(place, count) for place, count in counts if count > MAX_WORDS] == [], (
        'over %d words: move details to the notes or a guide' % MAX_WORDS)
    mean = float(sum(count for dummy, count in counts)) / len(counts)
    assert mean < MAX_MEAN, '%s: %.1f words per option on average' % (name, mean)
