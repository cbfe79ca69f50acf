# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Benchmark-only callback: writes each task's wall time to the file named by BENCH_TIMINGS."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: bench_timer
type: aggregate
short_description: Record task durations for bench/run.py
description:
  - Writes one JSON object per finished task (name, seconds) to the file named by E(BENCH_TIMINGS).
requirements:
  - enabled in callbacks_enabled
'''

import json
import os
import time

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    """Times every task from its start to its result on the (single) host."""

    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'bench_timer'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super(CallbackModule, self).__init__()
        self.started = {}

    def v2_playbook_on_task_start(self, task, is_conditional):
        self.started[task._uuid] = (task.get_name(), time.monotonic())  # pylint: disable=protected-access

    def v2_runner_on_ok(self, result):
        name, started = self.started.pop(result._task._uuid, (None, None))  # pylint: disable=protected-access
        if name is None:
            return
        with open(os.environ['BENCH_TIMINGS'], 'a') as timings:
            timings.write(json.dumps({'task': name, 'seconds': time.monotonic() - started}) + '\n')
