# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""How values, changes and secrets are shown: the one renderer.

The module diffs, the organization's drift, diff and summary, the messages and the export all ask here
how a field's value reads, so a secret has one rule and each place one form. It knows Fields and drift
entries by their attributes and imports nothing of the collection, so every layer may use it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

NO_LOG_MASK = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
MESSAGE_MASK = '********'

# What each place shows of a secret: (one that is set, one a change sets, one a create sets). interface.md pins
# each form: results and module diffs use Ansible's no_log mask; the drift and its summary, read as sentences,
# say hidden (a create sets the secret, so it reads as changed there); messages are redacted inside their text.
SECRET_FORMS = dict(
    diff=(NO_LOG_MASK, NO_LOG_MASK + ' (changed)', NO_LOG_MASK),
    drift=('(hidden)', '(hidden, changed)', '(hidden, changed)'),
    message=(MESSAGE_MASK, MESSAGE_MASK, MESSAGE_MASK),
)
# A URL that carries a token (_token): its scheme and host, then a digest of the whole URL, so that a change of
# token shows and the token does not.
TOKEN_URL_FORM = '%s://%s/\u2026 (digest %s)'
ACTIONS = ('create', 'update', 'remove')
OMITTED = 'omitted'  # a secret key that results leave out unless a reveal returns it (a webhook's signing secret)


def secret(value, place='diff', change=None):
    """A secret as ``place`` shows it: None when unset, else its mask; ``change`` ('update', 'create') when a change
    sets it."""
    is_set, updated, created = SECRET_FORMS[place]
    if change is not None:
        return created if change == 'create' else updated
    return is_set if value else None


def token_url(scheme, host, digest):
    """A URL that carries a token as every place shows it (no host: only the digest)."""
    return TOKEN_URL_FORM % (scheme, host, digest) if host else '\u2026 (digest %s)' % digest


def value(field, api_value, place='diff'):
    """An API value of ``field`` as ``place`` shows it: a secret masked, else its option form (a drift line reads
    the field's brief form, such as an inbound rule as one string)."""
    if field.secret:
        return secret(api_value, place)
    shown = field.display(api_value)
    if place == 'drift' and field.brief is not None and shown is not None:
        return field.brief(shown)
    return shown


def change(field, before, after, place='diff', action='update'):
    """(before, after) of a field that a create or an update (``action``) changes, as ``place`` shows them (a secret
    a change clears, such as a share link's password removed with '', reads null in a module diff)."""
    if field.secret:
        cleared = place == 'diff' and after is None
        return secret(before, place), None if cleared else secret(after, place, change=action)
    return value(field, before, place), value(field, after, place)


def module_diff(shown, action):
    """A module's diff from what its engine compared: ``shown`` option -> (field, before, after, changed) as API values
    (the field as the places show it); ``action`` its engine's (a create has no before, a removal no after)."""
    diff = {'before': {}, 'after': {}}
    for option, (field, before, after, changed) in shown.items():
        if changed:
            diff['before'][option], diff['after'][option] = change(field, before, after, action=action)
        else:
            diff['before'][option] = diff['after'][option] = value(field, before)
    if action in ('create', 'remove'):
        diff['before' if action == 'create' else 'after'] = {}
    return diff


def changes(engine_changes, action, place='drift'):
    """{option: {before, after}} of an engine's changes (option -> (field, before, after) as API values)."""
    return dict((option, dict(zip(('before', 'after'), change(field, before, after, place, action))))
                for option, (field, before, after) in engine_changes.items())


def result(obj, secret_forms, revealed=(), show_secrets=False):
    """An API object as the modules return it, in snake_case, each secret key as ``secret_forms`` says (key -> None:
    masked when set; OMITTED: left out; else a function of the value, such as a URL masked after its host).

    A key of ``revealed`` (this run made the secret) is returned in clear, and ``show_secrets`` (the _info modules'
    option) returns every secret but the OMITTED ones; an empty secret is never revealed.
    """
    if not obj:
        return {}
    obj = copy.deepcopy(obj)
    for key, form in secret_forms.items():
        held = obj.get(key)
        if key not in obj or held and (key in revealed or show_secrets and form != OMITTED):
            continue
        if form == OMITTED:
            del obj[key]
        elif form is None:
            obj[key] = NO_LOG_MASK if held else held
        elif isinstance(held, str):
            obj[key] = form(held)
    return camel_dict_to_snake_dict(obj)


