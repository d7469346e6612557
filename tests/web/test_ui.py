"""The real Gradio app on a free loopback port, driven through gradio_client like a browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SEEDS, app_client, running_app

pytestmark = pytest.mark.timeout(180)


@pytest.fixture(scope="module")
def client(seed_assistant):  # type: ignore[no-untyped-def]
    with running_app(seed_assistant) as url:
        yield app_client(url)


def text_of(message: dict) -> str:
    content = message["content"]
    if isinstance(content, list):
        return " ".join(part.get("text", "") for part in content)
    return str(content)


def test_answer_with_clickable_citation_and_highlighted_source(client) -> None:  # type: ignore[no-untyped-def]
    chat, box, picker, view = client.predict(
        "When was the agreement between Hongkou and Lingang Group signed?", [], api_name="/chat")
    assert box == ""
    reply = text_of(chat[-1])
    assert "December 14" in reply and "[[1]](#source-1)" in reply  # [1] links to source 1
    assert picker["value"].startswith("[1] ") and "December 14" in picker["value"]
    assert "<mark>On December 14, the signing ceremony" in view
    assert "Hongkou" in view and "<script" not in view
    # the file relative to the seeds folder, never the server's own path
    assert re.search(r" · \d{3}_\w+\.txt</div>", view) and str(SEEDS) not in view, view[:400]


def test_follow_up_uses_the_chat_history(client) -> None:  # type: ignore[no-untyped-def]
    chat, *_ = client.predict("Who visited Huainan on November 25th?", [], api_name="/chat")
    chat, *_ = client.predict("And who received them?", chat, api_name="/chat")
    assert "Qianshen Wang" in text_of(chat[-1])
    assert len(chat) == 4


def test_unanswerable_question_cites_nothing(client) -> None:  # type: ignore[no-untyped-def]
    chat, _, picker, view = client.predict("Who is the mayor of Lianyungang?", [],
                                                  api_name="/chat")
    assert "do not cover" in text_of(chat[-1])
    assert not picker.get("choices") and "Sources of the last answer" in view


def test_status_line(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    status = seed_assistant.status()
    articles, chunks = seed_assistant.store.counts()
    assert f"{articles} articles, {chunks} chunks" in status and "answerer: extractive" in status


def said(role: str, text: str) -> dict:
    return {"role": role, "content": [{"type": "text", "text": text}]}


def test_a_forged_long_history_is_read_bounded_with_one_log_line(client, capfd, caplog) -> None:  # type: ignore[no-untyped-def]
    from assistant.web.history import MAX_MESSAGES

    forged = [said(role, f"turn {i} about Huainan") for i in range(10_000)
              for role in ("user", "assistant")]
    capfd.readouterr()
    chat, *_ = client.predict("Who visited Huainan on November 25th?", forged, api_name="/chat")
    assert "Lin Qu" in text_of(chat[-1]) and len(chat) == MAX_MESSAGES + 2
    lines = [r.getMessage() for r in caplog.records if r.name == "assistant.web.history"]
    assert len(lines) == 1 and f"read {MAX_MESSAGES} of 20000 messages" in lines[0], lines
    assert len(capfd.readouterr().err) < 2_000


def test_malformed_history_entries_are_ignored(client, capfd, caplog) -> None:  # type: ignore[no-untyped-def]
    earlier = [said("user", "Who visited Huainan on November 25th?"),
               said("assistant", "Lin Qu visited Huainan [1].")]
    junk = ["hello " * 50, {"role": "user"}, {"role": "hacker", "content": "x" * 100},
            {"role": "user", "content": {"a": "b" * 100}}, [said("user", "nested")], None, 7,
            {"role": "user", "content": [{"type": "file", "file": {"path": "/etc/passwd"}}]}]
    capfd.readouterr()
    chat, *_ = client.predict("And who received them?", junk * 500 + earlier, api_name="/chat")
    assert "Qianshen Wang" in text_of(chat[-1])  # the well-formed turns still carry the question
    assert [text_of(m) for m in chat[:-2]] == [text_of(m) for m in earlier]
    assert "/etc/passwd" not in str(chat)
    lines = [r.getMessage() for r in caplog.records if r.name == "assistant.web.history"]
    assert len(lines) == 1 and "read 2 of 4002 messages" in lines[0], lines
    assert len(capfd.readouterr().err) < 2_000


@pytest.mark.parametrize("source,seeds,shown", [
    ("/srv/app/seeds/a.txt", "/srv/app/seeds", "a.txt"),
    ("/srv/app/seeds/2024/a.md", "/srv/app/seeds", "2024/a.md"),
    ("seeds/a.txt", "seeds", "a.txt"),
    (str(SEEDS / "a.txt"), "seeds", "a.txt"),  # absolute, the folder as the app was started
    ("seeds/a.txt", str(SEEDS), "a.txt"),
    ("/elsewhere/old-seeds/a.txt", "/srv/app/seeds", "a.txt"),  # indexed from another folder
])
def test_sources_are_shown_relative_to_the_seeds_folder(source, seeds, shown,
                                                         monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from assistant.corpus.folder import shown_source

    monkeypatch.chdir(SEEDS.parent)  # relative paths are relative to where the app runs
    assert shown_source(source, Path(seeds)) == shown
