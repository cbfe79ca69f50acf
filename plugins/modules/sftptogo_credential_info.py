#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: sftptogo_credential_info
short_description: List SFTP To Go credentials
version_added: 0.1.0
description:
  - List the credentials of an SFTP To Go organization, optionally filtered. Never changes anything.
  - With O(id), the credential is read directly; an unknown Id gives an empty list.
author:
  - sftptogo.sftptogo maintainers (@sftptogo)
extends_documentation_fragment:
  - sftptogo.sftptogo.auth
  - sftptogo.sftptogo.attributes.info_module
options:
  id:
    description:
      - Only the credential with this Id.
    type: str
  username:
    description:
      - Only the credential with this login name.
    type: str
  alias:
    description:
      - Only credentials with this alias.
    type: str
  show_secrets:
    description:
      - Return passwords (and the password inside C(uri)) in clear text instead of masked.
      - Set C(no_log=true) on a task that uses this.
    type: bool
    default: false
seealso:
  - module: sftptogo.sftptogo.sftptogo_credential
'''

EXAMPLES = r'''
- name: All credentials of the organization
  sftptogo.sftptogo.sftptogo_credential_info:
  register: all_credentials

- name: Connection details of one partner, password included
  sftptogo.sftptogo.sftptogo_credential_info:
    username: acme-partner-01
    show_secrets: true
  register: acme
  no_log: true
'''

RETURN = r'''
credentials:
  description:
    - The matching credentials, as the API returns them in snake_case.
    - C(password) and the password inside C(uri) are masked unless O(show_secrets=true).
  returned: always
  type: list
  elements: dict
  sample:
    - id: cfc211269c8c0f925c64b1a223d8eb
      user_name: acme-partner-01
      alias: ACME Corp
      password: VALUE_SPECIFIED_IN_NO_LOG_PARAMETER
      host: warm-soda-25793.sftptogo.com
      uri: sftp://acme-partner-01:VALUE_SPECIFIED_IN_NO_LOG_PARAMETER@warm-soda-25793.sftptogo.com
      home_directory: /partners/acme
      chroot_directory: /
      permission: read-write
      state: active
      is_default: false
      ssh_public_keys_count: 0
      created_at: 1616615059930
      updated_at: 1616615059930
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._credential import CREDENTIAL, INFO_ARGUMENT_SPEC
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._module import new_module, run_info


def main():
    module = new_module(AnsibleModule, INFO_ARGUMENT_SPEC, supports_check_mode=True)
    run_info(module, CREDENTIAL, ('id', 'username', 'alias'), 'credentials')


if __name__ == '__main__':
    main()
