# Comptoir — the two commands of the README, and a few helpers.
#   make run    create the virtualenv, install, migrate, load the demo on first run, serve
#   make test   install what the tests need (Chromium included), lint, type-check, run every test

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test install lint typecheck pytest pytest-db browser pdflibs messages clean bench templates

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

run: install pdflibs
	$(BIN)/comptoir serve --demo $(HOST)

# WeasyPrint (PDF documents) needs Pango and a font from the system.
pdflibs:
	@if ! /sbin/ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || ! fc-list 2>/dev/null | grep -qi dejavu; then \
		echo "Installing Pango and the DejaVu fonts for the PDF documents..."; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig >/dev/null; \
	fi

browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "Installing Debian's chromium for the browser tests..."; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

# Python style, the layer rules between packages (import-linter, pyproject [tool.importlinter]),
# the templates (djlint, pyproject [tool.djlint]) and the migrations (none missing for the models).
lint: install
	$(BIN)/ruff check comptoir tests benchmarks tools conftest.py
	$(BIN)/ruff format --check comptoir tests benchmarks tools conftest.py
	$(BIN)/lint-imports --no-cache
	$(BIN)/djlint comptoir --lint
	$(BIN)/djlint comptoir --check
	DJANGO_SETTINGS_MODULE=comptoir.settings.dev $(BIN)/comptoir makemigrations --check --dry-run

# The whole package, with the Django and DRF plugins (pyproject [tool.mypy]).
typecheck: install
	$(BIN)/mypy comptoir

# The browser-free tests spread over the machine's cores (pytest-xdist, one test database per
# worker, built from the models: docs/architecture.md "Testing"), then the browser tests one
# at a time (one live server, one Chromium). --dist loadgroup: the tests of one xdist_group
# (those sharing a database migrated from empty) run on the same worker, which migrates once.
pytest: pytest-db browser
	$(BIN)/pytest -m e2e

# The browser-free tests alone, on the database DATABASE_URL names: CI's PostgreSQL pass (the
# browser tests, lint and type-check do not depend on the database and run once, on SQLite).
# PYTEST_ARGS=--db-tests-only leaves out the tests that cannot reach a database (conftest.py).
pytest-db: install pdflibs
	$(BIN)/pytest -n auto --dist loadgroup -m "not e2e" $(PYTEST_ARGS)

test: lint typecheck pytest

# Format the templates (djlint, after putting table rows and list items on lines of their own;
# the formatter settles in two passes).
templates: install
	$(BIN)/python tools/split_template_rows.py $$(find comptoir -name '*.html')
	$(BIN)/djlint comptoir --reformat --quiet || true
	$(BIN)/djlint comptoir --reformat --quiet || true
	$(BIN)/djlint comptoir --check

messages: install
	cd comptoir && ../$(BIN)/comptoir makemessages -l fr --no-location --keyword=Text && ../$(BIN)/pybabel compile -d locale -D django -f

bench: install
	$(BIN)/python benchmarks/hs_search.py
