# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The review_report filter (an access review as HTML, Markdown or JSON) and review_edited (was a report edited?)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: review_report
author: sftptogo.sftptogo contributors
version_added: 0.2.0
short_description: An access review of an SFTP To Go organization as a report a person reads
description:
  - Turns what M(sftptogo.sftptogo.sftptogo_organization_info) returned into one report with the number of findings
    per severity, the findings with how to fix each, and one table per kind (credentials, share links, webhooks).
  - V(html) is one self-contained file (inline CSS and SVG, no script, no external resource), readable on a phone;
    V(markdown) suits a ticket or a pull request; V(json) is the same data for a program.
  - Every text that comes from the API is escaped (HTML, or Markdown and HTML), so an alias such as
    C(<img src=x onerror=alert(1)>) shows as that text. The report is returned as data that Ansible never evaluates
    as a template.
  - The report ends with a digest of itself, so that C(sftptogo.sftptogo.review_edited) can tell whether a file
    was edited since it was written.
  - Used by the C(sftptogo.sftptogo.review) playbook.
options:
  _input:
    description: The registered result of M(sftptogo.sftptogo.sftptogo_organization_info).
    type: dict
    required: true
  report_format:
    description: The report's format.
    type: str
    choices: [html, markdown, json]
    default: html
  organization_id:
    description: The organization's id, shown in the title.
    type: str
'''

EXAMPLES = r'''
- name: Review the organization
  sftptogo.sftptogo.sftptogo_organization_info:
  register: organization

- name: Write the report
  ansible.builtin.copy:
    dest: review.html
    content: "{{ organization | sftptogo.sftptogo.review_report('html') }}"
    mode: "0600"
'''

RETURN = r'''
_value:
  description: The report's text.
  type: string
