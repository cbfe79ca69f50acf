# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The organization's stored objects, id and secret generators, and the emulator clock."""

import copy
import random
import string
import time
import uuid

ALNUM = string.ascii_letters + string.digits
ADJECTIVES = ('warm', 'calm', 'bold', 'quiet', 'brave', 'misty', 'sunny', 'lucky', 'swift', 'gentle')
NOUNS = ('soda', 'river', 'cloud', 'maple', 'pebble', 'harbor', 'meadow', 'comet', 'willow', 'breeze')
ROOT_RULE = {
    'Action': 'allow',
    'Description': 'Allow all inbound traffic from anywhere',
    'Id': 'c1d91788-e46f-45a0-9c7b-386e90db000a',
    'Protocol': 'SFTP',
    'Source': '0.0.0.0/0',
    'State': 'enabled',
}
CREDENTIAL_REMOVABLE = ('Expiration', 'Settings', 'PasswordCreatedAt')
LINK_REMOVABLE = ('Password',)
REMOVABLE = {'users': CREDENTIAL_REMOVABLE, 'portal-links': LINK_REMOVABLE}


def merge(obj, fields, removable=()):
    """Copy ``fields`` into ``obj``; null removes the ``removable`` keys (those absent while unset)."""
    for key, value in fields.items():
        if value is None and key in removable:
            obj.pop(key, None)
        else:
            obj[key] = value


def apply_changes(stored, fields, removable, now_ms):
    """Write ``fields`` into ``stored``; bump UpdatedAt only when something really changed. True when changed."""
    changed = False
    for key, value in fields.items():
        if value is None and key in removable:
            changed = stored.pop(key, None) is not None or changed
        elif key not in stored or stored[key] != value:
            stored[key] = copy.deepcopy(value)
            changed = True
    if changed:
        stored['UpdatedAt'] = now_ms
    return changed


