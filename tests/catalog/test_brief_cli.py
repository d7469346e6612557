"""`assistant brief [TOPIC] --out FILE` as a user runs it, over a real store with event cards."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import run

pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def env(briefing_assistant) -> dict[str, str]:  # type: ignore[no-untyped-def]
    settings = briefing_assistant.settings
    out = {k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "OPENAI_"))}
    out.update(ASSISTANT_STORE_DIR=str(settings.store_dir),
               ASSISTANT_MODEL_CACHE_DIR=str(settings.model_cache_dir),
               ASSISTANT_ANSWERER="extractive")
    return out


def test_brief_on_a_topic_keeps_its_events_and_answers_it(env: dict[str, str],
                                                          tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "huainan.md"
    done = run(["brief", "Huainan", "--out", str(out)], env)
    assert done.returncode == 0, done.stderr
    assert "1 events, 1 answers" in done.stdout
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Briefing: Huainan")
    assert "November 25 (year not stated)" in text and "Hongkou[^" not in text
    assert "**Q: Huainan**" in text
    done = run(["brief", "--out", str(tmp_path / "all.docx")], env)
    assert done.returncode == 0, done.stderr
    doc = Document(str(tmp_path / "all.docx"))
    assert len(doc.tables[0].rows) == 5 and not any(p.text.startswith("Q: ")
                                                    for p in doc.paragraphs)


def test_brief_refuses_an_unknown_format(env: dict[str, str], tmp_path: Path) -> None:
    done = run(["brief", "--out", str(tmp_path / "pack.pdf")], env)
    assert done.returncode == 1 and "written as .md or .docx" in done.stderr
    assert not (tmp_path / "pack.pdf").exists()
