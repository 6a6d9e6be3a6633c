# Two commands on a fresh machine: `make demo` and `make test`. Each builds its own virtualenv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit catalogues clean benchmark benchmark-publish system

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

DEMO_DATA := .socialplan-demo

DEMO_PORT ?= 8000

## demo: audit the demo export into demo-report/, then run the web app with the demo workspace
demo: system $(STAMP)
	@rm -rf $(DEMO_DATA)
	$(BIN)/socialplan import examples/demo/export --strategy examples/demo/strategy.yaml --data $(DEMO_DATA)
	@# Exit status 1 means findings, which is the point of the demo; 2 or more is a failure.
	$(BIN)/socialplan audit --strategy examples/demo/strategy.yaml --data $(DEMO_DATA) --today 2026-11-01 --report-dir demo-report; test $$? -le 1
	@echo
	@echo "The report: demo-report/report.html (and demo-report/report.pdf)."
	SOCIALPLAN_HOME=$(DEMO_DATA)-web $(BIN)/socialplan serve --demo examples/demo --with-worker --port $(DEMO_PORT)

## benchmark: import and audit a million generated items; figures go to benchmarks/RESULTS.md
benchmark: $(STAMP)
	$(BIN)/python benchmarks/audit.py

## benchmark-publish: 10,000 posts due within a minute, 1 and 4 workers, both task backends
## (PostgreSQL and Redis started by the script); figures go to benchmarks/RESULTS.md
benchmark-publish: system $(STAMP)
	$(BIN)/python benchmarks/publish.py

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
	@# The web app again, on a real PostgreSQL server the tests start themselves.
	SOCIALPLAN_TEST_DB=postgres $(BIN)/python -m pytest tests/web -m "not browser" -q -p no:cacheprovider

## catalogues: extract texts and merge them into every language's catalogue
catalogues: $(STAMP)
	$(BIN)/python tools/catalogues.py update
	$(BIN)/python tools/catalogues.py check

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache
