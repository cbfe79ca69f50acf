# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Timestamps: what users write (ISO 8601, epoch seconds or milliseconds) to the API's epoch milliseconds."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import math
import re

# Every timestamp of the API is epoch milliseconds. A number at or above 10^11 is taken as
# milliseconds (10^11 s is the year 5138, 10^11 ms is 1973), so both units separate cleanly.
MS_THRESHOLD = 10 ** 11
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
MAX_MS = 253402300800000  # 10000-01-01T00:00:00Z
_DATE_ONLY = re.compile(r'^\d{4}-\d{2}-\d{2}$')


class TimestampError(ValueError):
    """A value that is not a timestamp this collection understands."""


def to_epoch_ms(value, option):
    """Epoch milliseconds for an ISO 8601 string or an epoch number in seconds or milliseconds.

    ``""`` means "never" and gives None. ``option`` names the option in error messages.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise TimestampError('%s must be an ISO 8601 date/datetime or a Unix time; got %s'
                             % (option, repr(value) if isinstance(value, bool) else 'a %s' % type(value).__name__))
    if isinstance(value, (int, float)) or re.match(r'^\s*\d+(\.\d+)?\s*$', str(value)):
        try:
            number = float(value)
        except OverflowError:  # an integer too large for a float: outside the years 1970-9999 either way
            number = math.inf if value > 0 else -math.inf
        value_ms = number if number >= MS_THRESHOLD else number * 1000
    else:
        value_ms = _iso_to_ms(str(value).strip(), option)
    if not (math.isfinite(value_ms) and 0 <= value_ms < MAX_MS):
        raise TimestampError('%s must be a time between the years 1970 and 9999; got %r' % (option, value))
    return int(round(value_ms))


def _iso_to_ms(text, option):
    """Epoch ms of an ISO 8601 date or datetime; a value without a zone is UTC."""
    if _DATE_ONLY.match(text):
        text += 'T00:00:00'
    normalized = re.sub(r'[zZ]$', '+00:00', text.replace(' ', 'T', 1))
    # Python < 3.11 accepts neither a 'Z' suffix nor fractions other than 3 or 6 digits.
    normalized = re.sub(r'\.(\d{1,6})\d*', lambda m: '.' + m.group(1).ljust(6, '0'), normalized)
    try:
        moment = datetime.datetime.fromisoformat(normalized)
    except (ValueError, OverflowError):
        raise TimestampError('%s must be an ISO 8601 date/datetime (e.g. 2026-12-31 or 2026-12-31T17:00:00Z) '
                             'or a Unix time in seconds or milliseconds; got %r' % (option, text))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return (moment - _EPOCH).total_seconds() * 1000


def api_to_ms(value):
    """Epoch ms of a timestamp as the API returns it (ms expected; seconds tolerated); None stays None."""
    if value is None or value == '':
        return None
    try:
        return to_epoch_ms(value, 'timestamp')
    except TimestampError:
        return None


def to_the_second(value):
    """A timestamp as the API returns it (ms expected, seconds tolerated), in whole seconds for comparing; None stays None."""
    value_ms = api_to_ms(value)
    return None if value_ms is None else value_ms // 1000


def ms_to_iso(value_ms):
    """An ISO 8601 UTC string for epoch ms (for diffs and messages); None stays None."""
    if value_ms is None:
        return None
    moment = _EPOCH + datetime.timedelta(milliseconds=value_ms)
    return moment.strftime('%Y-%m-%dT%H:%M:%SZ')


def now_ms():
    """The current time in epoch ms."""
    return int((datetime.datetime.now(datetime.timezone.utc) - _EPOCH).total_seconds() * 1000)
