#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: sftptogo_organization
short_description: Converge a whole SFTP To Go organization to a declaration in one task
version_added: 0.2.0
description:
  - Declares the credentials (with their SSH keys and IP allow-lists), webhooks and share links of an organization,
    and optionally removes what is not declared. Each declared item behaves exactly as the task of its resource
    module would (M(sftptogo.sftptogo.sftptogo_credential), M(sftptogo.sftptogo.sftptogo_ssh_key) with
    C(exclusive=true), M(sftptogo.sftptogo.sftptogo_webhook), M(sftptogo.sftptogo.sftptogo_share_link)).
  - Every declared value is checked before the first request; a bad one fails naming its place, for example
    C(credentials[3].inbound_rules[0].source), and the rule.
  - Reads each collection once, plus the keys of each declared credential that declares keys and has some; then
    writes only what differs. Check mode sends only reads and reports the drift, with C(changed) when there is any.
  - A credential is converged before its keys; removals come last. Independent items are written
    O(parallelism) at a time. An item that fails does not stop the others (the keys of a failed credential are
    skipped); the task then fails, listing every failure in RV(failures). Running it again converges what is left.
  - Runs of one declaration must not overlap (in AWX, allow one job at a time for the template).
author:
  - sftptogo.sftptogo maintainers (@sftptogo)
extends_documentation_fragment:
  - sftptogo.sftptogo.auth
  - sftptogo.sftptogo.declaration
  - sftptogo.sftptogo.attributes
options:
  parallelism:
    description: How many independent items are written at the same time (1 to 16).
    type: int
    default: 4
  approved_plan:
    description:
      - The RV(plan_id) of an approved check run (64 hex digits). The run applies exactly that plan, or fails before any
        write if the organization or the declaration changed since.
      - Null or empty fails before any request; it never means "no approval".
    type: str
    version_added: 0.2.0
  require_approval:
    description:
      - Outside check mode, fail before any request unless O(approved_plan) is given. Set it where only approved plans
        may be applied (an AWX apply job template).
    type: bool
    default: false
    version_added: 0.2.0
notes:
  - With O(approved_plan), the run first computes its drift with reads only and, when its RV(plan_id) is the
    approved one, applies it served from that same read (each collection is read once); when it differs, the task
    fails with the new RV(summary) and RV(plan_id), in check mode too. A check run that listed failures has no plan to approve; with O(approved_plan), such a
    run fails before any write.
  - The apply writes only what the plan showed. Each write is checked against it first, and one the plan does not
    show (a create answered 409 because another client created the object meanwhile) fails before it is sent,
    saying what differs. See R(the AWX workflow,ansible_collections.sftptogo.sftptogo.docsite.guide_awx) for a check
    job, an approval and an apply job wired together.
  - Check mode and the drift report a rotation by age as C(rotate password (N days old, max M)); the plan includes
    the rotation, not the age.
  - Returns what changed (or would), not the organization's objects; M(sftptogo.sftptogo.sftptogo_organization_info)
    returns those. The echoed task arguments show each declared list as its number of items.
  - The returned secrets (RV(created_passwords), RV(webhook_secrets)) are shown once; set C(no_log=true) on the task
    and store them (for example in a vault) if you need them later.
seealso:
  - module: sftptogo.sftptogo.sftptogo_organization_info
'''

EXAMPLES = r'''
- name: The organization as code
  sftptogo.sftptogo.sftptogo_organization:
    credentials:
      - username: acme-partner-01
        password: "{{ vault_acme_password }}"
        home_directory: /partners/acme
        permission: read-write
        inbound_rules:
          - source: 203.0.113.0/24
            description: ACME office
        ssh_keys:
          - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIL8DLGjHdEH76mSskhyxKAGoMKE5RwHG9Qi5KP5owXJa alice@acme
      - username: globex-reports
        permission: read-only
        expiration: "2027-06-30"
    webhooks:
      - alias: ACME uploads
        url: https://hooks.example.com/sftp/acme
        topics: [file.created]
    share_links:
      - path: /reports/globex/
        notes: Globex monthly reports
        expires_at: "2027-01-31"
    purge_credentials: true
  register: organization
  no_log: true   # created_passwords and webhook_secrets are secrets

- name: What was done (the summary holds no secret)
  ansible.builtin.debug:
    var: organization.summary

- name: Apply exactly the plan someone approved (organization.plan_id of a check run), or nothing
  sftptogo.sftptogo.sftptogo_organization:
    credentials:
      - username: globex-reports
        permission: read-only
    approved_plan: "{{ approved_plan_id }}"
  no_log: true
'''

RETURN = r'''
changed:
  description: Whether anything was written (in check mode, whether there is drift).
  returned: always
  type: bool
drift:
  description:
    - What differed and was done (in check mode, what would be done), one entry per item. C(kind) is
      V(credential), V(ssh_keys), V(webhook) or V(share_link); C(name) the username, alias or path; C(action)
      V(create), V(update) or V(remove).
    - C(changes) maps each differing option to C(before) and C(after) (secrets as C((hidden)), key fingerprints for
      V(ssh_keys), which also lists C(added) and C(removed) fingerprints); C(reason) says why an item is removed; C(id)
      is the item's Id.
  returned: always
  type: list
  elements: dict
  sample:
    - {kind: credential, name: acme-partner-01, action: update, id: cfc211269c8c0f925c64b1a223d8eb,
       changes: {permission: {before: read-only, after: read-write}}}
summary:
  description: A header line, then one readable line per entry of RV(drift) and per failure.
  returned: always
  type: list
  elements: str
  sample:
    - 'Drift corrected: 0 created, 1 changed, 0 removed.'
    - 'credential acme-partner-01: update permission: read-only -> read-write'
failures:
  description: The items that failed, each with C(kind), C(name) and C(message) (never a secret).
  returned: always
  type: list
  elements: dict
created_passwords:
  description:
    - User name -> generated password, for the credentials this run created without a declared password, or whose
      password it rotated by age (O(credentials[].password_max_age)).
    - Also when the task fails, including a credential created before its own next step failed.
  returned: always
  type: dict
  sample: {globex-reports: 3nQ0bq7S0hXqhX0bRw7fgeyGiHj2iDqQy8YkDMbq}
webhook_secrets:
  description: Alias -> signing secret, for the webhooks this run created (the API shows it only once), also when the task fails.
  returned: always
  type: dict
host:
  description: The SFTP host name of the organization.
  returned: always
  type: str
  sample: warm-soda-25793.sftptogo.com
plan_id:
  description:
    - A digest (sha256, 64 hex digits) of the drift (in check mode, of what would be done; in a real run, of what it
      set out to do). The same organization and declaration give the same id, whatever the order of the declared
      items, O(parallelism) or the time; no drift has an id too. Pass it as O(approved_plan) to apply exactly that.
    - Made of every entry of RV(drift) with each change's before and after, and the organization Id. A secret enters
      only as an HMAC-SHA256 keyed with the API key, so the id tells nothing of it (and rotating the API key between
      the check and the apply makes a plan holding secrets stale). What a check cannot know is left out (the Ids of
      objects to create, generated passwords).
  returned: always
  type: str
  sample: 3f1c2a0e9b7d4c6a8e5f0b1d2c3a4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d
check_mode:
  description: Whether the task ran in check mode (also when set by a task or role keyword).
  returned: always
  type: bool
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._declaration import ARGUMENT_SPEC
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._organization_module import new_declaration_module, run_organization


def main():
    module = new_declaration_module(AnsibleModule, ARGUMENT_SPEC, supports_check_mode=True)
    run_organization(module, module.check_mode)


if __name__ == '__main__':
    main()
