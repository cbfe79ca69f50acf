# Appended by scripts/docs to the conf.py that `antsibull-docs sphinx-init` generates.
# The build is offline: no intersphinx inventories (they would be downloaded). References into the
# Ansible documentation (labels defined there, not here) become plain links to docs.ansible.com;
# any other unresolved reference still fails the build (-W).

intersphinx_mapping = {}

ANSIBLE_DOCS = 'https://docs.ansible.com/ansible/latest/'
ANSIBLE_LABELS = {
    'ansible_configuration_settings': 'reference_appendices/config.html',
    'common_return_values': 'reference_appendices/common_return_values.html',
    'module_defaults': 'playbook_guide/playbooks_module_defaults.html',
    'playbooks_vault': 'vault_guide/index.html',
}
OWN_PREFIX = 'ansible_collections.sftptogo.sftptogo.'


def _ansible_docs_url(target):
    """Return the docs.ansible.com URL of a label of the Ansible docs, or None."""
    if target in ANSIBLE_LABELS:
        return ANSIBLE_DOCS + ANSIBLE_LABELS[target]
    parts = target.split('.')
    # ansible_collections.<namespace>.<name>.<plugin>_<type>, of another collection
    if len(parts) == 4 and parts[0] == 'ansible_collections' and not target.startswith(OWN_PREFIX):
        plugin, dummy, plugin_type = parts[3].rpartition('_')
        if plugin:
            return '%scollections/%s/%s/%s_%s.html' % (ANSIBLE_DOCS, parts[1], parts[2], plugin, plugin_type)
    return None


def _resolve_ansible_reference(app, env, node, contnode):
    """missing-reference handler: link labels of the Ansible docs to docs.ansible.com."""
    from docutils import nodes  # pylint: disable=import-outside-toplevel

    if node.get('refdomain') != 'std' or node.get('reftype') != 'ref':
        return None
    url = _ansible_docs_url(node.get('reftarget', ''))
    if url is None:
        return None
    reference = nodes.reference('', '', internal=False, refuri=url)
    reference.append(contnode)
    return reference


def setup(app):
    """Sphinx hook of conf.py."""
    app.connect('missing-reference', _resolve_ansible_reference)
