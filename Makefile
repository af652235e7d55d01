# Two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Models ship inside PyPI packages; nothing may be fetched from a hub at run time.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export HF_HUB_DISABLE_TELEMETRY := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1
HOST ?= 127.0.0.1
PORT ?= 8501

.PHONY: run test test-logs install install-dev index lint format eval bench docs clean audit load

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# deduce builds its lookup cache (no user text) inside its package on first load: do it here.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	$(BIN)/python -c "from recommender.privacy import warm_up; warm_up()"
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/python -c "from recommender.privacy import warm_up; warm_up()"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

index: install
	$(BIN)/recommender build-index --if-stale

# The launcher loads KB, model, index and de-identifier before the server opens its port.
run: index
	$(BIN)/python -m recommender.ui.server app.py --server.address $(HOST) --server.port $(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install-dev lint
	$(BIN)/recommender validate
	$(BIN)/pytest

# The log-policy sweep types a marker into every input of every page (minutes of browser work).
test-logs: install-dev
	$(BIN)/pytest -m logsweep tests/browser/test_log_policy_in_browser.py

eval: install
	$(BIN)/recommender eval

bench: install-dev
	$(BIN)/python benchmarks/run.py

docs: install
	$(BIN)/python docs/generate_cli_docs.py

clean:
	rm -rf $(VENV) .index test-artifacts

# Needs a machine that reaches PyPI's JSON API or OSV; see docs/security.md.
audit: install-dev
	$(BIN)/pip-audit --strict --skip-editable --progress-spinner off

load: install-dev
	$(BIN)/python benchmarks/load.py
