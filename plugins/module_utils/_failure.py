# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A failure to report as is, and where in a declaration it belongs.

The bottom layer: every other layer raises it; only _module turns it into fail_json."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleFailure(Exception):
    """A failure to report as is: bad input, an ambiguous lookup, a refused operation.

    ``option``: the option the failure is about, when its message starts with it ('url must be ...'); a layer
    that knows where the option was declared places it there (``placed``) without reading the message.
    ``result``: what the failed task returns besides msg (only _module turns a failure into fail_json).
    """

    def __init__(self, message, option=None, result=None):
        super(ModuleFailure, self).__init__(message)
        self.message = message
        self.option = option
        self.result = result or {}


def placed(place, err, item_option=None, redact=None):
    """A failure's message prefixed with the place of the declared item it is about.

    A failure about one of the item's options joins it with a dot (credentials[3].inbound_rules[0].source must
    ...), any other with a colon (credentials[3]: 2 credentials match ...). ``item_option`` is the engine option
    that is the declared item itself (the key set's ``key`` is credentials[3].ssh_keys); ``redact`` masks the
    message's secrets.
    """
    text = str(err) if redact is None else redact(str(err))
    option = getattr(err, 'option', None)
    if option is None:
        return '%s: %s' % (place, text)
    if option == item_option:
        return place + text[len(option):]
    return '%s.%s' % (place, text)
