# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Approved plans: what a task must give to apply one, and a client that writes only what the plan showed."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.sftptogo.sftptogo.plugins.module_utils import _render
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._drift import drift_entry, plan_entry, secret_digester, within
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._failure import ModuleFailure

PLAN_ID = re.compile(r'^[0-9a-f]{64}$')
AGAIN = 'Check again and approve the new plan'


def approved_plan(params, given_null=False, check_mode=False):
    """The task's approved_plan (None when not given), checked before any request.

    A null or empty plan that was given never means "no approval needed" (an AWX apply template fed a missing
    plan); with ``require_approval`` a real run needs a plan.
    """
    approved = params.get('approved_plan')
    if given_null or approved is not None and not approved.strip():
        raise ModuleFailure('approved_plan is %s: a missing plan never switches approval off. Give the plan_id the '
                            'approved check run returned, or leave approved_plan out; nothing was sent'
                            % ('null' if approved is None else 'empty'), option='approved_plan')
    if approved is not None and not PLAN_ID.match(approved):
        raise ModuleFailure('approved_plan must be the plan_id a check run returned (64 lowercase hex digits); got %r'
                            % approved[:80], option='approved_plan')
    if approved is None and params.get('require_approval') and not check_mode:
        raise ModuleFailure('require_approval is true but no approved_plan was given: this run applies only an approved '
                            'plan (the plan_id of a check run); nothing was sent', option='require_approval')
    return approved


class ConfirmedWrites:
    """A client whose every write is confirmed first, and whose creates never adopt what a 409 finds.

    ``confirm()`` raises ModuleFailure to stop a write before it is sent; ``conflict(found)`` is called instead of
    adopting what another client created meanwhile (a create answered 409), and raises. Reads pass through.
    """

    def __init__(self, client, confirm, conflict):
        self._client = client
        self._confirm = confirm
        self._conflict = conflict

    def __getattr__(self, name):
        return getattr(self._client, name)

    def request(self, method, path, body=None):
        """Any request; a write is confirmed first."""
        if method != 'GET':
            self._confirm()
        return self._client.request(method, path, body)

    def post(self, path, body=None):
        self._confirm()
        return self._client.post(path, body)

    def patch(self, path, body):
        self._confirm()
        return self._client.patch(path, body)

    def delete(self, path, accept_missing=False):
        self._confirm()
        return self._client.delete(path, accept_missing)

    def create(self, path, body, find_created, adopt_on_conflict=False):
        """The client's create, confirmed first; a 409 that finds another client's object fails instead of adopting."""
        self._confirm()
        if adopt_on_conflict:
            find = find_created if adopt_on_conflict is True else adopt_on_conflict

            def refuse():
                found = find()
                if found is not None:
                    self._conflict(found)
                return None  # nothing found: the 409 stays an ApiError
            adopt_on_conflict = refuse
        return self._client.create(path, body, find_created, adopt_on_conflict)


class Approval:
    """What an approved plan's check pass set out to do, item by item, and the check of each write of the apply."""

    def __init__(self, params, items, labels, readings):
        self.labels, self.readings = labels, readings
        self.digest = secret_digester(params.get('organization_id'), params.get('api_key'))
        # per item: (kind, place, name, its plan entry, its drift entry for messages); no engine: a failed purge
        self.entries = [(item.kind, item.place, item.name, item.engine and plan_entry(item, self.digest),
                         item.engine and drift_entry(item, intended=True)) for item in items]

    def confirm_writes(self, items, client):
        """Give each item a client that confirms its writes against its approved entry (served the check pass's read,
        the apply has the same items in the same order)."""
        if [entry[:3] for entry in self.entries] != [(item.kind, item.place, item.name) for item in items]:
            raise ModuleFailure('the items of this run are not those of its check pass; nothing was written. ' + AGAIN)
        for item, approved in zip(items, self.entries):
            if item.engine:
                item.engine.client = ConfirmedWrites(
                    client, lambda item=item, approved=approved: self.confirm(item, approved),
                    lambda found, item=item, approved=approved: self.refuse_adoption(item, approved, found))

    def confirm(self, item, approved):
        """Stop a write of ``item`` that is not part of what the approved plan shows for it, saying what differs."""
        if within(plan_entry(item, self.digest), approved[3]):
            return
        raise ModuleFailure('stopped before a write the approved plan does not show: the plan says %s; this run would '
                            'now %s. Nothing more was written for it. %s' % (
                                self.line(approved[4], item), self.line(drift_entry(item, intended=True), item), AGAIN))

    def refuse_adoption(self, item, approved, found):
        """A create answered 409: what another client made meanwhile is not adopted (the plan showed a create;
        adopting would change someone else's object)."""
        raise ModuleFailure('stopped: the approved plan says %s, but the API answered 409: another client created it '
                            'since the plan (id %s). It was not adopted, and nothing of it was changed. %s' % (
                                self.line(approved[4], item), found.get('Id'), AGAIN))

    def line(self, entry, item):
        """A drift entry as its summary line, quoted."""
        if not entry:
            return 'no change for %s' % item.name
        return "'%s'" % _render.entry_line(entry, self.labels.get(item.kind) or item.kind, self.readings.get(item.kind))
