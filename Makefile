# The two commands: `make run` and `make test`. Everything the project needs is installed from here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app backend

.PHONY: run test lint typecheck contracts pytest bench install install-dev clean db-upgrade demo-data

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

db-upgrade: install
	$(FLASK) db-upgrade

demo-data: db-upgrade
	$(FLASK) demo-data

run: demo-data
	$(BIN)/python -m backend.serve

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-dev
	$(BIN)/mypy

contracts: install-dev
	$(BIN)/lint-imports

pytest: install-dev
	$(BIN)/python -m pytest

test: lint typecheck contracts pytest

bench: install-dev
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) instance .mypy_cache .ruff_cache
