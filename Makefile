# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint bench clean screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,server]'
	touch $(STAMP)

## Set up (once) and launch the application.
run: $(STAMP)
	$(VENV)/bin/spie-desktop $(ARGS)

## Set up (once) and run the whole test suite.
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

## Lint and type-check.
lint: $(STAMP)
	$(VENV)/bin/ruff check spie_desktop spie_protocol spie_server tests bench
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

## Benchmarks: print figures, assert nothing.
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
