# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Event text stays data: hostile file names and actors through the shipped playbook and the guide's example.

Used by tests/eda/end_to_end.py (the real ansible-rulebook, ansible-core of .venv-eda) and on its own:
  python tests/eda/inert.py VENV_BIN [VENV_BIN...]   (after `make venv stage`)
runs the playbook part with the ansible-playbook of each VENV_BIN (e.g. .venv-core2.16/bin): the event as the
source builds it, written to an extra-variables file as ansible-rulebook writes it (yaml.dump, then
ansible-runner's `ansible-playbook -e @env/extravars`), for eda_file_landed and for the guide's process_upload.yml.
"""

from __future__ import absolute_import, division, print_function

import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.parse
import uuid

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# pylint: disable=wrong-import-position
from harness import COLLECTION, load_source, post, sign  # noqa: E402

# (path, actor id): text a partner chooses. MARKER is a file that exists only if the text was rendered.
HOSTILE = [
    ("inbound/report {{ lookup('ansible.builtin.pipe', 'touch MARKER') }}.csv", 'partner-0001'),
    ('inbound/q3 {% raw %} notes.csv', "{{ lookup('ansible.builtin.pipe', 'touch MARKER') }}"),
    ('inbound/x {{ 7 * 7 }}.csv', '{# not a comment #} {% if true %}'),
    ('inbound/"double" \'single\' r\u00e9sum\u00e9 \u6587\u4ef6 {% endraw %} {{.csv', '{{ 7 * 7 }}'),
]
# No character beyond U+FFFF (an emoji): ansible-rulebook 1.3.2 hands it to the playbook as two lone surrogates,
# which no ansible-core reads back from the extra-variables file (the run fails; the guide says so).
# An Id the service would never send: the source takes any string, the playbooks keep it out of file names.
HOSTILE_ID = "{{ lookup('ansible.builtin.pipe', 'touch MARKER') }}/../x"
GUIDE = os.path.join(COLLECTION, 'docs', 'docsite', 'rst', 'guide_eda.rst')
GUIDE_RECORDS = '/srv/sftptogo/uploads'


def hostile(work):
    """HOSTILE with each MARKER a distinct file under ``work``."""
    cases = []
    for number, (path, actor) in enumerate(HOSTILE):
        marker = os.path.join(work, f'pwned-{number}')
        cases.append((path.replace('MARKER', marker + '-path'), actor.replace('MARKER', marker + '-actor')))
    return cases


def markers(work):
    """The marker files a rendered event text created (none, when all went well)."""
    return sorted(glob.glob(os.path.join(work, 'pwned-*')))


def guide_files(work, records):
    """The guide's example rulebook and playbook, written to ``work``: (rulebook path, playbook path).

    Taken verbatim from the code blocks of the What is trusted section, with the records directory and the
    playbook's path made concrete.
    """
    with open(GUIDE, encoding='utf-8') as handle:
        text = handle.read()
    blocks = {}
    for block in re.findall(r'\.\. code-block:: yaml\n\n((?:    .*\n|[ \t]*\n)+)', text):
        block = textwrap.dedent(block)
        first = block.split('\n', 1)[0]
        if first in ('# process_upload.rulebook.yml', '# process_upload.yml'):
            blocks[first[2:]] = block.replace(GUIDE_RECORDS, records)
    assert sorted(blocks) == ['process_upload.rulebook.yml', 'process_upload.yml'], f'guide blocks: {sorted(blocks)}'
    playbook = os.path.join(work, 'process_upload.yml')
    assert 'name: process_upload.yml' in blocks['process_upload.rulebook.yml']
    blocks['process_upload.rulebook.yml'] = blocks['process_upload.rulebook.yml'].replace(
        'name: process_upload.yml', 'name: ' + playbook)
    for name, block in blocks.items():
        with open(os.path.join(work, name), 'w', encoding='utf-8') as handle:
            handle.write(block)
    return os.path.join(work, 'process_upload.rulebook.yml'), playbook


def body(path, actor, event_id=None):
    """A delivery body as the service sends it (Data.Path URL-encoded form style)."""
    now = int(time.time() * 1000)
    return json.dumps({
        'Id': event_id or str(uuid.uuid4()), 'Topic': 'file.created', 'CreatedAt': now, 'UpdatedAt': now,
        'Actor': {'Type': 'User', 'Id': actor}, 'Resource': 'File', 'PreviousData': None,
        'Data': {'Path': urllib.parse.quote_plus(path, safe='/'), 'Size': 42},
        'Metadata': {'Organization': {'Id': str(uuid.uuid4())}, 'Webhook': {'Id': str(uuid.uuid4())},
                     'Delivery': {'Id': str(uuid.uuid4())}, 'Attempt': {'Id': str(uuid.uuid4())}},
    }, ensure_ascii=False).encode('utf-8')


def case_id(number, cases, work):
    """The event Id of case ``number``: the last one gets HOSTILE_ID, the others a fresh one (None)."""
    return HOSTILE_ID.replace('MARKER', os.path.join(work, 'pwned-id')) if number == len(cases) - 1 else None


def deliver(port, secret, cases, work):
    """Signed deliveries of ``cases`` straight to the source on ``port``; the last one with a hostile Id."""
    for number, (path, actor) in enumerate(cases):
        data = body(path, actor, case_id(number, cases, work))
        assert post(port, data, sign(secret, data)) == 204, f'delivery of {path!r} not accepted'


def expected_guide_record(path, actor, size=42):
    """What the guide's playbook records for an upload: the exact text everywhere."""
    summary = f'{actor} uploaded {path} ({size} bytes)'
    return {'path': path, 'name': os.path.basename(path), 'actor': actor, 'summary': summary, 'output': path}


class _RecordLoader(yaml.SafeLoader):  # pylint: disable=too-many-ancestors
    """Reads the YAML records of eda_file_landed: an !unsafe string is a string."""


_RecordLoader.add_constructor('!unsafe', lambda loader, node: loader.construct_scalar(node))


def read_record(path):
    """A record file: eda_file_landed's YAML (.yml), the guide playbook's JSON (.json); None while still empty."""
    with open(path, encoding='utf-8') as handle:
        text = handle.read()
    if not text.strip():
        return None
    return yaml.load(text, Loader=_RecordLoader) if path.endswith('.yml') else json.loads(text)


def read_records(directory):
    """Every complete record in ``directory``."""
    found = (read_record(os.path.join(directory, name)) for name in sorted(os.listdir(directory)))
    return [record for record in found if record is not None]


READ_BACK = textwrap.dedent('''\
    - name: Read the records of eda_file_landed back as variables
      hosts: localhost
      gather_facts: false
      tasks:
        - name: Each record
          ansible.builtin.include_tasks: read_back_one.yml
          loop: "{{ query('ansible.builtin.fileglob', landed_dir ~ '/*.yml') }}"
          loop_control:
            loop_var: record_file
    ''')
READ_BACK_ONE = textwrap.dedent('''\
    - name: Load the record as variables
      ansible.builtin.include_vars:
        file: "{{ record_file }}"
        name: record
    - name: Write what the variables hold
      ansible.builtin.copy:
        content: "{{ {'path': record.path, 'actor': record.actor.id} | to_json }}"
        dest: "{{ record_file }}.read"
        mode: "0600"
    ''')


def check_read_back(bin_dir, work, landed, env, cases):
    """include_vars of eda_file_landed's records gives the exact text of every case: nothing rendered."""
    for name, text in (('read_back.yml', READ_BACK), ('read_back_one.yml', READ_BACK_ONE)):
        with open(os.path.join(work, name), 'w', encoding='utf-8') as handle:
            handle.write(text)
    result = subprocess.run([os.path.join(bin_dir, 'ansible-playbook'), '-i', os.path.join(work, 'inventory.yml'),
                             '-e', f'landed_dir={landed}', 'read_back.yml'], env=env, capture_output=True, text=True,
                            check=False, cwd=work)
    assert result.returncode == 0, f'include_vars of the records failed:\n{result.stdout[-3000:]}{result.stderr}'
    read = []
    for name in glob.glob(os.path.join(landed, '*.read')):
        with open(name, encoding='utf-8') as handle:
            read.append(json.load(handle))
    got = sorted((item['path'], item['actor']) for item in read if item['path'] in dict(cases))
    assert got == sorted(cases), f'include_vars of the eda_file_landed records gave {got} != {sorted(cases)}'


def wait_for(directory, count, timeout):
    """The records of ``directory`` once there are ``count`` (or what is there at the timeout)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and len(read_records(directory)) < count:
        time.sleep(0.5)
    return read_records(directory)


def check_guide_records(directory, cases, timeout):
    """The guide's playbook recorded every case with its exact text."""
    found = wait_for(directory, len(cases), timeout)
    want = sorted((expected_guide_record(path, actor) for path, actor in cases), key=lambda item: item['path'])
    assert sorted(found, key=lambda item: item['path']) == want, f'guide playbook records:\n{found}\n!=\n{want}'
    for name in os.listdir(directory):
        assert re.fullmatch(r'[A-Za-z0-9_-]+\.json', name), f'a record file name holds event text: {name!r}'


def check_landed(records, cases):
    """eda_file_landed recorded every hostile case once with the exact path and actor."""
    got = sorted((record['path'], record['actor']['id']) for record in records if record['path'] in dict(cases))
    assert got == sorted(cases), f'eda_file_landed records {got} != {sorted(cases)}'


def extravars(source, payload, settings):
    """The extra-variables file content ansible-rulebook writes for run_playbook (yaml.dump, as it does)."""
    actor = payload['Actor']['Id']
    event = {'sftptogo': source.fields(payload), 'payload': payload,
             'meta': {'endpoint': '/sftptogo', 'headers': {'Content-Type': 'application/json', 'X-Actor': actor}}}
    return yaml.dump(dict(settings, ansible_eda={'ruleset': 'Process', 'rule': 'A file landed', 'event': event}))


def replay(bin_dir, work):
    """Both playbooks, run by ``bin_dir``/ansible-playbook for every hostile case; AssertionError on a failure."""
    landed, records = os.path.join(work, 'landed'), os.path.join(work, 'records')
    os.mkdir(landed)
    os.mkdir(records)
    _rulebook, guide_playbook = guide_files(work, records)
    inventory = os.path.join(work, 'inventory.yml')
    with open(inventory, 'w', encoding='utf-8') as handle:
        handle.write('all:\n  hosts:\n    localhost:\n      ansible_connection: local\n'
                     f"      ansible_python_interpreter: {os.path.join(bin_dir, 'python')}\n")
    source, cases = load_source(), hostile(work)
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.dirname(os.path.dirname(os.path.dirname(COLLECTION))),
               ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_NOCOLOR='1')
    for number, (path, actor) in enumerate(cases):
        for playbook, settings in (('sftptogo.sftptogo.eda_file_landed', {'sftptogo_landed_dir': landed}),
                                   (guide_playbook, {'upload_records': records})):
            vars_file = os.path.join(work, f'extravars-{number}')
            with open(vars_file, 'w', encoding='utf-8') as handle:
                payload = json.loads(body(path, actor, case_id(number, cases, work)).decode('utf-8'))
                handle.write(extravars(source, payload, settings))
            result = subprocess.run([os.path.join(bin_dir, 'ansible-playbook'), '-i', inventory, '-e', '@' + vars_file,
                                     playbook], env=env, capture_output=True, text=True, check=False, cwd=work)
            assert result.returncode == 0, f'{playbook} failed for {path!r}:\n{result.stdout[-3000:]}{result.stderr}'
    check_landed(read_records(landed), cases)
    check_read_back(bin_dir, work, landed, env, cases)
    check_guide_records(records, cases, timeout=0)
    assert not markers(work), f'event text was rendered: {markers(work)}'


def main():
    """Replay with each VENV_BIN given."""
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    for bin_dir in map(os.path.abspath, sys.argv[1:]):
        started = time.monotonic()
        version = subprocess.run([os.path.join(bin_dir, 'ansible'), '--version'], capture_output=True, text=True,
                                 check=True).stdout.split('\n', 1)[0]
        with tempfile.TemporaryDirectory(prefix='sftptogo-eda-inert-') as work:
            try:
                replay(bin_dir, work)
            except AssertionError as err:
                print(f'eda-inert: {version}: FAILED: {err}', file=sys.stderr)
                return 1
        print(f'eda-inert: {version}: {len(HOSTILE)} hostile uploads through eda_file_landed (its records read back '
              f'by include_vars) and the guide\'s playbook: exact text recorded, nothing rendered ({time.monotonic() - started:.0f}s)')
    return 0


if __name__ == '__main__':
    sys.exit(main())
