# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Benchmark: the access review (playbooks/review.yml, HTML) beside the no-op converge of the same organization.

The organization of bench/organization.py (N credentials with 2 SSH keys and 2 inbound rules each, a webhook, a
share link) is converged once; then no-op converges and reviews alternate, ``--runs`` times each, in one run.

Usage: python bench/review.py [--collections-path .build] [--credentials 1000] [--runs 3]
Prints the medians, their ratio and the requests of each (the review must stay within 1.5x the no-op).
"""

from __future__ import absolute_import, division, print_function

import argparse
import json
import os
import statistics
import sys
import tempfile

from bench_common import REPO, Emulator
from organization import ROLE_PLAYBOOK, declaration, first_converge, run_playbook, write

REVIEW_PLAYBOOK = '''
- name: The access review, as an operator runs it
  ansible.builtin.import_playbook: sftptogo.sftptogo.review
  vars:
    sftptogo_review_file: %s
'''


def measure(emulator, collections_path, count, runs):
    """Median seconds and requests of no-op converges and reviews, alternating."""
    variables = write(json.dumps(declaration(count)), '.json')
    report = os.path.join(tempfile.mkdtemp(prefix='bench-review-'), 'review.html')
    playbooks = dict(noop=write(ROLE_PLAYBOOK), review=write(REVIEW_PLAYBOOK % report))
    first_converge(emulator, collections_path, variables, playbooks['noop'])
    times, requests = dict(noop=[], review=[]), {}
    for dummy in range(runs):
        for name in ('noop', 'review'):
            elapsed, requests[name] = run_playbook(playbooks[name], emulator, collections_path, variables)
            times[name].append(elapsed)
    size = os.path.getsize(report)
    for path in list(playbooks.values()) + [variables, report]:
        os.unlink(path)
    medians = dict((name, statistics.median(values)) for name, values in times.items())
    return dict(credentials=count, runs=runs, median_s=medians, requests=requests, report_bytes=size,
                ratio=medians['review'] / medians['noop'])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--collections-path', default=os.path.join(REPO, '.build'))
    parser.add_argument('--credentials', type=int, default=1000)
    parser.add_argument('--runs', type=int, default=3)
    args = parser.parse_args()
    with Emulator(max_lifetime=3600) as emulator:
        result = measure(emulator, os.path.abspath(args.collections_path), args.credentials, args.runs)
    print(json.dumps(result, indent=2))
    print('| %d credentials | no-op converge | review (HTML) |\n| --- | --- | --- |\n| median of %d | %.2f s (%d requests) | '
          '%.2f s (%d requests, %d writes) |\n\nratio %.2f' % (
              result['credentials'], result['runs'], result['median_s']['noop'], result['requests']['noop']['total'],
              result['median_s']['review'], result['requests']['review']['total'], result['requests']['review']['writes'],
              result['ratio']))
    return 0 if result['ratio'] <= 1.5 and result['requests']['review']['writes'] == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
