# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Webhooks (/webhooks) and share links (/portal-links). Each handler returns (status, JSON value)."""

import copy

import strict
import validation
import views
from common import ApiError
from store import LINK_REMOVABLE, apply_changes


# webhooks --------------------------------------------------------------------------------------
def find_webhook(ctx, wid):
    """The stored webhook ``wid`` or a 404."""
    hook = ctx.store.webhooks.get(wid)
    if hook is None:
        raise ApiError(404, 'Webhook not found')
    return hook


def webhook_fields(ctx, body, current):
    """Validate the webhook keys of ``body`` against the resulting Type; returns the values to store."""
    hook_type = validation.enum('Type', body.get('Type', current.get('Type')), validation.WEBHOOK_TYPES)
    fields = {}
    for key, value in body.items():
        if key == 'Type':
            fields[key] = hook_type
        elif key == 'Url':
            fields[key] = validation.webhook_url(hook_type, value)
        elif key == 'Topics':
            fields[key] = validation.topics(ctx, value)
        elif key == 'State':
            fields[key] = validation.enum('State', value, validation.WEBHOOK_STATES)
        else:
            fields[key] = validation.string(key, value, max_len=validation.MAX_TEXT) or ''
    if 'Url' not in body and 'Url' in current:
        validation.webhook_url(hook_type, current['Url'])
    return fields


def list_webhooks(ctx, _params, _body):
    """GET /webhooks: every Secret is ""."""
    return 200, [views.webhook(ctx, hook) for hook in ctx.store.webhooks.values()]


def create_webhook(ctx, _params, body):
    """POST /webhooks: the only response that carries the generated Secret."""
    body = strict.screen(ctx, 'webhook', body or {})
    if 'Type' not in body:
        ctx.violate('missing_type', 'a webhook create must carry Type')
    for key in ('Url', 'Topics'):
        if key not in body:
            validation.fail(f'{key} is required')
    fields = webhook_fields(ctx, body, {'Type': 'webhook'})
    return 201, views.webhook(ctx, ctx.store.make_webhook(fields), with_secret=True)


def get_webhook(ctx, params, _body):
    """GET /webhooks/{wid} (undocumented; only with ``undocumented_endpoints: allow``)."""
    return 200, views.webhook(ctx, find_webhook(ctx, params['wid']))


def patch_webhook(ctx, params, body):
    """PATCH /webhooks/{wid}: sparse merge; Topics replaced as a whole."""
    hook = find_webhook(ctx, params['wid'])
    strict.require_patch_body(ctx, body)
    body = strict.screen(ctx, 'webhook', body or {})
    strict.require_changes(ctx, body, hook)
    apply_changes(hook, webhook_fields(ctx, body, hook), (), ctx.now_ms())
    return 200, views.webhook(ctx, hook, with_secret=ctx.config['secret_on_update'] == 'repeat')


def delete_webhook(ctx, params, _body):
    """DELETE /webhooks/{wid}: answers {}."""
    hook = find_webhook(ctx, params['wid'])
    del ctx.store.webhooks[hook['Id']]
    return 200, {}


# share links -----------------------------------------------------------------------------------
def find_link(ctx, lid):
    """The stored share link ``lid`` or a 404."""
    link = ctx.store.links.get(lid)
    if link is None:
        raise ApiError(404, 'Share link not found')
    return link


def access_limit(ctx, value):
    """An integer >= 0 (0 = unlimited)."""
    value = validation.integer(ctx, 'AccessLimit', value)
    if value < 0:
        validation.fail('AccessLimit must be 0 (unlimited) or more')
    return value


def link_fields(ctx, body, path):
    """Validate the share-link keys of ``body`` (Path and Type excluded) for a link on ``path``."""
    checks = {
        'Permission': lambda v: validation.link_permission(path, v),
        'ExpiresAt': lambda v: validation.expiry(ctx, 'ExpiresAt', v, within_year=False),
        'AccessLimit': lambda v: access_limit(ctx, v),
        'Password': lambda v: None if v is None else validation.password(v, ctx.config['password_policy']),
        'Notes': lambda v: validation.string('Notes', v, max_len=validation.MAX_TEXT),
    }
    return {key: checks[key](value) for key, value in body.items() if key in checks}


def list_links(ctx, _params, _body):
    """GET /portal-links: all links of the organization."""
    return 200, [views.link(ctx, link) for link in ctx.store.links.values()]


def create_link(ctx, _params, body):
    """POST /portal-links: Type must be "share", Path required; a file link is read-only."""
    body = strict.screen(ctx, 'link', body or {})
    if body.get('Type') != 'share':
        validation.fail('Type must be set to share')
    if 'Path' not in body:
        validation.fail('Path is required')
    path = validation.link_path(body['Path'])
    fields = link_fields(ctx, body, path)
    fields['Path'] = path
    link = ctx.store.make_link(fields, ctx.config['portal_domain'], created_by=copy.deepcopy(ctx.store.api_account))
    return 201, views.link(ctx, link, with_password=True)


def get_link(ctx, params, _body):
    """GET /portal-links/{lid}."""
    return 200, views.link(ctx, find_link(ctx, params['lid']))


def patch_link(ctx, params, body):
    """PATCH /portal-links/{lid}: sparse merge; Path and Type cannot change."""
    link = find_link(ctx, params['lid'])
    strict.require_patch_body(ctx, body)
    body = strict.screen(ctx, 'link', body or {})
    hidden = () if ctx.config['share_link_password_in_get'] else ('Password',)
    strict.require_changes(ctx, body, link, ignore=hidden)
    apply_changes(link, link_fields(ctx, body, link['Path']), LINK_REMOVABLE, ctx.now_ms())
    return 200, views.link(ctx, link)


def delete_link(ctx, params, _body):
    """DELETE /portal-links/{lid}: answers {}."""
    link = find_link(ctx, params['lid'])
    del ctx.store.links[link['Id']]
    return 200, {}
