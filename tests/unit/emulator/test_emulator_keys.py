# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""SSH public keys of a credential: parsing, fingerprints, duplicates, deletion."""

import base64
import re
import shutil
import subprocess

import pytest

from emulator_client import ssh_key_line


def keys_path(cred_id):
    """Route of a credential's key collection."""
    return f'/users/{cred_id}/ssh-public-keys'


@pytest.mark.parametrize('key_type, api_type', [
    ('ssh-rsa', 'rsa'),
    ('ssh-ed25519', 'ed25519'),
    ('ecdsa-sha2-nistp256', 'ecdsa'),
    ('ecdsa-sha2-nistp384', 'ecdsa'),
    ('ecdsa-sha2-nistp521', 'ecdsa'),
    ('sk-ssh-ed25519@openssh.com', 'sk-ed25519'),
    ('sk-ecdsa-sha2-nistp256@openssh.com', 'sk-ecdsa'),
])
def test_accepted_key_types(client, cred, key_type, api_type):
    """Every accepted key type is parsed into Type, Comment and a SHA256 fingerprint."""
    line = ssh_key_line(key_type, comment='me@laptop')
    answer = client.api('POST', keys_path(cred['Id']), {'SshPublicKeyBody': '  ' + line + '\n'})
    assert answer.status == 201, answer
    key = answer.json
    assert key['Type'] == api_type and key['Comment'] == 'me@laptop' and key['SshPublicKeyBody'] == line
    assert key['UserId'] == cred['Id'] and re.fullmatch(r'[0-9a-f-]{36}', key['Id'])
    assert re.fullmatch(r'SHA256:[A-Za-z0-9+/]{43}', key['Fingerprint'])
    assert key['CreatedAt'] == key['UpdatedAt']


def test_list_count_delete(client, cred):
    """Keys are listed in order, counted on the credential, and deleted with the key as the answer."""
    first = client.api('POST', keys_path(cred['Id']), {'SshPublicKeyBody': ssh_key_line()}).json
    second = client.api('POST', keys_path(cred['Id']), {'SshPublicKeyBody': ssh_key_line('ssh-rsa')}).json
    assert first['Comment'] == ''
    assert [k['Id'] for k in client.api('GET', keys_path(cred['Id'])).json] == [first['Id'], second['Id']]
    assert client.api('GET', '/users/' + cred['Id']).json['SshPublicKeysCount'] == 2
    deleted = client.api('DELETE', keys_path(cred['Id']) + '/' + first['Id'])
    assert deleted.status == 200 and deleted.json == first
    assert client.api('DELETE', keys_path(cred['Id']) + '/' + first['Id']).status == 404
    assert client.api('GET', '/users/' + cred['Id']).json['SshPublicKeysCount'] == 1
    assert client.api('GET', keys_path('0' * 30)).status == 404


def test_duplicate_blob_conflicts_only_on_the_same_credential(client, cred):
    """The same key blob twice on one credential answers 409; on another credential it is fine."""
    client.api('POST', keys_path(cred['Id']), {'SshPublicKeyBody': ssh_key_line(comment='one')})
    answer = client.api('POST', keys_path(cred['Id']), {'SshPublicKeyBody': ssh_key_line(comment='another comment')})
    assert answer.status == 409 and answer.json['message']
    other = client.create_user(UserName='partner-0002')
    assert client.api('POST', keys_path(other['Id']), {'SshPublicKeyBody': ssh_key_line()}).status == 201


def test_key_under_another_credential_is_not_found(client, cred):
    """Deleting a key through another credential's path answers 404."""
    key = client.api('POST', keys_path(cred['Id']), {'SshPublicKeyBody': ssh_key_line()}).json
    other = client.create_user(UserName='partner-0002')
    assert client.api('DELETE', keys_path(other['Id']) + '/' + key['Id']).status == 404


def _blob(line):
    return line.split()[1]


@pytest.mark.parametrize('line, message', [
    ('ssh-dss AAAAB3NzaC1kc3MAAACBAP', 'unsupported key type'),
    ('ssh-ed25519', 'no base64 data'),
    ('ssh-ed25519 not*base64', 'not valid base64'),
    ('ssh-rsa ' + _blob(ssh_key_line('ssh-ed25519')), 'does not match the key type'),
    ('ecdsa-sha2-nistp384 ' + _blob(ssh_key_line('ecdsa-sha2-nistp256')), 'does not match'),
    ('ssh-ed25519 ' + base64.b64encode(b'\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x02ab').decode(), '32 bytes'),
    ('ssh-ed25519 ' + base64.b64encode(b'\x00\x00\x00\x0bssh-ed25519\x00\x00\x01').decode(), 'truncated'),
    ('---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----', 'SSH2'),
    (ssh_key_line() + '\n' + ssh_key_line('ssh-rsa'), 'single OpenSSH public key line'),
    ('', 'non-empty string'),
    (42, 'non-empty string'),
])
def test_invalid_keys(client, cred, line, message):
    """Malformed key lines answer 400 with a reason."""
    answer = client.api('POST', keys_path(cred['Id']), {'SshPublicKeyBody': line})
    assert answer.status == 400 and message in answer.json['message'], answer


def test_key_body_is_required(client, cred):
    """SshPublicKeyBody is required."""
    answer = client.api('POST', keys_path(cred['Id']), {})
    assert answer.status == 400 and 'SshPublicKeyBody is required' in answer.json['message']


def test_get_single_key_is_undocumented(client, cred, emu):
    """GET of a single key answers 404 (recorded) unless undocumented_endpoints is allow."""
    key = client.api('POST', keys_path(cred['Id']), {'SshPublicKeyBody': ssh_key_line()}).json
    answer = client.api('GET', keys_path(cred['Id']) + '/' + key['Id'])
    assert answer.status == 404 and answer.violation == 'undocumented_endpoint'
    emu.set_config(undocumented_endpoints='allow')
    assert client.api('GET', keys_path(cred['Id']) + '/' + key['Id']).json == key


@pytest.mark.skipif(shutil.which('ssh-keygen') is None, reason='ssh-keygen is not installed')
@pytest.mark.parametrize('algorithm, bits', [('ed25519', None), ('rsa', '2048'), ('ecdsa', '384')])
def test_fingerprint_matches_ssh_keygen(client, cred, tmp_path, algorithm, bits):
    """The fingerprint equals what ssh-keygen -l -E sha256 prints for a real key."""
    path = tmp_path / ('id_' + algorithm)
    command = ['ssh-keygen', '-q', '-t', algorithm, '-N', '', '-C', 'tester@example', '-f', str(path)]
    subprocess.run(command + (['-b', bits] if bits else []), check=True, timeout=60)
    expected = subprocess.run(['ssh-keygen', '-l', '-E', 'sha256', '-f', str(path) + '.pub'], check=True, timeout=30,
                              stdout=subprocess.PIPE, universal_newlines=True).stdout.split()[1]
    line = (tmp_path / (f'id_{algorithm}.pub')).read_text()
    key = client.api('POST', keys_path(cred['Id']), {'SshPublicKeyBody': line}).json
    assert key['Fingerprint'] == expected
    assert key['Comment'] == 'tester@example'
