#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: sftptogo_webhook_info
short_description: List SFTP To Go webhooks
version_added: 0.1.0
description:
  - List the webhooks (webhook, Slack, Microsoft Teams and e-mail notifications) of an SFTP To Go organization,
    optionally filtered. Never changes anything.
  - The API has no request that reads one webhook, so the webhooks are always listed and filtered here; an unknown
    O(id) gives an empty list.
  - The signing secret of a webhook is never returned (the API shows it only when the webhook is created; see
    M(sftptogo.sftptogo.sftptogo_webhook)).
author:
  - sftptogo.sftptogo maintainers (@sftptogo)
extends_documentation_fragment:
  - sftptogo.sftptogo.auth
  - sftptogo.sftptogo.attributes.info_module
options:
  id:
    description:
      - Only the webhook with this Id.
    type: str
  alias:
    description:
      - Only webhooks with this alias (V("") selects the webhooks without one).
    type: str
  show_secrets:
    description:
      - Return authorization headers in clear text instead of masked.
      - Set C(no_log=true) on a task that uses this.
    type: bool
    default: false
seealso:
  - module: sftptogo.sftptogo.sftptogo_webhook
'''

EXAMPLES = r'''
- name: All webhooks of the organization
  sftptogo.sftptogo.sftptogo_webhook_info:
  register: all_webhooks

- name: Webhooks the service has paused after failed deliveries
  ansible.builtin.debug:
    msg: "{{ all_webhooks.webhooks | selectattr('state', 'equalto', 'paused') | map(attribute='alias') | list }}"

- name: One webhook with its authorization header
  sftptogo.sftptogo.sftptogo_webhook_info:
    alias: Ingest pipeline
    show_secrets: true
  register: ingest
  no_log: true
'''

RETURN = r'''
webhooks:
  description:
    - The matching webhooks, as the API returns them in snake_case, without the signing secret.
    - C(authorization_header) is masked (when set) unless O(show_secrets=true).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 6b1c6f0c-52c1-47a6-9344-57a4579ced68
      alias: Ingest pipeline
      url: https://hooks.example.com/sftptogo
      type: webhook
      authorization_header: VALUE_SPECIFIED_IN_NO_LOG_PARAMETER
      topics: [file.created, file.deleted]
      state: enabled
      organization_id: 72e9cf24-be8c-4f15-9aa2-813281fb98fe
      created_at: 1561888254653
      updated_at: 1561888254653
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._module import new_module, run_info
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._webhook import INFO_ARGUMENT_SPEC, WEBHOOK


def main():
    module = new_module(AnsibleModule, INFO_ARGUMENT_SPEC, supports_check_mode=True)
    run_info(module, WEBHOOK, ('id', 'alias'), 'webhooks')


if __name__ == '__main__':
    main()
