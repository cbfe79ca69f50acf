# -*- coding: utf-8 -*-
# Copyright: (c) 2026, sftptogo.sftptogo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""From an AnsibleModule to an engine and back: the only code that calls exit_json or fail_json."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils import basic

from ansible_collections.sftptogo.sftptogo.plugins.module_utils._api import ApiClient, ApiError
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._connection import check_path_id
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._finder import read_collection
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._ssh import is_private_key
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._descriptor import option_tokens
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._failure import ModuleFailure
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._lookup import matching
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._masking import WORD_ONLY_LENGTH, mask_secret, secret_forms
from ansible_collections.sftptogo.sftptogo.plugins.module_utils._token import carries_token

# A float is no string: YAML reads 'alias: 1.10' as the number 1.1, and its text would lose the 0.
_SHAPES = {'str': (str, int), 'list': (list,), 'dict': (dict,)}
_NOT_BOOLEAN = ('str', 'int', 'float')  # Ansible would turn true into 'True' or 1
_NAMES = {dict: 'a dict', list: 'a list', str: 'a string'}


def _kind(kind):
    """'a str', 'an int' (for messages)."""
    return ('an %s' if kind[0] in 'aeiou' else 'a %s') % kind


def _shown(value):
    """What a message says the wrong value was: true and false as given, else its shape ('a dict')."""
    if isinstance(value, float):
        return 'the number %r (quote it to keep it as written)' % value
    return repr(value) if isinstance(value, bool) else _NAMES.get(type(value), type(value).__name__)


def value_type_problems(spec, values, where=''):
    """Options given a value of the wrong shape (a dict or list for a string, a string for a list, a boolean for a
    string or number, null in a list), by place.

    Ansible would turn such a value into its Python text; here it fails instead.
    """
    problems = []
    for name, option in spec.items():
        value = values.get(name) if isinstance(values, dict) else None
        if value is None:
            continue
        kind, place = option.get('type', 'str'), where + name
        if (kind in _SHAPES and not isinstance(value, _SHAPES[kind])) or (kind in _NOT_BOOLEAN and isinstance(value, bool)):
            problems.append('%s must be %s; got %s' % (place, _kind(kind), _shown(value)))
            continue
        if kind == 'list':
            for index, element in enumerate(value):
                element_place = '%s[%d]' % (place, index)
                if element is None and option.get('elements', 'raw') != 'raw':
                    problems.append('%s must be %s; got null' % (element_place, _kind(option['elements'])))
                elif option.get('options') and isinstance(element, dict):
                    problems.extend(value_type_problems(option['options'], element, element_place + '.'))
                else:
                    problems.extend(value_type_problems({'': {'type': option.get('elements', 'raw')}},
                                                        {'': element}, element_place))
    return problems


def _raw_params():
    """The task's arguments as Ansible passed them, before type conversion ({} outside a module run)."""
    if getattr(basic, '_ANSIBLE_ARGS', None) is None:
        return {}  # not run by Ansible (set by AnsiballZ and by the unit tests): nothing to read, never stdin
    try:
        return basic._load_params()  # pylint: disable=protected-access
    except Exception:  # pylint: disable=broad-except
        return {}


def task_secrets(spec, params):
    """Every value the task gives to a no_log option, nested ones too: the strings in it, whatever its shape."""
    found = []
    for name, option in spec.items():
        value = params.get(name) if isinstance(params, dict) else None
        if option.get('no_log'):
            found.extend(_strings(value))
        elif option.get('options') and isinstance(value, list):
            for element in value:
                found.extend(task_secrets(option['options'], element))
    return found


def _strings(value):
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, dict):
        value = list(value.values())
    return [string for item in value for string in _strings(item)] if isinstance(value, list) else []


def _dicts(value):
    """``value`` if it is a dict, and every dict nested in it."""
    nested = list(value.values()) if isinstance(value, dict) else value if isinstance(value, list) else []
    return ([value] if isinstance(value, dict) else []) + [found for item in nested for found in _dicts(item)]


def run_time_secrets(params):
    """The task's values that are secrets by their content, whatever their option (nested ones too): every string
    that is a URL carrying a token (a Slack webhook URL given as url, an api_url with user info) and every value a
    descriptor's token rule makes secret (the url of a slack webhook), with every form of it a message may show
    (_masking.secret_forms), and every private key given where a public key belongs (refused, but never shown).
    Ansible would print them in invocation.module_args at -vvv."""
    strings = _strings(list(params.values()) if isinstance(params, dict) else [])
    tokens = [string for string in strings if carries_token(string)]
    tokens.extend(value for values in _dicts(params) for value in option_tokens(values))
    return ([form for token in tokens if isinstance(token, str) for form in secret_forms(token)]
            + [string for string in strings if is_private_key(string)])


