# novex: two commands set everything up — `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench bench-quick bench-scale clean browser histories chaos

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/novex up

# The browser test drives Debian's chromium; nothing downloads a browser at run time.
browser:
	@command -v chromium >/dev/null 2>&1 || { echo "installing Debian's chromium for the browser test"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: $(STAMP) browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Record a fresh history of every scripted scenario (tests/workflows) into a new group of the
# replay corpus, tests/histories/<version>-<date>/ (GROUP=… names it); commit the group.
histories: $(STAMP)
	NOVEX_RECORD_HISTORIES=1 $(if $(GROUP),NOVEX_HISTORIES_GROUP=$(GROUP)) \
	  $(BIN)/python -m pytest -q tests/workflows $(PYTEST_ARGS)

# The chaos suite's full form (tests/chaos: 200 journeys under killed workers, restarted servers,
# cut connections and a receiver that is away; a few minutes); its figures go to bench/RESULTS.md.
# `make test` runs its short form.
chaos: $(STAMP)
	NOVEX_CHAOS=full $(BIN)/python -m pytest -q tests/chaos/test_chaos.py $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/lint-imports

# Every benchmark, each against its baseline in the same run; writes bench/RESULTS.md (its summary
# table at the top). Full sizes take about ten minutes on two cores; bench-quick, about two, writes
# bench/RESULTS-quick.md instead.
bench: $(STAMP)
	$(BIN)/python -m bench

bench-quick: $(STAMP)
	$(BIN)/python -m bench --quick

# The issue's scale: 10,000 open processes on one worker (about half an hour on two cores).
bench-scale: $(STAMP)
	$(BIN)/python -m bench.open_processes --scale

clean:
	rm -rf $(VENV) .data
