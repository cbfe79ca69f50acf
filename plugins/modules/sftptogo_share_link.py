#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: sftptogo_share_link
short_description: Manage SFTP To Go share links to files and folders
version_added: 0.1.0
description:
  - Create, update and delete the share links of an SFTP To Go organization (web links to a file or a folder of
    the storage, optionally with a password, an expiry time and an access limit).
  - The link is found by O(id), else by O(path) (the exact path, a trailing V(/) included). The one link on that
    path is the task's link (its notes are updated if O(notes) differs). When several links share the path,
    O(notes) narrows the search to the links with these notes; if more than one link is still left, the task
    fails and names their Ids (set O(id) to choose one); if none is left, a new link is created.
  - So this module never adds a second link to a path that has exactly one; several links on one path (made in
    the web console, for instance) are managed by O(id) or told apart by their O(notes).
  - Only the options the task sets are compared and changed; an option left out is never reset. Changes go out in
    one V(PATCH) that carries only the keys that differ (never C(Path) or C(Type)).
  - An O(id) that does not exist fails with O(state=present); it never creates a link.
author:
  - sftptogo.sftptogo maintainers (@sftptogo)
extends_documentation_fragment:
  - sftptogo.sftptogo.auth
  - sftptogo.sftptogo.attributes
options:
  state:
    description:
      - V(present) creates or updates the link, V(absent) deletes it; deleting one that does not exist is not a
        change.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - The Id of the link (13 letters and digits, the last part of its RV(share_link.url)). Finds the link.
    type: str
  path:
    description:
      - The absolute path of the shared folder (ending in V(/), as V(/outgoing/acme/)) or file (no trailing V(/)).
      - Required to create a link, and finds it when O(id) is not given. Cannot change on an existing link.
    type: str
  notes:
    description:
      - Free text to recognize the link by. Narrows the lookup by O(path) when several links share it.
    type: str
  permission:
    description:
      - What visitors may do. A new link gets V(read-only) from the service; a file link can only be V(read-only).
    type: str
    choices: [read-only, read-write, write-only, read-write-no-delete]
  expires_at:
    description:
      - When the link stops working, as an ISO 8601 date or datetime (UTC without a zone) or a Unix time in seconds
        or milliseconds. V("") means never. A new time must be in the future.
    type: raw
  access_limit:
    description:
      - How many times the link can be accessed; V(0) means unlimited.
      - At the limit the service removes or deactivates the link (see the notes).
    type: int
  password:
    description:
      - A password visitors must enter, within the organization's password policy. It is secret and never shown.
        V("") removes it.
    type: str
  update_password:
    description:
      - V(on_create) sets O(password) only on a link this task creates and never changes an existing link's
        password. V(always) also sets it on an existing link, compared when the API returns the password, else
        sent on every run (reporting a change).
    type: str
    choices: [always, on_create]
    default: always
notes:
  - The service removes a link by itself once its O(access_limit) is reached. A later run of the same task then
    creates the link again, with a new Id and a new RV(share_link.url); share the new URL again. A link found by
    O(id) is not created again (the task fails instead).
  - Where the service deactivates a link instead of removing it (its C(State) is then no longer V(active)), the task
    finds the link, changes nothing about its state (the service sets it) and warns that the link serves nothing.
  - The API may return a link's password in clear text. This module masks it in its result unless this task set it.
  - Share links are available only on plans that include them.
seealso:
  - module: sftptogo.sftptogo.sftptogo_share_link_info
'''

EXAMPLES = r'''
- name: Share a folder with a partner until the end of March, with a password and at most 100 accesses
  sftptogo.sftptogo.sftptogo_share_link:
    path: /outgoing/acme/
    notes: ACME Q1 reports
    permission: read-only
    expires_at: "2027-03-31T23:59:59Z"
    access_limit: 100
    password: "{{ vault_acme_share_password }}"
    update_password: on_create
  register: acme_share
  no_log: true

- name: Show the URL to send
  ansible.builtin.debug:
    msg: "Share link: {{ acme_share.share_link.url }}"

- name: A drop box folder where the partner can upload but not read
  sftptogo.sftptogo.sftptogo_share_link:
    path: /incoming/acme/
    permission: write-only
    expires_at: "2027-12-31"

- name: A read-only link to one file that never expires
  sftptogo.sftptogo.sftptogo_share_link:
    path: /outgoing/acme/price-list.pdf
    expires_at: ""

- name: Of the links several partners have on one folder, the one with these notes
  sftptogo.sftptogo.sftptogo_share_link:
    path: /outgoing/shared/
    notes: for Globex
    access_limit: 20

- name: Remove a link by its Id
  sftptogo.sftptogo.sftptogo_share_link:
    id: BSsdas5CBscVy
    state: absent
'''

RETURN = r'''
share_link:
  description:
    - The link after the task (predicted in check mode), as the API returns it in snake_case.
    - With O(state=absent), the link as it was before it was deleted (empty if there was none).
    - RV(share_link.password) is there when the API returns the link's password, masked, or when this task set
      the password. Ansible itself replaces the value of the C(no_log) option O(password) wherever it appears in a
      result, so even then the output shows a placeholder; the value is in the task's O(password).
  returned: always
  type: dict
  contains:
    id:
      description: The Id of the link.
      type: str
      sample: BSsdas5CBscVy
    url:
      description: The URL to share (on the organization's default domain, which may be a custom domain).
      type: str
      sample: https://portal.sftptogo.com/p/shares/BSsdas5CBscVy
    path:
      description: The shared file or folder (a folder ends with C(/)).
      type: str
      sample: /outgoing/acme/
    type:
      description: Always C(share).
      type: str
      sample: share
    permission:
      description: What visitors may do.
      type: str
      sample: read-only
    expires_at:
      description: Epoch milliseconds after which the link stops working; C(null) when it never expires.
      type: int
      sample: 1798761599000
    access_limit:
      description: The maximum number of accesses; C(0) is unlimited.
      type: int
      sample: 100
    access_count:
      description: How many times the link was accessed.
      type: int
      sample: 4
    password:
      description: The password (masked), when the API returns it or this task set it.
      type: str
      sample: VALUE_SPECIFIED_IN_NO_LOG_PARAMETER
    notes:
      description: The notes; C(null) when there are none.
      type: str
      sample: ACME Q1 reports
    state:
      description: The state of the link as the service reports it, e.g. C(active).
      type: str
      sample: active
    created_by:
      description: Who created the link (its shape depends on how the link was created).
      type: dict
      sample: {type: Account, id: fas9e769-5033-413c-ade8-2d0620da824b, email: admin@example.com, name: Admin User}
    organization_id:
      description: The Id of the organization.
      type: str
      sample: 97285e07-09fd-42de-a1d0-997a0818310a
    created_at:
      description: Epoch milliseconds of the creation.
      type: int
      sample: 1739117646540
    updated_at:
      description: Epoch milliseconds of the last change.
      type: int
      sample: 1739120350624
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._module import new_module, run_engine
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._share_link import MODULE_OPTIONS, SHARE_LINK, ShareLinkEngine


def main():
    module = new_module(AnsibleModule, **MODULE_OPTIONS)
    run_engine(module, ShareLinkEngine, SHARE_LINK)


if __name__ == '__main__':
    main()
