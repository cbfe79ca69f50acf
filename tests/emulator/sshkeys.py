# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""OpenSSH public key lines: parsing, structural checks of the blob, SHA256 fingerprints."""

import base64
import binascii
import hashlib
import struct

# key type on the line -> (Type in the API, number of length-prefixed fields in the blob, curve name or None)
KEY_TYPES = {
    'ssh-rsa': ('rsa', 3, None),
    'ssh-ed25519': ('ed25519', 2, None),
    'ecdsa-sha2-nistp256': ('ecdsa', 3, 'nistp256'),
    'ecdsa-sha2-nistp384': ('ecdsa', 3, 'nistp384'),
    'ecdsa-sha2-nistp521': ('ecdsa', 3, 'nistp521'),
    'sk-ssh-ed25519@openssh.com': ('sk-ed25519', 3, None),
    'sk-ecdsa-sha2-nistp256@openssh.com': ('sk-ecdsa', 4, 'nistp256'),
}


class BadKey(ValueError):
    """A public key line that cannot be accepted."""


def _fields(blob):
    """Split an SSH wire-format blob into its length-prefixed fields."""
    fields = []
    offset = 0
    while offset < len(blob):
        if offset + 4 > len(blob):
            raise BadKey('the key data is truncated')
        (length,) = struct.unpack('>I', blob[offset:offset + 4])
        offset += 4
        if offset + length > len(blob):
            raise BadKey('the key data is truncated')
        fields.append(blob[offset:offset + length])
        offset += length
    return fields


def _check_blob(key_type, blob):
    """Check that the decoded blob has the structure its type announces."""
    api_type, count, curve = KEY_TYPES[key_type]
    fields = _fields(blob)
    if not fields or fields[0] != key_type.encode('ascii'):
        raise BadKey(f'the key data does not match the key type {key_type}')
    if len(fields) != count:
        raise BadKey(f'the key data is not a valid {key_type} key')
    if curve is not None and fields[1] != curve.encode('ascii'):
        raise BadKey(f'the key data names another curve than {key_type}')
    if api_type.endswith('ed25519') and len(fields[1]) != 32:
        raise BadKey('an ed25519 key must be 32 bytes long')


def fingerprint(blob):
    """OpenSSH SHA256 fingerprint of a decoded key blob."""
    digest = hashlib.sha256(blob).digest()
    return 'SHA256:' + base64.b64encode(digest).decode('ascii').rstrip('=')


def parse(line):
    """Parse ``type base64 [comment]``; returns a dict of Type, Fingerprint, Comment, blob; raises BadKey."""
    if not isinstance(line, str) or not line.strip():
        raise BadKey('SshPublicKeyBody must be a non-empty string')
    text = line.strip()
    if text.startswith('---- BEGIN SSH2') or '\n' in text or '\r' in text:
        raise BadKey('SshPublicKeyBody must be a single OpenSSH public key line (SSH2/RFC 4716 blocks are not accepted)')
    parts = text.split(None, 2)
    if parts[0] not in KEY_TYPES:
        raise BadKey(f"unsupported key type {parts[0][:40]!r}; accepted: {', '.join(KEY_TYPES)}")
    if len(parts) < 2:
        raise BadKey('the key has no base64 data')
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError):
        raise BadKey('the key data is not valid base64') from None
    _check_blob(parts[0], blob)
    return {
        'Type': KEY_TYPES[parts[0]][0],
        'Fingerprint': fingerprint(blob),
        'Comment': parts[2].strip() if len(parts) > 2 else '',
        'SshPublicKeyBody': text,
    }
