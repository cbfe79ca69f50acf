#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: sftptogo_webhook
short_description: Manage SFTP To Go webhook, Slack, Microsoft Teams and e-mail notifications
version_added: 0.1.0
description:
  - Create, update and delete the notifications (webhooks) an SFTP To Go organization sends when files are
    uploaded, deleted or downloaded.
  - The webhook is found by O(id), else by O(alias), else by O(url) and O(type). The API has no request that reads
    one webhook, so every lookup lists the webhooks and filters them. A lookup that matches more than one webhook
    fails and names their Ids; nothing is created or changed.
  - When O(alias) is given it is the identity of the webhook, even if another webhook has the same O(url) and
    O(type); a task that adds an O(alias) to a webhook found until then by its URL therefore creates a second webhook
    unless it also sets O(id).
  - Only the options the task sets are compared and changed; an option left out is never reset. Changes go out in
    one V(PATCH) that carries only the keys that differ.
  - An O(id) that does not exist fails with O(state=present); it never creates a webhook.
  - The signing secret of a webhook is shown by the API once, in the response to its creation; this module returns it
    in RV(webhook.secret) from the task that created the webhook, and never again.
author:
  - sftptogo.sftptogo maintainers (@sftptogo)
extends_documentation_fragment:
  - sftptogo.sftptogo.auth
  - sftptogo.sftptogo.attributes
