# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test test-bundle lint bench clean screenshots installer interface-strings

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,server,installer]'
	touch $(STAMP)

## Set up (once) and launch the application.
run: $(STAMP)
	$(VENV)/bin/spie-desktop $(ARGS)

## Set up (once) and run the whole test suite (CI's budget: well under 15 min on 2 cores;
## the 30 slowest set-ups and calls are listed at the end to keep it so). Two worker
## processes (pytest-xdist), CI's two cores: each has its own servers, PostgreSQL cluster and
## temp folders; a module's tests stay together on one worker, in order (--dist loadfile), so
## its fixtures are built once. One process took 15 to 22 minutes on 2-core machines; two
## take 8 to 14. `make test TEST_WORKERS=auto`: one worker per core; `TEST_WORKERS=1`: one
## process, no xdist. A worker that crashes (pytest-timeout ends a hung test with os._exit)
## ends the run: with --dist loadfile, xdist 3.8 replaces it and can then wait forever with
## every worker idle (pytest-xdist #1378).
TEST_WORKERS ?= 2
XDIST_ARGS := $(if $(filter 1,$(TEST_WORKERS)),-p no:xdist,\
	-n $(TEST_WORKERS) --dist loadfile --max-worker-restart 0)
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m "not bundle" $(XDIST_ARGS) --durations=30 \
		$(PYTEST_ARGS)

## Build the real Linux bundle and run it with no Python on PATH (a few minutes; .ci/run runs it).
test-bundle: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m bundle tests/installer $(PYTEST_ARGS)

## Lint and type-check.
lint: $(STAMP)
	$(VENV)/bin/ruff check spie_desktop spie_protocol spie_server tests bench installer
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

## The Linux bundle + tar.gz in dist/ (see README, "Deploying"). Provisioned for a territory
## with TERRITORY=12 SERVER=https://spie.aveyron.fr CA=territory-ca.pem [NAME="SPIE Aveyron"].
installer: $(STAMP)
	$(PY) -m installer.build $(if $(TERRITORY),--territory "$(TERRITORY)") \
		$(if $(SERVER),--server "$(SERVER)") $(if $(CA),--ca "$(CA)") $(if $(NAME),--name "$(NAME)")

## Benchmarks: one table of figures against bench/targets.toml, also written as JSON to
## bench/results/; asserts nothing. QUICK=1: fewer repeats, smaller sizes (a smoke run).
## Compare two runs: $(PY) -m bench compare A.json B.json
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench $(if $(QUICK),--quick) $(ARGS)

## The README's screenshots (docs/screenshots/), from a demo store, on a virtual X display.
## The screen is a 1366×768 laptop's, the window fills it.
screenshots: $(STAMP)
	@command -v xvfb-run >/dev/null || { echo "screenshots: xvfb-run not found (apt-get install xvfb)" >&2; exit 1; }
	xvfb-run -a -s "-screen 0 1366x768x24" $(PY) tools/screenshots.py

## The interface's French sentences (tr("…") in spie_desktop/ui) the English catalogue
## (spie_desktop/domain/data/interface/en.toml) lacks; `ARGS=--all` lists every one.
interface-strings: $(STAMP)
	$(PY) tools/interface_strings.py $(ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
