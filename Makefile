# Two commands on a fresh machine with Python 3.11 and pip: `make report` and `make test`.
# Each target (re)creates .venv when it is missing or older than pyproject.toml.
PYTHON ?= python3
LAB_ARGS ?=        # e.g. make lab LAB_ARGS=--allow-root
# the browser the browser tests drive: Debian's chromium (tests/conftest.py reads it too)
CHROMIUM ?= /usr/bin/chromium
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export JUPYTER_PLATFORM_DIRS := 1
export CHROMIUM

.PHONY: report test test-fast lint browser lab venv clean dashboard bench bench-quick screenshots

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

# the tests run in up to four processes, a test file to each (its module fixtures, servers
# and browser stay in one process); on 2 cores the waits of one (Voila, a kernel, Chromium)
# are the other's CPU time
PARALLEL = -n auto --maxprocesses=4 --dist loadfile

# everything (what CI runs): the browser tests need Debian's chromium, installed here if missing
test: browser lint
	$(BIN)/python -m pytest $(PARALLEL)

# the development loop: no test marked slow (no process, papermill, Voila or browser)
test-fast: lint
	$(BIN)/python -m pytest $(PARALLEL) -m "not slow"

# Debian's chromium for the browser tests (never `playwright install`): apt-get as root,
# otherwise the command to run
browser:
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
	  echo "The browser tests need Debian's chromium ($(CHROMIUM) is missing). Run:" >&2; \
	  echo "  sudo apt-get install -y chromium fonts-dejavu-core" >&2; \
	  echo "(or set CHROMIUM=/path/to/chromium; make test-fast needs no browser)" >&2; \
	  exit 1; \
	fi; \
	echo "Installing Debian's chromium and fonts-dejavu-core for the browser tests (apt-get)"; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get update -qq && \
	apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null && \
	test -x "$(CHROMIUM)" || { echo "$(CHROMIUM) is still missing after apt-get" >&2; exit 1; }

# JupyterLab without its "news" question and update check (labconfig/page_config.json)
LAB_CONFIG := $(CURDIR)/mics_budget/web/share/jupyter
lab: $(STAMP)
	JUPYTER_CONFIG_PATH=$(LAB_CONFIG) $(BIN)/jupyter lab --ServerApp.root_dir=$(CURDIR) \
	  --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate $(LAB_ARGS) \
	  notebooks/explore.ipynb

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

dashboard: $(STAMP)
	$(BIN)/mics-budget dashboard

# the pictures of the guides (docs/img/*.png) from the example data, with Debian's chromium
# (about a minute; `python scripts/screenshots.py login register` for some of them)
screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py

# Issue 12: every path against its floor, written to reports/bench.json and .md (about 20 min;
# the 10M-row growth step needs about 4 GB of disk). bench-quick: small sizes, a few minutes.
bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py $(BENCH_ARGS)

bench-quick: $(STAMP)
	$(BIN)/python benchmarks/run_all.py --quick $(BENCH_ARGS)
