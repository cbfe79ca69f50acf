# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A credential's inbound rules (its allow-list, Settings.Network.InboundRules): their option spec, how they are
checked, compared as a set, shown, and PATCHed keeping the server's rule Ids."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._field import Field
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._network import canonical_source, canonical_source_or_raw

PROTOCOLS = ['*', 'SFTP', 'FTPS']
RULE_KEYS = ('Id', 'Action', 'Protocol', 'Source', 'State', 'Description')
RULE_SPEC = dict(
    source=dict(type='str', required=True),
    protocol=dict(type='str', default='*', choices=PROTOCOLS),
    description=dict(type='str'),
    enabled=dict(type='bool', default=True),
)


def rules_to_api(rules):
    """API inbound rules for the inbound_rules option, validating each source."""
    api_rules = []
    for index, rule in enumerate(rules):
        try:
            source = canonical_source(rule['source'])
        except ValueError:
            raise ValueError('inbound_rules[%d].source must be an IP address or a CIDR range such as 203.0.113.0/24; '
                             'got %r' % (index, rule['source']))
        api_rule = {'Action': 'allow', 'Protocol': rule['protocol'], 'Source': source,
                    'State': 'enabled' if rule['enabled'] else 'disabled'}
        if rule.get('description') is not None:
            api_rule['Description'] = rule['description']
        api_rules.append(api_rule)
    return api_rules


def rule_identity(rule):
    """What makes two rules the same rule: everything but the server's Id."""
    return (rule.get('Protocol') or '*', canonical_source_or_raw(rule.get('Source')), rule.get('Action') or 'allow',
            rule.get('State') or 'enabled', rule.get('Description') or '')


def rules_canonical(rules):
    """Inbound rules as a set (order and duplicates never count; no rules = empty)."""
    return frozenset(rule_identity(rule) for rule in rules or [] if isinstance(rule, dict))


def rules_display(rules):
    """Inbound rules in option form, sorted by source, protocol and description (an empty description is none)."""
    shown = []
    for protocol, source, dummy, state, description in sorted(
            rules_canonical(rules), key=lambda rule: (rule[1], rule[0], rule[4], rule[3])):
        shown.append(dict(source=source, protocol=protocol, enabled=state == 'enabled'))
        if description:
            shown[-1]['description'] = description
    return shown


def rules_brief(rules):
    """Inbound rules as a drift line reads them: one short string each."""
    return ['%s %s%s%s' % (rule['source'], rule['protocol'], ' "%s"' % rule['description'] if rule.get('description')
                           else '', '' if rule['enabled'] else ' disabled') for rule in rules]


def rules_keeping_ids(desired_rules, current):
    """The full rule list to PATCH, re-using the server's rule (and its Id) for every rule that did not change."""
    kept = dict((rule_identity(rule), rule) for rule in INBOUND_RULES.read(current) or [] if isinstance(rule, dict))
    result, seen = [], set()
    for rule in desired_rules:
        identity = rule_identity(rule)
        if identity in seen:
            continue
        seen.add(identity)
        existing = kept.get(identity)
        result.append(dict((key, existing[key]) for key in RULE_KEYS if key in existing) if existing else rule)
    return result


INBOUND_RULES = Field('inbound_rules', 'Settings.Network.InboundRules', to_api=rules_to_api,
                      canonical=rules_canonical, display=rules_display, brief=rules_brief, on_create=False,
                      to_patch=rules_keeping_ids)
