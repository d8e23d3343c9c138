# Two commands on a fresh machine with Python 3.11 and pip: `make report` and `make test`.
# Each target (re)creates .venv when it is missing or older than pyproject.toml.
PYTHON ?= python3
LAB_ARGS ?=        # e.g. make lab LAB_ARGS=--allow-root
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export JUPYTER_PLATFORM_DIRS := 1

.PHONY: report test lint lab venv clean dashboard bench bench-quick

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

report: $(STAMP)
	$(BIN)/mics-budget report --month latest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir=$(CURDIR) $(LAB_ARGS) notebooks/explore.ipynb

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

dashboard: $(STAMP)
	$(BIN)/mics-budget dashboard

# Issue 12: every path against its floor, written to reports/bench.json and .md (about 20 min;
# the 10M-row growth step needs about 4 GB of disk). bench-quick: small sizes, a few minutes.
bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py $(BENCH_ARGS)

bench-quick: $(STAMP)
	$(BIN)/python benchmarks/run_all.py --quick $(BENCH_ARGS)
