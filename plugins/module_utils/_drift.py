# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The drift of an organization as data (what each engine did or would do, secrets hidden) and its plan_id."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import hmac
import json

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _render

PLAN_VERSION = 1


def drift_entry(item, intended=False):
    """The drift of one organization item after its engine ran (None when it did or would do nothing).

    Without ``intended``, what it did: a write that failed is not in it (a create answered 400 is not counted as
    created). With ``intended``, what it set out to do (the plan), also when a write failed or found its object
    already gone; before a write, what the item is about to do.
    """
    engine = item.engine
    if intended and not engine.action and engine.found and engine.params.get('state') == 'absent' and not item.error:
        # a removal before its DELETE, or one answered 404 at once (gone since the read): still what it set out to do
        return dict(kind=item.kind, name=item.name, action='remove', id=engine.found.get('Id'), reason=item.reason)
    if not engine.action or not (intended or engine.changed):
        return None
    entry = dict(kind=item.kind, name=item.name, action=engine.action)
    current = engine.found or (item.result if isinstance(item.result, dict) else {})
    if current.get('Id'):
        entry['id'] = current['Id']
    if engine.action == 'remove':
        entry['reason'] = item.reason
    else:
        entry['changes'] = _render.changes(engine.changes, engine.action)
        if engine.reason:
            entry['reason'] = engine.reason
        if not intended:
            entry.update(engine.details)  # what was done or would be; a plan compares its changes only
    return entry


def within(entry, approved):
    """Whether ``entry`` (what an item is about to do, a plan entry) is part of ``approved`` (what the approved plan
    shows for that item): the same item, action and object, and no change that ``approved`` lacks.

    A part, not all: a credential's PATCH comes before its password rotation, each confirmed in turn.
    """
    if entry is None or approved is None:
        return False

    def item_of(plan_entry):
        return dict((key, value) for key, value in plan_entry.items() if key != 'changes')

    changes = approved.get('changes', {})
    return (item_of(entry) == item_of(approved)
            and all(option in changes and changes[option] == change for option, change in entry.get('changes', {}).items()))


# -- the plan: one digest of the drift ------------------------------------------------------------

def plan_entry(item, secret_digest):
    """What one item's drift puts in the plan: the drift entry without what check mode cannot know.

    Ids of objects a run creates (the credential of new keys too: ``made_here``) and generated values are unknown
    at plan time, so they stay out; a secret enters as ``secret_digest(option, value)``, never in clear.
    """
    entry = drift_entry(item, intended=True)
    if entry is None:
        return None
    if item.made_here():
        entry.pop('id', None)
    if entry['action'] != 'remove':
        entry.pop('reason', None)  # 'rotate password (N days old, ...)': its change is in the plan, its age grows daily
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
    display = _render.value(field, value, 'drift')
    if json.dumps(display, sort_keys=True, default=str) == raw:
        return display
    return dict(shown=display, digest=secret_digest(option, raw))


def secret_digester(organization_id, api_key):
    """``secret_digest(option, value)`` of plan_entry: an HMAC keyed with the API key, so that the published id tells
    nothing of a secret, not even to someone who can guess every other part of the plan."""
    def secret_digest(option, value):
        message = '%s\0%s\0%s' % (organization_id, option, value)
        return 'hmac-sha256:' + hmac.new((api_key or '').encode('utf-8'), message.encode('utf-8'), hashlib.sha256).hexdigest()
    return secret_digest


def plan_material(organization_id, api_key, items):
    """The text the plan_id digests: the organization, then every item's plan entry, sorted (order and time play no part)."""
    secret_digest = secret_digester(organization_id, api_key)
    entries = [entry for entry in (plan_entry(item, secret_digest) for item in items if item.engine) if entry]
    lines = sorted(json.dumps(entry, sort_keys=True, default=str) for entry in entries)
    return json.dumps(dict(version=PLAN_VERSION, organization=organization_id, drift=lines), sort_keys=True)


def plan_id(organization_id, api_key, items):
    """The plan_id of what ``items`` did or would do: sha256 hex of plan_material()."""
    return hashlib.sha256(plan_material(organization_id, api_key, items).encode('utf-8')).hexdigest()
