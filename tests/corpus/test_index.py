"""Index: real Chroma (embedded on a tmp dir, and a real server), the real model; incremental,
exact offsets, full metadata."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import make_settings

from assistant.corpus.articles import load_articles
from assistant.corpus.ingest import ingest
from assistant.store.chroma import Store


def run_ingest(settings, embedder):  # type: ignore[no-untyped-def]
    articles, skipped = load_articles(settings.seeds_dir, settings.max_file_bytes)
    return ingest(articles, {Path(s.source).stem for s in skipped}, Store(settings),
                  lambda: embedder, settings)


def chunk_ids(settings) -> set[str]:  # type: ignore[no-untyped-def]
    return set(Store(settings).chunks.get(include=[])["ids"])


def test_ingest_reopen_and_metadata(tmp_path: Path, seeds_copy: Path, embedder, backend) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings(tmp_path, seeds_dir=seeds_copy, **backend)
    report = run_ingest(settings, embedder)
    assert len(report.added) == 5 and report.chunks > 5
    store = Store(settings)  # a fresh client on the persisted directory
    assert store.counts() == (5, report.chunks)
    articles = {a.id: a for a in load_articles(seeds_copy, settings.max_file_bytes)[0]}
    got = store.chunks.get(include=["metadatas", "documents", "embeddings"])
    assert len(got["ids"]) == report.chunks
    for meta, doc, vector in zip(got["metadatas"], got["documents"], got["embeddings"]):
        article = articles[meta["article_id"]]
        assert meta["title"] == article.title and meta["date"] == article.date
        assert meta["source"] == article.source
        assert article.body[meta["start"]:meta["end"]] == doc  # offsets are exact
        assert meta["position"] >= 0 and len(vector) == 384
        assert embedder.count_tokens(article.title + "\n\n" + doc) <= embedder.max_tokens - 2
    record = store.article("000_508ce06625000aaf")
    assert record is not None and record.body == articles["000_508ce06625000aaf"].body


def test_reingest_changes_nothing(tmp_path: Path, seeds_copy: Path, embedder, backend) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings(tmp_path, seeds_dir=seeds_copy, **backend)
    run_ingest(settings, embedder)
    before = chunk_ids(settings)
    again = run_ingest(settings, embedder)
    assert not again.changed and again.unchanged == 5 and again.chunks == 0
    assert chunk_ids(settings) == before


def test_edited_and_deleted_articles(tmp_path: Path, seeds_copy: Path, embedder, backend) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings(tmp_path, seeds_dir=seeds_copy, **backend)
    run_ingest(settings, embedder)
    before = chunk_ids(settings)
    edited = seeds_copy / "003_bffee769cd76aaaa.txt"
    edited.write_text(edited.read_text() + "\nBoth sides agreed to meet again in Pudong next spring.")
    (seeds_copy / "001_8b6424cafdef1cef.txt").unlink()
    report = run_ingest(settings, embedder)
    assert report.updated == ["003_bffee769cd76aaaa"]
    assert report.removed == ["001_8b6424cafdef1cef"]
    after = chunk_ids(settings)
    assert not any(i.startswith("001_") for i in after)
    old_003 = {i for i in before if i.startswith("003_")}
    assert old_003 and not old_003 & after  # replaced, not added beside
    store = Store(settings)
    assert store.counts()[0] == 4
    docs = store.chunks.get(where={"article_id": "003_bffee769cd76aaaa"}, include=["documents"])
    assert any("meet again in Pudong" in d for d in docs["documents"])


def test_unreadable_file_keeps_its_indexed_version(tmp_path: Path, seeds_copy: Path, embedder, backend) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings(tmp_path, seeds_dir=seeds_copy, **backend)
    run_ingest(settings, embedder)
    (seeds_copy / "002_0f223df367e3b8ed.txt").write_bytes(b"\xff\xfe broken \x00")
    report = run_ingest(settings, embedder)
    assert not report.removed
    assert Store(settings).counts()[0] == 5


def test_store_dir_is_configurable(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings(tmp_path, store_dir=tmp_path / "elsewhere")
    run_ingest(settings, embedder)
    assert (tmp_path / "elsewhere" / "chroma.sqlite3").exists()
    shutil.rmtree(tmp_path / "elsewhere")


def test_every_change_renews_the_generation_and_nothing_else_does(tmp_path: Path, seeds_copy: Path, embedder, backend) -> None:  # type: ignore[no-untyped-def]
    """What a serving process watches: a new token after each ingest that changed anything, even
    one that keeps both counts, and after one that was killed before it could say so."""
    settings = make_settings(tmp_path, seeds_dir=seeds_copy, **backend)
    run_ingest(settings, embedder)
    store = Store(settings)
    first = store.generation()
    assert first and not run_ingest(settings, embedder).changed
    assert store.generation() == first  # a no-op ingest makes no serving process reload
    edited = seeds_copy / "003_bffee769cd76aaaa.txt"
    edited.write_text(edited.read_text().replace("December 14", "December 15"))
    counts = store.counts()
    assert run_ingest(settings, embedder).updated == ["003_bffee769cd76aaaa"]
    assert store.counts() == counts and store.generation() != first
    store._mark(settled=False)  # as an ingest killed after its last write, before it settled
    killed = store.generation()
    assert not run_ingest(settings, embedder).changed
    settled = store.generation()
    assert settled not in (first, killed)  # the next ingest announces what the killed one wrote
    run_ingest(settings, embedder)
    assert store.generation() == settled
    for name in ("articles", "chunks"):  # the marker left the distance function alone
        config = Store(settings).client.get_collection(f"{settings.collection}_{name}")
        assert config.configuration_json["hnsw"]["space"] == "cosine"