def iso_ms(epoch_ms):
    """ISO-8601 UTC with milliseconds, like PasswordCreatedAt (``2020-10-26T07:19:26.908Z``)."""
    return time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(epoch_ms // 1000)) + f'.{epoch_ms % 1000:03d}Z'


# One attribute per kind of stored object, plus the generators: more than pylint's default of 7.
class Store:  # pylint: disable=too-many-instance-attributes
    """One organization: credentials, SSH keys, webhooks, share links, user names taken elsewhere, webhook failure streaks."""

    def __init__(self, organization_id, seed=None):
        self.organization_id = organization_id
        self.rng = random.Random(seed) if seed is not None else random.SystemRandom()
        self.clock_offset_ms = 0
        self.host = f'{self.rng.choice(ADJECTIVES)}-{self.rng.choice(NOUNS)}-{self.rng.randint(10000, 99999)}.sftptogo.com'
        self.users = {}
        self.keys = {}
        self.webhooks = {}
        self.links = {}
        self.foreign_usernames = {}
        self.webhook_failures = {}
        self.api_account = {'Type': 'Account', 'Id': self.new_uuid(), 'Email': 'api-key@example.com', 'Name': 'API key'}
        self.seed_root()

    # generators -------------------------------------------------------------------------------
    def now_ms(self):
        """Epoch milliseconds, shifted by the clock offset set through the control API."""
        return int(time.time() * 1000) + self.clock_offset_ms

    def text(self, length, alphabet=ALNUM):
        """Random text from ``alphabet``."""
        return ''.join(self.rng.choice(alphabet) for dummy in range(length))

    def new_uuid(self):
        """A UUID version 4 string from the store's random source."""
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def new_password(self):
        """A generated password: 40 alphanumerics, like the reference's examples."""
        return self.text(40)

    # constructors: fill defaults and generated fields; callers validate first -------------------
    def make_credential(self, fields):
        """Store and return a new credential built from ``fields`` (already validated, or out of band)."""
        now = self.now_ms()
        cred_id = fields.get('Id') or self.text(30, '0123456789abcdef')
        username = fields.get('UserName') or cred_id
        cred = {
            'Id': cred_id, 'OrganizationId': self.organization_id, 'Alias': '', 'UserName': username,
            'Password': self.new_password(), 'PasswordCreatedAt': iso_ms(now),
            'HomeDirectory': f'/home/{username}', 'ChrootDirectory': '/', 'Permission': 'read-only',
            'State': 'active', 'IsDefault': False, 'CreatedAt': now, 'UpdatedAt': now,
        }
        merge(cred, fields, CREDENTIAL_REMOVABLE)
        self.users[cred['Id']] = cred
        return cred

    def make_key(self, user_id, parsed, fields=None):
        """Store and return a new SSH key of credential ``user_id`` from a parsed key line."""
        now = self.now_ms()
        key = {'Id': self.new_uuid(), 'UserId': user_id, 'CreatedAt': now, 'UpdatedAt': now}
        key.update(parsed)
        merge(key, fields or {})
        self.keys[key['Id']] = key
        return key

    def make_webhook(self, fields):
        """Store and return a new webhook; its Secret is generated here."""
        now = self.now_ms()
        hook = {
            'Id': self.new_uuid(), 'Alias': '', 'Url': 'https://example.com/sftptogo-webhook', 'Type': 'webhook',
            'AuthorizationHeader': '', 'Secret': self.text(40),
            'Topics': ['file.created', 'file.deleted', 'file.downloaded'],
            'OrganizationId': self.organization_id, 'State': 'enabled', 'CreatedAt': now, 'UpdatedAt': now,
        }
        merge(hook, fields)
        self.webhooks[hook['Id']] = hook
        self.webhook_failures.pop(hook['Id'], None)
        return hook

    def make_link(self, fields, portal_domain, created_by=None):
        """Store and return a new share link; Id and Url are generated here."""
        now = self.now_ms()
        link_id = fields.get('Id') or self.text(13)
        link = {
            'Id': link_id, 'Type': 'share', 'Path': '/', 'Permission': 'read-only', 'ExpiresAt': None,
            'AccessLimit': 0, 'AccessCount': 0, 'Notes': None, 'State': 'active',
            'Url': f'https://{portal_domain}/p/shares/{link_id}',
            'OrganizationId': self.organization_id, 'CreatedBy': created_by or self._console_admin(),
            'CreatedAt': now, 'UpdatedAt': now,
        }
        merge(link, fields, LINK_REMOVABLE)
        self.links[link['Id']] = link
        return link

    def _console_admin(self):
        """CreatedBy of an object made in the console (the list example's shape)."""
        return {'Type': 'Admin', 'Id': self.text(15), 'PrincipalName': 'Emulator Admin',
                'PrincipalId': self.text(17, '0123456789abcdef'), 'PrincipalType': 'admin'}

    def seed_root(self):
        """Create the organization's Root credential, as the reference's list example shows it."""
        return self.make_credential({
            'Alias': 'Root', 'Permission': 'full', 'IsDefault': True,
            'HomeDirectory': f'/sftptg-prod-us-east-1-{self.organization_id}',
            'Settings': {'Network': {'InboundRules': [dict(ROOT_RULE)]}},
        })

    # lookups and updates -------------------------------------------------------------------------
    def username_taken(self, username, except_id=None):
        """True when ``username`` belongs to another credential here or is reserved in another organization."""
        if username in self.foreign_usernames:
            return True
        return any(u['UserName'] == username and u['Id'] != except_id for u in self.users.values())

    def keys_of(self, user_id):
        """The SSH keys of one credential, oldest first."""
        return [k for k in self.keys.values() if k['UserId'] == user_id]

    def delete_credential(self, user_id):
        """Remove a credential and, with it, its SSH keys (its UserName becomes free)."""
        for key in self.keys_of(user_id):
            del self.keys[key['Id']]
        return self.users.pop(user_id)

    def set_password(self, cred, password):
        """Set a credential's password and PasswordCreatedAt (UpdatedAt moves when the password changes)."""
        if cred.get('Password') != password:
            cred['UpdatedAt'] = self.now_ms()
        cred['Password'] = password
        cred['PasswordCreatedAt'] = iso_ms(self.now_ms())

    def expire_credentials(self, unit):
        """Credentials whose Expiration has passed become inactive and lose their Expiration."""
        now = self.now_ms()
        factor = 1000 if unit == 's' else 1
        for cred in self.users.values():
            expiration = cred.get('Expiration')
            if isinstance(expiration, int) and expiration * factor <= now:
                cred['State'] = 'inactive'
                del cred['Expiration']
                cred['UpdatedAt'] = now
