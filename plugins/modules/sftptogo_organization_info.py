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
    plus the SSH keys of every declared credential that declares O(credentials[].ssh_keys) and has keys.
  - Returns the drift that M(sftptogo.sftptogo.sftptogo_organization) would correct with the same declaration;
    it runs the same code in check mode, so the two never disagree. Never changes anything.
  - Every declared value is checked before the first request; a bad one fails naming its place and the rule.
  - Also returns the whole organization as a declaration (RV(declaration)), which reads the key list of every
    credential that has keys.
  - Secrets are compared but never returned; a secret that differs is reported as C((hidden, changed)).
  - Reviews the organization as it is, from the same read (RV(findings)), for write access from any address, share
    links open to anyone, old passwords, weak SSH keys and paused webhooks. See the "Reviewing access" guide.
options:
  password_max_age:
    description:
      - A password older than this many days is a RV(findings) entry (C(password_too_old)); so is an active,
        never-expiring credential unchanged as long (C(stale_credential)). At least V(1).
    type: int
    default: 365
author:
  - sftptogo.sftptogo maintainers (@sftptogo)
extends_documentation_fragment:
  - sftptogo.sftptogo.auth
  - sftptogo.sftptogo.declaration
  - sftptogo.sftptogo.attributes.info_module
seealso:
  - module: sftptogo.sftptogo.sftptogo_organization
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
declaration:
  description:
    - The organization as it is, in the shape M(sftptogo.sftptogo.sftptogo_organization) takes (C(credentials),
      C(webhooks), C(share_links)), sorted by natural key; the Root credential is not in it.
    - Every option the resource modules compare, except secrets (passwords, authorization headers, link passwords,
      and webhook URLs that carry a token, by the rule that masks them in diffs). Converging it reports no drift.
    - C(playbooks/export.yml) writes it as a vars file for the organization playbook.
  returned: success
  type: dict
  sample:
    credentials:
      - {username: acme-partner-01, alias: ACME, home_directory: /partners/acme, chroot_directory: /,
         permission: read-write, enabled: true, inbound_rules: [{source: 203.0.113.0/24, protocol: '*', enabled: true}],
         ssh_keys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIL8DLGjHdEH76mSskhyxKAGoMKE5RwHG9Qi5KP5owXJa alice@acme']}
    webhooks: [{alias: ACME uploads, url: 'https://hooks.example.com/sftp/acme', type: webhook, topics: [file.created],
                enabled: true}]
    share_links: [{path: /reports/globex/, notes: Globex, permission: read-only, access_limit: 0}]
left_out:
  description:
    - Items that cannot be declared uniquely (webhooks with an empty, blank or shared alias, share links sharing path
      and notes), one line per kind naming their ids; also given as warnings.
  returned: success
  type: list
  elements: str
host:
  description: The SFTP host name of the organization (the same for every credential).
  returned: success
  type: str
  sample: warm-soda-25793.sftptogo.com
drift:
  description:
    - One entry per difference. C(kind) is V(credential), V(ssh_keys), V(webhook) or V(share_link); C(name) the
      username, alias or path; C(action) V(create), V(update) or V(remove).
    - C(changes) (create, update) maps each differing option to C(before) and C(after) (key fingerprints for
      V(ssh_keys)); C(reason) (remove) says why; C(id) is the current object's Id.
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
failures:
  description: Declared items that could not be read unambiguously (for example two webhooks with the same alias).
  returned: success
  type: list
  elements: dict
summary:
  description: A header line, then one readable line per entry of RV(drift).
  returned: success
  type: list
  elements: str
  sample:
    - 'Drift (check mode, nothing was changed): 0 to create, 1 to change, 0 to remove.'
    - 'credential acme-partner-01: update permission: read-only -> read-write'
plan_id:
  description:
    - The digest of RV(drift) that M(sftptogo.sftptogo.sftptogo_organization) returns in check mode for the same
      declaration (its RV(sftptogo.sftptogo.sftptogo_organization#module:plan_id)), to pass as its
      O(sftptogo.sftptogo.sftptogo_organization#module:approved_plan).
  returned: success
  type: str
  sample: 3f1c2a0e9b7d4c6a8e5f0b1d2c3a4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d
findings:
  description:
    - What an access review flags in the organization as it is (no declaration needed), sorted by C(severity)
      (V(high), V(medium), V(low)), then C(kind), then C(name).
    - C(rule) is a stable name (V(write_without_allow_list), V(public_upload_link), V(open_share_link),
      V(password_too_old), V(weak_ssh_key), V(root_open_to_any_source), V(stale_credential), V(paused_webhook));
      the "Reviewing access" guide says why each matters and how to fix it. C(kind) is V(credential),
      V(share_link) or V(webhook); C(name) the username, path or alias; C(id) the object's Id.
    - A finding never holds a secret; a webhook URL that carries a token is masked.
    - Inactive credentials, and share links that are inactive or expired, are not flagged (they let no one in).
  returned: success
  type: list
  elements: dict
  sample:
    - severity: high
      rule: write_without_allow_list
      kind: credential
      name: acme-partner-01
      id: cfc211269c8c0f925c64b1a223d8eb
      message: read-write access from any address (no allow-list)
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

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._declaration import REVIEW_ARGUMENT_SPEC
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._organization_module import new_declaration_module, run_organization


def main():
    module = new_declaration_module(AnsibleModule, REVIEW_ARGUMENT_SPEC, supports_check_mode=True)
    run_organization(module, check_mode=True, info=True)


if __name__ == '__main__':
    main()
