# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Server-side activity the playbook does not cause (api-contract.md 4.8, 8.2): share-link accesses, webhook deliveries."""

import objects
from common import ApiError
from store import apply_changes

PAUSE_AFTER_FAILURES = 5


def _count(name, value):
    """A number of simulated events: an integer of at least 1."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ApiError(400, f'{name} must be an integer of at least 1')
    return value


def _expired(link, unit, now_ms):
    """True when the link's ExpiresAt (in the ``timestamp_unit``) has passed on the emulator clock."""
    expires_at = link.get('ExpiresAt')
    if not isinstance(expires_at, int) or isinstance(expires_at, bool):
        return False
    return expires_at * (1000 if unit == 's' else 1) <= now_ms


def _limit_reached(link):
    """True when the link has an AccessLimit (0 = unlimited) and AccessCount has reached it."""
    limit = link.get('AccessLimit')
    return isinstance(limit, int) and limit > 0 and link.get('AccessCount', 0) >= limit


def _accepted_accesses(link, count):
    """How many of ``count`` accesses the link serves before its AccessLimit turns the rest away."""
    limit = link.get('AccessLimit')
    if not isinstance(limit, int) or limit <= 0:
        return count
    return max(0, min(count, limit - link.get('AccessCount', 0)))


def access_link(store, config, link_id, count=1):
    """``count`` downloads or visits of share link ``link_id``; at its AccessLimit it is removed or deactivated.

    Refused (409, nothing counted) when the link is not active or has expired.
    """
    count = _count('count', count)
    link = objects.find(store, 'portal-links', link_id)
    if link.get('State') != 'active':
        raise ApiError(409, f"share link {link_id} is {link.get('State')}, not active: it serves no access")
    if _expired(link, config['timestamp_unit'], store.now_ms()):
        raise ApiError(409, f'share link {link_id} has expired (ExpiresAt has passed): it serves no access')
    accepted = _accepted_accesses(link, count)
    if accepted:
        apply_changes(link, {'AccessCount': link.get('AccessCount', 0) + accepted}, (), store.now_ms())
    result = {'accepted': accepted, 'refused': count - accepted, 'limit_reached': _limit_reached(link)}
    if not result['limit_reached']:
        return dict(result, link=objects.view(store, 'portal-links', link))
    # The API reference says a link is removed at its AccessLimit, the console documentation says deactivated.
    if config['share_link_limit_behavior'] == 'deactivate':
        apply_changes(link, {'State': 'inactive'}, (), store.now_ms())
        return dict(result, link=objects.view(store, 'portal-links', link))
    del store.links[link_id]
    return dict(result, link=None)


def _delivery_counts(failed, succeeded):
    """('failed' or 'succeeded', N) from exactly one of the two."""
    given = [(name, value) for name, value in (('failed', failed), ('succeeded', succeeded)) if value is not None]
    if len(given) != 1:
        raise ApiError(400, 'give exactly one of failed or succeeded (a number of deliveries)')
    name, value = given[0]
    return name, _count(name, value)


def record_delivery(store, webhook_id, succeeded):
    """Count one delivery of a webhook: a success clears the failure streak, the 5th failure in a row pauses it.

    Returns True when this failure paused the webhook; the streak then starts again from 0.
    """
    if succeeded:
        store.webhook_failures[webhook_id] = 0
        return False
    streak = store.webhook_failures.get(webhook_id, 0) + 1
    if streak < PAUSE_AFTER_FAILURES:
        store.webhook_failures[webhook_id] = streak
        return False
    store.webhook_failures[webhook_id] = 0
    apply_changes(store.webhooks[webhook_id], {'State': 'paused'}, (), store.now_ms())
    return True


def deliver_webhook(store, webhook_id, failed=None, succeeded=None):
    """Deliveries of an enabled webhook: a success clears the failure streak, the 5th failure in a row pauses it.

    Refused (409, nothing counted) when the webhook is not enabled. Pausing ends the streak, so a webhook
    resumed later pauses again after 5 new consecutive failures.
    """
    outcome, count = _delivery_counts(failed, succeeded)
    hook = objects.find(store, 'webhooks', webhook_id)
    if hook.get('State') != 'enabled':
        raise ApiError(409, f"webhook {webhook_id} is {hook.get('State')}, not enabled: it delivers nothing")
    attempted, paused = 0, False
    while attempted < count and not paused:
        paused = record_delivery(store, webhook_id, outcome == 'succeeded')
        attempted += 1
    return {'attempted': attempted, 'not_attempted': count - attempted, 'paused': paused,
            'consecutive_failures': store.webhook_failures[webhook_id],
            'webhook': objects.view(store, 'webhooks', hook)}
