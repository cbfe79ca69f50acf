# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """The declaration of a whole organization, taken by sftptogo_organization and sftptogo_organization_info."""

    DOCUMENTATION = r'''
options:
  credentials:
    description:
      - Declared credentials, found by O(credentials[].username). Options left out are not compared.
    type: list
    elements: dict
    suboptions:
      username:
        description: The login name, the natural key of a credential.
        type: str
        required: true
      state:
        description: V(absent) declares that the credential must not exist.
        type: str
        choices: [present, absent]
        default: present
      alias:
        description: See M(sftptogo.sftptogo.sftptogo_credential).
        type: str
      password:
        description:
          - Set on create, or through a rotation when it differs from the password the API returns; never returned.
          - Left out, a new credential gets a generated password, returned once by M(sftptogo.sftptogo.sftptogo_organization).
        type: str
      home_directory:
        description: See M(sftptogo.sftptogo.sftptogo_credential).
        type: str
      chroot_directory:
        description: See M(sftptogo.sftptogo.sftptogo_credential).
        type: str
      permission:
        description: See M(sftptogo.sftptogo.sftptogo_credential).
        type: str
        choices: [none, read-only, read-write, write-only, full]
      expiration:
        description: See M(sftptogo.sftptogo.sftptogo_credential); a past expiration keeps the credential inactive.
        type: raw
      enabled:
        description: See M(sftptogo.sftptogo.sftptogo_credential).
        type: bool
      inbound_rules:
        description: The whole set of inbound rules (order does not matter); see M(sftptogo.sftptogo.sftptogo_credential).
        type: list
        elements: dict
        suboptions:
          source:
            description: An IP address or CIDR range.
            type: str
            required: true
          protocol:
            description: The protocol the rule allows.
            type: str
            choices: ['*', SFTP, FTPS]
            default: '*'
          description:
            description: Free text.
            type: str
          enabled:
            description: Whether the rule is enabled.
            type: bool
            default: true
      ssh_keys:
        description:
          - The whole set of the credential's public keys, one OpenSSH line per element, compared by fingerprint
            (the comment does not count); keys not listed are removed. Left out, keys are not managed.
        type: list
        elements: str
  webhooks:
    description:
      - Declared webhooks, found by O(webhooks[].alias) (which must then be unique in the organization).
      - The signing secret of a webhook created by M(sftptogo.sftptogo.sftptogo_organization) is returned once.
    type: list
    elements: dict
    suboptions:
      alias:
        description: The natural key of a declared webhook.
        type: str
        required: true
      state:
        description: V(absent) declares that the webhook must not exist.
        type: str
        choices: [present, absent]
        default: present
      url:
        description: See M(sftptogo.sftptogo.sftptogo_webhook); required to create.
        type: str
      type:
        description: See M(sftptogo.sftptogo.sftptogo_webhook).
        type: str
        choices: [webhook, slack, ms-teams, email]
      authorization_header:
        description: Compared with the value the API returns; never returned. See M(sftptogo.sftptogo.sftptogo_webhook).
        type: str
      topics:
        description: See M(sftptogo.sftptogo.sftptogo_webhook); required to create.
        type: list
        elements: str
        choices: [file.created, file.deleted, file.downloaded]
      enabled:
        description: See M(sftptogo.sftptogo.sftptogo_webhook).
        type: bool
  share_links:
    description:
      - Declared share links, found by O(share_links[].path), narrowed by O(share_links[].notes) when several
        links share the path.
    type: list
    elements: dict
    suboptions:
      path:
        description: The shared path; a folder ends with C(/).
        type: str
        required: true
      state:
        description: V(absent) declares that the link must not exist.
        type: str
        choices: [present, absent]
        default: present
      notes:
        description: See M(sftptogo.sftptogo.sftptogo_share_link).
        type: str
      permission:
        description: See M(sftptogo.sftptogo.sftptogo_share_link).
        type: str
        choices: [read-only, read-write, write-only, read-write-no-delete]
      expires_at:
        description: See M(sftptogo.sftptogo.sftptogo_share_link).
        type: raw
      access_limit:
        description: See M(sftptogo.sftptogo.sftptogo_share_link).
        type: int
      password:
        description: The link's password (see O(share_links[].update_password)); never returned.
        type: str
      update_password:
        description:
          - V(on_create) sets the password only on a link this task creates and never changes an existing link's;
            V(always) also sets it on an existing link (see M(sftptogo.sftptogo.sftptogo_share_link)).
        type: str
        choices: [always, on_create]
        default: always
  purge_credentials:
    description:
      - Remove every credential that is not declared (only reported by the C(_info) module and in check mode).
        The Root (default) credential never is.
    type: bool
    default: false
  purge_webhooks:
    description: Remove every webhook that is not declared (only reported by the C(_info) module and in check mode).
    type: bool
    default: false
  purge_share_links:
    description: Remove every share link that is not declared (only reported by the C(_info) module and in check mode).
    type: bool
    default: false
  allow_empty_purge:
    description:
      - A purge whose kind declares nothing (O(purge_credentials=true) with O(credentials) empty or not given; the
        same for O(webhooks) and O(share_links)) would remove every item of that kind, so it is refused unless this
        is V(true).
      - The refusal comes after the reads (GET requests only) and before any write, in check mode too, and says how
        many items the purge would remove. A purge beside at least one declared item of its kind is not affected.
    type: bool
    default: false
'''
