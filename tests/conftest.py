"""Shared fixtures: real Chroma on tmp dirs, the real embedding model, the five seed articles."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.app.config import QUIET_ENV

for _key, _value in QUIET_ENV.items():  # before chromadb, gradio or onnxruntime are imported
    os.environ[_key] = _value
for _key in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):  # never reach a real service from tests
    os.environ.pop(_key, None)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MODEL_CACHE = ROOT / ".cache" / "model"


def make_settings(tmp: Path, **overrides: object):  # type: ignore[no-untyped-def]
    """Settings on a private store, the repo's seeds and the shared model cache; no .env."""
    from assistant.app.config import Settings

    values: dict[str, object] = {
        "seeds_dir": SEEDS,
        "store_dir": tmp / "store",
        "model_cache_dir": MODEL_CACHE,
        "answerer": "extractive",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@contextlib.contextmanager
def running_app(assistant) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The real Gradio app of `assistant` (build_ui, queued) on a free loopback port: its URL."""
    from assistant.web.app import CSS, HEAD, build_ui

    demo = build_ui(assistant)
    demo.queue()
    _, url, _ = demo.launch(server_name="127.0.0.1", prevent_thread_lock=True, quiet=True,
                            css=CSS, head=HEAD)
    try:
        yield url
    finally:
        demo.close()


def app_client(url: str):  # type: ignore[no-untyped-def]
    """A gradio_client of the app: a fresh session (its own state)."""
    from gradio_client import Client

    return Client(url, verbose=False)


def read_cases(path: Path) -> list[dict]:
    """A JSON Lines question set."""
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@pytest.fixture(scope="session")
def embedder():  # type: ignore[no-untyped-def]
    from assistant.store.embeddings import Embedder

    return Embedder.load(MODEL_CACHE)


@pytest.fixture
def settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    return make_settings(tmp_path)


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A writable copy of the seed articles."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def ingested(settings, embedder):  # type: ignore[no-untyped-def]
    """The settings, once every article of their seeds folder is in their store."""
    from assistant.corpus.articles import load_articles
    from assistant.corpus.ingest import ingest
    from assistant.store.chroma import Store

    articles, _ = load_articles(settings.seeds_dir, settings.max_file_bytes)
    ingest(articles, set(), Store(settings), lambda: embedder, settings)
    return settings


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """spaCy's English model with the domain patterns, loaded once."""
    from assistant.text.nlp import NLP

    return NLP.load()


@pytest.fixture(scope="session")
def seed_assistant(seed_store_settings, embedder, nlp):  # type: ignore[no-untyped-def]
    """An Assistant over the five seeds (extractive answerer), wired as in production."""
    from assistant.app.pipeline import build_assistant

    return build_assistant(seed_store_settings, embedder=embedder, nlp=nlp)


def extractive_assistant(settings, embedder):  # type: ignore[no-untyped-def]
    """An Assistant over the settings' store with the extractive answerer."""
    from assistant.app.pipeline import build_assistant

    return build_assistant(settings, embedder=embedder)


@pytest.fixture(scope="session")
def seed_store_settings(tmp_path_factory: pytest.TempPathFactory, embedder):  # type: ignore[no-untyped-def]
    """Settings of a store holding the five seeds, ingested once per session."""
    return ingested(make_settings(tmp_path_factory.mktemp("seedstore")), embedder)


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A real `chroma run` on a free loopback port, shared by the session (a collection per test)."""
    from chroma_server import ChromaServer

    with ChromaServer(tmp_path_factory.mktemp("chroma") / "data") as server:
        yield server


@pytest.fixture(params=["embedded", pytest.param("server", marks=pytest.mark.server)])
def backend(request: pytest.FixtureRequest) -> dict[str, object]:
    """make_settings overrides: the embedded store, or a fresh collection on the Chroma server."""
    if request.param == "embedded":
        return {}
    return request.getfixturevalue("chroma_server").overrides()


@pytest.fixture(scope="session")
def briefing_assistant(tmp_path_factory: pytest.TempPathFactory, embedder):  # type: ignore[no-untyped-def]
    """An Assistant over its own ingest of the seeds, with hand-written event cards stored in the
    article records (tests/briefing_support.py)."""
    from briefing_support import store_cards

    from assistant.app.pipeline import build_assistant
    from assistant.corpus.articles import load_articles
    from assistant.corpus.ingest import ingest
    from assistant.store.chroma import Store

    settings = make_settings(tmp_path_factory.mktemp("briefstore"))
    articles, _ = load_articles(settings.seeds_dir, settings.max_file_bytes)
    store = Store(settings)
    ingest(articles, set(), store, lambda: embedder, settings)
    store_cards(store)
    return build_assistant(settings, embedder=embedder)


@pytest.fixture(scope="module")
def briefing_app(briefing_assistant) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The real app over `briefing_assistant`, one per test module: its URL."""
    with running_app(briefing_assistant) as url:
        yield url


def cards_of(nlp, bodies: dict[str, str]) -> list:  # type: ignore[no-untyped-def]
    """Event cards extracted from articles written in a test (id -> body), as ingest makes them."""
    from assistant.catalog.extract import extract
    from assistant.records import Article

    return [extract(Article(aid, f"Article {aid}", "", body, f"{aid}.txt", "f" * 16),
                    next(nlp.annotate([body])), nlp) for aid, body in bodies.items()]
