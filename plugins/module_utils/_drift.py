# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The drift of an organization as data (what each engine did or would do, secrets hidden) and as readable lines."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

HIDDEN = '(hidden)'


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
            result[option] = dict(before=HIDDEN if before else None, after='(hidden, changed)')
        else:
            result[option] = dict(before=shown(field, before), after=shown(field, after))
    return result


def drift_entry(item):
    """The drift of one organization item after its engine ran (None when it did or would do nothing)."""
    engine = item.engine
    if item.kind == 'ssh_keys':
        if not (engine.added or engine.removed):
            return None
        return dict(kind='ssh_keys', name=item.name, action='update', id=engine.credential_id,
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
        if entry['kind'] == 'ssh_keys':
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
