# Elke Dag Beter — the only entry points people need. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PORT ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help demo test bench lint messages vendor lock clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.runtime: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -c constraints.txt -e .
	@echo "Building the de-identification word lists once (a few seconds)..."
	PYTHONPATH=src $(PY) -c "from elkedagbeter.core.deidentify import warm; warm()"
	touch $@

$(VENV)/.dev: $(VENV)/.runtime
	$(VENV)/bin/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

demo: $(VENV)/.runtime ## Set up the demo region on SQLite and serve http://127.0.0.1:$(PORT) (PORT=8000)
	@mkdir -p var
	@echo "Preparing the demo database and region (about half a minute)..."
	@$(MANAGE) migrate --noinput --verbosity 0
	@PORT=$(PORT) $(MANAGE) load_demo
	@echo "Serving on http://127.0.0.1:$(PORT) (Ctrl+C stops)"
	@DJANGO_RUNSERVER_HIDE_WARNING=true $(MANAGE) runserver 127.0.0.1:$(PORT) --noreload

test: $(VENV)/.dev ## Lint, then run the whole suite on SQLite and PostgreSQL, with browser tests
	$(MAKE) --no-print-directory lint
	scripts/test.sh

lint: $(VENV)/.dev ## ruff, mypy (strict), layers (import-linter), migrations up to date, system checks, pip-audit
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy src tests bench
	PYTHONPATH=src $(VENV)/bin/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=elkedagbeter.settings.test $(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=elkedagbeter.settings.test $(MANAGE) check
	scripts/audit.sh

bench: $(VENV)/.dev ## Benchmarks (figures, not pass/fail)
	scripts/bench.sh

messages: $(VENV)/.dev ## Extract and compile the translation catalogues
	cd src/elkedagbeter && ../../$(PY) ../../manage.py makemessages -l nl -l en --no-obsolete --add-location=file
	@echo "Now translate new entries in src/elkedagbeter/locale/nl/LC_MESSAGES/django.po, then run make messages again."
	cd src/elkedagbeter && ../../$(PY) ../../manage.py compilemessages

vendor: ## Refresh the vendored NL Design System and htmx files from the npm registry
	scripts/vendor_static.sh

lock: ## Re-resolve dependencies and rewrite constraints.txt
	$(PYTHON) -m venv .tmp/lock-venv
	.tmp/lock-venv/bin/pip install --quiet --upgrade pip
	.tmp/lock-venv/bin/pip install --quiet -e '.[dev]'
	.tmp/lock-venv/bin/pip freeze --exclude-editable | grep -v '^elkedagbeter' > constraints.txt
	rm -rf .tmp/lock-venv

clean: ## Remove the environment, the demo database and caches
	rm -rf $(VENV) var .tmp .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
