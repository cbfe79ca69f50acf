# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse an HTML report: every element and attribute must be one the report writes itself (none from API text),
nothing may run or load (no script, no event handler, no link, no external resource); print what a reader sees."""

import json
import sys
from html.parser import HTMLParser

ELEMENTS = {'html', 'head', 'meta', 'title', 'style', 'body', 'main', 'h1', 'h2', 'p', 'div', 'svg', 'text', 'rect',
            'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span'}
ATTRIBUTES = {'lang', 'charset', 'name', 'content', 'class', 'xmlns', 'width', 'height', 'viewbox', 'role', 'aria-label',
              'x', 'y', 'rx', 'fill', 'font-size', 'font-weight', 'scope', 'data-label'}


class Report(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.text, self.style = [], [], []
        self.current = None

    def handle_starttag(self, tag, attrs):
        self.current = tag
        if tag not in ELEMENTS:
            self.problems.append('element <%s>' % tag)
        for name, value in attrs:
            if name not in ATTRIBUTES:
                self.problems.append('attribute %s=%r on <%s>' % (name, value, tag))

    def handle_data(self, data):
        (self.style if self.current == 'style' else self.text).append(data)

    def handle_comment(self, data):
        if not data.startswith(' sftptogo-review sha256:'):
            self.problems.append('comment %r' % data)


def main(path):
    with open(path, encoding='utf-8') as report_file:
        report = Report()
        report.feed(report_file.read())
        report.close()
    style = ''.join(report.style)
    for word in ('url(', '@import', 'expression('):
        if word in style:
            report.problems.append('style holds %s' % word)
    print(json.dumps(dict(problems=report.problems, text=' '.join(' '.join(report.text).split()))))


if __name__ == '__main__':
    main(sys.argv[1])
