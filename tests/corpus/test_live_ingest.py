"""A chat that keeps serving while `assistant ingest` changes its store from another process: the
real Gradio app through gradio_client, the real CLI in a subprocess, embedded and a Chroma server.
It answers from the new text within seconds, never errors, never quotes what was taken out."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from chroma_server import free_port
from conftest import SEEDS, make_settings
from fault_support import cli_env, run_cli

from assistant.app.pipeline import build_assistant
from assistant.corpus.articles import load_articles
from assistant.corpus.ingest import ingest
from assistant.store.chroma import Store

pytestmark = pytest.mark.timeout(300)
REFRESH = 0.5  # ASSISTANT_REFRESH_SECONDS: how often the chat looks at the store
HONGKOU = "When was the agreement between Hongkou and Lingang Group signed?"
ARTICLE = "003_bffee769cd76aaaa.txt"
MORE = ("\n\nBoth sides also agreed to set up a joint working group. The group will meet every "
        "quarter to review projects in finance, shipping, trade and technology, to share news of "
        "investment and land, and to report to the district government and to the board of "
        "Lingang Group. Its first meeting will discuss the office space in the North Bund, the "
        "talent apartments in Lingang, the support for start-ups from Hongkou, the exchange of "
        "officials between the two sides, the joint promotion of both areas abroad, and a yearly "
        "forum on the future of shipping finance in Shanghai.\n")


def edited(seeds: Path) -> None:
    """The date changes in place: both counts stay the same."""
    path = seeds / ARTICLE
    path.write_text(path.read_text().replace("December 14", "December 15"))


def grown(seeds: Path) -> None:
    """The date changes and a paragraph is added: the store gains chunks."""
    edited(seeds)
    with (seeds / ARTICLE).open("a") as f:
        f.write(MORE)


def renamed(seeds: Path) -> None:
    """The article is deleted and added back under another name with the new date."""
    text = (seeds / ARTICLE).read_text().replace("December 14", "December 15")
    (seeds / ARTICLE).unlink()
    (seeds / "hongkou_signing.txt").write_text(text)


def retracted(seeds: Path) -> None:
    """The article's text is replaced by a retraction notice: it is withdrawn."""
    (seeds / ARTICLE).write_text("RETRACTED\n")


@contextmanager
def serving(settings) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """The chat as `assistant serve` builds and launches it, on the store the settings name."""
    from gradio_client import Client

    from assistant.web.app import launch

    assistant = build_assistant(settings)
    app, url, _ = launch(assistant, settings, prevent_thread_lock=True, quiet=True)
    try:
        yield Client(url, verbose=False)
    finally:
        app.get_blocks().close()
        assistant.store.client.close()


def reply(client) -> str:  # type: ignore[no-untyped-def]
    """The chat's answer to the Hongkou question; any server error raises."""
    chat, *_ = client.predict(HONGKOU, [], api_name="/chat")
    content = chat[-1]["content"]
    return " ".join(p["text"] for p in content) if isinstance(content, list) else str(content)


def held(ingest_stdout: str) -> tuple[int, int]:
    """(articles, chunks) the ingest says the store holds."""
    found = re.search(r"store holds (\d+) articles, (\d+) chunks", ingest_stdout)
    assert found, ingest_stdout
    return int(found[1]), int(found[2])


CASES = [
    pytest.param(edited, "December 15", "same", id="in-place-edit-same-counts"),
    pytest.param(grown, "December 15", "more", id="edit-adding-chunks"),
    pytest.param(renamed, "December 15", "same", id="delete-plus-add-same-counts"),
    pytest.param(retracted, "The articles do not", "fewer", id="retracted"),
    pytest.param(edited, "December 15", "same", id="server-in-place-edit",
                 marks=pytest.mark.server),
    pytest.param(renamed, "December 15", "same", id="server-delete-plus-add",
                 marks=pytest.mark.server),
]


@pytest.mark.parametrize(("change", "expected", "counts"), CASES)
def test_the_serving_chat_follows_an_ingest_in_another_process(
        request, tmp_path, embedder, change, expected, counts) -> None:  # type: ignore[no-untyped-def]
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    backend = request.getfixturevalue("chroma_server").overrides() \
        if request.node.get_closest_marker("server") else {}
    settings = make_settings(tmp_path, seeds_dir=seeds, port=free_port(),
                             refresh_seconds=REFRESH, **backend)
    first = Store(settings)
    ingest(load_articles(seeds, settings.max_file_bytes)[0], set(), first, lambda: embedder,
           settings)
    before = first.counts()
    first.client.close()  # the chat's store must be the only client of this folder here
    env = cli_env(seeds, settings.store_dir, **{f"ASSISTANT_{k.upper()}": str(v)
                                                for k, v in backend.items()})
    with serving(settings) as client:
        assert "December 14" in reply(client)
        change(seeds)
        done = run_cli(env, "ingest", "--quiet")
        assert done.returncode in (0, 3), done.stderr
        after = held(done.stdout)
        assert {"same": after == before, "more": after[1] > before[1],
                "fewer": after[0] < before[0]}[counts], (before, done.stdout)
        seen, deadline = [], time.monotonic() + 10 * REFRESH + 5
        while not seen or (expected not in seen[-1] and time.monotonic() < deadline):
            seen.append(reply(client))  # every question is answered, none raises
            time.sleep(REFRESH / 2)
        assert expected in seen[-1], seen
        assert "December 14" not in seen[-1]
        for _ in range(3):  # and it stays that way
            assert expected in reply(client)
