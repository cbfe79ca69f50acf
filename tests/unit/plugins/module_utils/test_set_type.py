# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Set-valued sub-resources (SetType): the organization and its export are generic over them."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import inspect

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _declaration, _drift, _export, _organization, _organization_module, _render
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._credential import CREDENTIAL
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._export import export
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._organization import Organization
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._finder import read_list
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._share_link import SHARE_LINK
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._ssh_key import SSH_KEYS, SshKeyEngine
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._descriptor import SetType
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._failure import ModuleFailure
from ansible_collections.sftptogo.sftptogo.tests.unit.plugins.modules.test_sftptogo_ssh_key import ALICE, BOB, CAROL, FP

KIND_WORDS = ('credential', 'username', 'ssh_key', 'sshpublickeyscount', 'sshkeyengine', 'read_keys')


class StubClient:
    """GET answers from ``answers`` (path -> body; a missing path is a 404 when accepted); records the paths."""

    def __init__(self, answers):
        self.answers = answers
        self.paths = []

    def get(self, path, accept_missing=False):
        self.paths.append(path)
        if path not in self.answers:
            assert accept_missing, 'unexpected GET %s' % path
            return None
        return self.answers[path]

    def add_secret(self, value):
        pass

    def redact(self, text):
        return text


class Recorder:
    """A set engine that records what it was given (called and served as a StateEngine is)."""

    def __init__(self, resource, params, client, check_mode=False):
        self.resource, self.params, self.client, self.check_mode = resource, params, client, check_mode
        self.served = None

    def prepare(self):
        return self

    def serve(self, listed):
        self.served = listed


@pytest.fixture
def viewers(monkeypatch):
    """A set that is not SSH keys: the viewers of a share link, named by the share link's descriptor."""
    viewers = SetType(name='viewers', option='viewers', path='/portal-links/%s/viewers', parent_name='share_link',
                      identity=lambda obj: obj['Name'], exported=lambda obj: obj['Name'], engine=Recorder,
                      params=lambda declared: dict(viewers=declared['viewers'], path=declared['path']),
                      may_have_members=lambda obj: obj.get('ViewerCount', 1) > 0)
    monkeypatch.setattr(SHARE_LINK, 'sets', (viewers,))
    return viewers


def code_strings(source):
    """The string constants of a module's code (docstrings left out)."""
    tree = ast.parse(source)
    docstrings = set(id(node.body[0].value) for node in ast.walk(tree)
                     if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                     and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant))
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


@pytest.mark.parametrize('generic', [_organization, _drift, _declaration, _export, _organization_module, _render], ids=lambda module: module.__name__)
def test_the_organization_code_names_no_kind(generic):
    source = inspect.getsource(generic)
    strings = [text for text in code_strings(source) if any(word in text.lower() for word in KIND_WORDS)]
    assert strings == []
    names = set(node.id for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Name))
    names |= set(node.attr for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Attribute))
    assert not names & set(('SshKeyEngine', 'read_keys', 'credential_by_username', 'keys_path'))


def test_ssh_keys_are_a_set_of_the_credential():
    assert CREDENTIAL.sets == (SSH_KEYS,)
    assert (SSH_KEYS.name, SSH_KEYS.option, SSH_KEYS.engine) == ('ssh_keys', 'ssh_keys', SshKeyEngine)
    assert SSH_KEYS.members_path('c1') == '/users/c1/ssh-public-keys'
    assert SSH_KEYS.label == 'ssh keys of credential'
    assert SSH_KEYS.may_have_members({}) and SSH_KEYS.may_have_members({'SshPublicKeysCount': 2})
    assert not SSH_KEYS.may_have_members({'SshPublicKeysCount': 0})
    params = SSH_KEYS.params(dict(username='acme-partner-01', ssh_keys=['ssh-ed25519 AAAA a', 'ssh-rsa BBBB b']))
    # a declared list is the whole set: ssh_keys: [] (as the export writes it) is no empty purge to refuse
    assert params == dict(ssh_keys=['ssh-ed25519 AAAA a', 'ssh-rsa BBBB b'], exclusive=True, allow_empty_purge=True,
                          state='present')


def test_a_declared_set_becomes_an_item_after_its_parent(viewers):
    declared = dict(path='/shared/a', state='present', viewers=['bob', 'ann'])
    organization = Organization(dict(share_links=[declared, dict(path='/shared/b', state='absent', viewers=['x'])]),
                                StubClient({}), check_mode=True).prepare()
    item = organization.items[1]
    assert (item.kind, item.name, item.place) == ('viewers', '/shared/a', 'share_links[0].viewers')
    assert item.parent is organization.items[0]
    assert item.engine.params == dict(viewers=['bob', 'ann'], path='/shared/a') and item.option == 'viewers'
    assert item.engine.resource is viewers
    assert len(organization.items) == 3  # a parent declared absent converges no set


def test_a_set_is_served_its_members_read_once_its_parent_ran(viewers):
    client = StubClient({'/portal-links/l1/viewers': [{'Name': 'ann'}]})
    organization = Organization(dict(share_links=[dict(path='/shared/a', state='present', viewers=[])]), client,
                                check_mode=True).prepare()
    parent, item = organization.items
    parent.result = {'Id': 'l1'}
    assert organization.serve_child(item) is True
    assert item.engine.served == [{'Id': 'l1', 'Members': [{'Name': 'ann'}]}] and client.paths == ['/portal-links/l1/viewers']
    parent.error = 'share_links[0]: boom'
    assert organization.serve_child(item) is False
    assert item.error == 'share_links[0].viewers: skipped, share_link /shared/a failed'


