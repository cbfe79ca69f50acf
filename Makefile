# Build and test toolchain of sftptogo.sftptogo. `make help` lists the targets.
# Every target sets up what it needs (venv, staged copy) itself; `make test` is what CI runs.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

REPO := $(CURDIR)
VENV := $(REPO)/.venv
BUILD := $(REPO)/.build
COLLECTION := $(BUILD)/ansible_collections/sftptogo/sftptogo
PYTHON_VERSION := 3.11
VENV_STAMP := $(VENV)/.requirements-installed
REQUIREMENTS := tests/requirements.txt tests/requirements-lock.txt
# Release tooling (changelog, docsite, ansible-builder) and galaxy-importer: venvs of their own.
RELEASE_VENV := $(REPO)/.venv-release
IMPORTER_VENV := $(REPO)/.venv-importer
# ansible-rulebook (Event-Driven Ansible tests and benchmark): a venv of its own.
EDA_VENV := $(REPO)/.venv-eda
export RELEASE_VENV IMPORTER_VENV EDA_VENV
# `make test` stages once and passes STAGED=1 to the steps after it.
STAGE := $(if $(STAGED),,stage)

# Tools of the venv first; ansible-test picks "python3.11" from PATH, so it finds the venv's.
export PATH := $(VENV)/bin:$(PATH)
# Module temp files stay in the build tree: Ansible writes them under ~/.ansible/tmp of the real home
# otherwise, even when HOME is changed.
export ANSIBLE_REMOTE_TMP := $(BUILD)/tmp/ansible-remote
export ANSIBLE_LOCAL_TEMP := $(BUILD)/tmp/ansible-local

.PHONY: help venv venv-release venv-importer venv-eda stage sanity units integration live-rehearsal eda eda-guide bench-eda awx-guide lint build-check changelog docs ee galaxy-importer release-check matrix ci-matrix ci-matrix-integration ci ci-prepare ci-ansible-test ci-tools test install install-eda emulator demo demo-clean bench lock clean

help:
	@echo 'Use the collection from this clone:'
	@echo '  make install      .venv (Python $(PYTHON_VERSION), ansible-core, requests) and the collection built and installed'
	@echo '                    into .build/collections; then `source .build/activate` for ansible-doc and ansible-playbook'
	@echo '  make install-eda  make install, and ansible-rulebook (.venv-eda) on the PATH of .build/activate (EDA guide)'
	@echo '  make emulator     the local API emulator in the foreground until Ctrl-C; prints the export lines for it;'
	@echo '                    delivers simulated file events to https://127.0.0.1 webhooks over plain http'
	@echo '  make demo         demo/demo.yml twice, then the organization playbook (drift report, converge, again),'
	@echo '                    against an emulator it starts and stops (or the organization SFTPTOGO_* point at),'
	@echo '                    then Event-Driven Ansible: a simulated upload fires a rulebook (needs Java 17)'
	@echo '                    Against a real organization it lists what it creates and asks first (without a'
	@echo '                    terminal: DEMO_CONFIRM=yes make demo); make demo-clean removes what it created'
	@echo 'Check it (make test is what a change must pass; CI runs .ci/run = make -j2 ci):'
	@echo '  make test         venv stage sanity units integration live-rehearsal eda awx-guide lint build-check'
	@echo '                    release-check; creates .venv, .venv-eda, .venv-release and .venv-importer (several'
	@echo '                    hundred MB with .build; du -sh .venv* .build tells)'
	@echo '  make sanity       ansible-test sanity; module code on every Python from 3.9 (tests/config.yml) this machine has'
	@echo '  make units        ansible-test units --local over tests/unit'
	@echo '  make integration  ansible-test integration against one emulator (TARGETS="sftptogo_credential" for one target)'
	@echo '  make live-rehearsal  live mode (tasks/live.yml) against an emulator playing a real organization'
	@echo '  make eda          ansible-rulebook end to end: webhook from the module, emulator uploads, the rule fires (Java 17);'
	@echo '                    then make eda-guide: the EDA guide'"'"'s commands, as written, against the emulator'
	@echo '  make awx-guide    the AWX guide'"'"'s playbooks, run as the controller runs them (ansible-runner)'
	@echo '  make lint         ansible-lint --offline, production profile; shellcheck on the scripts'
	@echo '  make build-check  build, install, ansible-doc every module, check the tarball contents'
	@echo '  make release-check  make changelog, docs, ee and galaxy-importer (tools in .venv-release, .venv-importer)'
	@echo '  make matrix       the ansible-core matrix 2.16-2.21 (MATRIX="2.16 2.21", MATRIX_STEPS="sanity units"),'
	@echo '                    one .venv-core<X.Y> each; make matrix-2.16 runs one version'
	@echo '  make ci-matrix    the matrix without the ansible-core of make test;  make ci   both (make -j2 ci), with'
	@echo '                    make test split in two jobs: ci-ansible-test (sanity units integration live-rehearsal)'
	@echo '                    and ci-tools (eda awx-guide lint build-check release-check)'
	@echo 'Other:'
	@echo '  make stage        fresh copy of the collection in $(COLLECTION) (every check runs on it)'
	@echo '  make bench        bench/run.py (BENCH_ARGS=... for its options)'
	@echo '  make bench-eda    event source throughput and delivery-to-rule delay with ansible-rulebook (bench/eda.py)'
	@echo '  make lock         regenerate the tests/requirements*-lock.txt files'
	@echo '  make clean        remove the venvs, .build and test output'
	@echo 'Nothing runs as root or installs outside this clone, apart from the caches of pip and ansible-test (~/.ansible/test).'

