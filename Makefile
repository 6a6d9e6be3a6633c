# Two commands on a fresh machine: `make demo` and `make test`. Each builds its own virtualenv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit catalogues clean benchmark system

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

DEMO_DATA := .socialplan-demo

## demo: import the demo export, audit it against the demo strategy, write the report
demo: system $(STAMP)
	@rm -rf $(DEMO_DATA)
	$(BIN)/socialplan import examples/demo/export --strategy examples/demo/strategy.yaml --data $(DEMO_DATA)
	@# Exit status 1 means findings, which is the point of the demo; 2 or more is a failure.
	$(BIN)/socialplan audit --strategy examples/demo/strategy.yaml --data $(DEMO_DATA) --today 2026-11-01 --report-dir demo-report; test $$? -le 1
	@echo
	@echo "Open demo-report/report.html (and demo-report/report.pdf)."

## benchmark: import and audit a million generated items; figures go to benchmarks/RESULTS.md
benchmark: $(STAMP)
	$(BIN)/python benchmarks/audit.py

## system: Debian packages the report and the tests use (fonts for six scripts, PDF tools,
## PostgreSQL server binaries, Java for Spark); installed only when missing and when root.
system:
	@bash tools/system-packages.sh

## test: ruff, mypy (strict) and the test suite
test: system lint typecheck unit

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
