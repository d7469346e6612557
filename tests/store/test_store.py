"""The store behind the answers: embedded or a real Chroma server; restarts, outages, credentials."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from chroma_server import ChromaServer, free_port
from conftest import SEEDS, make_settings

from assistant.corpus.articles import load_articles
from assistant.corpus.ingest import ingest
from assistant.store.chroma import Store, StoreMissing, require_index
from assistant.store.remote import make_client

pytestmark = pytest.mark.timeout(180)
HUAINAN = "Who visited Huainan on November 25th, and who received them?"
HUAINAN_ID = "000_508ce06625000aaf"


def ingest_seeds(settings, embedder):  # type: ignore[no-untyped-def]
    articles, _ = load_articles(settings.seeds_dir, settings.max_file_bytes)
    return ingest(articles, set(), Store(settings), lambda: embedder, settings)


def assistant_over(settings, embedder):  # type: ignore[no-untyped-def]
    """An extractive Assistant on whatever store the settings name."""
    from assistant.app.pipeline import build_assistant

    return build_assistant(settings, embedder=embedder)


def assert_huainan_answer(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask(HUAINAN)
    assert answer.citations and answer.citations[0].article_id == HUAINAN_ID
    body = assistant.article(HUAINAN_ID).body
    quote = answer.citations[0].quotes[0]
    assert body[quote.start:quote.end] in answer.text and "Lin Qu" in answer.text


def test_answers_through_the_store(tmp_path: Path, embedder, backend) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings(tmp_path, **backend)
    ingest_seeds(settings, embedder)
    assistant = assistant_over(settings, embedder)
    assert assistant.status().startswith("5 articles, ")
    assert_huainan_answer(assistant)
    assert (tmp_path / "store").exists() == (not backend)  # a server store writes nothing here


@pytest.mark.server
def test_a_server_restart_loses_nothing(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    with ChromaServer(tmp_path / "chroma") as server:
        settings = make_settings(tmp_path, **server.overrides())
        ingest_seeds(settings, embedder)
        store = Store(settings)
        before = (store.counts(), store.fingerprints(), sorted(rid for rid, _, _ in store.chunk_rows()))
        server.stop()
        server.start()
        again = Store(settings)
        assert (again.counts(), again.fingerprints(),
                sorted(rid for rid, _, _ in again.chunk_rows())) == before
        assert store.counts() == before[0]  # a client from before the restart reconnects
        assert not ingest_seeds(settings, embedder).changed
        assert_huainan_answer(assistant_over(settings, embedder))


def test_no_server_is_a_clear_error(tmp_path: Path) -> None:
    port = free_port()
    settings = make_settings(tmp_path, chroma_host="127.0.0.1", chroma_port=port,
                             chroma_timeout=2.0)
    began = time.monotonic()
    with pytest.raises(RuntimeError, match=rf"^Chroma server at http://127.0.0.1:{port} is not "
                                           "reachable: .*refused"):
        Store(settings)
    assert time.monotonic() - began < 2.0


@pytest.mark.server
def test_a_hung_server_times_out(tmp_path: Path, chroma_server) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings(tmp_path, **chroma_server.overrides(chroma_timeout=1.0))
    store = Store(settings)
    assert store.counts() == (0, 0)
    chroma_server.pause()  # accepts connections, answers nothing
    try:
        for attempt in (store.counts, lambda: Store(settings)):
            began = time.monotonic()
            with pytest.raises(RuntimeError, match="not reachable: no answer within 1 s"):
                attempt()
            assert time.monotonic() - began < 3.0  # connect and read are each bounded by 1 s
    finally:
        chroma_server.resume()
    assert store.counts() == (0, 0)


def test_cli_reports_a_down_server_without_traceback(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from assistant.app.cli import main

    monkeypatch.chdir(tmp_path)  # no .env
    port = free_port()
    for key, value in {"SEEDS_DIR": SEEDS, "CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": port,
                       "CHROMA_TIMEOUT": 2}.items():
        monkeypatch.setenv(f"ASSISTANT_{key}", str(value))
    assert main(["ingest", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: Chroma server at http://127.0.0.1:{port} is not reachable")
    assert "Traceback" not in err


class _Refuses(BaseHTTPRequestHandler):
    seen: ClassVar[list[dict[str, str]]] = []

    def do_GET(self) -> None:
        self.seen.append(dict(self.headers))
        self.send_response(401)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_token_and_headers_are_sent_and_a_refusal_is_explained(tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Refuses)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings = make_settings(tmp_path, chroma_host="127.0.0.1", chroma_port=server.server_port,
                             chroma_token="s3cret", chroma_headers={"X-Tenant-Hint": "briefing"})
    try:
        with pytest.raises(RuntimeError, match="refused the credentials") as caught:
            Store(settings)
    finally:
        server.shutdown()
    assert "s3cret" not in str(caught.value) and "s3cret" not in repr(settings)
    headers = {k.lower(): v for k, v in _Refuses.seen[-1].items()}
    assert headers["authorization"] == "Bearer s3cret" and headers["x-tenant-hint"] == "briefing"


@pytest.mark.timeout(240)
def test_chat_says_when_the_server_is_away_and_keeps_the_question(tmp_path: Path, embedder,
                                                                  chroma_server) -> None:  # type: ignore[no-untyped-def]
    from gradio_client import Client

    from assistant.web.app import build_ui

    settings = make_settings(tmp_path, **chroma_server.overrides(chroma_timeout=1.0))
    ingest_seeds(settings, embedder)
    demo = build_ui(assistant_over(settings, embedder))
    demo.queue()
    _, url, _ = demo.launch(server_name="127.0.0.1", prevent_thread_lock=True, quiet=True)
    try:
        client = Client(url, verbose=False)
        chat, *_ = client.predict(HUAINAN, [], api_name="/chat")
        assert "Lin Qu" in str(chat[-1]["content"])
        chroma_server.pause()
        try:
            chat, box, *_ = client.predict(HUAINAN, chat, api_name="/chat")
        finally:
            chroma_server.resume()
        assert "not reachable" in str(chat[-1]["content"]) and box == HUAINAN
        assert len(chat) == 4  # the earlier turn is still there
        chat, box, *_ = client.predict(HUAINAN, chat, api_name="/chat")
        assert "Lin Qu" in str(chat[-1]["content"]) and box == ""
    finally:
        demo.close()


@pytest.mark.server
def test_a_missing_collection_is_explained_and_not_created(tmp_path: Path, chroma_server) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings(tmp_path, **chroma_server.overrides())
    with pytest.raises(StoreMissing, match=rf"^the collection '{settings.collection}' on the "
                       rf"Chroma server at {chroma_server.url} does not exist: build the index"):
        require_index(settings)
    names = [c.name for c in make_client(settings).list_collections()]
    assert not any(n.startswith(settings.collection) for n in names)
