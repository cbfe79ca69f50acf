# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A guide's console blocks as commands, and a terminal to type them into (used by check_guide.py)."""

from __future__ import absolute_import, division, print_function

import os
import re
import signal
import subprocess
import threading
import time
import urllib.request
import uuid

HEREDOC = re.compile(r"<<-?\s*'?\"?(\w+)'?\"?")
TRAILING_COMMENT = re.compile(r'\s+#[^\'"]*$')


def section(text, title):
    """The text of the RST section whose title starts with ``title``, up to the next title of any level."""
    lines = text.splitlines()
    for index, line in enumerate(lines[:-1]):
        if line.startswith(title) and re.match(r'^[-=~^]{3,}$', lines[index + 1]):
            body = []
            for following, underline in zip(lines[index + 2:], lines[index + 3:] + ['']):
                if following and re.match(r'^[-=~^]{3,}$', underline) and len(underline) >= len(following):
                    break
                body.append(following)
            return '\n'.join(body)
    raise AssertionError('the guide has no section %r' % title)


def _blocks(text, language):
    """(options, body lines) of each ``.. code-block:: <language>`` of ``text``, dedented."""
    lines = text.splitlines()
    found = []
    for index, line in enumerate(lines):
        if line.strip() != '.. code-block:: %s' % language:
            continue
        options, body = {}, []
        for following in lines[index + 1:]:
            option = re.match(r'^\s+:(\w+):\s*(.*)$', following)
            if option and not body:
                options[option.group(1)] = option.group(2)
            elif following and not following.startswith('    '):
                break
            else:
                body.append(following[4:])
        while body and not body[-1].strip():
            body.pop()
        while body and not body[0].strip():
            body.pop(0)
        found.append((options, body))
    return found


def commands_of(lines):
    """The commands of a console block: ``$`` lines, their continuations and here-documents; output is skipped."""
    commands, current, until = [], None, None
    for line in lines:
        if current is not None and (until or current[-1].endswith('\\')):
            current.append(line)
            if until and line == until:
                until = None
        elif line.startswith('$ '):
            current = [line[2:]]
            commands.append(current)
        else:
            current = None
            continue
        heredoc = HEREDOC.search(line) if not until else None
        if heredoc:
            until = heredoc.group(1)
    return ['\n'.join(command) for command in commands]


def console_blocks(text):
    """[{'caption': ..., 'commands': [...]}] for each console block of ``text``."""
    return [{'caption': options.get('caption', ''), 'commands': commands_of(body)}
            for options, body in _blocks(text, 'console')]


def yaml_file(text, name, directory):
    """Write the YAML block of ``text`` whose first line is ``# <name>`` into ``directory``, as shown."""
    for dummy, body in _blocks(text, 'yaml'):
        if body and body[0] == '# ' + name:
            with open(os.path.join(directory, name), 'w') as handle:
                handle.write('\n'.join(body) + '\n')
            return
    raise AssertionError('the guide shows no file %s' % name)


class Shell(object):
    """A bash reading commands as a terminal gets them; jobs until Ctrl-C run in process groups of their own."""

    def __init__(self, name, cwd, env):
        self.name = name
        self.lines = []
        self.changed = threading.Condition()
        self.jobs = []
        self.process = subprocess.Popen(  # pylint: disable=consider-using-with
            ['bash', '--norc', '--noprofile'], cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, bufsize=1, start_new_session=True)
        threading.Thread(target=self._read, daemon=True).start()
        self._type('set -m')  # job control: each job a process group, which SIGINT reaches as Ctrl-C does

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for pid in self.jobs:
            self.stop(pid)
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def _read(self):
        for line in self.process.stdout:
            with self.changed:
                self.lines.append(line.rstrip('\n'))
                self.changed.notify_all()

    def _type(self, text):
        self.process.stdin.write(text + '\n')
        self.process.stdin.flush()

    def _answer(self, token, since, timeout):
        """Wait for the line ``<token> <value>`` printed after line ``since``; returns (value, lines before it)."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                for index in range(since, len(self.lines)):
                    if self.lines[index].startswith(token + ' '):
                        return self.lines[index].split(' ', 1)[1], self.lines[since:index]
                remaining = deadline - time.monotonic()
                assert remaining > 0 and self.process.poll() is None, \
                    '%s: no answer within %ds:\n%s' % (self.name, timeout, self.output()[-4000:])
                self.changed.wait(min(remaining, 0.5))

    def run(self, command, timeout=300):
        """Type ``command`` and wait for it; its output (AssertionError when it exits non-zero)."""
        token, since = 'guide-done-' + uuid.uuid4().hex, len(self.lines)
        self._type(command)
        self._type('printf "\\n%%s %%s\\n" %s "$?"' % token)  # a line of its own: curl ends without a newline
        status, output = self._answer(token, since, timeout)
        while output and not output[-1]:
            output.pop()
        assert status == '0', '%s: exit status %s of\n$ %s\n%s' % (self.name, status, command, '\n'.join(output))
        return '\n'.join(output)

    def start(self, command):
        """Type a command that runs until Ctrl-C, as a job; its process group id."""
        token, since = 'guide-job-' + uuid.uuid4().hex, len(self.lines)
        self._type(TRAILING_COMMENT.sub('', command) + ' &')
        self._type('printf "\\n%%s %%s\\n" %s "$!"' % token)
        pid = int(self._answer(token, since, 30)[0])
        self.jobs.append(pid)
        return pid

    def stop(self, pid):
        """Ctrl-C to the job's process group; SIGKILL when it is still there after 20 s."""
        for sig, grace in ((signal.SIGINT, 20), (signal.SIGKILL, 5)):
            try:
                os.killpg(pid, sig)
            except ProcessLookupError:
                break
            deadline = time.monotonic() + grace
            while time.monotonic() < deadline and _group_alive(pid):
                time.sleep(0.2)
            if not _group_alive(pid):
                break
        if pid in self.jobs:
            self.jobs.remove(pid)

    def wait_for(self, text, timeout, count=1):
        """Wait until ``count`` lines of output contain ``text``."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while sum(1 for line in self.lines if text in line) < count:
                remaining = deadline - time.monotonic()
                assert remaining > 0, '%s: no %r within %ds:\n%s' % (self.name, text, timeout, self.output()[-6000:])
                self.changed.wait(min(remaining, 0.5))

    def wait_serving(self, port, job, timeout):
        """Wait until the event source of ``job`` answers its health check on ``port``; fails when the job ends."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and _group_alive(job):
            try:
                with urllib.request.urlopen('http://127.0.0.1:%d/' % port, timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise AssertionError('%s: nothing serves on port %d (%s):\n%s' % (
            self.name, port, 'after %ds' % timeout if _group_alive(job) else 'the job ended', self.output()[-6000:]))

    def output(self):
        """Everything printed so far."""
        with self.changed:
            return '\n'.join(self.lines)


def _group_alive(pgid):
    """True while a process of group ``pgid`` exists (the shell reaps its jobs as they end)."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True
