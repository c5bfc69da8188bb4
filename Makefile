# Every set-up step lives here so a fresh clone goes green with `make demo` / `make test` alone.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NLI_STAMP := $(VENV)/.installed-nli

.PHONY: demo test fuzz lint install install-nli clean lock system-deps

$(BIN)/python:
	$(PY) -m venv $(VENV) || python3 -m venv $(VENV)

# Pinned install: requirements.lock fixes every version (and hash); the package itself goes in editable.
$(STAMP): $(BIN)/python requirements-pip.lock requirements.lock pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-pip.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# Optional extra `nli` (transformers + the CPU build of torch, ~0.8 GB installed, ~50 s), hash-pinned apart from
# requirements.lock so the default install stays torch-free; the tests need it to load a tiny model.
$(NLI_STAMP): $(STAMP) requirements-nli.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-nli.lock
	touch $(NLI_STAMP)

install-nli: $(NLI_STAMP)

demo: install
	$(BIN)/storylens demo

# Real servers and a real browser for the tests: Debian's chromium (driven by Playwright) and PostgreSQL.
system-deps:
	@command -v chromium >/dev/null && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium postgresql >/dev/null; }

test: install install-nli system-deps
	$(BIN)/python -m ruff check src tests
	$(BIN)/python -m pytest

# The property tests with the random "fuzz" hypothesis profile and 10x their examples (`make test` runs them
# derandomised); run before closing a reliability issue. STORYLENS_FUZZ_FACTOR=N changes the multiplier.
fuzz: install install-nli system-deps
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/test_properties.py -p no:cacheprovider

lint: install
	$(BIN)/python -m ruff check src tests

# Regenerate requirements.lock from pyproject.toml (needs the registries; not part of normal set-up).
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet pip-tools==7.6.2
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --extra dev --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-nli.lock requirements-nli.in

clean:
	rm -rf $(VENV) demo-output build *.egg-info src/*.egg-info
