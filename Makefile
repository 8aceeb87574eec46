# Two entry points on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Users get the runtime dependencies only; the test and lint tools come with `make test`.
STAMP := $(VENV)/.installed-runtime
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test lint check bench screenshots clean install dist

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# an older checkout installed the project as "interview": drop that copy
	-$(BIN)/python -m pip uninstall --quiet --yes interview 2>/dev/null

$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(DEV_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP) $(DEV_STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/interview

# A wheel and an sdist in dist/; the packaging test installs the wheel in a fresh venv.
dist: $(DEV_STAMP)
	rm -rf dist
	$(BIN)/hatchling build -d dist

lint: $(DEV_STAMP)
	$(BIN)/ruff check interview tests bench
	$(BIN)/ruff format --check interview tests bench
	$(BIN)/mypy

# One test worker per core (CI has two): the suite is mostly CPU-bound screen tests.
test: lint dist
	$(BIN)/python -m pytest -n auto

bench: $(DEV_STAMP)
	$(BIN)/python -m bench

# The README's screenshots are the app's own snapshot SVGs in tests/__snapshots__/.
screenshots: $(DEV_STAMP)
	$(BIN)/python -m pytest tests/test_snapshots.py --snapshot-update

clean:
	rm -rf $(VENV) dist .pytest_cache .mypy_cache .ruff_cache
