# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""OpenSSH public key parsing and fingerprints, against keys made by ssh-keygen (fixtures/ssh)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import os
import shutil
import struct
import subprocess

import pytest

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._ssh import (
    KEY_TYPES, KeyFormatError, fingerprint, key_line, parse_key, parse_keys)

FIXTURES = os.path.join(os.path.dirname(__file__), 'fixtures', 'ssh')


def fixture(name):
    """The text of a fixture file."""
    with open(os.path.join(FIXTURES, name)) as handle:
        return handle.read()


def keygen_output():
    """{file name: (fingerprint, comment, kind)} from what ssh-keygen -lf printed when the fixtures were made."""
    result = {}
    for line in fixture('ssh-keygen-lf.txt').splitlines():
        name, dummy_bits, digest, rest = line.split(' ', 3)
        comment, dummy, kind = rest.rpartition(' ')
        result[name] = (digest, '' if comment == 'no comment' else comment, kind)
    return result


KEYGEN = keygen_output()
ED25519 = fixture('ed25519.pub')
RSA = fixture('rsa.pub')


def blob_of(*strings):
    """An SSH wire-format blob of the given byte strings, as base64."""
    return base64.b64encode(b''.join(struct.pack('>I', len(s)) + s for s in strings)).decode('ascii')


def test_every_supported_type_has_a_fixture():
    types = set(fixture(name).split()[0] for name in KEYGEN)
    assert types == set(KEY_TYPES)


@pytest.mark.parametrize('name', sorted(KEYGEN))
def test_fingerprint_and_comment_match_ssh_keygen(name):
    key = parse_key(fixture(name))
    digest, comment, dummy = KEYGEN[name]
    assert key.fingerprint == digest
    assert key.comment == comment
    assert key.type == fixture(name).split()[0]


@pytest.mark.skipif(shutil.which('ssh-keygen') is None, reason='ssh-keygen is not installed')
@pytest.mark.parametrize('name', sorted(KEYGEN))
def test_fingerprint_matches_the_installed_ssh_keygen(name):
    output = subprocess.check_output(['ssh-keygen', '-lf', os.path.join(FIXTURES, name)]).decode('ascii')
    assert output.split()[1] == parse_key(fixture(name)).fingerprint


def test_fingerprint_is_unpadded_base64_of_sha256():
    assert fingerprint(b'') == 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU'


def test_comment_and_whitespace_never_count():
    words = ED25519.split()
    other = parse_key('\t%s    %s   someone else  \n' % (words[0], words[1]))
    assert other.fingerprint == parse_key(ED25519).fingerprint
    assert other.blob == parse_key(ED25519).blob
    assert other.comment == 'someone else'


def test_comment_may_hold_spaces():
    assert parse_key(fixture('ecdsa_nistp384.pub')).comment == 'backup host'


def test_parse_keys_skips_blank_and_comment_lines_and_duplicates():
    text = '# team keys\n\n%s\n   \n  # bob\n%s%s' % (ED25519.strip(), RSA, ED25519.replace('alice@laptop', 'again'))
    keys = parse_keys(text)
    assert [key.comment for key in keys] == ['alice@laptop', 'bob@workstation']


def test_key_line_is_the_one_line_form():
    words = ED25519.split()
    assert key_line(parse_key('  %s\t%s  alice@laptop ' % (words[0], words[1]))) == ED25519.strip()
    assert key_line(parse_key(fixture('ecdsa_nistp521.pub'))) == fixture('ecdsa_nistp521.pub').strip()


ED_TYPE, ED_DATA = ED25519.split()[:2]
RSA_DATA = RSA.split()[1]


@pytest.mark.parametrize('line, message', [
    ('ssh-dss AAAAB3NzaC1kc3MAAACBAP== old', "unknown key type 'ssh-dss'; supported: ecdsa-sha2-nistp256"),
    ('ssh-ed25519', 'there is no key data after the key type ssh-ed25519'),
    ('ssh-ed25519 not*base64 x', 'the key data is not valid base64'),
    ('ssh-ed25519 %s x' % ED_DATA[:-1], 'the key data is not valid base64'),
    ('ssh-ed25519 %s x' % ED_DATA[:-4], 'the key data is truncated'),
    ('ssh-ed25519 %s x' % RSA_DATA, "the key data is a 'ssh-rsa' key, not ssh-ed25519"),
    ('ssh-rsa %s x' % ED_DATA, "the key data is a 'ssh-ed25519' key, not ssh-rsa"),
    ('ssh-ed25519 %s x' % blob_of(b'ssh-ed25519'), 'does not have the parts of a ssh-ed25519 key'),
    ('ssh-ed25519 %s x' % blob_of(b'ssh-ed25519', b'k' * 32, b'extra'), 'does not have the parts of a ssh-ed25519 key'),
    ('ssh-ed25519 %s x' % base64.b64encode(b'\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20abc').decode(), 'truncated'),
    ('ssh-ed25519 %s x' % base64.b64encode(b'\x00\x00').decode(), 'truncated'),
    ('ssh-ed25519 %s x' % blob_of(b''), "the key data is a '' key, not ssh-ed25519"),
    ('ecdsa-sha2-nistp384 %s x' % blob_of(b'ecdsa-sha2-nistp384', b'nistp256', b'point'),
     "the key data names the curve 'nistp256', not nistp384"),
    ('from="10.0.0.1" %s %s x' % (ED_TYPE, ED_DATA), 'options before the key type (authorized_keys style) are not supported'),
])
def test_malformed_keys_say_why(line, message):
    with pytest.raises(KeyFormatError) as err:
        parse_key(line)
    assert message in str(err.value)


def test_parse_keys_names_the_line_number():
    with pytest.raises(KeyFormatError) as err:
        parse_keys('# first\n%s\n\nssh-ed25519 %s broken\n' % (ED25519.strip(), RSA_DATA))
    assert str(err.value).startswith('line 4: the key data is a ')


@pytest.mark.parametrize('text, message', [
    ('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n',
     'this is a private key; give the public key'),
    ('---- BEGIN SSH2 PUBLIC KEY ----\nComment: "x"\nAAAAC3NzaC1lZDI1NTE5\n---- END SSH2 PUBLIC KEY ----\n',
     'RFC 4716 (SSH2) keys are not supported'),
])
def test_private_and_ssh2_keys_are_refused_without_echoing_them(text, message):
    with pytest.raises(KeyFormatError) as err:
        parse_keys(text)
    assert message in str(err.value)
    assert 'b3BlbnNzaC1rZXkt' not in str(err.value)


def test_nothing_but_comments_is_no_key():
    assert parse_keys('# nobody yet\n\n') == []
