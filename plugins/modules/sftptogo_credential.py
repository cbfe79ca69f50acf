#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: sftptogo_credential
short_description: Manage SFTP To Go credentials (login, password, permissions, IP allow-list)
version_added: 0.1.0
description:
  - Create, update and delete the credentials (users) of an SFTP To Go organization.
  - The credential is found by O(id), else by O(username), else by O(alias). Only the options the task sets are
    compared and changed; an option left out is never reset. Changes go out in one V(PATCH) that carries only the
    keys that differ.
  - An O(id) that does not exist fails with O(state=present); it never creates a credential.
author:
  - sftptogo.sftptogo maintainers (@sftptogo)
extends_documentation_fragment:
  - sftptogo.sftptogo.auth
  - sftptogo.sftptogo.attributes
options:
  state:
    description:
      - V(present) creates or updates the credential, V(absent) deletes it; deleting one that does not exist is not
        a change. The Root credential is never deleted (the task fails).
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - The Id of the credential (30 hex characters). Finds the credential; with O(username) also set, renames it.
    type: str
  username:
    description:
      - The login name, 10 to 100 letters, digits, V(_), V(-) or V(.), unique across the service.
      - Finds the credential. Left out on create, the service generates one.
    type: str
  alias:
    description:
      - A friendly name, not unique.
      - Finds the credential when neither O(id) nor O(username) is given (more than one match fails).
    type: str
  password:
    description:
      - The password, within the organization's password policy; set when it differs. Left out, the current one
        stays (a new credential gets a generated one, returned once).
    type: str
  rotate_password:
    description:
      - Rotate to a new generated password on every run (always a change). It is returned in
        RV(credential.password); set C(no_log=true) on such a task.
    type: bool
    default: false
  password_max_age:
    description:
      - Rotate a password older than this many days to a new generated one, returned once in RV(credential.password)
        as with O(rotate_password); RV(password_rotation) says why. At least V(1).
      - Never applies when O(password) is given, nor to a credential this task creates.
      - Set C(no_log=true) on such a task.
    type: int
    version_added: 0.2.0
  home_directory:
    description:
      - The storage folder the credential is bound to; a trailing V(/) does not count.
      - Left out on create, the service's default is C(/home/<username>).
    type: str
  chroot_directory:
    description:
      - The name under which the home directory appears to the user (V(/) means the home directory is the root).
    type: str
  permission:
    description:
      - What the credential may do with files. V(full) also gives access to the whole storage.
    type: str
    choices: [none, read-only, read-write, write-only, full]
  expiration:
    description:
      - When the credential becomes inactive, as an ISO 8601 date or datetime (UTC without a zone) or a Unix time
        in seconds or milliseconds. V("") means never. A date in the past keeps the credential inactive (the date is
        not sent; the task warns).
    type: raw
  enabled:
    description:
      - V(true) makes the credential active, V(false) inactive (open sessions are not closed).
    type: bool
  inbound_rules:
    description:
      - The IP allow-list of this credential, on top of the organization's rules. The whole set, in any order;
        rules not listed are removed, V([]) removes all.
    type: list
    elements: dict
    suboptions:
      source:
        description:
          - An IP address or a CIDR range; V(203.0.113.7) and V(203.0.113.7/32) are the same rule.
        type: str
        required: true
      protocol:
        description:
          - The protocol the rule allows.
        type: str
        choices: ['*', SFTP, FTPS]
        default: '*'
      description:
        description:
          - Free text describing the rule.
        type: str
      enabled:
        description:
          - Whether the rule is in force.
        type: bool
        default: true
notes:
  - The API returns passwords in clear text. This module masks them in its result unless this task created the
    credential or set or rotated its password; use C(no_log=true) on such tasks.
  - O(password_max_age) counts from the credential's C(PasswordCreatedAt); in check mode the rotation is reported,
    not made.
  - Inbound rules are set with a V(PATCH) right after the create request, as the API takes them only on update.
seealso:
  - module: sftptogo.sftptogo.sftptogo_credential_info
