#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: sftptogo_share_link_info
short_description: List SFTP To Go share links
version_added: 0.1.0
description:
  - List the share links of an SFTP To Go organization, optionally filtered. Never changes anything.
  - With O(id), the link is read directly; an unknown Id gives an empty list.
author:
  - sftptogo.sftptogo maintainers (@sftptogo)
extends_documentation_fragment:
  - sftptogo.sftptogo.auth
  - sftptogo.sftptogo.attributes.info_module
options:
  id:
    description:
      - Only the link with this Id.
    type: str
  path:
    description:
      - Only the links to this exact path (a folder ends with V(/)); it must start with V(/).
    type: str
  show_secrets:
    description:
      - Return link passwords in clear text instead of masked (when the API returns them).
      - Set C(no_log=true) on a task that uses this.
    type: bool
    default: false
seealso:
  - module: sftptogo.sftptogo.sftptogo_share_link
'''

EXAMPLES = r'''
- name: All share links of the organization
  sftptogo.sftptogo.sftptogo_share_link_info:
  register: all_links

- name: The URLs of the links to one folder
  sftptogo.sftptogo.sftptogo_share_link_info:
    path: /outgoing/acme/
  register: acme_links

- name: Show them
  ansible.builtin.debug:
    msg: "{{ acme_links.share_links | map(attribute='url') | list }}"

- name: One link with its password
  sftptogo.sftptogo.sftptogo_share_link_info:
    id: BSsdas5CBscVy
    show_secrets: true
  register: one_link
  no_log: true
'''

RETURN = r'''
share_links:
  description:
    - The matching links, as the API returns them in snake_case.
    - C(password) (only on links that have one, when the API returns it) is masked unless O(show_secrets=true).
  returned: always
  type: list
  elements: dict
  sample:
    - id: BSsdas5CBscVy
      url: https://portal.sftptogo.com/p/shares/BSsdas5CBscVy
      path: /outgoing/acme/
      type: share
      permission: read-only
      expires_at: 1798761599000
      access_limit: 100
      access_count: 4
      password: VALUE_SPECIFIED_IN_NO_LOG_PARAMETER
      notes: ACME Q1 reports
      state: active
      organization_id: 97285e07-09fd-42de-a1d0-997a0818310a
      created_by: {type: Account, id: fas9e769-5033-413c-ade8-2d0620da824b, email: admin@example.com, name: Admin User}
      created_at: 1739117646540
      updated_at: 1739120350624
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._module import new_module, run_info
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._share_link import INFO_ARGUMENT_SPEC, INFO_FILTERS, SHARE_LINK, check_info_filters


def main():
    module = new_module(AnsibleModule, INFO_ARGUMENT_SPEC, supports_check_mode=True)
    run_info(module, SHARE_LINK, INFO_FILTERS, 'share_links', check=check_info_filters)


if __name__ == '__main__':
    main()
