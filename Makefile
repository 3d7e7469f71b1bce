# Two commands on a fresh machine: `make demo` and `make test`. Both create .venv if missing.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install model fake-platforms web bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## The shipped NLP model (trained from data/nhs-fft when missing).
model: install
	$(BIN)/storybot nlp ensure-model

## Seed a SQLite demo database and open the console.
demo: model
	$(BIN)/storybot demo

## Run the whole test suite, one worker per core and at least two (many tests wait on servers and
## timeouts, which a second worker overlaps even on one core; set TEST_DATABASE_URL to also run it on
## PostgreSQL: each worker gets a database of its own). PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= $(shell $(PYTHON) -c 'import os; print(max(2, os.cpu_count() or 1))')
test: install
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile

## Local fake Slack and Telegram APIs plus the web app pointed at them (see README).
fake-platforms: model
	$(BIN)/python -m devkit.run_local $(ARGS)

web: model
	$(BIN)/storybot web

bench: model
	for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) demo.db* storybot.db* *.inbox.db* charts .pytest_cache
