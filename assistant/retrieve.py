"""Retrieve: question -> ranked passages, fusing dense (Chroma) and lexical (BM25) rankings by reciprocal rank."""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .citations import terms

if TYPE_CHECKING:
    from .config import Settings
    from .embeddings import Embedder
    from .index import Store

REFRESH_SECONDS = 5.0  # how often a serving process looks for a changed store


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its article's metadata and its scores."""

    chunk_id: str
    article_id: str
    title: str
    date: str
    source: str
    text: str
    start: int
    end: int
    score: float  # fused reciprocal-rank score
    dense: float  # cosine similarity to the question (0 when only BM25 found it)


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


class Retriever:
    """Hybrid retrieval over the store; rebuilds its lexical index when the store changes."""

    def __init__(self, store: Store, embedder: Embedder, settings: Settings) -> None:
        self.store = store
        self.embedder = embedder
        self.settings = settings
        self._lock = threading.Lock()
        self._state: tuple[Any, Lexicon | None, dict[str, str]] | None = None
        self._counts: tuple[int, int] = (-1, -1)
        self._checked = 0.0
        self.refresh()

    def refresh(self, force: bool = False) -> bool:
        """Rebuild the BM25 index if the store changed since the last build; True if rebuilt."""
        with self._lock:
            counts = self.store.counts()
            self._checked = time.monotonic()
            if not force and counts == self._counts and self._state is not None:
                return False
            if self._state is not None:  # another process may have written: reload its vectors
                self.store.reopen()
                counts = self.store.counts()
            fingerprints = self.store.fingerprints()
            nodes = [n for n in self.store.nodes()
                     if fingerprints.get(n.metadata["article_id"]) == n.metadata["fingerprint"]]
            bm25 = None
            if nodes:
                from llama_index.retrievers.bm25 import BM25Retriever

                bm25 = BM25Retriever(nodes=nodes, similarity_top_k=self._candidates(len(nodes)))
            self._state = (bm25, Lexicon(bm25.bm25) if bm25 else None, fingerprints)
            self._counts = counts
            return True

    @property
    def lexicon(self) -> Lexicon | None:
        """Term statistics of the current lexical index."""
        return self._state[1] if self._state else None

    def _candidates(self, available: int) -> int:
        return max(1, min(available, self.settings.top_k * 4))

    def retrieve(self, question: str, top_k: int | None = None,
                 query_vector: np.ndarray | None = None) -> list[Passage]:
        """The top passages for `question`, best first."""
        if time.monotonic() - self._checked > REFRESH_SECONDS:
            self.refresh()
        bm25, _, fingerprints = self._state or (None, None, {})
        if not fingerprints:
            return []
        k = top_k or self.settings.top_k
        vector = self.embedder.embed_query(question) if query_vector is None else query_vector
        dense, cosines = self._dense(vector, fingerprints)
        lexical = self._lexical(bm25, question)
        fused: dict[str, float] = {}
        nodes: dict[str, Any] = {}
        for weight, ranking in ((self.settings.dense_weight, dense),
                                (self.settings.lexical_weight, lexical)):
            for rank, node in enumerate(ranking):
                fused[node.id_] = fused.get(node.id_, 0.0) + weight / (self.settings.rrf_k + rank + 1)
                nodes.setdefault(node.id_, node)
        best = sorted(fused, key=fused.__getitem__, reverse=True)[:k]
        return [self._passage(nodes[i], fused[i], cosines.get(i, 0.0)) for i in best]

    def _dense(self, vector: np.ndarray,
               fingerprints: dict[str, str]) -> tuple[list[Any], dict[str, float]]:
        from llama_index.core.vector_stores.types import VectorStoreQuery

        k = self._candidates(self._counts[1])
        with self.store.lock:
            result = self.store.vector_store().query(
                VectorStoreQuery(query_embedding=vector.tolist(), similarity_top_k=k))
        # llama-index reports exp(-distance); Chroma's cosine distance is 1 - cosine
        cosines = {n.id_: 1.0 + math.log(max(s, 1e-9))
                   for n, s in zip(result.nodes, result.similarities or [])}
        kept = [n for n in result.nodes
                if fingerprints.get(n.metadata.get("article_id")) == n.metadata.get("fingerprint")]
        return kept, cosines

    def _lexical(self, bm25: Any, question: str) -> list[Any]:
        if bm25 is None or not terms(question):
            return []
        return [hit.node for hit in bm25.retrieve(question) if (hit.score or 0) > 0]

    def _passage(self, node: Any, score: float, dense: float) -> Passage:
        m = node.metadata
        return Passage(node.id_, m["article_id"], m["title"], m["date"], m["source"],
                       node.text, int(m["start"]), int(m["end"]), score, dense)
