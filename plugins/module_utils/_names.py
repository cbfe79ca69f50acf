# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Names a user may have misspelt: the one rule that picks the valid name meant (options, keys, variables)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import difflib


def closest(name, known):
    """The known name closest to ``name`` (None when none is close enough to be what was meant)."""
    matches = difflib.get_close_matches(str(name), sorted(known), n=1, cutoff=0.6)
    return matches[0] if matches else None
