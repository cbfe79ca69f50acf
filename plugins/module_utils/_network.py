# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""IP addresses and CIDR ranges of inbound rules, in one canonical form."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress


def canonical_source(value):
    """The canonical CIDR of an IP address or range ('203.0.113.7' -> '203.0.113.7/32').

    Host bits are masked ('10.1.2.3/24' -> '10.1.2.0/24'), as the service matches by network.
    Raises ValueError for anything else, including a scoped IPv6 address (ipaddress takes 'fe80::1%eth0').
    """
    text = str(value).strip()
    if '%' in text:
        raise ValueError('an IPv6 zone (fe80::1%eth0) names an interface of one host, not a network')
    return str(ipaddress.ip_network(text, strict=False))


def canonical_source_or_raw(value):
    """canonical_source, or the value as it is when the API holds something that is not an address."""
    try:
        return canonical_source(value)
    except ValueError:
        return value
