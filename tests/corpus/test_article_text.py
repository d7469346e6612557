"""Hostile characters in article files: control characters and terminal escapes are removed at
ingest (they never reach the terminal, the store or a Word file), invisible characters never split
a name, and line-based JSON output stays one line per record."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import SEEDS, make_settings
from fault_support import cli_env, run_cli

pytestmark = pytest.mark.timeout(600)
HUAINAN = "000_508ce06625000aaf"
VISIT = ("On October 12th, {name}, Deputy Director of the Hefei Investment Promotion Committee, "
         "visited the Lingang Special Area with his team.{extra} The delegation discussed new "
         "energy vehicle projects with Lingang Group and toured the Lingang Innovation Center.")
HOSTILE = {  # file name -> text
    "escapes.txt": "\x1b]0;owned\x07Hefei team \x1b[31mvisits\x1b[0m Lingang\u202e -SHLINGANGIC\n\n"
                   + VISIT.format(name="Jun Tang", extra=" Bell\x07 and\x01 back\x08space."),
    "invisible.txt": "A second visit -SHLINGANGIC\n\n"
                     + VISIT.format(name="\u202aJun\u200b Tang\u202c", extra="").replace(
                         "October 12th", "May 5th"),
    "separators.txt": "Third visit -SHLINGANGIC\n\n"
                      + VISIT.format(name="Bo Fang", extra="").replace(
                          "October 12th", "June 2nd").replace("the Lingang Special Area",
                                                              "the Lingang\u2028Special\u2029Area"),
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A seeds folder with the hostile articles, ingested by the real CLI: (folder, its env)."""
    root = tmp_path_factory.mktemp("hostile")
    seeds = root / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / f"{HUAINAN}.txt", seeds)
    for name, text in HOSTILE.items():
        (seeds / name).write_text(text, encoding="utf-8")
    env = cli_env(seeds, root / "store")
    done = run_cli(env, "ingest", "--quiet")
    assert done.returncode == 0, done.stderr
    return seeds, env


def read(seeds: Path, what: Callable[[Any], Any]) -> Any:
    """`what` of the store of this seeds folder, opened and closed."""
    from assistant.store.chroma import Store

    store = Store(make_settings(seeds.parent, seeds_dir=seeds))
    try:
        return what(store)
    finally:
        store.client.close()


def test_control_characters_never_reach_the_store_the_terminal_or_word(folder) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    seeds, env = folder
    record = read(seeds, lambda store: store.article("escapes"))
    assert record.title == "Hefei team visits Lingang"
    assert "Bell and backspace." in record.body
    shown = run_cli(env, "catalog")
    assert shown.returncode == 0 and "Hefei team visits Lingang" in shown.stdout
    assert not any(ch in shown.stdout for ch in "\x1b\x07\x01\x08\u202e"), repr(shown.stdout)
    out = seeds.parent / "pack.docx"
    brief = run_cli(env, "brief", "--out", str(out))
    assert brief.returncode == 0, brief.stderr
    cells = [c.text for c in Document(str(out)).tables[0].columns[1].cells]
    assert any("Hefei team visits Lingang" in c for c in cells), cells


def test_invisible_characters_never_split_a_name(folder) -> None:  # type: ignore[no-untyped-def]
    """"Jun Tang" and "Jun\u200b Tang" (bidi marks around it) are one person in two events."""
    from assistant.catalog.cards import directory

    seeds, _ = folder
    people = read(seeds, lambda store: directory(store.cards()))
    tang = [e for e in people if "tang" in e.key]
    assert [(e.name, e.articles) for e in tang] == [("Jun Tang", ["invisible", "escapes"])]


def test_line_separators_stay_inside_their_json_line(folder) -> None:  # type: ignore[no-untyped-def]
    """U+2028 and U+2029 end a line for many readers (Python's splitlines, JavaScript): the
    JSON output escapes them."""
    _, env = folder
    shown = run_cli(env, "catalog", "--json")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    cards = [json.loads(line) for line in lines]
    assert len(cards) == 4 and "\\u2028" in shown.stdout and "\\u2029" in shown.stdout
    (card,) = [c for c in cards if c["article_id"] == "separators"]
    assert "Lingang\u2028Special\u2029Area" in [p["text"] for p in card["places"]]
    asked = run_cli(env, "ask", "--json", "Who visited the Lingang Special Area on June 2nd?")
    assert asked.returncode == 0, asked.stderr
    (answer,) = map(json.loads, asked.stdout.splitlines())
    assert answer["citations"][0]["article_id"] == "separators"
    assert "Lingang\u2028Special\u2029Area" in answer["citations"][0]["quote"]
