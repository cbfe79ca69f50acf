# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Webhooks (API: /webhooks): field table, validators, argument specs, result shaping, the signing secret."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from urllib.parse import urlsplit

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._connection import AUTH_ARGUMENT_SPEC
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._render import OMITTED
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._engine import StateEngine
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._descriptor import ResourceType, STATE_SPEC, declared_options
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._failure import ModuleFailure
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._field import ALWAYS, Field, Secret, secret_options, token_url
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._lookup import given
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._token import carries_token, masked_url, shown_url

TYPES = ['webhook', 'slack', 'ms-teams', 'email']
DEFAULT_TYPE = 'webhook'
TOPICS = ['file.created', 'file.deleted', 'file.downloaded']
HTTPS_URL = re.compile(r'https://\S+', re.IGNORECASE)
EMAIL = re.compile(r'[^@\s<>",;:]+@[^@\s<>",;:.]+(?:\.[^@\s<>",;:.]+)+')  # no ':', so never 'mailto:...'
NAMED_EMAIL = re.compile(r'[^<>]*<([^<>]*)>')
# Slack and Teams webhook URLs are a token whatever their shape (a test URL, a proxy): the type says so.
SECRET_TYPES = ('slack', 'ms-teams')


def secret_url(url, obj):
    """The token rule of a webhook (API object ``obj``): its URL carries a token, or its type is secret."""
    return isinstance(url, str) and bool(url.strip()) and (carries_token(url) or (obj or {}).get('Type') in SECRET_TYPES)


def url_shown(hook_type, url):
    """``url`` as a message about a webhook of ``hook_type`` shows it."""
    return masked_url(url) if secret_url(url, dict(Type=hook_type)) else url


def check_url(hook_type, url):
    """``url`` if it fits ``hook_type`` (an https:// URL, or an e-mail address for email), else a ValueError.

    The whole value must fit (fullmatch: a trailing newline does not pass), and no control character fits either.
    """
    if hook_type == 'email':
        named = NAMED_EMAIL.fullmatch(url.strip())
        fits = EMAIL.fullmatch(named.group(1).strip() if named else url)
        rule = "url must be an e-mail address (or 'Name <address>') for type email"
    else:
        fits = HTTPS_URL.fullmatch(url) and _valid_host(url)
        rule = 'url must be an https:// URL for type %s' % hook_type
    if not fits or not url.isprintable():
        raise ValueError('%s; got %r' % (rule, url_shown(hook_type, url)))  # a token masked even when mangled
    return url


def _valid_host(url):
    """Whether a URL has a host name, and a port (if any) that is a port number."""
    try:
        parts = urlsplit(url)
        parts.port  # pylint: disable=pointless-statement
    except ValueError:
        return False
    return bool(parts.hostname)


def check_url_any_type(url):
    """``url`` if it fits at least one type (used while the webhook's type is not known yet), else a ValueError."""
    for hook_type in ('webhook', 'email'):
        try:
            return check_url(hook_type, url)
        except ValueError:
            pass
    raise ValueError('url must be an https:// URL (types webhook, slack, ms-teams) or an e-mail address '
                     '(type email); got %r' % shown_url(url))


def check_topics(topics):
    """The topics without duplicates (first occurrence kept), or a ValueError for an empty list."""
    unique = []
    for topic in topics:
        if topic not in unique:
            unique.append(topic)
    if not unique:
        raise ValueError('topics must hold at least one of %s; got []' % ', '.join(TOPICS))
    return unique


def check_authorization_header(value):
    """The header value if it is one line without control characters, as HTTP allows (the value never appears in the error)."""
    if any(char != '\t' and (ord(char) < 32 or ord(char) == 127) for char in value):
        raise ValueError('authorization_header must be a single line (no CR, LF or other control characters but tab)')
    return value


TYPE = Field('type', 'Type')
FIELDS = (
    Field('alias', 'Alias', canonical=lambda value: value or ''),
    Field('url', 'Url', display=shown_url, secret=token_url(secret_url)),
    TYPE,
    Field('authorization_header', 'AuthorizationHeader', to_api=check_authorization_header,
          canonical=lambda value: value or '', secret=ALWAYS),
    # Topics are a set: the API takes an array, its order and repeats mean nothing.
    Field('topics', 'Topics', to_api=check_topics, canonical=lambda value: frozenset(value or ()),
          display=lambda value: None if value is None else sorted(set(value))),
    Field('enabled', 'State', to_api=lambda enabled: 'enabled' if enabled else 'paused',
          display=lambda state: None if state is None else state == 'enabled'),
)
# The signing secret is in the create's answer only: returned by the run that created the webhook, else left out.
SIGNING_SECRET = Field(None, 'Secret', secret=Secret(form=OMITTED, shown_once=True, returned_as='webhook_secrets'))


