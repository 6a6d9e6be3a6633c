# Two commands on a fresh machine: `make demo` and `make test`. Each builds its own virtualenv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit catalogues clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## demo: check the flawed example strategy and print its findings
demo: $(STAMP)
	-$(BIN)/socialplan check examples/flawed/strategy.yaml

## test: ruff, mypy (strict) and the test suite
test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests tools
	$(BIN)/ruff format --check src tests tools

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest

## catalogues: extract texts and merge them into every language's catalogue
catalogues: $(STAMP)
	$(BIN)/python tools/catalogues.py update
	$(BIN)/python tools/catalogues.py check

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache
