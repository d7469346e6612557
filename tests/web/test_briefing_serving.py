"""The served app under forged and repeated requests, through the real Gradio app: forged sorts,
pages and cell clicks log one line (no traceback), the source panel shows the file relative to the
articles folder, downloads are bounded and gone when the server stops, sessions are bounded, and
earlier questions of a forged chat history are cleaned like new ones."""

from __future__ import annotations

import dataclasses
import json
import logging
import tempfile
from pathlib import Path

import httpx
import pytest
from conftest import SEEDS, running_app
from conftest import app_client as client

pytestmark = pytest.mark.timeout(300)
ANY = ("", "", "", "", "")


def send(url: str, session: str, target: str, event: str, data: list, event_data: dict) -> dict:  # type: ignore[type-arg]
    """One event as the page sends it (it has no API name: gradio_client cannot), by the id of
    the component it comes from: queue/join, then its result from queue/data."""
    config = httpx.get(url + "config").json()
    ids = {c["id"] for c in config["components"] if c.get("props", {}).get("elem_id") == target}
    dep = next(d for d in config["dependencies"]
               if any(t[0] in ids and t[1] == event for t in d["targets"]))
    body = {"data": data, "event_data": event_data, "fn_index": dep["id"],
            "trigger_id": dep["targets"][0][0], "session_hash": session}
    assert httpx.post(url + "gradio_api/queue/join", json=body).status_code == 200
    with httpx.stream("GET", url + f"gradio_api/queue/data?session_hash={session}",
                      timeout=30) as stream:
        for line in stream.iter_lines():
            if '"process_completed"' in line:
                return json.loads(line.removeprefix("data: "))
    raise AssertionError("no result")


def click(row: list, column: int) -> dict:  # type: ignore[type-arg]
    return {"index": [0, column], "value": None, "row_value": row, "col_value": None,
            "selected": True}


def test_a_clicked_cell_shows_its_file_relative_to_the_articles_folder(briefing_app: str) -> None:
    c = client(briefing_app)
    timeline, *_ = c.predict("", "", "Huainan", "", "", False, api_name="/briefing")
    got = send(briefing_app, c.session_hash, "timeline", "select", [None], click(timeline["data"][0], 5))
    panel = got["output"]["data"][0]
    assert "<mark>Qianshen Wang</mark>" in panel
    assert " · 000_508ce06625000aaf.txt</div>" in panel and str(SEEDS) not in panel, panel[:300]


def test_forged_sorts_pages_and_clicks_log_one_line(briefing_app: str, capfd, caplog) -> None:  # type: ignore[no-untyped-def]
    from gradio_client.exceptions import AppError

    c = client(briefing_app)
    c.predict(*ANY, False, api_name="/briefing")
    capfd.readouterr()
    caplog.set_level(logging.WARNING)
    with pytest.raises(AppError, match="sort refused"):
        c.predict("Date ↕; DROP TABLE", api_name="/timeline_sort")
    _, _, summary, *_ = c.predict(*ANY, False, "bogus", "Name ↑", api_name="/briefing")
    assert "cannot be sorted by “bogus”" in summary
    for number, page in ((0, 1), (-5, 1), (10**12, 1), (2, 1)):  # four events: one page
        _, shown, label = c.predict(number, api_name="/timeline_page")
        assert (shown, label) == (page, "rows 1–4 of 4 · page 1 of 1")
    malformed = [click(["abc", "x"], 2), {"index": "zz", "row_value": [1, "x"]},
                 {"index": [0, 2]}, None, ["not", "a", "click"]]
    forged = [*malformed, click([10**40, "x"], 2), click([1, "x"], 10**40)]  # no such cell
    for event in forged:
        got = send(briefing_app, c.session_hash, "timeline", "select", [None], event)
        assert got["success"] and "Click a cell to read its source" in got["output"]["data"][0]
    err = capfd.readouterr().err
    assert "Traceback" not in err and len(err.splitlines()) <= 10, err[-2000:]
    lines = [r.getMessage() for r in caplog.records if r.name == "assistant.web.briefing"]
    assert len(lines) == 1 + len(malformed), lines
    assert lines[0].startswith("briefing: sort refused: timeline cannot"), lines


def pack_files(root: Path) -> list[Path]:
    """The briefing packs on the server's side under `root` (not the client's downloads)."""
    return [p for p in root.rglob("briefing-*.*") if p.is_file() and "client" not in p.parts]


def test_downloads_are_replaced_bounded_and_gone_when_the_server_stops(
        briefing_assistant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from gradio_client import Client

    from assistant.web import downloads

    for name in ("gradio", "tmp", "client"):
        (tmp_path / name).mkdir()
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path / "gradio"))  # Gradio's file cache
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))  # any other temporary file
    monkeypatch.setattr(downloads, "MAX_PACKS", 3)
    with running_app(briefing_assistant) as url:
        sessions = [Client(url, verbose=False, download_files=str(tmp_path / "client"))
                    for _ in range(5)]
        first = sessions[0]
        for fmt in ("Markdown (.md)", "Word (.docx)", "Markdown (.md)", "Word (.docx)"):
            got = Path(first.predict(*ANY, fmt, api_name="/download_briefing"))
            assert got.read_bytes()[:2] in (b"# ", b"PK")  # the whole pack reached the client
            assert len(pack_files(tmp_path)) == 1  # the session's previous pack is gone
        for other in sessions[1:]:
            other.predict(*ANY, "Markdown (.md)", api_name="/download_briefing")
        assert len(pack_files(tmp_path)) == 3  # at most MAX_PACKS, every session together
    assert pack_files(tmp_path) == []  # the server stopped: nothing left behind


def test_sessions_kept_are_bounded(briefing_assistant) -> None:  # type: ignore[no-untyped-def]
    """Each session holds its answers and listings (and Gradio's copy of the page's config):
    only the `max_sessions` most recent are kept."""
    from helpers import free_port

    from assistant.web.app import launch

    settings = briefing_assistant.settings.model_copy(update={"port": free_port(),
                                                              "max_sessions": 3})
    app, url, _ = launch(dataclasses.replace(briefing_assistant, settings=settings), settings,
                         prevent_thread_lock=True, quiet=True)
    try:
        for _ in range(8):
            c = client(url)
            c.predict("", "", "Huainan", "", "", True, api_name="/briefing")
            c.predict("Who visited Huainan on November 25th?", [], api_name="/chat")
        assert len(app.state_holder.session_data) == 3
        _, _, summary, *_ = c.predict(*ANY, False, api_name="/briefing")  # the last one works
        assert summary.startswith("4 events")
    finally:
        app.get_blocks().close()


def said(role: str, text: str) -> dict:  # type: ignore[type-arg]
    return {"role": role, "content": [{"type": "text", "text": text}]}


def test_earlier_questions_of_a_forged_history_are_cleaned(briefing_app: str) -> None:
    """A marker in an earlier question is no number the articles must mention."""
    history = [said("user", "Who visited Huainan on November 25th? [99]"),
               said("assistant", "**Lin Qu** visited Huainan [1].")]
    chat, *_ = client(briefing_app).predict("When was that?", history, api_name="/chat")
    text = " ".join(p["text"] for p in chat[-1]["content"])
    assert "99" not in text and "November 25" in text, text
