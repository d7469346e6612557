"""One article's problem never stops an ingest: it is skipped by name with the reason, the rest
indexed, exit 3 (and an article whose title would not fit a chunk is indexed with a shorter one)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SEEDS, make_settings
from fault_support import cli_env, run_cli, snapshot

pytestmark = pytest.mark.timeout(600)
HUAINAN, LINGANG = "000_508ce06625000aaf", "001_8b6424cafdef1cef"
MARK = "Quokkaville"  # a word only the faulty article holds
BODY = ("On November 25th, a delegation from {place} visited the Lingang Special Area to "
        "discuss cooperation on new energy vehicles and smart manufacturing. ") * 4


def good_folder(seeds: Path) -> None:
    seeds.mkdir()
    for name in (HUAINAN, LINGANG):
        shutil.copy(SEEDS / f"{name}.txt", seeds / f"{name}.txt")


def test_a_long_title_never_stops_the_ingest(tmp_path: Path) -> None:
    """A contents list above the body or a very long caption becomes a title longer than a chunk;
    the article is indexed with the title cut, and so are the others."""
    seeds = tmp_path / "seeds"
    good_folder(seeds)
    contents = "\n".join(f"Part {i} Cooperation between Lingang and partner city number {i} on "
                         "industry, talent, science and innovation platforms" for i in range(16))
    (seeds / "contents.txt").write_text(contents + "\n\n" + BODY.format(place="Hefei"))
    numbers = ",".join(str(i) for i in range(400))  # one word piece a character
    (seeds / "caption.txt").write_text(f"{numbers} -SHLINGANGIC\n\n" + BODY.format(place="Wuhu"))
    done = run_cli(cli_env(seeds, tmp_path / "store"), "ingest", "--quiet")
    assert done.returncode == 0, done.stderr
    assert "4 added" in done.stdout and "Metadata length" not in done.stdout + done.stderr
    settings = make_settings(tmp_path, seeds_dir=seeds)
    records, _ = snapshot(settings)
    assert set(records) == {HUAINAN, LINGANG, "contents", "caption"}
    asked = run_cli(cli_env(seeds, tmp_path / "store"), "ask", "--json",
                    "Which delegation visited from Wuhu?")
    assert asked.returncode == 0 and '"article_id": "caption"' in asked.stdout, asked.stderr
    from assistant.store.chroma import Store

    store = Store(settings)
    try:
        titles = {aid: store.article(aid).title for aid in ("contents", "caption")}
    finally:
        store.client.close()
    assert all(len(t) <= 201 and t.endswith("…") for t in titles.values()), titles
    assert titles["contents"].startswith("Part 0 Cooperation between Lingang")


def _raise_for(marked: Callable[..., bool], real: Callable[..., object]) -> Callable[..., object]:
    """`real`, except that it fails like a crashing model or parser when `marked(*args)`."""
    def step(*args: object, **kwargs: object) -> object:
        if marked(*args):
            raise RuntimeError(f"simulated crash on {MARK}\nsecond line of the message")
        return real(*args, **kwargs)

    return step


def _holds_mark(texts: object) -> bool:
    return any(MARK in t for t in texts)  # type: ignore[attr-defined]


def inject(stage: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make one step fail on the article that mentions MARK, the real component on the others."""
    from assistant.corpus import articles
    from assistant.corpus import ingest as index
    from assistant.store.embeddings import Embedder
    from assistant.text.nlp import NLP

    if stage == "parse":
        monkeypatch.setattr(articles, "parse_article", _raise_for(
            lambda aid, text, *_: MARK in text, articles.parse_article))
    elif stage == "splitting into passages":
        monkeypatch.setattr(index, "chunk_article", _raise_for(
            lambda article, *_: MARK in article.body, index.chunk_article))
    elif stage == "embedding":
        monkeypatch.setattr(Embedder, "embed", _raise_for(
            lambda _, texts, *__: _holds_mark(texts), Embedder.embed))
    elif stage == "language analysis":
        real = NLP.annotate

        def annotate(self, texts):  # type: ignore[no-untyped-def]
            texts = list(texts)
            if _holds_mark(texts):
                raise RuntimeError(f"simulated crash on {MARK}")
            yield from real(self, texts)

        monkeypatch.setattr(NLP, "annotate", annotate)
    else:
        monkeypatch.setattr(index, "extract", _raise_for(
            lambda article, *_: MARK in article.body, index.extract))


@pytest.mark.parametrize("stage", ["parse", "splitting into passages", "embedding",
                                   "language analysis", "event card"])
def test_an_article_that_fails_is_skipped_by_name_and_the_rest_indexed(
        stage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The real `assistant ingest` (in this process, so one step can be made to fail on one
    article): the failing file is named with its reason, the others are indexed, exit 3, and the
    version of that article indexed before stays."""
    from assistant.app.cli import main

    seeds = tmp_path / "seeds"
    good_folder(seeds)
    faulty = seeds / "faulty.txt"
    faulty.write_text(BODY.format(place="Hefei"))
    for key, value in cli_env(seeds, tmp_path / "store").items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(tmp_path)  # no .env
    assert main(["ingest", "--quiet"]) == 0
    before, _ = snapshot(make_settings(tmp_path, seeds_dir=seeds))
    faulty.write_text(BODY.format(place=MARK))  # edited: the new version fails
    (seeds / "newcomer.txt").write_text(BODY.format(place="Wuhu"))
    capsys.readouterr()
    inject(stage, monkeypatch)
    assert main(["ingest", "--quiet"]) == 3
    out, err = capsys.readouterr()
    assert err.startswith(f"skipped {faulty}: "), err
    assert len(err.splitlines()) == 1 and "simulated crash" in err and "Traceback" not in err
    if stage != "parse":
        assert f"not indexed: {stage} failed (RuntimeError: simulated crash" in err
    assert "1 added, 0 updated, 0 removed, 0 withdrawn, 1 skipped" in out, out
    after, _ = snapshot(make_settings(tmp_path, seeds_dir=seeds))
    assert set(after) == {HUAINAN, LINGANG, "faulty", "newcomer"}
    assert after["faulty"] == before["faulty"]  # the earlier version is still served
