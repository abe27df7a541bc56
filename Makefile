# Acculture: two commands on a fresh machine — `make demo` and `make test`.
# PYTHON=/path/to/python3.12 overrides the interpreter that scripts/find-python picks.
PYTHON ?= $(shell scripts/find-python)
BOOT := var/bootstrap
UV := $(BOOT)/bin/uv
VENV := .venv
RUN := $(VENV)/bin
PY_PATHS := src tests bench content/generators conftest.py
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never

.PHONY: help setup setup-bench demo test test-postgres lint format bench messages clean

help:
	@echo "make demo           set up, seed the demo organisation and serve http://127.0.0.1:8000"
	@echo "make test           set up and run the whole test suite (SQLite)"
	@echo "make test-postgres  run the suite against a throwaway PostgreSQL cluster"
	@echo "make lint           ruff check + ruff format --check + content lint"
	@echo "make bench          run the benchmarks and update docs/benchmarks.md"

$(UV):
	@test -n "$(PYTHON)" || { echo "No suitable Python found (see the message above)."; exit 1; }
	$(PYTHON) -m venv $(BOOT)
	$(BOOT)/bin/python -m pip install --quiet --disable-pip-version-check "uv>=0.8"

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --locked --python $(PYTHON) --quiet
	@touch $@

setup: $(VENV)/.synced messages

setup-bench: setup
	$(UV) sync --locked --python $(PYTHON) --group bench --quiet

messages: $(VENV)/.synced
	@$(RUN)/acculture compile-translations

demo: setup
	$(RUN)/acculture demo

test: setup
	$(RUN)/python -m pytest $(PYTEST_ARGS)

test-postgres: setup
	bash scripts/test-postgres $(PYTEST_ARGS)

lint: setup
	$(RUN)/ruff check $(PY_PATHS)
	$(RUN)/ruff format --check $(PY_PATHS)
	$(RUN)/acculture content lint

format: setup
	$(RUN)/ruff check --fix $(PY_PATHS)
	$(RUN)/ruff format $(PY_PATHS)

bench: setup-bench
	$(RUN)/python -m bench

clean:
	rm -rf $(VENV) $(BOOT)
