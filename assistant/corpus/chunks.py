"""Chunks: an article cut into passages that fit the embedding model's window, each with its
character offsets in the body and the title prefix it is embedded and searched with."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.store.embeddings import embed_prefix

if TYPE_CHECKING:
    from llama_index.core.schema import TextNode

    from assistant.app.config import Settings
    from assistant.records import Article, Entity
    from assistant.store.embeddings import Embedder


@dataclass(frozen=True)
class Chunk:
    """A passage of an article, with its character offsets in the article body."""

    id: str
    article: Article
    position: int
    start: int
    end: int
    text: str


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
    prefix = title_prefix(settings, embedder)
    return lambda body, title: splitter.split_text_metadata_aware(body, prefix(title))


def title_prefix(settings: Settings, embedder: Embedder) -> Callable[[str], str]:
    """`embed_prefix` of the title cut to half a chunk of word pieces: a long title (a contents
    list or a caption taken for one) always leaves the passage room (the splitter refuses a
    prefix longer than a chunk). BM25 has no window: it reads the whole title."""
    limit = settings.chunk_size // 2

    def prefix(title: str) -> str:
        if embedder.count_tokens(title) <= limit:
            return embed_prefix(title)
        words = title.split()
        low, high = 0, len(words)  # the most words that fit, by halving
        while low < high:
            mid = (low + high + 1) // 2
            if embedder.count_tokens(" ".join(words[:mid]) + " …") <= limit:
                low = mid
            else:
                high = mid - 1
        return embed_prefix(" ".join(words[:low]) + " …" if low else "")

    return prefix


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