'''

import hashlib
import json
import re
from html import escape

from ansible.errors import AnsibleFilterError

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._findings import DAY_MS, RULES, SEVERITIES
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._ssh import key_strength
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._timestamps import api_to_ms, ms_to_iso, now_ms

try:
    # ansible-core 2.19 and later render only strings tagged "trusted as template": a plain str is data.
    from ansible.template import is_trusted_as_template  # noqa: F401 pylint: disable=unused-import
    _mark = None
except ImportError:
    # Before 2.19 every string is rendered unless it is wrapped unsafe.
    from ansible.utils.unsafe_proxy import wrap_var as _mark

FORMATS = ('html', 'markdown', 'json')
SIGNATURE = re.compile(r'\n<!-- sftptogo-review sha256:([0-9a-f]{64}) -->\n\Z')
COLORS = dict(high='#b3261e', medium='#b26a00', low='#3d6fb4')
RULE_TEXT = dict((rule.name, rule) for rule in RULES)


# -- the data: one row per item, plain text ------------------------------------------------------------------

def text(value):
    """Any value as one line of plain text (None as empty)."""
    if value is None:
        return ''
    return re.sub(r'\s+', ' ', str(value)).strip()


def when(api_timestamp, never='never'):
    """An API timestamp as an ISO date and time, or ``never``."""
    moment = api_to_ms(api_timestamp)
    return never if moment is None else ms_to_iso(moment).replace('T', ' ').replace('Z', ' UTC')


def allow_list(credential):
    """The enabled inbound rules' sources (and descriptions), or 'any address' when there is none."""
    rules = ((credential.get('settings') or {}).get('network') or {}).get('inbound_rules') or []
    sources = ['%s%s' % (text(rule.get('source')), ' (%s)' % text(rule['description']) if rule.get('description') else '')
               for rule in rules if isinstance(rule, dict) and rule.get('state', 'enabled') == 'enabled']
    return ', '.join(sources) if sources else 'any address'


def key_summary(lines, count):
    """A credential's keys as 'ED25519 256, RSA 1024'; the count alone when the lines were not read (Root)."""
    if lines is None:
        return '%d (not listed)' % count if count else 'none'
    shown = ['%s %s' % strength for strength in (key_strength(line) for line in lines)]
    return ', '.join(shown) if shown else 'none'


def credential_row(credential, keys, now):
    created = api_to_ms(credential.get('password_created_at'))
    age = '' if created is None else '%d days' % ((now - created) // DAY_MS)
    return dict(username=text(credential.get('user_name')),
                alias=text('Root' if credential.get('is_default') else credential.get('alias')),
                permission=text(credential.get('permission')), home=text(credential.get('home_directory')),
                chroot=text(credential.get('chroot_directory')), allow_list=allow_list(credential),
                ssh_keys=key_summary(keys.get(credential.get('user_name')), credential.get('ssh_public_keys_count') or 0),
                password_age=age, expires=when(credential.get('expiration')), state=text(credential.get('state')))


def link_row(link):
    limit = link.get('access_limit') or 0
    return dict(path=text(link.get('path')), notes=text(link.get('notes')), permission=text(link.get('permission')),
                password='yes' if link.get('password') else 'no', expires=when(link.get('expires_at')),
                accesses='%d of %s' % (link.get('access_count') or 0, limit or 'unlimited'), state=text(link.get('state')))


def destination(webhook):
    """Where a webhook delivers: the host of its URL (a token URL is already masked after it), or the address."""
    url = text(webhook.get('url'))
    found = re.match(r'^[a-z][a-z0-9+.-]*://([^/?#]*)', url, re.IGNORECASE)
    return found.group(1).rpartition('@')[2] if found else url


def webhook_row(webhook):
    return dict(alias=text(webhook.get('alias')), type=text(webhook.get('type')), destination=destination(webhook),
                topics=', '.join(sorted(text(topic) for topic in webhook.get('topics') or [])),
                state=text(webhook.get('state')))


def report_data(result, organization_id, now):
    """Everything the report shows, as plain data (what the json format writes)."""
    keys = dict((item.get('username'), item.get('ssh_keys') or [])
                for item in (result.get('declaration') or {}).get('credentials') or [])
    findings = [dict((key, text(finding.get(key))) for key in ('severity', 'rule', 'kind', 'name', 'id', 'message'))
                for finding in result.get('findings') or []]
    organization_id = organization_id or next(
        (item.get('organization_id') for item in result.get('credentials') or [] if item.get('organization_id')), '')
    return dict(
        organization_id=text(organization_id), host=text(result.get('host')), generated_at=ms_to_iso(now),
        counts=dict((severity, len([item for item in findings if item['severity'] == severity])) for severity in SEVERITIES),
        findings=findings,
        rules=dict((rule.name, dict(severity=rule.severity, why=rule.why, fix=rule.fix)) for rule in RULES),
        credentials=sorted((credential_row(item, keys, now) for item in result.get('credentials') or []),
                           key=lambda row: (row['alias'] != 'Root', row['username'])),
        share_links=sorted((link_row(item) for item in result.get('share_links') or []), key=lambda row: row['path']),
        webhooks=sorted((webhook_row(item) for item in result.get('webhooks') or []), key=lambda row: row['alias']))


# -- the formats -------------------------------------------------------------------------------------------

CREDENTIAL_COLUMNS = (('username', 'User name'), ('alias', 'Alias'), ('permission', 'Permission'), ('home', 'Home'),
                      ('chroot', 'Chroot'), ('allow_list', 'Allow-list'), ('ssh_keys', 'SSH keys (type, bits)'),
                      ('password_age', 'Password age'), ('expires', 'Expires'), ('state', 'State'))
LINK_COLUMNS = (('path', 'Path'), ('notes', 'Notes'), ('permission', 'Permission'), ('password', 'Password'),
                ('expires', 'Expires'), ('accesses', 'Accesses (count of limit)'), ('state', 'State'))
WEBHOOK_COLUMNS = (('alias', 'Alias'), ('type', 'Type'), ('destination', 'Destination'), ('topics', 'Topics'),
                   ('state', 'State'))
FINDING_COLUMNS = (('severity', 'Severity'), ('kind', 'Kind'), ('name', 'Name'), ('message', 'Finding'),
                   ('fix', 'How to fix'))
SECTIONS = (('Credentials', 'credentials', CREDENTIAL_COLUMNS), ('Share links', 'share_links', LINK_COLUMNS),
            ('Webhooks', 'webhooks', WEBHOOK_COLUMNS))


def finding_rows(data):
    """The findings with how to fix each (the rule's text)."""
    return [dict(finding, kind=finding['kind'].replace('_', ' '), fix=sentence(RULE_TEXT[finding['rule']].fix)
                 if finding['rule'] in RULE_TEXT else '') for finding in data['findings']]


def sentence(phrase):
    return phrase[:1].upper() + phrase[1:] + '.'


def title(data):
    return 'Access review of SFTP To Go organization %s' % (data['organization_id'] or data['host'] or '')


CSS = '''
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;margin:0;background:#f6f7f9}
main{max-width:1280px;margin:0 auto;padding:16px 20px 40px}
h1{font-size:1.5em;margin:.4em 0 .1em}h2{font-size:1.2em;margin:1.6em 0 .5em}
.meta{color:#555;margin:0 0 1em}.summary{display:flex;flex-wrap:wrap;gap:16px;align-items:center}
.summary svg{max-width:100%;height:auto;background:#fff;border:1px solid #dde;border-radius:8px}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #dde;font-size:.92em}
th,td{padding:6px 8px;border-bottom:1px solid #e6e8ee;text-align:left;vertical-align:top}
td{overflow-wrap:anywhere}th{background:#eef0f5;font-weight:600}
.c-severity,.c-kind,.c-permission,.c-password,.c-state,.c-type{white-space:nowrap;overflow-wrap:normal}
.sev{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-weight:600;font-size:.85em}
.high{background:#b3261e}.medium{background:#b26a00}.low{background:#3d6fb4}
.none{color:#555;font-style:italic}
@media (max-width:760px){
 main{padding:10px}table,tbody,tr,td{display:block;width:100%;box-sizing:border-box}thead{display:none}
 tr{margin:0 0 10px;border:1px solid #dde;border-radius:6px;background:#fff}td{border:0;padding:3px 8px}
 td::before{content:attr(data-label) ": ";font-weight:600;color:#444}}
'''


def svg_chart(counts):
    """A bar chart of the findings per severity: inline SVG, numbers only (no API text)."""
    width, bar_height, top = 360, 26, 12
    biggest = max(list(counts.values()) + [1])
    bars = []
    for index, severity in enumerate(SEVERITIES):
        y = top + index * (bar_height + 10)
        length = int(round(220.0 * counts[severity] / biggest))
        bars.append('<text x="8" y="%d" font-size="14">%s</text>' % (y + 18, severity.capitalize()))
        bars.append('<rect x="80" y="%d" width="%d" height="%d" rx="3" fill="%s"/>' % (
            y, max(length, 2), bar_height, COLORS[severity]))
        bars.append('<text x="%d" y="%d" font-size="14" font-weight="600">%d</text>' % (
            88 + max(length, 2), y + 18, counts[severity]))
    height = top * 2 + 3 * (bar_height + 10)
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" '
            'aria-label="Findings per severity">%s</svg>' % (width, height, width, height, ''.join(bars)))


def html_cell(column, label, value):
    """One cell: the column's class and label are the report's own words; the value is escaped."""
    if column == 'severity':
        value = '<span class="sev %s">%s</span>' % (escape(value), escape(value))
    else:
        value = escape(value)
    return '<td class="c-%s" data-label="%s">%s</td>' % (column, label, value)


def html_table(columns, rows, empty):
    if not rows:
        return '<p class="none">%s</p>' % empty
    head = ''.join('<th class="c-%s" scope="col">%s</th>' % column_label for column_label in columns)
    body = ''.join('<tr>%s</tr>' % ''.join(html_cell(column, label, row.get(column, '')) for column, label in columns)
                   for row in rows)
    return '<table><thead><tr>%s</tr></thead><tbody>%s</tbody></table>' % (head, body)


def html_report(data):
    counts = data['counts']
    parts = ['<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             '<title>%s</title><style>%s</style></head><body><main>' % (escape(title(data)), CSS),
             '<h1>%s</h1>' % escape(title(data)),
             '<p class="meta">Host %s &middot; generated %s &middot; %d high, %d medium, %d low</p>' % (
                 escape(data['host'] or 'unknown'), escape(data['generated_at']), counts['high'], counts['medium'],
                 counts['low']),
             '<div class="summary">%s</div>' % svg_chart(counts),
             '<h2>Findings</h2>', html_table(FINDING_COLUMNS, finding_rows(data), 'No findings.')]
    for heading, key, columns in SECTIONS:
        parts.append('<h2>%s (%d)</h2>' % (heading, len(data[key])))
        parts.append(html_table(columns, data[key], 'None.'))
    parts.append('</main></body></html>')
    return '\n'.join(parts)


def md_escape(value):
    """API text for a Markdown table cell: Markdown's own characters escaped, and HTML's too (GitHub renders it)."""
    value = escape(text(value), quote=False)
    return re.sub(r'([\\`*_\[\]|~])', r'\\\1', value)


def md_table(columns, rows, empty):
    if not rows:
        return '_%s_\n' % empty
    lines = ['| %s |' % ' | '.join(label for dummy, label in columns), '|%s' % ' --- |' * len(columns)]
    lines.extend('| %s |' % ' | '.join(md_escape(row.get(column, '')) for column, dummy in columns) for row in rows)
    return '\n'.join(lines) + '\n'


def markdown_report(data):
    counts = data['counts']
    parts = ['# %s' % md_escape(title(data)), '',
             'Host %s, generated %s: **%d high, %d medium, %d low**.' % (
                 md_escape(data['host'] or 'unknown'), md_escape(data['generated_at']), counts['high'],
                 counts['medium'], counts['low']), '',
             '## Findings', '', md_table(FINDING_COLUMNS, finding_rows(data), 'No findings.')]
    for heading, key, columns in SECTIONS:
        parts.extend(['## %s (%d)' % (heading, len(data[key])), '', md_table(columns, data[key], 'None.')])
    return '\n'.join(parts)


# -- signature: was a report file edited since it was written? ---------------------------------------------

def digest(body):
    return hashlib.sha256(body.encode('utf-8')).hexdigest()


def signed(body, report_format):
    """The report with a digest of itself (JSON: a key; HTML and Markdown: a last comment line)."""
    if report_format == 'json':
        return json.dumps(dict(body, sha256=digest(canonical_json(body))), indent=2, sort_keys=True) + '\n'
    return '%s\n<!-- sftptogo-review sha256:%s -->\n' % (body, digest(body))


def canonical_json(data):
    return json.dumps(data, indent=2, sort_keys=True)


def review_edited(content):
    """Whether a file's content is something other than a report this filter wrote, unchanged (empty: no file)."""
    if not content:
        return False
    match = SIGNATURE.search(content)
    if match:
        return digest(content[:match.start()]) != match.group(1)
    try:
        data = json.loads(content)
    except ValueError:
        return True
    if not isinstance(data, dict) or 'sha256' not in data:
        return True
    claimed = data.pop('sha256')
    return digest(canonical_json(data)) != claimed


def review_report(result, report_format='html', organization_id=None):
    """The report of a sftptogo_organization_info result, in ``report_format``."""
    if report_format not in FORMATS:
        raise AnsibleFilterError('sftptogo_review_format must be one of %s; got %r' % (', '.join(FORMATS), report_format))
    if not isinstance(result, dict) or 'findings' not in result:
        raise AnsibleFilterError('review_report needs the registered result of sftptogo_organization_info')
    data = report_data(result, organization_id, now_ms())
    if report_format == 'json':
        report = signed(data, 'json')
    else:
        report = signed(html_report(data) if report_format == 'html' else markdown_report(data), report_format)
    return _mark(report) if _mark else report


class FilterModule:
    """review_report, review_edited."""

    def filters(self):
        return dict(review_report=review_report, review_edited=review_edited)
