# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The control functions of the emulator, for in-process use; the /__emulator/ HTTP routes call the same methods."""

import threading

import activity
import config as switches
import deliveries
import objects
import views
from faults import Faults
from journal import Journal
from store import Store

KEEP = object()


class ControlFacade:
    """Mixin of Emulator: reset, config, journal, violations, faults, state, out-of-band objects, activity, clock.

    Every method takes the lock and returns JSON-ready values (copies, never live objects).
    """

    def __init__(self, organization_id, seed=None, config=None):
        self.lock = threading.RLock()
        self.organization_id = organization_id
        self.seed = seed
        self.config = switches.updated(switches.defaults(), config or {})
        self.store = Store(organization_id, seed)
        self.journal = Journal()
        self.faults = Faults()

    def reset(self, config=None, seed=KEEP):
        """Back to the seeded organization; ``config`` overrides the default switches, ``seed`` the random seed."""
        new_config = switches.updated(switches.defaults(), config or {})
        with self.lock:
            if seed is not KEEP:
                self.seed = seed
            self.config = new_config
            self.store = Store(self.organization_id, self.seed)
            self.journal = Journal()
            self.faults = Faults()

    def get_config(self):
        """The current switches."""
        with self.lock:
            return dict(self.config)

    def set_config(self, changes=None, **kwargs):
        """Set switches (a dict and/or keyword arguments); ValueError when one is unknown or invalid."""
        with self.lock:
            self.config = switches.updated(self.config, dict(changes or {}, **kwargs))
            return dict(self.config)

    def get_journal(self):
        """Every API request since the last clear."""
        with self.lock:
            return self.journal.list()

    def clear_journal(self):
        """Forget the journal entries."""
        with self.lock:
            self.journal.clear()

    def take_journal(self):
        """The journal entries, forgotten at once: one GET for a test that reads and clears (no request in between)."""
        with self.lock:
            entries = self.journal.list()
            self.journal.clear()
            return entries

    def get_violations(self):
        """Every contract violation since the last reset or clear."""
        with self.lock:
            return self.journal.list_violations()

    def clear_violations(self):
        """Forget the violations."""
        with self.lock:
            self.journal.clear_violations()

    def add_fault(self, spec=None, **kwargs):
        """Inject a fault (a dict and/or keyword arguments); returns it with its ``id``."""
        with self.lock:
            return self.faults.add(dict(spec or {}, **kwargs)).describe()

    def get_faults(self):
        """The injected faults with their counters."""
        with self.lock:
            return self.faults.describe()

    def remove_fault(self, fault_id):
        """Remove one fault; True when it existed."""
        with self.lock:
            return self.faults.remove(fault_id)

    def clear_faults(self):
        """Remove every fault."""
        with self.lock:
            self.faults.clear()

    def get_state(self):
        """The organization's stored objects, secrets included."""
        with self.lock:
            return views.state(self.store)

    def insert_object(self, kind, fields=None, user_id=None):
        """Create an object out of band (kind: users, webhooks, portal-links, ssh-public-keys with ``user_id``)."""
        with self.lock:
            return objects.insert(self.store, self.config, kind, fields, user_id)

    def edit_object(self, kind, object_id, fields=None, user_id=None):
        """Change an object out of band, without validation."""
        with self.lock:
            return objects.edit(self.store, kind, object_id, fields, user_id)

    def delete_object(self, kind, object_id, user_id=None):
        """Delete an object out of band (even the Root credential)."""
        with self.lock:
            return objects.delete(self.store, kind, object_id, user_id)

    def reserve_foreign_username(self, username):
        """Take ``username`` in another organization, so that creating it here answers 409."""
        with self.lock:
            return objects.reserve_username(self.store, username)

    def access_share_link(self, link_id, count=1):
        """Simulate ``count`` accesses of a share link (AccessCount grows; at AccessLimit it is removed or deactivated)."""
        with self.lock:
            return activity.access_link(self.store, self.config, link_id, count)

    def deliver_webhook(self, webhook_id, failed=None, succeeded=None):
        """Simulate ``failed`` or ``succeeded`` deliveries of an enabled webhook (paused after 5 failures in a row)."""
        with self.lock:
            return activity.deliver_webhook(self.store, webhook_id, failed=failed, succeeded=succeeded)

    def simulate_file_event(self, event=None, **kwargs):
        """Simulate an upload (file.created), download or deletion: POST the signed event to every subscribed webhook.

        ``event``: topic, path, size, actor, protocol, client_ip. The requests run outside the lock, with retries;
        the outcome of each delivery is counted like those of deliver_webhook (5 failures in a row pause it).
        """
        with self.lock:
            event, planned = deliveries.plan(self.store, dict(event or {}, **kwargs))
            loopback_http, organization_id = self.config['webhook_loopback_http'], self.organization_id
        reports = [deliveries.deliver(event, organization_id, item, loopback_http) for item in planned]
        with self.lock:
            return {'event': event, 'deliveries': [deliveries.record(self.store, report) for report in reports]}

    def advance_clock(self, seconds):
        """Move the emulator clock forward (credentials past their Expiration become inactive)."""
        with self.lock:
            self.store.clock_offset_ms += int(seconds * 1000)
            self.store.expire_credentials(self.config['timestamp_unit'])
            return {'now': self.store.now_ms(), 'offset_ms': self.store.clock_offset_ms}
