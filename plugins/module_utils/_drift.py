# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The drift of an organization as data (before/after per option, secrets hidden) and as readable lines."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


def shown(field, value):
    """What the drift shows of an API value (inbound rules as one short string each)."""
    display = field.shown(value)
    if field.option == 'inbound_rules':
        return ['%s %s%s%s' % (rule['source'], rule['protocol'], ' "%s"' % rule['description'] if rule['description'] else '',
                               '' if rule['enabled'] else ' disabled') for rule in display or []]
    return display


def changes(desired, current, differs):
    """{option: {before, after}} of the fields that differ (secrets as '(hidden)')."""
    result = {}
    for field, value in desired:
        if current is not None and not differs(field, value, current):
            continue
        before = None if current is None else shown(field, field.read(current))
        after = shown(field, value)
        if field.secret:
            before, after = ('(hidden)' if before else None), '(hidden, changed)'
        result[field.option] = dict(before=before, after=after)
    return result


def _value(value):
    if isinstance(value, list):
        return '[%s]' % ', '.join(str(v) for v in value)
    return 'null' if value is None else str(value)


def summary_lines(drift):
    """One readable line per difference, in the order of the plan."""
    lines = []
    for entry in drift:
        label = '%s %s' % (entry['kind'].replace('_', ' '), entry['name'])
        if entry['kind'] == 'ssh_keys':
            parts = ['add %s' % fp for fp in entry['added']] + ['remove %s' % fp for fp in entry['removed']]
            lines.append('%s: %s' % (label.replace('ssh keys', 'ssh keys of credential'), ', '.join(parts)))
        elif entry['action'] == 'remove':
            lines.append('%s: remove (id %s, %s)' % (label, entry['id'], entry['reason']))
        else:
            parts = []
            for option in sorted(entry['changes']):
                change = entry['changes'][option]
                if entry['action'] == 'create':
                    parts.append('%s=%s' % (option, _value(change['after'])))
                else:
                    parts.append('%s: %s -> %s' % (option, _value(change['before']), _value(change['after'])))
            lines.append('%s: %s%s' % (label, entry['action'], (' ' + '; '.join(parts)) if parts else ''))
    return lines