options:
  state:
    description:
      - V(present) creates or updates the webhook, V(absent) deletes it; deleting one that does not exist is not a
        change.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - The Id of the webhook (a UUID). Finds the webhook; the other options then update it.
    type: str
  alias:
    description:
      - A name for the webhook, which this module uses to find it when O(id) is not given (more than one match
        fails). V("") removes the alias of a webhook found otherwise.
    type: str
  url:
    description:
      - Where notifications go. An C(https://) URL for V(webhook), and the channel's incoming-webhook URL for
        V(slack) and V(ms-teams); an e-mail address (also V(Name <address>)) for V(email).
      - Required to create a webhook.
      - With O(type), finds it when neither O(id) nor O(alias) is given.
    type: str
  type:
    description:
      - What kind of notification the webhook sends. Left out, a new webhook is a V(webhook) and an existing one
        keeps its type. A new type needs a O(url) that fits it.
    type: str
    choices: [webhook, slack, ms-teams, email]
  authorization_header:
    description:
      - The full C(Authorization) header value sent with every notification, for example V(Bearer 0123456789abcdef).
        It is secret and never shown. V("") removes it.
    type: str
  topics:
    description:
      - The events that trigger a notification, as a set (order and repeats never count; topics not listed are
        removed). Required, not empty, to create a webhook.
    type: list
    elements: str
    choices: [file.created, file.deleted, file.downloaded]
  enabled:
    description:
      - V(true) enables the webhook, V(false) pauses it. The service pauses a webhook after five failed deliveries
        in a row; V(true) resumes it.
    type: bool
notes:
  - The API returns the authorization header in clear text. This module masks it in its result and diff; use
    C(no_log=true) on a task that sets it if its value must not appear in the task's invocation either.
  - The signing secret lets a receiver check the C(X-Hub-Signature) header of each notification. Capture it with
    C(register) on the task that creates the webhook and set C(no_log=true) on that task, since the result holds it in
    clear text. It is not returned in check mode, by later runs, by M(sftptogo.sftptogo.sftptogo_webhook_info), or
    when the response to the create request was lost and the webhook was found again by listing (the task then
    warns; the console can rotate the secret).
  - A create request is never sent twice blindly. When it fails without a clear answer (timeout, lost connection,
    HTTP 5xx), the module lists the webhooks again and adopts the one it created.
seealso:
  - module: sftptogo.sftptogo.sftptogo_webhook_info
'''

EXAMPLES = r'''
- name: An HTTPS webhook with an authorization header; keep its signing secret
  sftptogo.sftptogo.sftptogo_webhook:
    alias: Ingest pipeline
    type: webhook
    url: https://hooks.example.com/sftptogo
    authorization_header: "Bearer {{ vault_ingest_token }}"
    topics:
      - file.created
      - file.deleted
  register: ingest_hook
  no_log: true

- name: Store the signing secret, only when the task above created the webhook
  ansible.builtin.copy:
    content: "{{ ingest_hook.webhook.secret }}"
    dest: /etc/ingest/sftptogo-signing-secret
    mode: "0600"
  when: ingest_hook.webhook.secret is defined
  no_log: true

- name: A Slack channel notified of uploads
  sftptogo.sftptogo.sftptogo_webhook:
    alias: Slack uploads
    type: slack
    url: "{{ vault_slack_incoming_webhook_url }}"
    topics: [file.created]

- name: A Microsoft Teams channel notified of downloads and deletions
  sftptogo.sftptogo.sftptogo_webhook:
    alias: Teams audit
    type: ms-teams
    url: "{{ vault_teams_incoming_webhook_url }}"
    topics: [file.downloaded, file.deleted]

- name: E-mail the operations team about deletions
  sftptogo.sftptogo.sftptogo_webhook:
    alias: Ops mail
    type: email
    url: Operations <ops@example.com>
    topics: [file.deleted]

- name: Resume the ingest webhook (the service pauses a webhook after failed deliveries)
  sftptogo.sftptogo.sftptogo_webhook:
    alias: Ingest pipeline
    enabled: true

- name: Pause a webhook found by its URL (type webhook when left out)
  sftptogo.sftptogo.sftptogo_webhook:
    url: https://hooks.example.com/sftptogo
    enabled: false

- name: Remove the e-mail notification
  sftptogo.sftptogo.sftptogo_webhook:
    alias: Ops mail
    state: absent
'''

RETURN = r'''
webhook:
  description:
    - The webhook after the task (predicted in check mode), as the API returns it in snake_case.
    - With O(state=absent), the webhook as it was before it was deleted (empty if there was none).
    - RV(webhook.authorization_header) is always masked.
  returned: always
  type: dict
  contains:
    id:
      description: The Id of the webhook.
      type: str
      sample: 6b1c6f0c-52c1-47a6-9344-57a4579ced68
    alias:
      description: The name of the webhook.
      type: str
      sample: Ingest pipeline
    url:
      description:
        - Where the notifications go (a URL, or an e-mail address for type C(email)).
        - A URL that carries a token (user info, a query or fragment value, a path segment that looks like a
          token, a known service) and the URL of a V(slack) or V(ms-teams) webhook show as their host and a digest,
          C(https://hooks.slack.com/… (digest 1a2b3c4d)).
      type: str
      sample: https://hooks.example.com/sftptogo
    type:
      description: V(webhook), V(slack), V(ms-teams) or V(email).
      type: str
      sample: webhook
    authorization_header:
      description: The C(Authorization) header sent with notifications, masked when set (empty when not).
      type: str
      sample: VALUE_SPECIFIED_IN_NO_LOG_PARAMETER
    topics:
      description: The subscribed events.
      type: list
      elements: str
      sample: [file.created, file.deleted]
    state:
      description: V(enabled) or V(paused).
      type: str
      sample: enabled
    secret:
      description:
        - The signing secret, in clear text. Set C(no_log=true) on the task.
      returned: only by the task that created the webhook, outside check mode, when the create response arrived
      type: str
      sample: 3e2f0a9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a39
    organization_id:
      description: The Id of the organization.
      type: str
      sample: 72e9cf24-be8c-4f15-9aa2-813281fb98fe
    created_at:
      description: Epoch milliseconds of the creation.
      type: int
      sample: 1561888254653
    updated_at:
      description: Epoch milliseconds of the last change.
      type: int
      sample: 1561888254653
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._module import new_module, run_engine
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._webhook import MODULE_OPTIONS, WEBHOOK, WebhookEngine


def main():
    module = new_module(AnsibleModule, **MODULE_OPTIONS)
    run_engine(module, WebhookEngine, WEBHOOK)


if __name__ == '__main__':
    main()