venv: $(VENV_STAMP)

$(VENV_STAMP): $(REQUIREMENTS) scripts/make-venv
	scripts/make-venv $(VENV)
	touch $@

venv-release: $(RELEASE_VENV)/.requirements-installed

$(RELEASE_VENV)/.requirements-installed: tests/requirements-release.txt tests/requirements-release-lock.txt scripts/make-venv
	scripts/make-venv $(RELEASE_VENV) tests/requirements-release.txt
	touch $@

venv-importer: $(IMPORTER_VENV)/.requirements-installed

$(IMPORTER_VENV)/.requirements-installed: tests/requirements-importer.txt tests/requirements-importer-lock.txt scripts/make-venv
	scripts/make-venv $(IMPORTER_VENV) tests/requirements-importer.txt
	touch $@

venv-eda: $(EDA_VENV)/.requirements-installed

$(EDA_VENV)/.requirements-installed: tests/requirements-eda.txt tests/requirements-eda-lock.txt scripts/make-venv
	scripts/make-venv $(EDA_VENV) tests/requirements-eda.txt
	touch $@

stage:
	scripts/stage

sanity: venv $(STAGE)
	scripts/sanity $(PYTHON_VERSION)

units: venv $(STAGE)
	scripts/units

integration: venv $(STAGE)
	scripts/integration $(PYTHON_VERSION) $(TARGETS)

live-rehearsal: venv $(STAGE)
	$(VENV)/bin/python tests/live/rehearsal.py $(PYTHON_VERSION)

# About 2 min: the source under unauthenticated load (tests/eda/abuse.py, ~45 s), then the eda venv (~20 s when
# its lock changed), ansible-rulebook start-up, a few playbook runs; then the EDA guide (make eda-guide, ~2 min).
eda: venv venv-eda $(STAGE)
	$(VENV)/bin/python tests/eda/abuse.py
	$(VENV)/bin/python tests/eda/end_to_end.py
	$(MAKE) --no-print-directory eda-guide STAGED=1

# The EDA guide's command blocks, copied from the page and run in shells of their own against the emulator.
eda-guide: install-eda
	$(VENV)/bin/python tests/eda/check_guide.py

