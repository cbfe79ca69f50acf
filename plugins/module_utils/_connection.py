# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The connection options every module takes, and their rules (checked before any request)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
import re

from urllib.parse import urlsplit

from ansible.module_utils.basic import env_fallback

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._render import MESSAGE_MASK as MASK

DEFAULT_API_URL = 'https://api.sftptogo.com'
MAX_API_RETRIES = 10
MAX_TIMEOUT = 3600  # seconds per request; far more than any answer takes (and a socket cannot wait ~10^10 s)

AUTH_ARGUMENT_SPEC = dict(
    # Not required=True: Ansible's "missing required arguments: organization_id" would stop before naming the
    # environment variable, or the API key when that is missing too (missing_settings names all of them).
    api_key=dict(type='str', no_log=True, fallback=(env_fallback, ['SFTPTOGO_API_KEY'])),
    organization_id=dict(type='str', fallback=(env_fallback, ['SFTPTOGO_ORGANIZATION_ID'])),
    api_url=dict(type='str', default=DEFAULT_API_URL, fallback=(env_fallback, ['SFTPTOGO_API_URL'])),
    validate_certs=dict(type='bool', default=True),
    timeout=dict(type='float', default=30),
    api_retries=dict(type='int', default=5),
)


def connection_options(params):
    """The connection options of ``params``; one left out or given as null takes its default."""
    options = {}
    for name, spec in AUTH_ARGUMENT_SPEC.items():
        value = params.get(name)
        options[name] = spec.get('default') if value is None else value
    return options


def _shown(value):
    """``value`` quoted for a message, shortened."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + '...'


def check_path_id(option, value):
    """Raise ValueError naming ``option`` unless ``value`` may go into a URL path: letters, digits, '_', '-'.

    None (the option is not given) passes.
    """
    if value is not None and (not isinstance(value, str) or not re.fullmatch(r'[A-Za-z0-9_-]+', value)):
        raise ValueError("%s must be letters, digits, '_' or '-' only (it goes into the request path); got %s"
                         % (option, _shown(value)))
    return value


REQUIRED_SETTINGS = ('api_key', 'organization_id')


def _joined(words):
    return ' and '.join(words)


def missing_settings(options):
    """One problem naming every required connection setting left out (option and environment variable); None."""
    missing = [name for name in REQUIRED_SETTINGS if options[name] in (None, '')]  # a null option arrives as ''
    if not missing:
        return None
    variables = [AUTH_ARGUMENT_SPEC[name]['fallback'][1][0] for name in missing]
    if len(missing) == 1:
        return '%s is required: set the %s option or the %s environment variable; got none' % (
            missing[0], missing[0], variables[0])
    return '%s are required: set the %s options or the %s environment variables; got none of them' % (
        _joined(missing), _joined(missing), _joined(variables))


def _api_key_problem(key):
    """What is wrong with a given API key, without ever quoting it; None when nothing is."""
    rule = 'api_key must be non-empty printable ASCII without whitespace'
    if key in (None, ''):
        return None  # missing: missing_settings says so
    if not isinstance(key, str):
        return rule
    if key != key.strip():
        return ('%s; it starts or ends with whitespace or a newline: remove it (the usual cause is a vault or '
                'YAML "|" block value, which ends with a newline; "| trim" removes it)' % rule)
    if any(char.isspace() for char in key):
        return '%s; it contains whitespace' % rule
    if not all(33 <= ord(char) <= 126 for char in key):
        return '%s; it contains a non-ASCII or control character' % rule
    return None


def is_loopback_host(host):
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if (host or '').lower() == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _split_url(url):
    """urlsplit(url) with its port checked; ValueError when it is not a URL."""
    if not isinstance(url, str) or any(char.isspace() or not char.isprintable() for char in url):
        raise ValueError('it contains whitespace or control characters')
    parts = urlsplit(url)
    parts.port  # pylint: disable=pointless-statement
    return parts


def _without_user_info(parts):
    """An API URL as messages quote it: its user info (a password, maybe) replaced by a mask."""
    if '@' not in parts.netloc:
        return parts.geturl()
    return parts._replace(netloc='%s@%s' % (MASK, parts.netloc.rsplit('@', 1)[1])).geturl()


def shown_api_url(url):
    """A URL of the API as messages quote it (its user info masked); a URL that does not parse is named only."""
    try:
        return _without_user_info(urlsplit(url))
    except ValueError:
        return 'the api_url'


def _api_url_problems(url):
    """What is wrong with the API URL; [] when nothing is."""
    try:
        parts = _split_url(url)
    except ValueError as err:
        return ['api_url must be an http:// or https:// URL; %s' % err]
    problems = []
    if parts.scheme not in ('https', 'http') or not parts.hostname:
        problems.append('api_url must be an http:// or https:// URL with a host (http:// sends the API key in clear '
                        'text: only for a local test endpoint); got %s' % _shown(_without_user_info(parts)))
    if '@' in parts.netloc:
        problems.append('api_url must not contain user info (user:password@); the API key goes in api_key')
    if parts.query or parts.fragment or '?' in url or '#' in url:
        problems.append('api_url must not have a query string or fragment')
    return problems


def connection_option_problems(params):
    """Rule violations in the connection options, each naming the option and the rule; never the key."""
    options = connection_options(params)
    problems = [problem for problem in [missing_settings(options), _api_key_problem(options['api_key'])] if problem]
    problems.extend(_api_url_problems(options['api_url']))
    if options['organization_id']:
        try:
            check_path_id('organization_id', options['organization_id'])
        except ValueError as err:
            problems.append(str(err))
    timeout = options['timeout']
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout <= MAX_TIMEOUT:
        problems.append('timeout must be a positive number of seconds, and finite (at most %d, one hour); got %s'
                        % (MAX_TIMEOUT, _shown(timeout)))
    retries = options['api_retries']
    if isinstance(retries, bool) or not isinstance(retries, int) or not 0 <= retries <= MAX_API_RETRIES:
        problems.append('api_retries must be 0 or more and at most %d (0: one attempt only); got %s'
                        % (MAX_API_RETRIES, _shown(retries)))
    key = options['api_key']
    if isinstance(key, str) and key.strip():
        problems = [problem.replace(key.strip(), MASK) for problem in problems]
    return problems


def connection_option_warnings(params):
    """Warnings about valid but risky connection options (from_module passes them to module.warn)."""
    options = connection_options(params)
    try:
        parts = _split_url(options['api_url'])
    except ValueError:
        return []
    warnings = []
    if parts.scheme == 'http' and not is_loopback_host(parts.hostname):
        warnings.append('api_url uses http://: the API key travels in clear text to %s; use https://'
                        % parts.hostname)
    if parts.scheme == 'https' and not options['validate_certs']:
        warnings.append('validate_certs is false: the TLS certificate of %s is not checked, so the API key can be '
                        'intercepted; use it only for a trusted test endpoint' % parts.hostname)
    return warnings
