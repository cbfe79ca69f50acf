# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The review report: API text never becomes markup or a template; the formats; the edited-file check."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
from html.parser import HTMLParser

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.sftptogo.sftptogo.plugins.filter.review_report import FilterModule, review_edited, review_report

try:  # ansible-core 2.19+: data tagging
    from ansible.template import is_trusted_as_template
except ImportError:  # 2.16-2.18: unsafe strings are AnsibleUnsafe
    from ansible.utils.unsafe_proxy import AnsibleUnsafe

    def is_trusted_as_template(value):
        return not isinstance(value, AnsibleUnsafe)

HOSTILE = ['<img src=x onerror=alert(1)>', '</td><script>alert(1)</script>', '" onmouseover="x', "{{ lookup('pipe', 'id') }}",
           'Q3 {% raw %} report', '| *bold* [a](javascript:x) `code` _u_', '<!-- c -->', '&amp; ok']
ELEMENTS = {'html', 'head', 'meta', 'title', 'style', 'body', 'main', 'h1', 'h2', 'p', 'div', 'svg', 'text', 'rect',
            'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span'}


def result(text):
    """An info result whose every free text is ``text``."""
    return dict(
        host='warm-soda-25793.sftptogo.com',
        findings=[dict(severity='high', rule='write_without_allow_list', kind='credential', name=text, id='c1',
                       message=text)],
        credentials=[dict(user_name='acme-partner-01', alias=text, permission='read-write', home_directory='/' + text,
                          chroot_directory='/', state='active', password_created_at='2026-01-01T00:00:00.000Z',
                          settings=dict(network=dict(inbound_rules=[dict(source='203.0.113.0/24', state='enabled',
                                                                         description=text)])),
                          ssh_public_keys_count=1, organization_id='org-1')],
        share_links=[dict(path='/' + text + '/', notes=text, permission='read-write', password=None, access_count=2,
                          access_limit=0, state='active')],
        webhooks=[dict(alias=text, type='webhook', url='https://hooks.example.com/' + text, topics=[text], state='paused')],
        declaration=dict(credentials=[dict(username='acme-partner-01', ssh_keys=[])]))


class Elements(HTMLParser):
    """Every element, attribute and comment of a document, and its text."""

    def __init__(self):
        super(Elements, self).__init__(convert_charrefs=True)
        self.tags, self.attributes, self.comments, self.text = set(), [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.extend(attrs)

    def handle_comment(self, data):
        self.comments.append(data)

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize('text', HOSTILE)
def test_api_text_is_only_text_in_the_html(text):
    report = review_report(result(text), 'html')
    parsed = Elements()
    parsed.feed(str(report))
    assert parsed.tags <= ELEMENTS
    assert not [value for dummy, value in parsed.attributes if value and text in value]
    assert not [name for name, dummy in parsed.attributes if name.startswith('on') or name in ('src', 'href', 'style')]
    assert len(parsed.comments) == 1 and parsed.comments[0].startswith(' sftptogo-review sha256:')
    assert text in ''.join(parsed.text)


@pytest.mark.parametrize('text', HOSTILE)
def test_api_text_is_escaped_in_markdown(text):
    report = str(review_report(result(text), 'markdown'))
    assert '<img' not in report and '<script' not in report and '<!-- c' not in report
    assert '[a](javascript' not in report and '| *bold*' not in report


@pytest.mark.parametrize('report_format', ['html', 'markdown', 'json'])
def test_the_report_is_never_a_template(report_format):
    report = review_report(result("{{ lookup('pipe', 'id') }}"), report_format)
    assert not is_trusted_as_template(report)


def test_json_holds_the_findings_the_rules_and_the_tables():
    data = json.loads(str(review_report(result('ACME'), 'json')))
    assert data['counts'] == dict(high=1, medium=0, low=0)
    assert data['findings'][0]['rule'] == 'write_without_allow_list'
    assert data['rules']['write_without_allow_list']['severity'] == 'high'
    assert data['credentials'][0]['allow_list'] == '203.0.113.0/24 (ACME)'
    assert data['credentials'][0]['ssh_keys'] == 'none'
    assert data['share_links'][0]['password'] == 'no' and data['share_links'][0]['accesses'] == '2 of unlimited'
    assert data['webhooks'][0]['destination'] == 'hooks.example.com'
    assert data['organization_id'] == 'org-1'


@pytest.mark.parametrize('report_format', ['html', 'markdown', 'json'])
def test_an_unchanged_report_is_not_edited_and_any_change_is(report_format):
    report = str(review_report(result('ACME'), report_format))
    assert not review_edited(report)
    assert not review_edited('')
    assert review_edited(report.replace('ACME', 'ACNE'))
    assert review_edited('my notes\n')


def test_bad_format_and_bad_input_fail_naming_them():
    with pytest.raises(AnsibleFilterError, match='sftptogo_review_format must be one of html, markdown, json; got .pdf.'):
        review_report(result('x'), 'pdf')
    with pytest.raises(AnsibleFilterError, match='registered result of sftptogo_organization_info'):
        review_report(dict(changed=False), 'html')
    assert set(FilterModule().filters()) == {'review_report', 'review_edited'}