# The AWX guide's inventory and playbooks, run with ansible-runner and the credential type's injectors.
awx-guide: install
	$(VENV)/bin/python tests/awx/check_guide.py $(BUILD)/collections

# ansible-lint offline (trap: online it leaves a copy that shadows later installs), with the staged
# collection as the only collection path; then shellcheck on the shell scripts, which ansible-test's
# shellcheck test skips (it checks *.sh only).
lint: venv $(STAGE)
	cd $(COLLECTION) && ANSIBLE_COLLECTIONS_PATH=$(BUILD) XDG_CACHE_HOME=$(BUILD)/cache \
		ansible-lint --offline --profile production --nocolor
	shellcheck $$(grep -lE '^#!/usr/bin/env (ba)?sh' scripts/* scripts/adapters/* .ci/* 2>/dev/null)
	@echo "lint: ansible-lint and shellcheck passed"

build-check: venv $(STAGE)
	scripts/release-check build

changelog: venv-release $(STAGE)
	scripts/release-check changelog

docs: venv-release $(STAGE)
	scripts/release-check docs

ee: venv-release $(STAGE)
	scripts/release-check ee

galaxy-importer: venv-importer $(STAGE)
	scripts/release-check galaxy-importer

release-check: venv-release venv-importer $(STAGE)
	scripts/release-check changelog docs ee galaxy-importer

# The steps of each version are in the table of scripts/matrix (integration on the floor and the newest).
# MATRIX="2.16 2.21" limits it to those ansible-core versions, MATRIX_STEPS="sanity units" to those steps.
matrix:
	MATRIX_STEPS="$(MATRIX_STEPS)" scripts/matrix $(MATRIX)

# One version of the matrix; `make -j2 ci-matrix` runs two side by side.
matrix-%:
	MATRIX_STEPS="$(MATRIX_STEPS)" scripts/matrix $*

# What .ci/run adds to `make test`: the matrix except the ansible-core of .venv, which `make test` runs.
DEV_CORE := $(shell sed -n 's/^ansible-core==\([0-9]*\.[0-9]*\)\..*/\1/p' tests/requirements.txt)
MATRIX_VERSIONS := $(shell scripts/matrix --list)
MATRIX_INTEGRATION := $(shell scripts/matrix --list-integration)
ci-matrix: $(addprefix matrix-,$(filter-out $(DEV_CORE),$(MATRIX_VERSIONS)))
# The versions with integration (the longest jobs), for make ci to start early.
ci-matrix-integration: $(addprefix matrix-,$(filter-out $(DEV_CORE),$(MATRIX_INTEGRATION)))

# make test's steps in two chains that share nothing they write: the ansible-test steps (each writes the staged
# copy's tests/output; integration and live-rehearsal its integration_config.yml), and the steps that only read the
# staged copy (eda and awx-guide share .build/collections, so they take turns too).
TEST_ANSIBLE_TEST := sanity units integration live-rehearsal
TEST_TOOLS := eda awx-guide lint build-check release-check
# $(call run_steps,STEPS): make each step in order with STAGED=1, stopping at the first that fails.
define run_steps
	@start=$$(date +%s); \
	for step in $(1); do \
		echo "===== make $$step"; \
		if ! $(MAKE) --no-print-directory $$step STAGED=1; then \
			echo "===== FAILED: make $$step (after $$(( $$(date +%s) - start ))s)"; \
			exit 1; \
		fi; \
		echo "===== make $$step: $$(( $$(date +%s) - start ))s since the start of make $@"; \
	done; \
	echo "===== PASSED: make $@ ($(strip $(1))) in $$(( $$(date +%s) - start ))s"
endef

# Everything CI checks, as independent jobs: `make -j2 -k --output-sync=target ci` (.ci/run). make test's two
# chains run as two jobs after one venv and one staged copy, so that -j2 balances them against the matrix
# versions; the longest jobs are listed first, as make starts them in that order.
# .ci/run makes ci-prepare first and passes PREPARED=1: then the longest job, ci-ansible-test, has nothing to wait
# for and starts at once (waiting on ci-prepare, make started every matrix job before it and ran it last, alone).
# `test` is built too (it needs ci-ansible-test and ci-tools), so CI runs make test's own steps as make test does.
ci: ci-ansible-test ci-matrix-integration test ci-matrix

ci-prepare:
	$(call run_steps,venv stage)

ci-ansible-test: $(if $(PREPARED),,ci-prepare)
	$(call run_steps,$(TEST_ANSIBLE_TEST))

ci-tools: $(if $(PREPARED),,ci-prepare)
	$(call run_steps,$(TEST_TOOLS))

# make test = ci-prepare (venv, stage), then the two chains: one after the other, in this order, with plain
# `make test`; side by side with -j2 (CI), each still in its order.
test: ci-ansible-test ci-tools
	@echo "===== PASSED: make test (venv stage $(TEST_ANSIBLE_TEST) $(TEST_TOOLS))"

# The collection as a user gets it: built from the staged copy and installed with ansible-galaxy.
install: venv $(STAGE)
	rm -rf $(BUILD)/collections $(BUILD)/install
	ansible-galaxy collection build --force --output-path $(BUILD)/install $(COLLECTION) >/dev/null
	ANSIBLE_COLLECTIONS_PATH=$(BUILD)/collections ansible-galaxy collection install --offline --no-deps -p $(BUILD)/collections $(BUILD)/install/*.tar.gz >/dev/null
	printf '%s\n' '# source this file: the venv of make install, the collection it installed, and ansible-rulebook' \
		'# after make install-eda (.build/eda-bin: only ansible-rulebook of .venv-eda, after the venv'"'"'s tools)' \
		'. $(VENV)/bin/activate' 'export ANSIBLE_COLLECTIONS_PATH=$(BUILD)/collections' \
		'export PATH="$$PATH:$(BUILD)/eda-bin"' > $(BUILD)/activate
	@echo "install: $$(basename $(BUILD)/install/*.tar.gz) installed into $(BUILD)/collections. In your shell:"
	@echo "  source .build/activate"
	@echo "  ansible-doc sftptogo.sftptogo.sftptogo_credential"

# make install, and ansible-rulebook (.venv-eda) on the PATH of .build/activate: the EDA guide's tools. It runs the
# rule's playbooks with the ansible-playbook of .venv, found first on that PATH. Java 17 is needed to run it.
install-eda: install venv-eda
	mkdir -p $(BUILD)/eda-bin
	ln -sf $(EDA_VENV)/bin/ansible-rulebook $(BUILD)/eda-bin/ansible-rulebook
	@echo "install-eda: ansible-rulebook ($$($(EDA_VENV)/bin/ansible-rulebook --version 2>/dev/null | head -1)) too after source .build/activate"

# Lives until Ctrl-C (the emulator's own default lifetime is one hour). It delivers the file events it is told to
# simulate to https:// webhook URLs on loopback hosts over plain http, so that the EDA guide runs against it.
emulator: venv
	python3 tests/emulator --max-lifetime 0 --webhook-loopback-http

demo: install-eda
	scripts/demo

# Removes what `make demo` created in the organization of SFTPTOGO_* (its credentials, webhook and share link).
demo-clean: install
	scripts/demo --clean

# bench/run.py reads the staged collection from .build; BENCH_ARGS passes options (e.g. --pairs 5).
bench: venv $(STAGE)
	$(VENV)/bin/python bench/run.py $(BENCH_ARGS)

bench-eda: venv venv-eda $(STAGE)
	$(VENV)/bin/python bench/eda.py $(BENCH_ARGS)

lock:
	scripts/lock

clean:
	rm -rf $(VENV) $(RELEASE_VENV) $(IMPORTER_VENV) $(EDA_VENV) $(REPO)/.venv-core* $(BUILD) tests/output .pytest_cache
	find . -name __pycache__ -type d -prune -not -path './.git/*' -exec rm -rf {} +