'''

EXAMPLES = r'''
- name: A partner login with a password and an IP allow-list
  sftptogo.sftptogo.sftptogo_credential:
    username: acme-partner-01
    alias: ACME Corp
    password: "{{ vault_acme_password }}"
    home_directory: /partners/acme
    permission: read-write
    inbound_rules:
      - source: 203.0.113.0/24
        description: ACME office
      - source: 198.51.100.7
        protocol: SFTP
  no_log: true

- name: Deactivate it at the end of the year
  sftptogo.sftptogo.sftptogo_credential:
    username: acme-partner-01
    expiration: "2026-12-31T23:59:59Z"

- name: Rotate its password and keep the new one
  sftptogo.sftptogo.sftptogo_credential:
    username: acme-partner-01
    rotate_password: true
  register: rotated
  no_log: true

- name: Remove it
  sftptogo.sftptogo.sftptogo_credential:
    username: acme-partner-01
    state: absent

- name: Connection options once for every module of the collection
  module_defaults:
    group/sftptogo.sftptogo.all:
      api_key: "{{ vault_sftptogo_api_key }}"
      organization_id: 72e9cf24-be8c-4f15-9aa2-813281fb98fe
  block:
    - name: Read-only reporting login
      sftptogo.sftptogo.sftptogo_credential:
        username: reporting-bot
        permission: read-only
'''

RETURN = r'''
credential:
  description:
    - The credential after the task (predicted in check mode), as the API returns it in snake_case.
    - With O(state=absent), the credential as it was before it was deleted (empty if there was none).
    - RV(credential.password) and the password inside RV(credential.uri) are masked unless this task created the
      credential or set or rotated its password.
    - A task that created the credential and then failed (its inbound rules refused) returns it too, password
      included, as the only copy of a generated one (set C(no_log=true) on the task). A credential another client
      created meanwhile is adopted and updated instead, and its password is not returned.
  returned: always
  type: dict
  contains:
    id:
      description: The Id of the credential.
      type: str
      sample: cfc211269c8c0f925c64b1a223d8eb
    user_name:
      description: The login name.
      type: str
      sample: acme-partner-01
    alias:
      description: The friendly name.
      type: str
      sample: ACME Corp
    password:
      description: The password, masked unless this task created the credential or set or rotated its password.
      type: str
      sample: VALUE_SPECIFIED_IN_NO_LOG_PARAMETER
    host:
      description: The host name to connect to.
      type: str
      sample: warm-soda-25793.sftptogo.com
    uri:
      description: C(sftp://user:password@host), the password masked like RV(credential.password).
      type: str
      sample: sftp://acme-partner-01:VALUE_SPECIFIED_IN_NO_LOG_PARAMETER@warm-soda-25793.sftptogo.com
    home_directory:
      description: The storage folder of the credential.
      type: str
      sample: /partners/acme
    chroot_directory:
      description: The name under which the home directory appears.
      type: str
      sample: /
    permission:
      description: The permission.
      type: str
      sample: read-write
    state:
      description: V(active) or V(inactive).
      type: str
      sample: active
    expiration:
      description: Epoch milliseconds after which the credential is deactivated, when set.
      type: int
      sample: 1798761599000
    is_default:
      description: Whether this is the Root credential.
      type: bool
      sample: false
    settings:
      description: The credential's settings, with C(network.inbound_rules) when it has rules.
      type: dict
      sample: {network: {inbound_rules: [{id: c1d91788-e46f-45a0-9c7b-386e90db000a, action: allow, protocol: '*',
               source: 203.0.113.0/24, state: enabled, description: ACME office}]}}
    ssh_public_keys_count:
      description: How many SSH public keys the credential has.
      type: int
      sample: 0
    created_at:
      description: Epoch milliseconds of the creation.
      type: int
      sample: 1616615059930
    updated_at:
      description: Epoch milliseconds of the last change.
      type: int
      sample: 1616615059930
password_rotation:
  description: Why the task rotated the password by age (O(password_max_age)), or would in check mode.
  returned: when the password was older than O(password_max_age)
  type: str
  sample: rotate password (400 days old, max 365)
  version_added: 0.2.0
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._credential import CREDENTIAL, MODULE_OPTIONS, CredentialEngine
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._module import new_module, run_engine


def main():
    module = new_module(AnsibleModule, **MODULE_OPTIONS)
    run_engine(module, CredentialEngine, CREDENTIAL)


if __name__ == '__main__':
    main()
