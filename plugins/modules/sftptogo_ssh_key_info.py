#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: sftptogo_ssh_key_info
short_description: List the SSH public keys of an SFTP To Go credential
version_added: 0.1.0
description:
  - List the SSH public keys that may log in as one credential of an SFTP To Go organization. Never changes anything.
  - A credential that does not exist fails the task (rather than returning an empty list), so a typing error in
    O(credential_id) or O(username) is not mistaken for a credential without keys.
  - Public keys hold no secret, so unlike the other C(_info) modules this one has no C(show_secrets) option.
author:
  - sftptogo.sftptogo maintainers (@sftptogo)
extends_documentation_fragment:
  - sftptogo.sftptogo.auth
  - sftptogo.sftptogo.attributes.info_module
options:
  credential_id:
    description:
      - The Id of the credential. Only its key list is read (one request).
      - Exactly one of O(credential_id) and O(username) is required.
    type: str
  username:
    description:
      - The login name of the credential, found with one list of the credentials.
    type: str
seealso:
  - module: sftptogo.sftptogo.sftptogo_ssh_key
'''

EXAMPLES = r'''
- name: The keys of a partner login
  sftptogo.sftptogo.sftptogo_ssh_key_info:
    username: acme-partner-01
  register: acme_keys

- name: Their fingerprints
  ansible.builtin.debug:
    msg: "{{ acme_keys.ssh_keys | map(attribute='fingerprint') | list }}"
'''

RETURN = r'''
ssh_keys:
  description:
    - The keys of the credential, as the API returns them in snake_case and in the order it lists them.
    - The same list is also returned as C(keys). Prefer RV(ssh_keys); read the other one as C(result['keys']),
      since in Jinja2 C(result.keys) is the C(keys) method of the dictionary.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The Id of the key.
      type: str
      sample: 97285e07-09fd-42de-a1d0-997a0818310a
    user_id:
      description: The Id of the credential.
      type: str
      sample: cfc211269c8c0f925c64b1a223d8eb
    ssh_public_key_body:
      description: The public key line.
      type: str
      sample: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIL8DLGjHdEH76mSskhyxKAGoMKE5RwHG9Qi5KP5owXJa alice@laptop
    fingerprint:
      description: The fingerprint, as the service computed it.
      type: str
      sample: SHA256:xrVv7ETBmA2vjufSF1pVwuO/I2u23kXxEV7fH2R+BTE
    type:
      description: The kind of key, as the service names it (V(rsa) for C(ssh-rsa)).
      type: str
      sample: ed25519
    comment:
      description: The comment of the key line (empty when it has none).
      type: str
      sample: alice@laptop
    created_at:
      description: Epoch milliseconds of the addition.
      type: int
      sample: 1617354664883
    updated_at:
      description: Epoch milliseconds of the last change.
      type: int
      sample: 1617354664883
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._ssh_key_module import INFO_MODULE_OPTIONS, keys_info
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._module import new_module, run_main


def main():
    module = new_module(AnsibleModule, **INFO_MODULE_OPTIONS)
    run_main(module, lambda client: keys_info(client, module.params))


if __name__ == '__main__':
    main()
