# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""OpenSSH public key lines: parsing, checking and SHA256 fingerprints. No HTTP, no Ansible.

A line is ``<type> <base64 blob> [comment]``. The blob is the key in SSH wire format: length-prefixed
strings, the first of which repeats the type. A key is identified by its type and blob; the comment
and the whitespace never count. The fingerprint is computed over the blob, which starts with the
type, so two keys have the same fingerprint exactly when they are the same key.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import binascii
import hashlib
import struct
from collections import namedtuple

# key type -> (number of strings in the blob after the type, curve name the blob must carry or None)
KEY_TYPES = {
    'ssh-rsa': (2, None),                                   # e, n
    'ssh-ed25519': (1, None),                               # public key
    'ecdsa-sha2-nistp256': (2, 'nistp256'),                 # curve, point
    'ecdsa-sha2-nistp384': (2, 'nistp384'),
    'ecdsa-sha2-nistp521': (2, 'nistp521'),
    'sk-ssh-ed25519@openssh.com': (2, None),                # public key, application
    'sk-ecdsa-sha2-nistp256@openssh.com': (3, 'nistp256'),  # curve, point, application
}

PublicKey = namedtuple('PublicKey', 'type blob comment fingerprint')
PublicKey.__doc__ = 'One parsed public key: type (str), blob (bytes), comment (str, may be empty), fingerprint.'


class KeyFormatError(ValueError):
    """A public key line that is not a valid OpenSSH public key; the message says why.

    ``reason``: why, without the place; ``line``: the number of the bad line in a text of several (else None).
    """

    def __init__(self, reason, line=None):
        super(KeyFormatError, self).__init__(reason if line is None else 'line %d: %s' % (line, reason))
        self.reason = reason
        self.line = line


def fingerprint(blob):
    """The OpenSSH SHA256 fingerprint of a key blob (what ``ssh-keygen -lf`` prints)."""
    digest = base64.b64encode(hashlib.sha256(blob).digest()).decode('ascii')
    return 'SHA256:' + digest.rstrip('=')


def _strings(blob):
    """The length-prefixed strings of an SSH wire-format blob; KeyFormatError if it is cut short."""
    strings, offset = [], 0
    while offset < len(blob):
        if offset + 4 > len(blob):
            raise KeyFormatError('the key data is truncated')
        length = struct.unpack('>I', blob[offset:offset + 4])[0]
        offset += 4
        if offset + length > len(blob):
            raise KeyFormatError('the key data is truncated')
        strings.append(blob[offset:offset + length])
        offset += length
    return strings


def _check_blob(key_type, blob):
    """Check that the blob is a key of ``key_type``: the type inside it, the curve, the number of parts."""
    strings = _strings(blob)
    inner = strings[0].decode('ascii', 'replace') if strings else ''
    if inner != key_type:
        raise KeyFormatError('the key data is a %r key, not %s' % (inner[:40], key_type))
    count, curve = KEY_TYPES[key_type]
    if curve is not None and len(strings) > 1 and strings[1] != curve.encode('ascii'):
        raise KeyFormatError('the key data names the curve %r, not %s' % (strings[1][:20].decode('ascii', 'replace'), curve))
    if len(strings) != count + 1:
        raise KeyFormatError('the key data does not have the parts of a %s key (truncated or corrupted)' % key_type)


def _unknown_type(words):
    """Why a line whose first word is not a key type is refused."""
    if any(word in KEY_TYPES for word in words[1:]):
        return 'options before the key type (authorized_keys style) are not supported: start the line with the key type'
    return 'unknown key type %r; supported: %s' % (words[0][:40], ', '.join(sorted(KEY_TYPES)))


def parse_key(line):
    """Parse one OpenSSH public key line into a PublicKey; KeyFormatError says what is wrong."""
    words = line.split(None, 2)
    if not words:
        raise KeyFormatError('the line is empty')
    if words[0] not in KEY_TYPES:
        raise KeyFormatError(_unknown_type(line.split()))
    if len(words) < 2:
        raise KeyFormatError('there is no key data after the key type %s' % words[0])
    try:
        blob = base64.b64decode(words[1].encode('ascii'), validate=True)
    except (binascii.Error, ValueError, UnicodeError):
        raise KeyFormatError('the key data is not valid base64')
    _check_blob(words[0], blob)
    comment = words[2].strip() if len(words) > 2 else ''
    return PublicKey(words[0], blob, comment, fingerprint(blob))


def is_private_key(text):
    """Whether ``text`` holds a private key (PEM or OpenSSH armour): a secret, wherever it was given."""
    return isinstance(text, str) and 'PRIVATE KEY' in text


def parse_keys(text):
    """Every key in ``text``, one per line, in order; blank lines and ``#`` lines are skipped.

    The same key given twice is returned once (the first comment wins). A bad line raises
    KeyFormatError naming its line number (counted from 1).
    """
    if is_private_key(text):
        raise KeyFormatError('this is a private key; give the public key (the .pub file) instead')
    if '---- BEGIN SSH2 PUBLIC KEY' in text:
        raise KeyFormatError('RFC 4716 (SSH2) keys are not supported; convert with ssh-keygen -i -f <file>')
    keys, seen = [], set()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.strip().startswith('#'):
            continue
        try:
            key = parse_key(line)
        except KeyFormatError as err:
            raise KeyFormatError(err.reason, line=number)
        if key.fingerprint not in seen:
            seen.add(key.fingerprint)
            keys.append(key)
    return keys


def key_line(key):
    """The one-line OpenSSH form of a PublicKey: ``type base64 [comment]`` with single spaces."""
    line = '%s %s' % (key.type, base64.b64encode(key.blob).decode('ascii'))
    return '%s %s' % (line, key.comment) if key.comment else line


# key type -> (name a report shows, index of the blob string whose bit length is the key size, or a fixed size)
KEY_SIZES = {
    'ssh-rsa': ('RSA', 2),          # the modulus n
    'ssh-dss': ('DSA', 1),          # the prime p (a legacy type the collection never adds, but an API may hold)
    'ssh-ed25519': ('ED25519', 256),
    'sk-ssh-ed25519@openssh.com': ('ED25519-SK', 256),
    'ecdsa-sha2-nistp256': ('ECDSA', 256),
    'ecdsa-sha2-nistp384': ('ECDSA', 384),
    'ecdsa-sha2-nistp521': ('ECDSA', 521),
    'sk-ecdsa-sha2-nistp256@openssh.com': ('ECDSA-SK', 256),
}


def key_strength(line):
    """(type name, size in bits) of a public key line as the API holds it; (its first word, None) when unknown.

    Reads the blob without the checks of parse_key: a review describes what is there, a DSA key included.
    """
    words = (line or '').split()
    if not words or words[0] not in KEY_SIZES:
        return (words[0] if words else 'unknown'), None
    name, size = KEY_SIZES[words[0]]
    if size > 16:
        return name, size
    try:
        strings = _strings(base64.b64decode(words[1].encode('ascii'), validate=True))
        number = strings[size]
    except (IndexError, binascii.Error, ValueError, UnicodeError, KeyFormatError):
        return name, None
    return name, int(binascii.hexlify(number) or b'0', 16).bit_length()  # an mpint, big-endian
