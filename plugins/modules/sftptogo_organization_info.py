#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: sftptogo_organization_info
short_description: Read a whole SFTP To Go organization and compare it with a declaration
version_added: 0.1.0
description:
  - Reads the credentials, webhooks and share links of an organization in one task (one request each),
    plus the SSH keys of every declared credential that declares O(credentials[].ssh_keys).
  - Compares them with the declared O(credentials), O(webhooks) and O(share_links) the way the resource
    modules do (same lookups, same comparisons) and returns the drift. Never changes anything.
  - This is the first step of the P(sftptogo.sftptogo.organization#role) role, which then calls a resource
    module only for the items listed in RV(converge).
  - Every declared value is checked before the first request; a bad one fails naming the item and the rule.
  - Secrets (passwords, authorization headers) are compared but never returned; a secret that differs is
    reported as C((hidden, changed)).
author:
  - sftptogo.sftptogo maintainers (@sftptogo)
extends_documentation_fragment:
  - sftptogo.sftptogo.auth
  - sftptogo.sftptogo.attributes.info_module
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
        description: Compared with the password the API returns; never returned.
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
        description: See M(sftptogo.sftptogo.sftptogo_credential); a past expiration is not compared.
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
          - The whole set of the credential's public keys, one OpenSSH line per element. Keys are compared by
            fingerprint (the comment does not count); extra keys on the credential are drift.
          - Left out, keys are not read nor compared.
        type: list
        elements: str
  webhooks:
    description:
      - Declared webhooks, found by O(webhooks[].alias) (which must then be unique in the organization).
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
        description: Compared with the value the API returns; never returned.
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
        description: Compared when the API returns the link's password; never returned.
        type: str
      update_password:
        description:
          - When the API does not return a link's password, V(always) reports it as drift and V(on_create) does not
            (as in M(sftptogo.sftptogo.sftptogo_share_link)).
        type: str
        choices: [always, on_create]
        default: always
  purge_credentials:
    description:
      - Report every credential that is not declared as to be removed. The Root (default) credential never is.
    type: bool
    default: false
  purge_webhooks:
    description: Report every webhook that is not declared as to be removed.
    type: bool
    default: false
  purge_share_links:
    description: Report every share link that is not declared as to be removed.
    type: bool
    default: false
notes:
  - Requests made, whatever the size of the declaration, are C(GET /users), C(GET /webhooks), C(GET /portal-links)
    and one C(GET /users/{id}/ssh-public-keys) per existing credential that declares O(credentials[].ssh_keys)
    and has keys (C(ssh_public_keys_count) above 0).
seealso:
  - module: sftptogo.sftptogo.sftptogo_credential
  - module: sftptogo.sftptogo.sftptogo_ssh_key
  - module: sftptogo.sftptogo.sftptogo_webhook
  - module: sftptogo.sftptogo.sftptogo_share_link
'''

EXAMPLES = r'''
- name: Everything in the organization (secrets masked)
  sftptogo.sftptogo.sftptogo_organization_info:
  register: organization

- name: What differs from the declaration, and what a purge would remove
  sftptogo.sftptogo.sftptogo_organization_info:
    credentials:
      - username: acme-partner-01
        permission: read-write
        inbound_rules:
          - source: 203.0.113.0/24
        ssh_keys:
          - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIL8DLGjHdEH76mSskhyxKAGoMKE5RwHG9Qi5KP5owXJa alice@laptop
    purge_credentials: true
  register: plan

- name: Show the drift
  ansible.builtin.debug:
    var: plan.summary
'''

RETURN = r'''
check_mode:
  description:
    - Whether this task ran in check mode (also when set by a task or role keyword, which C(ansible_check_mode)
      does not reflect); the organization role writes nothing when it is true.
  returned: success
  type: bool
  sample: false
host:
  description: The SFTP host name of the organization (the same for every credential).
  returned: success
  type: str
  sample: warm-soda-25793.sftptogo.com
drift:
  description:
    - One entry per difference. C(kind) is V(credential), V(ssh_keys), V(webhook) or V(share_link); C(name) the
      username, alias or path; C(action) V(create), V(update) or V(remove).
    - C(changes) (create, update) maps each differing option to C(before) and C(after); C(added) and C(removed)
      (ssh_keys) list key fingerprints; C(reason) (remove) says why; C(id) is the current object's Id.
  returned: success
  type: list
  elements: dict
  sample:
    - kind: credential
      name: acme-partner-01
      action: update
      id: cfc211269c8c0f925c64b1a223d8eb
      changes:
        permission:
          before: read-only
          after: read-write
converge:
  description:
    - What the organization role acts on. C(credentials), C(ssh_keys), C(webhooks), C(share_links) are indexes into
      the declared lists of the items to create or update; C(remove_credentials), C(remove_webhooks),
      C(remove_share_links) are the Ids to delete.
  returned: success
  type: dict
  sample:
    credentials: [0]
    ssh_keys: []
    webhooks: []
    share_links: []
    remove_credentials: [4ddb2ea265b8eaf7685b4e125a1292]
    remove_webhooks: []
    remove_share_links: []
summary:
  description: One readable line per entry of RV(drift).
  returned: success
  type: list
  elements: str
  sample:
    - 'credential acme-partner-01: update permission: read-only -> read-write'
credentials:
  description: Every credential, as M(sftptogo.sftptogo.sftptogo_credential_info) returns them (secrets masked).
  returned: success
  type: list
  elements: dict
webhooks:
  description: Every webhook, as M(sftptogo.sftptogo.sftptogo_webhook_info) returns them (secrets masked).
  returned: success
  type: list
  elements: dict
share_links:
  description: Every share link, as M(sftptogo.sftptogo.sftptogo_share_link_info) returns them (secrets masked).
  returned: success
  type: list
  elements: dict
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._organization import ARGUMENT_SPEC, run_plan


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    run_plan(module)


if __name__ == '__main__':
    main()