ARGUMENT_SPEC = secret_options(dict(
    AUTH_ARGUMENT_SPEC,
    state=dict(STATE_SPEC),
    id=dict(type='str'),
    alias=dict(type='str'),
    url=dict(type='str'),
    type=dict(type='str', choices=TYPES),
    authorization_header=dict(type='str'),
    topics=dict(type='list', elements='str', choices=TOPICS),
    enabled=dict(type='bool'),
), FIELDS)

WEBHOOK = ResourceType(
    name='webhook', path='/webhooks', fields=FIELDS, get_by_id=False,  # no GET of one webhook: the list finds an id
    lookups=(('id',), ('alias',), ('url', 'type')), read_only=(SIGNING_SECRET,),
    natural_key=('alias',), name_keys=('Alias', 'Url'),
    declared=declared_options(ARGUMENT_SPEC, ('url', 'type', 'authorization_header', 'topics', 'enabled')))

MODULE_OPTIONS = dict(
    argument_spec=ARGUMENT_SPEC,
    required_one_of=[('id', 'alias', 'url')],
    supports_check_mode=True,
)

INFO_ARGUMENT_SPEC = dict(
    AUTH_ARGUMENT_SPEC,
    id=dict(type='str'),
    alias=dict(type='str'),
    show_secrets=dict(type='bool', default=False),
)


class WebhookEngine(StateEngine):
    """Webhooks: a url checked against the type, Type defaulted for create and lookup, the secret returned once."""

    def __init__(self, resource=WEBHOOK, **kwargs):
        super(WebhookEngine, self).__init__(resource, **kwargs)
        if not given(self.params, 'id') and not given(self.params, 'alias') and self.params.get('type') is None:
            # Found by url: the type is part of the lookup, and 'webhook' when left out.
            self.params['type'] = DEFAULT_TYPE

    def desired(self):
        url = self.params.get('url')
        try:
            if url is not None:
                if self.params.get('type') is None:
                    check_url_any_type(url)
                else:
                    check_url(self.params['type'], url)
        except ValueError as err:
            raise ModuleFailure(str(err), option='url')
        return super(WebhookEngine, self).desired()

    def ensure_present(self, current, desired):
        if current is None:
            missing = [option for option in ('url', 'topics') if self.params.get(option) is None]
            if missing:
                raise ModuleFailure('%s required to create a webhook (none matches %s); nothing was created' % (
                    ' and '.join(missing) + (' are' if len(missing) > 1 else ' is'), self.lookup_text()), option=missing[0])
        self.check_url_fits_type(current)
        return super(WebhookEngine, self).ensure_present(current, desired)

    def lookup_text(self):
        """The options the webhook was looked up by, for messages."""
        options = self.lookup_options()
        return ', '.join('%s=%r' % (option, self.params[option]) for option in options) if options else 'the task'

    def check_url_fits_type(self, current):
        """Once the current type is known: the url must fit the type the webhook will have (no write otherwise)."""
        current = current or {}
        given_url, given_type = self.params.get('url'), self.params.get('type')
        if given_url is not None and given_type is None:
            url, hook_type = given_url, current.get('Type') or DEFAULT_TYPE
            hint = ('webhook %s has type %s; set type to change it' % (current['Id'], hook_type) if current
                    else 'a new webhook has type %s unless type is set' % DEFAULT_TYPE)
        elif given_url is None and given_type not in (None, current.get('Type')) and current.get('Url'):
            url, hook_type = current['Url'], given_type
            hint = 'the current url of webhook %s; set url too when changing the type' % current['Id']
        else:
            return  # a url given with its type was checked before any request
        try:
            check_url(hook_type, url)
        except ValueError as err:
            raise ModuleFailure('%s (%s); nothing was changed' % (err, hint))

    def create_body(self, desired):
        body = super(WebhookEngine, self).create_body(desired)
        if 'Type' not in body:
            body['Type'] = DEFAULT_TYPE
            self.show(TYPE, None, DEFAULT_TYPE, changed=True)  # the diff shows it; the drift, as declared, does not
        return body

    def post_create(self, body):
        created = super(WebhookEngine, self).post_create(body)
        if isinstance(created, dict) and created.get('Secret'):
            # The only response that ever shows the signing secret.
            self.reveal_secrets = True
        else:
            self.warn('the signing secret of webhook %s was not in the create response (when that response is '
                      'lost, the webhook is found again by listing, and the list never shows the secret), so '
                      'webhook.secret is not returned; rotate the secret in the SFTP To Go console, or delete '
                      'and create the webhook again' % (created or {}).get('Id'))
        return created
