# Every set-up step lives here so a fresh clone goes green with `make demo` / `make test` alone.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint install clean lock system-deps

$(BIN)/python:
	$(PY) -m venv $(VENV) || python3 -m venv $(VENV)

# Pinned install: requirements.lock fixes every version (and hash); the package itself goes in editable.
$(STAMP): $(BIN)/python requirements-pip.lock requirements.lock pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-pip.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/storylens demo

# Real servers and a real browser for the tests: Debian's chromium (driven by Playwright) and PostgreSQL.
system-deps:
	@command -v chromium >/dev/null && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium postgresql >/dev/null; }

test: install system-deps
	$(BIN)/python -m ruff check src tests
	$(BIN)/python -m pytest

lint: install
	$(BIN)/python -m ruff check src tests

# Regenerate requirements.lock from pyproject.toml (needs the registries; not part of normal set-up).
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet pip-tools==7.6.2
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --extra dev --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) demo-output build *.egg-info src/*.egg-info
