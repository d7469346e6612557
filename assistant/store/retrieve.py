"""Retrieve: question -> ranked passages, fusing dense (Chroma) and lexical (BM25, bm25s) rankings by
reciprocal rank."""

from __future__ import annotations

import json
import math
import threading
import time
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.records import Entity, Passage
from assistant.store.embeddings import embed_prefix
from assistant.text.sentences import terms

if TYPE_CHECKING:
    from assistant.app.config import Settings
    from assistant.store.chroma import Store
    from assistant.store.embeddings import Embedder

OTHER_ARTICLES = 3  # a list's passages from articles the first search did not reach


class Lexicon:
    """Document frequencies of the BM25 index, for weighting question terms."""

    def __init__(self, bm25: Any) -> None:
        self.n_docs = max(int(bm25.scores.get("num_docs", 1)), 1)
        indptr = np.asarray(bm25.scores["indptr"])
        self._df = {tok: int(indptr[i + 1] - indptr[i])
                    for tok, i in bm25.vocab_dict.items() if i + 1 < len(indptr)}

    def known(self, term: str) -> bool:
        """Whether any indexed passage uses the term."""
        return self._df.get(term, 0) > 0

    def idf(self, term: str) -> float:
        """Inverse document frequency; a term the corpus never uses counts as the rarest."""
        df = self._df.get(term, 0)
        return math.log(1 + (self.n_docs - df + 0.5) / (df + 0.5))


class Lexical:
    """BM25 over the chunk texts with their titles, tokenised as llama-index's BM25Retriever does
    (English stop words, Snowball stemmer). It keeps compact passages, not llama-index nodes: at
    10,000 articles nodes cost several hundred MB (bench/RESULTS.md)."""

    def __init__(self, passages: list[Passage]) -> None:
        import bm25s
        import Stemmer

        self.passages = passages
        self.by_article: dict[str, list[Passage]] | None = None  # built at the first need
        self._stemmer = Stemmer.Stemmer("english")
        tokens = bm25s.tokenize([embed_prefix(p.title) + p.text for p in passages], stopwords="en",
                                stemmer=self._stemmer, show_progress=False)
        self.bm25 = bm25s.BM25()
        self.bm25.index(tokens, show_progress=False)

    def search(self, question: str, k: int, article_ids: set[str] | None = None) -> list[Passage]:
        """Up to k passages that share a term with the question, best first (only passages of
        `article_ids` when given)."""
        import bm25s

        query = bm25s.tokenize(question, stemmer=self._stemmer, show_progress=False)
        # a mask, not a filter after the search: the top k of a narrow set may rank far down
        mask = None if article_ids is None else \
            np.array([p.article_id in article_ids for p in self.passages], dtype=np.float32)
        ids, scores = self.bm25.retrieve(query, k=min(k, len(self.passages)), show_progress=False,
                                         weight_mask=mask)
        return [self.passages[int(i)] for i, s in zip(ids[0], scores[0]) if s > 0]


