"""Index: articles -> sentence-aware chunks -> embeddings -> the store, incrementally."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .articles import Article
from .extract import extract

if TYPE_CHECKING:
    from llama_index.core.schema import TextNode

    from .config import Settings
    from .embeddings import Embedder
    from .nlp import NLP, Entity
    from .store import Store

@dataclass(frozen=True)
class Chunk:
    """A passage of an article, with its character offsets in the article body."""

    id: str
    article: Article
    position: int
    start: int
    end: int
    text: str


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

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def chunk_article(article: Article, split: Callable[[str, str], list[str]]) -> list[Chunk]:
    """Split an article into chunks and locate each one in the body (offsets are exact)."""
    chunks: list[Chunk] = []
    cursor = 0
    for position, text in enumerate(split(article.body, article.title)):
        start = article.body.find(text, cursor)
        if start < 0:  # the splitter normalised whitespace: match it loosely
            pattern = r"\s+".join(re.escape(word) for word in text.split())
            found = re.compile(pattern).search(article.body, cursor)
            if not found:
                raise ValueError(f"chunk {position} of {article.id} not found in its article")
            start, end = found.span()
        else:
            end = start + len(text)
        chunks.append(Chunk(f"{article.id}#{article.fingerprint}#{position}", article, position,
                            start, end, article.body[start:end]))
        cursor = start + 1
    return chunks


def make_splitter(settings: Settings, embedder: Embedder) -> Callable[[str, str], list[str]]:
    """llama-index's sentence-aware splitter, measuring in the embedding model's word pieces."""
    from llama_index.core.node_parser import SentenceSplitter

    splitter = SentenceSplitter(
        chunk_size=settings.chunk_size,
        chunk_overlap=settings.chunk_overlap,
        tokenizer=lambda text: range(embedder.count_tokens(text)),
    )
    return lambda body, title: splitter.split_text_metadata_aware(body, embed_prefix(title))


def embed_prefix(title: str) -> str:
    """What precedes the chunk text when it is embedded and searched: the article title."""
    return f"{title}\n\n" if title else ""


def to_node(chunk: Chunk, embedding: list[float] | None = None,
            entities: Sequence[Entity] = ()) -> TextNode:
    """A llama-index node carrying all chunk metadata; only the title joins the embedded text.

    `ents` holds the article's entities inside the chunk as JSON [[kind, start, end], ...] in
    article-body offsets (Chroma metadata values are scalars)."""
    from llama_index.core.schema import TextNode

    a = chunk.article
    inside = [[e.kind, e.start, e.end] for e in entities
              if chunk.start <= e.start and e.end <= chunk.end]
    metadata = {"article_id": a.id, "title": a.title, "date": a.date, "source": a.source,
                "fingerprint": a.fingerprint, "position": chunk.position,
                "start": chunk.start, "end": chunk.end,
                "ents": json.dumps(inside, separators=(",", ":"))}
    return TextNode(
        id_=chunk.id, text=chunk.text, embedding=embedding, metadata=metadata,
        excluded_embed_metadata_keys=[k for k in metadata if k != "title"],
        excluded_llm_metadata_keys=list(metadata),
        metadata_template="{value}", text_template="{metadata_str}\n\n{content}",
    )


def ingest(articles: list[Article], keep: set[str], store: Store,
           embedder_factory: Callable[[], Embedder], settings: Settings,
           progress: Callable[[int], None] | None = None,
           nlp_factory: Callable[[], NLP] | None = None) -> IngestReport:
    """Bring the store in line with `articles`; ids in `keep` (unreadable files) are left as they are.

    Each article's entities are found once (nlp.annotate, a group at a time): they go into its
    chunks' metadata and its event card, which is written with its article record."""
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
        split = make_splitter(settings, embedder)
        chunked = ((a, chunk_article(a, split)) for a in todo)
        for group in _groups(chunked, settings.ingest_group):
            texts = [embed_prefix(a.title) + c.text for a, cs in group for c in cs]
            vectors = embedder.embed(texts, batch_size=settings.embed_batch_size)
            began_nlp = time.perf_counter()
            found = list(nlp.annotate([a.body for a, _ in group]))
            cards = {a.id: extract(a, ents, nlp) for (a, _), ents in zip(group, found)}
            report.nlp_seconds += time.perf_counter() - began_nlp
            written, nodes, row = [], [], 0
            for (article, chunks), ents in zip(group, found):
                rows = vectors[row:row + len(chunks)]
                written.append((article, rows))
                nodes += [to_node(c, v.tolist(), ents) for c, v in zip(chunks, rows)]
                row += len(chunks)
            store.write(written, nodes, replacing=[a.id for a, _ in group if a.id in indexed],
                        cards=cards)
            for article, _ in group:
                (report.updated if article.id in indexed else report.added).append(article.id)
            report.chunks += len(nodes)
            if progress:
                progress(len(nodes))
    store.settle()
    report.seconds = time.perf_counter() - began
    return report


def _load_nlp(factory: Callable[[], NLP] | None) -> NLP:
    """The language model, loaded only when there is something to ingest."""
    from .nlp import NLP

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