def test_the_export_reads_only_the_parents_that_may_have_members(viewers):
    client = StubClient({'/portal-links/l1/viewers': [{'Name': 'zoe'}, {'Name': 'ann'}]})
    organization = Organization({}, client, check_mode=True)
    links = [{'Id': 'l1', 'Path': '/shared/a'}, {'Id': 'l2', 'Path': '/shared/b', 'ViewerCount': 0}]
    organization.listed = dict(credential=[], webhook=[], share_link=links)
    sets = organization.all_sets()
    assert sets == dict(ssh_keys={}, viewers={'l1': ['zoe', 'ann']}) and client.paths == ['/portal-links/l1/viewers']
    declaration, dummy = export(organization.listed, sets)
    exported = [(item['path'], item['viewers']) for item in declaration['share_links']]
    assert exported == [('/shared/a', ['ann', 'zoe']), ('/shared/b', [])]


def test_a_members_list_answered_404_means_the_parent_is_gone(viewers):
    with pytest.raises(ModuleFailure) as exc:
        Organization({}, StubClient({}), check_mode=True).members(viewers, 'l9')
    assert str(exc.value) == "no share_link with id 'l9' exists (GET /portal-links/l9/viewers answered 404)"


@pytest.mark.parametrize('answer, expected', [(None, []), ([], []), ([{'Id': 'k'}], [{'Id': 'k'}])])
def test_read_list_returns_the_list(answer, expected):
    assert read_list(StubClient({'/x': answer}), '/x') == expected


def test_read_list_refuses_what_is_not_a_list():
    with pytest.raises(ModuleFailure) as exc:
        read_list(StubClient({'/x': {'Id': 'k'}}), '/x')
    assert str(exc.value) == 'GET /x returned dict instead of a list'


def test_a_set_is_named_by_its_parent_and_defining_one_changes_no_descriptor(viewers):
    again = SetType(name='viewers', option='viewers', path='/portal-links/%s/viewers', parent_name='share_link',
                    identity=str, exported=str, engine=Recorder, params=dict)
    assert SHARE_LINK.sets == (viewers,) and CREDENTIAL.sets == (SSH_KEYS,)
    assert again.label == 'viewers of share_link' and again.reading is _render.added_and_removed
    with pytest.raises(TypeError):
        SetType(name='x', option='x', path='/x/%s', parent_name='share_link', identity=str, exported=str, engine=Recorder,
                params=dict, colour='blue')


def key_engine(check_mode=True, **declared):
    return SshKeyEngine(SSH_KEYS, params=SSH_KEYS.params(declared), client=StubClient({}), check_mode=check_mode)


def test_the_key_engine_is_served_and_records_changes_as_every_engine_does():
    engine = key_engine(ssh_keys=[ALICE, BOB]).prepare()
    engine.serve([SSH_KEYS.members_of('c1', [dict(Id='k1', SshPublicKeyBody=CAROL), dict(Id='k2', SshPublicKeyBody=BOB),
                                             dict(Id='k3', SshPublicKeyBody=BOB)])])
    after = engine.run()
    assert engine.changed is True and engine.action == 'update' and engine.found['Id'] == 'c1'
    field, before, planned = engine.changes['ssh_keys']
    # sorted fingerprints; the copy of BOB on the server counts, so its removal shows
    assert before == sorted([FP[CAROL], FP[BOB], FP[BOB]]) and planned == sorted([FP[ALICE], FP[BOB]])
    assert _render.changes(engine.changes, engine.action) == {'ssh_keys': {'before': before, 'after': planned}}
    assert _render.added_and_removed({'ssh_keys': {'before': before, 'after': planned}}) == ', '.join(
        ['add %s' % FP[ALICE]] + ['remove %s' % fingerprint for fingerprint in sorted([FP[CAROL], FP[BOB]])])
    assert after['Id'] == 'c1' and sorted(key['SshPublicKeyBody'] for key in after['Members']) == sorted([ALICE, BOB])


def test_a_key_engine_with_nothing_to_do_records_no_change():
    engine = key_engine(ssh_keys=[ALICE]).prepare()
    engine.serve([SSH_KEYS.members_of('c1', [dict(Id='k1', SshPublicKeyBody=ALICE)])])
    engine.run()
    assert (engine.changed, engine.action, engine.changes) == (False, None, {})


@pytest.mark.parametrize('lines, message', [
    ([ALICE, 'ssh-ed25519 !!'], 'ssh_keys[1]: the key data is not valid base64'),
    (['not a key'], "ssh_keys[0]: unknown key type 'not'"),
    (['# a comment', ALICE + '\nnot a key'], "ssh_keys[1] line 2: unknown key type 'not'"),
    (['-----BEGIN OPENSSH PRIVATE KEY-----'], 'ssh_keys[0]: this is a private key; give the public key'),
])
def test_a_bad_declared_key_is_named_by_its_place_in_the_list(lines, message):
    with pytest.raises(ModuleFailure) as exc:
        key_engine(ssh_keys=lines).prepare()
    assert str(exc.value).startswith(message) and exc.value.option == 'ssh_keys'


def test_the_same_key_declared_twice_counts_once():
    engine = key_engine(ssh_keys=[ALICE, '', ALICE.rsplit(' ', 1)[0] + ' other comment']).prepare()
    assert [key.fingerprint for key in engine.desired_values] == [FP[ALICE]]