def core_masks(secrets):
    """The secrets to hand to ansible-core's no_log masking: the ones long enough to be masked anywhere.

    Core masks a no_log value wherever it occurs, inside words too: a short one ('prod', a query value of a token
    URL) would garble every message and tell where its letters are. The collection masks those in its messages
    itself, as whole words (ApiClient.redact, _masking.mask_secret); every whole value that core echoes is long.
    """
    return [secret for secret in secrets if len(secret) >= WORD_ONLY_LENGTH]


def _masking(module_class, secrets):
    """``module_class`` whose failures (core's own, while it checks the arguments, too) never show ``secrets``."""
    class MaskingModule(module_class):  # pylint: disable=too-few-public-methods
        def fail_json(self, *args, **kwargs):
            self.no_log_values.update(core_masks(secrets))
            super(MaskingModule, self).fail_json(*args, **kwargs)
    return MaskingModule


def register_task_secrets(spec, params, client):
    """Every no_log value the task gives (nested ones too) is masked in messages."""
    for secret in task_secrets(spec, params):
        client.add_secret(secret)


def new_module(module_class, argument_spec, **options):
    """``module_class(argument_spec, **options)`` (AnsibleModule), once every value has the shape of its option.

    Ansible would turn a dict given for a string into its Python text; here it fails, naming the option.
    """
    raw = _raw_params()
    module_class = _masking(module_class, run_time_secrets(raw))
    problems = value_type_problems(argument_spec, raw)
    if problems:
        refuse_arguments(module_class, argument_spec, problems)
    return module_class(argument_spec=argument_spec, **options)


def refuse_arguments(module_class, argument_spec, problems, unknown_secret=False, echo=None):
    """Fail the task with ``problems`` of its arguments, through a module whose options take anything.

    The task's secrets stay out of its output; not every string of an option that holds one (a one-letter value
    would be masked everywhere). ``unknown_secret``: a key the spec does not know may be a misspelt secret
    (pasword), so its value is never echoed; ``echo``: the module's params -> the invocation to return.
    """
    raw = _raw_params()
    loose = {}
    if unknown_secret:
        loose = dict((name, dict(type='raw', no_log=True)) for name in raw if not name.startswith('_ansible_'))
    loose.update((name, dict(type='raw', no_log=bool(option.get('no_log')))) for name, option in argument_spec.items())
    module = module_class(argument_spec=loose, supports_check_mode=True)
    secrets = task_secrets(argument_spec, raw)
    module.no_log_values.update(core_masks(secrets))
    result = dict(invocation=echo(module.params)) if echo else {}
    message = '; '.join(problems)
    for secret in sorted(secrets, key=len, reverse=True):
        message = mask_secret(message, secret)
    module.fail_json(msg=message, **result)


def module_client(module):
    """The API client of a module run; bad connection options fail here, before any request."""
    secrets = run_time_secrets(module.params)
    module.no_log_values.update(core_masks(secrets))
    try:
        client = ApiClient.from_module(module)
    except ModuleFailure as err:
        module.fail_json(msg=str(err), **err.result)
    register_task_secrets(module.argument_spec, module.params, client)
    client.add_secrets(secrets)
    return client


def run_main(module, run):
    """Exit with ``run(client)``'s result; its failure fails the task with the result the failure carries."""
    client = module_client(module)
    try:
        result = run(client)
    except (ApiError, ModuleFailure) as err:
        module.fail_json(msg=client.redact(str(err)), **getattr(err, 'result', {}))
    module.exit_json(**result)


def run_engine(module, engine_class, *args):
    """Run one engine for a resource module and exit with its result."""
    client = module_client(module)
    engine = engine_class(*args, params=module.params, client=client, check_mode=module.check_mode)
    try:
        obj = engine.run()
    except (ApiError, ModuleFailure) as err:
        _warn(module, client, engine.warnings)
        module.fail_json(msg=client.redact(str(err)), changed=engine.changed, **engine.failure_result())
    _warn(module, client, engine.warnings)
    module.exit_json(changed=engine.changed, diff=engine.diff, **engine.module_result(obj))


def _warn(module, client, warnings):
    for message in warnings:
        module.warn(client.redact(message))


def run_info(module, resource, filters, result_key, check=None):
    """An _info module: list (or GET by id), keep what matches the filters the task sets, mask secrets, exit."""
    client = module_client(module)
    params = module.params
    options = [option for option in filters if params.get(option) is not None]
    try:
        check_path_id('id', params.get('id'))
        if check:
            check(params)
        matching(resource, [], params, options)  # a filter value that breaks its option's rule fails before any request
        if params.get('id') is not None and resource.get_by_id:
            found = client.get(resource.item_path(params['id']), accept_missing=True)
            items = [found] if found is not None else []
        else:
            items = read_collection(client, resource)
        items = matching(resource, items, params, options)
    except (ApiError, ModuleFailure, ValueError) as err:
        module.fail_json(msg=client.redact(str(err)))
    shown = [resource.to_result(item, show_secrets=params['show_secrets']) for item in items]
    module.exit_json(changed=False, **{result_key: shown})
