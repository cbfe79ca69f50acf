# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Access review: what an organization as it is exposes, as findings. No request of its own.

Each rule is one small function of one API object (and what the review knows: the time, the password age limit,
the credentials' keys) that returns a message or None; RULES is the table of them, with why each matters and how
to fix it (the docs and the report read it). A message names what the API holds, never a secret: a webhook's
destination is its URL as the field shows it (a token URL masked).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import binascii
from collections import namedtuple
from urllib.parse import urlsplit

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _render
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._credential import (
    CREDENTIAL, DAY_MS, is_root, password_older_than)
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._network import canonical_source_or_raw
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._share_link import SHARE_LINK
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._ssh import fingerprint, key_strength
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._ssh_key import SSH_KEYS
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._timestamps import api_to_ms, ms_to_iso
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._webhook import WEBHOOK

SEVERITIES = ('high', 'medium', 'low')
DEFAULT_PASSWORD_MAX_AGE = 365
WRITE_PERMISSIONS = ('read-write', 'write-only', 'full')
UPLOAD_PERMISSIONS = ('read-write', 'write-only', 'read-write-no-delete')
ANY_SOURCE = ('0.0.0.0/0', '::/0')
MIN_RSA_BITS = 2048

Rule = namedtuple('Rule', 'name severity resource check why fix')
Review = namedtuple('Review', 'now_ms password_max_age keys')
Review.__doc__ = 'What the rules know besides the object: now (epoch ms), the age limit (days), credential Id -> key lines.'


# -- what the rules read ----------------------------------------------------------------------------------

def is_active(obj):
    """A credential or share link that can be used now (the API says State active; absent reads as active)."""
    return obj.get('State', 'active') == 'active'


def open_to_any_source(credential):
    """Why a credential accepts logins from any address ('no allow-list', 'allow-list rule ::/0'), or None.

    An enabled rule for a /0 range opens it whatever the other rules say; with no enabled rule there is no
    allow-list at all.
    """
    rules = CREDENTIAL.field('inbound_rules').read(credential) or []
    enabled = [rule for rule in rules if isinstance(rule, dict) and rule.get('State', 'enabled') == 'enabled']
    if not enabled:
        return 'no allow-list'
    for rule in enabled:
        if canonical_source_or_raw(rule.get('Source')) in ANY_SOURCE:
            return 'allow-list rule %s' % canonical_source_or_raw(rule.get('Source'))
    return None


def days_since(api_timestamp, review):
    """Whole days from an API timestamp to now (None when the API gives none)."""
    moment = api_to_ms(api_timestamp)
    return None if moment is None else int((review.now_ms - moment) // DAY_MS)


def older_than_limit(api_timestamp, review):
    """Whether an API timestamp is more than password_max_age days ago (exactly at the limit is not)."""
    moment = api_to_ms(api_timestamp)
    return moment is not None and password_older_than(moment, review.password_max_age, review.now_ms)


def key_fingerprint(line):
    """The SHA256 fingerprint of a key line (a DSA key too), or its type when its data cannot be read."""
    words = line.split()
    try:
        return fingerprint(base64.b64decode(words[1].encode('ascii'), validate=True))
    except (IndexError, binascii.Error, ValueError, UnicodeError):
        return words[0] if words else 'unreadable key'


def link_usable(link, review):
    """A share link that still opens: active and not past its expiry."""
    expires = api_to_ms(link.get('ExpiresAt'))
    return is_active(link) and (expires is None or expires > review.now_ms)


# -- the rules: an API object -> a message, or None -----------------------------------------------------------

def write_without_allow_list(credential, review):
    if is_root(credential) or not is_active(credential) or credential.get('Permission') not in WRITE_PERMISSIONS:
        return None
    source = open_to_any_source(credential)
    if source is None:
        return None
    return '%s access from any address (%s)' % (credential.get('Permission'), source)


def root_open_to_any_source(credential, review):
    if not is_root(credential) or not is_active(credential):
        return None
    source = open_to_any_source(credential)
    return None if source is None else 'the Root credential accepts logins from any address (%s)' % source


def password_too_old(credential, review):
    if not is_active(credential) or not older_than_limit(credential.get('PasswordCreatedAt'), review):
        return None
    return 'password is %d days old (max %d)' % (days_since(credential['PasswordCreatedAt'], review),
                                                 review.password_max_age)


def weak_ssh_key(credential, review):
    weak = []
    for line in review.keys.get(credential.get('Id'), ()):
        name, bits = key_strength(line)
        if name == 'DSA' or (name == 'RSA' and (bits or 0) < MIN_RSA_BITS):
            weak.append('%s %s bits (%s)' % (name, bits if bits else 'unknown', key_fingerprint(line)))
    return 'weak SSH key%s: %s' % ('s' if len(weak) > 1 else '', ', '.join(weak)) if weak else None


def stale_credential(credential, review):
    if not is_active(credential) or api_to_ms(credential.get('Expiration')) is not None:
        return None
    if not older_than_limit(credential.get('UpdatedAt'), review):
        return None
    return 'never expires and unchanged for %d days (since %s)' % (
        days_since(credential['UpdatedAt'], review), ms_to_iso(api_to_ms(credential['UpdatedAt'])))


def public_upload_link(link, review):
    if not link_usable(link, review) or link.get('Permission') not in UPLOAD_PERMISSIONS or link.get('Password'):
        return None
    return 'anyone with the link can upload (%s, no password)' % link.get('Permission')


def open_share_link(link, review):
    if not link_usable(link, review) or link.get('Password') or link.get('ExpiresAt') or link.get('AccessLimit'):
        return None
    return 'no password, no expiry and no access limit (opened %d times)' % (link.get('AccessCount') or 0)


def paused_webhook(webhook, review):
    if webhook.get('State') != 'paused':
        return None
    shown = _render.value(WEBHOOK.field('url'), webhook.get('Url'), 'message') or ''
    destination = urlsplit(shown).hostname if '://' in shown else shown  # a URL's host, or an e-mail address
    return 'paused after failed deliveries to %s: events are not delivered' % destination


RULES = (
    Rule('write_without_allow_list', 'high', CREDENTIAL, write_without_allow_list,
         'anyone who gets the password or key can change files from anywhere on the internet',
         'set inbound_rules to the partner\'s addresses, or lower permission to read-only'),
    Rule('public_upload_link', 'high', SHARE_LINK, public_upload_link,
         'whoever has the URL (forwarded mail, chat history, browser sync) can upload files',
         'set a password on the link, or make it read-only, or remove it'),
    Rule('open_share_link', 'medium', SHARE_LINK, open_share_link,
         'the URL alone opens the folder forever, for anyone, any number of times',
         'set expires_at, an access_limit or a password, or remove the link when it is no longer needed'),
    Rule('password_too_old', 'medium', CREDENTIAL, password_too_old,
         'an old password has had years to leak (scripts, mail, former staff) and is still valid',
         'rotate it (rotate_password, or password_max_age to rotate generated passwords by age)'),
    Rule('weak_ssh_key', 'medium', CREDENTIAL, weak_ssh_key,
         'RSA keys under 2048 bits and DSA keys can be broken or are refused by current OpenSSH',
         'ask the partner for an ed25519 (or RSA 3072+) key and replace the weak one in ssh_keys'),
    Rule('root_open_to_any_source', 'medium', CREDENTIAL, root_open_to_any_source,
         'the Root credential has full access to every file; open to any address it is the first thing attacked',
         'give the Root credential an allow-list of your own addresses (inbound_rules), or disable it'),
    Rule('stale_credential', 'low', CREDENTIAL, stale_credential,
         'an active login that never expires and nobody touched in a long time is often one nobody needs',
         'confirm the partner still needs it, then set an expiration, or disable or remove it'),
    Rule('paused_webhook', 'low', WEBHOOK, paused_webhook,
         'the service stopped delivering events: automations waiting for uploads silently do nothing',
         'fix the receiver, then resume the webhook (enabled: true)'),
)


def finding(rule, obj, message):
    """One finding, as sftptogo_organization_info returns it."""
    return dict(severity=rule.severity, rule=rule.name, kind=rule.resource.name,
                name=rule.resource.display_name(obj), id=obj.get('Id'), message=message)


def findings(listed, sets, now_ms, password_max_age=DEFAULT_PASSWORD_MAX_AGE):
    """Every finding of an organization as read: ``listed`` kind -> API objects, ``sets`` option -> parent Id ->
    members as exported (a credential's key lines); sorted by severity, then kind, name and rule."""
    review = Review(now_ms, password_max_age, sets.get(SSH_KEYS.option, {}))
    found = [finding(rule, obj, message) for rule in RULES for obj in listed.get(rule.resource.name, [])
             for message in [rule.check(obj, review)] if message]
    return sorted(found, key=lambda item: (SEVERITIES.index(item['severity']), item['kind'], item['name'],
                                           item['rule'], item['id'] or ''))
