"""Index: articles -> sentence-aware chunks -> embeddings -> the store, incrementally."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING, Any

from assistant.catalog.extract import extract
from assistant.corpus.articles import Skipped
from assistant.corpus.chunks import Chunk, chunk_article, make_splitter, title_prefix, to_node
from assistant.corpus.readers import failure
from assistant.records import Article

if TYPE_CHECKING:

    from assistant.app.config import Settings
    from assistant.store.chroma import Store
    from assistant.store.embeddings import Embedder
    from assistant.text.nlp import NLP


@dataclass
class IngestReport:
    """What one ingest run changed."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    chunks: int = 0
    seconds: float = 0.0
    nlp_seconds: float = 0.0  # of which: entities and event cards
    failed: list[Skipped] = field(default_factory=list)  # articles left out, and why

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def ingest(articles: list[Article], keep: set[str], store: Store,
           embedder_factory: Callable[[], Embedder], settings: Settings,
           progress: Callable[[int], None] | None = None,
           nlp_factory: Callable[[], NLP] | None = None) -> IngestReport:
    """Bring the store in line with `articles`; ids in `keep` (unreadable files) are left as they are.

    Each article's entities are found once (nlp.annotate, a group at a time): they go into its
    chunks' metadata and its event card, which is written with its article record. An article
    that fails at any step is left out (its indexed version, if any, stays) and reported in
    `failed`; the others are indexed."""
    began = time.perf_counter()
    report = IngestReport()
    indexed = store.fingerprints()
    wanted = {a.id for a in articles}
    report.removed = sorted(set(indexed) - wanted - keep)
    store.remove(report.removed)
    store.remove_strays()
    stale = store.uncarded()  # a store older than the catalog: give its articles their cards
    todo = [a for a in articles if indexed.get(a.id) != a.fingerprint or a.id in stale]
    report.unchanged = len(articles) - len(todo)
    if todo:
        embedder = embedder_factory()
        nlp = _load_nlp(nlp_factory)
        chunked = _chunked(todo, make_splitter(settings, embedder), report)
        for group in _groups(chunked, settings.ingest_group):
            done = _analysed(group, embedder, nlp, settings, report)
            if done:
                written = _write(done, store, indexed, report)
                if progress:
                    progress(written)
    store.settle()
    report.seconds = time.perf_counter() - began
    return report


def _chunked(articles: list[Article], split: Callable[[str, str], list[str]],
             report: IngestReport) -> Iterator[tuple[Any, ...]]:
    for article in articles:
        yield from _isolated([(article,)], lambda items: [chunk_article(items[0][0], split)],
                             "splitting into passages", report)


def _analysed(group: list[tuple[Article, list[Chunk]]], embedder: Embedder, nlp: NLP,
              settings: Settings, report: IngestReport) -> list[tuple[Any, ...]]:
    """(article, chunks, vectors, entities, card) of each article of the group; an article that
    fails at a step is reported and left out."""
    prefix = title_prefix(settings, embedder)

    def embed(items: list[tuple[Any, ...]]) -> list[Any]:
        texts = [prefix(a.title) + c.text for a, cs in items for c in cs]
        rows = embedder.embed(texts, batch_size=settings.embed_batch_size)
        starts = list(accumulate((len(cs) for _, cs in items), initial=0))
        return [rows[a:b] for a, b in pairwise(starts)]

    done = _isolated(group, embed, "embedding", report)
    began = time.perf_counter()
    done = _isolated(done, lambda items: list(nlp.annotate([i[0].body for i in items])),
                     "language analysis", report)
    done = _isolated(done, lambda items: [extract(i[0], i[3], nlp) for i in items],
                     "event card", report)
    report.nlp_seconds += time.perf_counter() - began
    return done


def _isolated(items: Sequence[tuple[Any, ...]], step: Callable[[list[Any]], list[Any]],
              stage: str, report: IngestReport) -> list[tuple[Any, ...]]:
    """Each item (its article first) with what `step` made of it, one result per item. When the
    step fails on the whole group it runs on each item alone: an article that still fails is
    reported by name with the reason and left out; one article never stops the others."""
    try:
        return [(*item, got) for item, got in zip(items, step(list(items)), strict=True)]
    except Exception:  # noqa: BLE001 - which article it was is found out below
        done = []
    for item in items:
        try:
            done.append((*item, *step([item])))
        except Exception as exc:  # noqa: BLE001 - whatever it is, this article's
            report.failed.append(Skipped(item[0].source, f"not indexed: {stage} failed "
                                                         f"({failure(exc)})"))
    return done


def _write(done: list[tuple[Any, ...]], store: Store, indexed: dict[str, str],
           report: IngestReport) -> int:
    """Write a group's articles with their chunks and cards; the number of chunks written."""
    nodes = [to_node(c, v.tolist(), ents) for _, chunks, rows, ents, _ in done
             for c, v in zip(chunks, rows)]
    store.write([(a, rows) for a, _, rows, _, _ in done], nodes,
                replacing=[a.id for a, *_ in done if a.id in indexed],
                cards={a.id: card for a, *_, card in done})
    for article, *_ in done:
        (report.updated if article.id in indexed else report.added).append(article.id)
    report.chunks += len(nodes)
    return len(nodes)


def _load_nlp(factory: Callable[[], NLP] | None) -> NLP:
    """The language model, loaded only when there is something to ingest."""
    from assistant.text.nlp import NLP

    return (factory or NLP.load)()


def _groups(items: Iterable[tuple[Article, list[Chunk]]],
            limit: int) -> Iterator[list[tuple[Article, list[Chunk]]]]:
    group: list[tuple[Article, list[Chunk]]] = []
    size = 0
    for item in items:
        group.append(item)
        size += len(item[1])
        if size >= limit:
            yield group
            group, size = [], 0
    if group:
        yield group
