# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The drift of an organization as data (what each engine did or would do, secrets hidden) and as readable lines."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import hmac
import json

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._table import shown_secret

PLAN_VERSION = 1


def shown(field, value):
    """What the drift shows of an API value (inbound rules as one short string each)."""
    display = field.shown(value)
    if field.option == 'inbound_rules':
        return ['%s %s%s%s' % (rule['source'], rule['protocol'], ' "%s"' % rule['description'] if rule['description'] else '',
                               '' if rule['enabled'] else ' disabled') for rule in display or []]
    return display


def changes(engine_changes):
    """{option: {before, after}} of an engine's changes (secrets as '(hidden)')."""
    result = {}
    for option, (field, before, after) in engine_changes.items():
        if field.secret:
            result[option] = dict(before=shown_secret(before, style='drift'), after=shown_secret(after, True, 'drift'))
        else:
            result[option] = dict(before=shown(field, before), after=shown(field, after))
    return result


def drift_entry(item):
    """The drift of one organization item after its engine ran (None when it did or would do nothing)."""
    engine = item.engine
    if item.parent is not None:  # a set-valued sub-resource of its parent (a credential's keys): added and removed
        if not (engine.added or engine.removed):
            return None
        return dict(kind=item.kind, name=item.name, action='update', id=engine.credential_id,
                    added=list(engine.added), removed=list(engine.removed))
    if not engine.action:
        return None
    entry = dict(kind=item.kind, name=item.name, action=engine.action)
    current = engine.found or (item.result if isinstance(item.result, dict) else {})
    if current.get('Id'):
        entry['id'] = current['Id']
    if engine.action == 'remove':
        entry['reason'] = item.reason
    else:
        entry['changes'] = changes(engine.changes)
    return entry


def is_set(entry):
    """Whether a drift entry is the change of a set (a credential's keys: added, removed), not of one item."""
    return 'added' in entry


def _value(value):
    if isinstance(value, list):
        return '[%s]' % ', '.join(str(v) for v in value)
    return 'null' if value is None else str(value)


def header(drift, check_mode, failures):
    """The first line of the summary: what differs, or what was done."""
    counts = tuple(len([entry for entry in drift if entry['action'] == action]) for action in ('create', 'update', 'remove'))
    failed = ' %d failed (below).' % len(failures) if failures else ''
    if not drift:
        return ('Nothing to change in the items that could be read;' + failed if failures
                else 'No drift: the organization matches the declaration.')
    if check_mode:
        return 'Drift (check mode, nothing was changed): %d to create, %d to change, %d to remove.' % counts + failed
    return 'Drift corrected: %d created, %d changed, %d removed.' % counts + failed


def summary_lines(drift, check_mode=True, failures=()):
    """A header, then one readable line per difference, then one per failure."""
    lines = [header(drift, check_mode, failures)]
    for entry in drift:
        label = '%s %s' % (entry['kind'].replace('_', ' '), entry['name'])
        if is_set(entry):
            parts = ['add %s' % fp for fp in entry['added']] + ['remove %s' % fp for fp in entry['removed']]
            lines.append('%s: %s' % (label.replace('ssh keys', 'ssh keys of credential'), ', '.join(parts)))
        elif entry['action'] == 'remove':
            lines.append('%s: remove (id %s, %s)' % (label, entry.get('id'), entry['reason']))
        else:
            parts = []
            for option in sorted(entry['changes']):
                change = entry['changes'][option]
                if entry['action'] == 'create':
                    parts.append('%s=%s' % (option, _value(change['after'])))
                else:
                    parts.append('%s: %s -> %s' % (option, _value(change['before']), _value(change['after'])))
            lines.append('%s: %s%s' % (label, entry['action'], (' ' + '; '.join(parts)) if parts else ''))
    return lines + ['failed: %s' % failure['message'] for failure in failures]


# -- the plan: one digest of the drift ------------------------------------------------------------

def plan_entry(item, secret_digest):
    """What one item's drift puts in the plan: the drift entry without what check mode cannot know.

    Ids of objects a run creates (the credential of new keys too) and generated values are unknown at
    plan time, so they stay out; a secret enters as ``secret_digest(option, value)``, never in clear.
    """
    entry = drift_entry(item)
    engine = item.engine
    if entry is None and item.parent is None and engine.found and engine.params.get('state') == 'absent' and not item.error:
        # a DELETE answered 404 at once (gone since the read) is no change, but it was in the plan
        entry = dict(kind=item.kind, name=item.name, action='remove', id=engine.found.get('Id'), reason=item.reason)
    if entry is None:
        return None
    created = item.engine.created if item.parent is None else item.parent.engine.created
    if created:
        entry.pop('id', None)
    if is_set(entry):
        entry['added'], entry['removed'] = sorted(entry['added']), sorted(entry['removed'])
    for option, (field, before, after) in (item.engine.changes.items() if 'changes' in entry else ()):
        entry['changes'][option] = dict((side, planned(field, option, value, secret_digest))
                                        for side, value in (('before', before), ('after', after)))
    return entry


def planned(field, option, value, secret_digest):
    """One before or after value in the plan: as the drift shows it, plus a digest of what it hides.

    A secret is only its digest; a value the drift shows transformed (a Slack URL masked, a date
    reformatted) adds the digest of the API value, so that a change the drift cannot show still counts.
    """
    if value is None:
        return None
    raw = json.dumps(value, sort_keys=True, default=str)
    if field.secret:
        return dict(digest=secret_digest(option, raw))
    display = shown(field, value)
    if json.dumps(display, sort_keys=True, default=str) == raw:
        return display
    return dict(shown=display, digest=secret_digest(option, raw))


def plan_material(organization_id, api_key, items):
    """The text the plan_id digests: the organization, then every item's plan entry, sorted (order and time play no part).

    A secret enters as an HMAC keyed with the API key, so that the published id tells nothing of it,
    not even to someone who can guess every other part of the plan.
    """
    def secret_digest(option, value):
        message = '%s\0%s\0%s' % (organization_id, option, value)
        return 'hmac-sha256:' + hmac.new((api_key or '').encode('utf-8'), message.encode('utf-8'), hashlib.sha256).hexdigest()

    entries = [entry for entry in (plan_entry(item, secret_digest) for item in items if item.engine) if entry]
    lines = sorted(json.dumps(entry, sort_keys=True, default=str) for entry in entries)
    return json.dumps(dict(version=PLAN_VERSION, organization=organization_id, drift=lines), sort_keys=True)


def plan_id(organization_id, api_key, items):
    """The plan_id of what ``items`` did or would do: sha256 hex of plan_material()."""
    return hashlib.sha256(plan_material(organization_id, api_key, items).encode('utf-8')).hexdigest()