class Retriever:
    """Hybrid retrieval over the store; rebuilds its lexical index when the store changes."""

    def __init__(self, store: Store, embedder: Embedder, settings: Settings) -> None:
        self.store = store
        self.embedder = embedder
        self.settings = settings
        self._lock = threading.Lock()
        self._state: tuple[Lexical | None, Lexicon | None, dict[str, str]] | None = None
        self._version: tuple[str, int, int] = ("", -1, -1)
        self._checked = 0.0
        self.refresh()

    def _store_version(self) -> tuple[str, int, int]:
        """What changes whenever an ingest changed the store: its generation, and both counts."""
        return (self.store.generation(), *self.store.counts())

    def refresh(self, force: bool = False) -> bool:
        """Rebuild the BM25 index if the store changed since the last build; True if rebuilt."""
        with self._lock:
            version = self._store_version()
            self._checked = time.monotonic()
            if not force and version == self._version and self._state is not None:
                return False
            if self._state is not None:  # another process may have written: reload its vectors
                self.store.reopen()
                version = self._store_version()  # read before the data: a later write rebuilds
            fingerprints = self.store.fingerprints()
            passages = [_row_passage(rid, meta, text) for rid, meta, text in self.store.chunk_rows()
                        if _current(meta, fingerprints)]
            lexical = Lexical(passages) if passages else None
            self._state = (lexical, Lexicon(lexical.bm25) if lexical else None, fingerprints)
            self._version = version
            return True

    def follow(self) -> None:
        """Look for a changed store, at most once every `refresh_seconds`."""
        if time.monotonic() - self._checked > self.settings.refresh_seconds:
            self.refresh()

    @property
    def version(self) -> object:
        """What the store looked like at the last rebuild: changes whenever an ingest wrote."""
        return self._version

    def article_passages(self, article_id: str) -> list[Passage]:
        """Every indexed passage of one article, in order (none when it is not indexed)."""
        lexical = self._state[0] if self._state else None
        if lexical is None:
            return []
        if lexical.by_article is None:
            grouped: dict[str, list[Passage]] = {}
            for p in lexical.passages:
                grouped.setdefault(p.article_id, []).append(p)
            lexical.by_article = {a: sorted(ps, key=lambda p: p.start) for a, ps in grouped.items()}
        return lexical.by_article.get(article_id, [])

    @property
    def lexicon(self) -> Lexicon | None:
        """Term statistics of the current lexical index."""
        return self._state[1] if self._state else None

    def _candidates(self, available: int) -> int:
        return max(1, min(available, self.settings.top_k * 4))

    def retrieve(self, question: str, top_k: int | None = None,
                 query_vector: np.ndarray | None = None,
                 article_ids: set[str] | None = None, spread: bool = False) -> list[Passage]:
        """The top passages for `question`, best first; only from `article_ids` when given.
        `spread` (a list's question): then the best passage of up to OTHER_ARTICLES articles
        the top passages do not come from, found in the same ranking twice as deep (a list's
        third article is often below them, after a second and third passage of the first two)."""
        self.follow()
        lexical, _, fingerprints = self._state or (None, None, {})
        if article_ids is not None:
            fingerprints = {a: f for a, f in fingerprints.items() if a in article_ids}
        if not fingerprints:
            return []
        k = top_k or self.settings.top_k
        vector = self.embedder.embed_query(question) if query_vector is None else query_vector
        dense, cosines = self._dense(vector, fingerprints, article_ids)
        found = lexical.search(question, self._candidates(len(lexical.passages)), article_ids) \
            if lexical and terms(question) else []
        fused: dict[str, float] = {}
        passages: dict[str, Passage] = {}
        for weight, ranking in ((self.settings.dense_weight, dense),
                                (self.settings.lexical_weight, found)):
            for rank, passage in enumerate(ranking):
                fused[passage.chunk_id] = fused.get(passage.chunk_id, 0.0) \
                    + weight / (self.settings.rrf_k + rank + 1)
                passages.setdefault(passage.chunk_id, passage)
        ranked = sorted(fused, key=fused.__getitem__, reverse=True)[:2 * k if spread else k]
        best = ranked[:k]
        seen = {passages[i].article_id for i in best}
        for i in ranked[k:]:
            if len(best) == k + OTHER_ARTICLES:
                break
            if passages[i].article_id not in seen:
                seen.add(passages[i].article_id)
                best.append(i)
        return [replace(passages[i], score=fused[i], dense=cosines.get(i, 0.0)) for i in best]

    def _dense(self, vector: np.ndarray, fingerprints: dict[str, str],
               article_ids: set[str] | None = None) -> tuple[list[Passage], dict[str, float]]:
        from llama_index.core.vector_stores.types import (
            FilterOperator,
            MetadataFilter,
            MetadataFilters,
            VectorStoreQuery,
        )

        k = self._candidates(self._version[2])
        # Chroma's where={"article_id": {"$in": [...]}}: the nearest chunks inside the set
        where = None if article_ids is None else MetadataFilters(filters=[MetadataFilter(
            key="article_id", value=sorted(article_ids & fingerprints.keys()),
            operator=FilterOperator.IN)])
        with self.store.lock:
            result = self.store.vector_store().query(
                VectorStoreQuery(query_embedding=vector.tolist(), similarity_top_k=k,
                                 filters=where))
        # llama-index reports exp(-distance); Chroma's cosine distance is 1 - cosine
        cosines = {n.id_: 1.0 + math.log(max(s, 1e-9))
                   for n, s in zip(result.nodes, result.similarities or [])}
        kept = [_row_passage(n.id_, n.metadata, n.text) for n in result.nodes
                if _current(n.metadata, fingerprints)]
        return kept, cosines


def _current(meta: dict[str, Any], fingerprints: dict[str, str]) -> bool:
    """Whether a chunk belongs to the indexed version of its article. An embedded client opened
    before an ingest still finds the chunks it deleted, with empty metadata: never those."""
    fingerprint = meta.get("fingerprint")
    return fingerprint is not None and fingerprints.get(meta.get("article_id", "")) == fingerprint


def _row_passage(chunk_id: str, meta: dict[str, Any], text: str) -> Passage:
    """A stored chunk as an unscored passage."""
    start = int(meta["start"])
    return Passage(chunk_id, meta["article_id"], meta["title"], meta["date"], meta["source"],
                   text, start, int(meta["end"]), 0.0, 0.0, chunk_entities(meta, text, start))


def chunk_entities(meta: dict[str, Any], text: str, start: int) -> tuple[Entity, ...]:
    """The entities stored with a chunk at ingest (metadata `ents`: [[kind, start, end], ...] in
    article-body offsets), so answering runs no language model over article text."""
    return tuple(Entity(kind, s, e, text[s - start:e - start])
                 for kind, s, e in json.loads(meta.get("ents") or "[]"))