def exported(resource, field, obj):
    """The value an export declares for ``field`` of API object ``obj``: exactly its option form, or None (left out)
    for a secret, a token URL included, and for an empty value. Never a mask: converging the export must not write
    one over a real value."""
    if resource.secret_in(field, obj):
        return None
    shown = field.display(field.read(obj))
    return None if shown in (None, '') else shown


# -- a drift (entries: kind, name, action, changes or reason, id) as a diff and as lines ---------------------------

def drift_diff(drift):
    """The drift as a module diff: before and after of every differing option, by item (secrets as the drift shows them)."""
    diff = {'before': {}, 'after': {}}
    for entry in drift:
        name = '%s %s' % (entry['kind'], entry['name'])
        if entry['action'] == 'remove':
            diff['before'][name], diff['after'][name] = {'id': entry.get('id')}, None
        else:
            diff['before'][name] = dict((option, change['before']) for option, change in entry['changes'].items())
            diff['after'][name] = dict((option, change['after']) for option, change in entry['changes'].items())
    return diff


def added_and_removed(changes):
    """A set's update as a summary line reads it: 'add X, remove Y' (its change: the members before and after, each
    member counted as often as it is there, so a copy on the server that goes is a removal)."""
    (change,) = changes.values()
    removed, added = list(change['before'] or []), []
    for member in change['after'] or []:
        if member in removed:
            removed.remove(member)  # kept
        else:
            added.append(member)
    return ', '.join(['add %s' % member for member in added] + ['remove %s' % member for member in removed])


def _text(shown):
    """A shown value inside a summary line."""
    if isinstance(shown, list):
        return '[%s]' % ', '.join(str(item) for item in shown)
    return 'null' if shown is None else str(shown)


def header(drift, check_mode, failures):
    """The first line of the summary: what differs, or what was done."""
    counts = tuple(len([entry for entry in drift if entry['action'] == action]) for action in ACTIONS)
    failed = ' %d failed (below).' % len(failures) if failures else ''
    if not drift and failures:
        # a real run's drift is what it wrote: an item whose write failed is only in the failures
        return ('Nothing to change in the items that could be read;' if check_mode else 'Nothing was changed;') + failed
    if not drift:
        return 'No drift: the organization matches the declaration.'
    if check_mode:
        return 'Drift (check mode, nothing was changed): %d to create, %d to change, %d to remove.' % counts + failed
    return 'Drift corrected: %d created, %d changed, %d removed.' % counts + failed


def entry_line(entry, label, reading=None):
    """One drift entry as a summary line; ``label`` names its kind ('ssh keys of credential'), ``reading`` (its
    descriptor's, when it has one: a set's added_and_removed) says how its update reads."""
    name = '%s %s' % (label, entry['name'])
    if reading is not None and entry['action'] == 'update':
        return '%s: %s' % (name, reading(entry['changes']))
    if entry['action'] == 'remove':
        return '%s: remove (id %s, %s)' % (name, entry.get('id'), entry['reason'])
    parts = []
    for option in sorted(entry['changes']):
        shown = entry['changes'][option]
        if entry['action'] == 'create':
            parts.append('%s=%s' % (option, _text(shown['after'])))
        else:
            parts.append('%s: %s -> %s' % (option, _text(shown['before']), _text(shown['after'])))
    if entry.get('reason'):
        parts.append(entry['reason'])
    return '%s: %s%s' % (name, entry['action'], (' ' + '; '.join(parts)) if parts else '')


def summary_lines(drift, check_mode=True, failures=(), labels=None, readings=None):
    """A header, then one readable line per difference, then one per failure. ``labels``: kind -> how a line names
    it (the descriptors' labels; a kind without one reads as its name with spaces); ``readings``: kind -> how its
    update reads, for the kinds whose descriptor says (entry_line)."""
    labels, readings = labels or {}, readings or {}
    lines = [header(drift, check_mode, failures)]
    lines.extend(entry_line(entry, labels.get(entry['kind']) or entry['kind'].replace('_', ' '), readings.get(entry['kind']))
                 for entry in drift)
    return lines + ['failed: %s' % failure['message'] for failure in failures]
