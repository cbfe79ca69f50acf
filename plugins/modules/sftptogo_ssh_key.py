#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: sftptogo_ssh_key
short_description: Manage the SSH public keys that may log in as an SFTP To Go credential
version_added: 0.1.0
description:
  - Add and remove the SSH public keys of an SFTP To Go credential, the way M(ansible.posix.authorized_key)
    manages the keys of a Unix user.
  - A key is identified by its type and its base64 data (its fingerprint); the comment and the whitespace never
    count. A key that is already there under another comment is not a change, and its comment is left as it is
    (the API cannot update a key; to change the comment, remove the key and add it again).
  - Every key is checked before any request is sent; a malformed one fails the task, naming its line and what is wrong.
  - Keys are added before any is removed, so a failure half-way never leaves fewer keys than asked for.
author:
  - sftptogo.sftptogo maintainers (@sftptogo)
extends_documentation_fragment:
  - sftptogo.sftptogo.auth
  - sftptogo.sftptogo.attributes
options:
  state:
    description:
      - V(present) adds the keys of O(key) that the credential lacks.
      - V(absent) removes the keys of O(key), or the key O(id); a key that is not there is not a change.
    type: str
    choices: [present, absent]
    default: present
  credential_id:
    description:
      - The Id of the credential whose keys are managed; an Id that does not exist fails the task.
      - Exactly one of O(credential_id) and O(username) is required.
    type: str
  username:
    description:
      - The login name of the credential whose keys are managed; a username no credential has fails the task.
      - Costs one request more than O(credential_id).
    type: str
  key:
    description:
      - OpenSSH public keys, one per line, as in a C(.pub) file (C(<type> <base64 data> [comment])). Blank and
        C(#) lines are ignored; the comment never counts.
      - 'Types: V(ssh-rsa), V(ssh-ed25519), V(ecdsa-sha2-nistp256), V(ecdsa-sha2-nistp384), V(ecdsa-sha2-nistp521)
        and the security-key types V(sk-ssh-ed25519@openssh.com), V(sk-ecdsa-sha2-nistp256@openssh.com).'
      - Required with O(state=present). With O(state=absent), give O(key) or O(id).
    type: str
  id:
    description:
      - The Id of one key to remove with O(state=absent). Cannot be combined with O(key).
    type: str
  exclusive:
    description:
      - Also remove every key not in O(key), so the credential has exactly these keys. Only with O(state=present).
    type: bool
    default: false
  allow_empty_purge:
    description:
      - With O(exclusive=true), let a O(key) without key lines remove every key of the credential. Otherwise such a
        O(key) (a variable that renders empty, for example) fails before any request.
    type: bool
    default: false
    version_added: 0.2.0
notes:
  - The diff shows the credential's keys before and after the task, each as its fingerprint and comment.
  - In check mode only V(GET) requests are sent; RV(added) and RV(removed) say what a real run would do, and
    RV(ssh_keys) lists the keys that would be added without the fields the service assigns (C(id), C(type), C(created_at)).
  - If the response to adding a key is lost (a time-out, a reset connection, an HTTP 5xx), the key may have been
    added anyway; the module lists the keys again and adopts the key when it is there, so a key is never added twice.
seealso:
  - module: sftptogo.sftptogo.sftptogo_ssh_key_info
  - module: sftptogo.sftptogo.sftptogo_credential
  - module: ansible.posix.authorized_key
'''

EXAMPLES = r'''
- name: Let Alice log in as the partner credential with her key
  sftptogo.sftptogo.sftptogo_ssh_key:
    username: acme-partner-01
    key: "{{ lookup('ansible.builtin.file', 'keys/alice.pub') }}"

- name: Exactly these two keys, every other key of the credential removed
  sftptogo.sftptogo.sftptogo_ssh_key:
    credential_id: cfc211269c8c0f925c64b1a223d8eb
    key: |
      # deploy pipeline
      ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIL8DLGjHdEH76mSskhyxKAGoMKE5RwHG9Qi5KP5owXJa ci-deploy
      ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINuJznr4V9lrpVji7npWwbh8eoDJRcrD4O6h5UVtWO45 backup
    exclusive: true

- name: Keys from a list variable
  sftptogo.sftptogo.sftptogo_ssh_key:
    username: acme-partner-01
    key: "{{ partner_public_keys | join('\n') }}"

- name: Bob left; remove his key
  sftptogo.sftptogo.sftptogo_ssh_key:
    username: acme-partner-01
    key: "{{ lookup('ansible.builtin.file', 'keys/bob.pub') }}"
    state: absent

- name: Remove a key by its Id
  sftptogo.sftptogo.sftptogo_ssh_key:
    username: acme-partner-01
    id: 97285e07-09fd-42de-a1d0-997a0818310a
    state: absent
'''

RETURN = r'''
ssh_keys:
  description:
    - The keys of the credential after the task (predicted in check mode), as the API returns them in snake_case,
      in the order the API lists them followed by the keys this task added.
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
added:
  description:
    - The OpenSSH SHA256 fingerprints (as C(ssh-keygen -lf) prints them) of the keys this task added, or would add
      in check mode.
  returned: always
  type: list
  elements: str
  sample: [SHA256:xrVv7ETBmA2vjufSF1pVwuO/I2u23kXxEV7fH2R+BTE]
removed:
  description:
    - The OpenSSH SHA256 fingerprints of the keys this task removed, or would remove in check mode.
  returned: always
  type: list
  elements: str
  sample: [SHA256:L3BH92lEIX12IiEkdzgq6l4aOMKZrOBMKpfC30+OkJU]
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._module import new_module, run_engine
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._ssh_key_module import MODULE_OPTIONS, SSH_KEYS, SshKeyModuleEngine


def main():
    module = new_module(AnsibleModule, **MODULE_OPTIONS)
    run_engine(module, SshKeyModuleEngine, SSH_KEYS)


if __name__ == '__main__':
    main()
