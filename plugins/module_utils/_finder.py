# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""How an engine finds the object a task is about: lists read once, one object by Id, a lookup by natural key with
its ambiguity rules (Finder, the reading half of the state engine, _engine)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._descriptor import remember_secrets
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._failure import ModuleFailure
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._lookup import given, identical_duplicates, matching


def read_list(client, path, missing=None):
    """The list at ``path`` (one GET; an empty answer is []); an answer that is not a list fails.

    ``missing``: the failure when the GET answers 404 (the list's parent does not exist); without it, ApiError.
    """
    items = client.get(path, accept_missing=missing is not None)
    if items is None and missing is not None:
        raise ModuleFailure(missing)
    items = items or []
    if not isinstance(items, list):
        raise ModuleFailure('GET %s returned %s instead of a list' % (path, type(items).__name__))
    return items


def read_collection(client, resource):
    """Every resource of a collection (one GET)."""
    return read_list(client, resource.path)


class Finder:
    """Finds the object of ``self.resource`` that ``self.params`` are about, through ``self.client``; ``self.listed``
    (what a caller already read of the collection) serves the lookups when given. Sets ``found`` and ``duplicates``
    (identical copies of the found object, newer than it); every object it reads has its secrets registered."""

    chooser = 'id'  # the option an ambiguity message tells the user to set to choose among the matches

    def serve(self, listed):
        """What a caller already read of the collection (at least every object the lookup can match)."""
        self.listed = listed

    def locate(self):
        """Find the resource the task is about (served from ``listed`` when given)."""
        self.found = self.find()
        self.located = True
        # The task's values over the found object: a token rule may read both (a slack webhook's url).
        remember_secrets(self.client, self.resource, dict(self.found or {}, **self.resource.api_object(self.params)))
        return self.found

    def lookup_options(self):
        """The first lookup whose options the task gives."""
        for options in self.resource.lookups:
            if all(given(self.params, option) for option in options):
                return options
        return None

    def find(self):
        """The resource the task is about, or None."""
        options = self.lookup_options()
        if options == ('id',):
            return self.by_id(self.params['id'])
        return self.find_in_list(options, self.list())

    def by_id(self, resource_id):
        """One resource by Id (GET, or from the list); a missing Id fails for state=present, is None for absent."""
        if self.listed is None and self.resource.get_by_id:
            found = self.client.get(self.resource.item_path(resource_id), accept_missing=True)
        else:
            found = next((item for item in self.list() if item.get('Id') == resource_id), None)
        if found is not None:
            return remember_secrets(self.client, self.resource, found)
        if self.params.get('state') == 'absent':
            return None
        raise ModuleFailure('no %s with id %r exists; an id never creates a resource (leave id out to create one)'
                            % (self.resource.name, resource_id))

    def list(self, fresh=False):
        """Every resource of the collection (the list already read, unless ``fresh``)."""
        if self.listed is not None and not fresh:
            return self.listed
        return read_collection(self.client, self.resource)

    def find_in_list(self, options, items):
        """The one item matching ``options`` (narrowed if needed), None, or an ambiguity error."""
        matches = matching(self.resource, items, self.params, options)
        if len(matches) > 1:
            narrowing = [opt for opt in self.resource.narrow if self.params.get(opt) is not None]
            if narrowing:
                matches = matching(self.resource, matches, self.params, narrowing)
        copies = identical_duplicates(self.resource, matches)
        if copies:
            matches = copies[:1]
            self.duplicates = copies[1:]
            self.warn('%d identical %ss match %s (ids: %s), as overlapping runs leave them: this task manages the '
                      'oldest, %s; remove the others (state=absent with their id, or the organization purge)' % (
                          len(copies), self.resource.name, self.lookup_text_of(options),
                          ', '.join(str(item.get('Id')) for item in copies), copies[0].get('Id')))
        if len(matches) > 1:
            raise ModuleFailure('%d %ss match %s (ids: %s); set %s to choose one' % (
                len(matches), self.resource.name, self.lookup_text_of(options),
                ', '.join(str(item.get('Id')) for item in matches), self.chooser))
        return remember_secrets(self.client, self.resource, matches[0]) if matches else None

    def lookup_text_of(self, options):
        """'alias=\'x\'' for messages (the task's values of ``options``)."""
        return ', '.join('%s=%r' % (opt, self.params[opt]) for opt in options)

    def find_created(self):
        """After a create whose answer was lost (or a 409): the resource if a fresh list now holds it."""
        return self.find_in_list(self.lookup_options(), self.list(fresh=True))
