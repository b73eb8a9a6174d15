# ERE Digitale — the index of commands. Each target installs what it needs.
.DELETE_ON_ERROR:
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: help install install-dev run demo test quality fix bench lock chromium migrate screenshots clean

help:  ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python ≥ 3.11 est requis")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-base: requirements/base.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/base.txt
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt $(VENV)/.installed-base
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed-base  ## Create .venv and install the pinned dependencies

install-dev: $(VENV)/.installed-dev  ## Install the test and lint dependencies as well

var:
	mkdir -p var

migrate: install | var  ## Create or update the database schema
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable

# The demo is loaded once; `make demo` reloads it (load_demo is idempotent).
var/.demo-loaded: | migrate
	$(MANAGE) load_demo
	touch $@

demo: migrate  ## (Re)load the demo data (idempotent)
	$(MANAGE) load_demo
	touch var/.demo-loaded

run: migrate var/.demo-loaded  ## Install, prepare the database, load the demo once, serve on http://127.0.0.1:8000 with the worker (and help requests re-matched every 5 min)
	$(MANAGE) collectstatic --no-input --verbosity 0
	$(MANAGE) demo_accounts
	@echo "→ Site : http://$(HOST):$(PORT)/   (Ctrl+C pour arrêter le serveur et le worker)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(MANAGE) db_worker --queue-name '*' & \
	  while sleep 300; do $(MANAGE) match_help_requests --verbosity 0; done & \
	  $(MANAGE) runserver $(HOST):$(PORT)

chromium:  ## Install Debian's Chromium for the browser tests when missing (root only)
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installation de Chromium (Debian) pour les tests navigateur…"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	    || echo "⚠ Chromium n'a pas pu être installé : les tests navigateur seront ignorés."; \
	else \
	  echo "⚠ Chromium est absent et ne peut pas être installé (root requis) : les tests navigateur seront ignorés."; \
	fi

quality: install-dev  ## Lint: ruff format + ruff check + djlint + makemigrations --check
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/djlint ere --lint
	$(BIN)/djlint ere --check
	$(MANAGE) makemigrations --check --dry-run

fix: install-dev  ## Reformat the code and the templates
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djlint ere --reformat --quiet || true

test: install-dev chromium quality  ## Lint and run the whole test suite (browser tests included)
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

bench: install-dev  ## Run the benchmarks (bench/), printing ratios against a reference measured in the same run
	@for f in bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

screenshots: install-dev  ## Refresh the screenshots in docs/screenshots (needs Chromium)
	ERE_SCREENSHOTS_DIR=docs/screenshots $(BIN)/pytest tests/browser/test_screenshots.py -p no:randomly $(PYTEST_ARGS)

lock: install-dev  ## Recompute requirements/*.txt from pyproject.toml
	$(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --python-version 3.11 -o requirements/base.txt
	$(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --python-version 3.11 --extra dev -o requirements/dev.txt

clean:  ## Remove the virtual environment and the local database
	rm -rf $(VENV) var staticfiles
