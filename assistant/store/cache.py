"""CachedEmbedder: remembers the vectors of the texts it embedded (bounded, least recently used first out).

The extractive answerer re-scores the same article sentences for many questions; on two busy cores
their embedding was ~90% of an answer's time (bench/RESULTS.md, concurrent users).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from assistant.store.embeddings import Embedder

SIZE = 20_000  # texts; 384 float32 each, so ~30 MB when full


class CachedEmbedder:
    """An Embedder that embeds only texts it has not seen recently; everything else is delegated."""

    def __init__(self, embedder: Embedder, size: int = SIZE) -> None:
        self.embedder, self.size = embedder, size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()  # the chat answers several users at once

    def __getattr__(self, name: str) -> Any:
        return getattr(self.embedder, name)

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Return (n, 384) unit vectors in input order, computing only the unseen texts."""
        if isinstance(texts, str) or not texts:
            return self.embedder.embed(texts, batch_size)
        with self._lock:
            known = {t: self._vectors[t] for t in texts if t in self._vectors}
            for t in known:
                self._vectors.move_to_end(t)
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:
            fresh = dict(zip(missing, self.embedder.embed(missing, batch_size)))
            known.update(fresh)
            with self._lock:
                self._vectors.update(fresh)
                while len(self._vectors) > self.size:
                    self._vectors.popitem(last=False)
        return np.stack([known[t] for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        """The (384,) vector of one text, from the cache when it is there."""
        return self.embed([text])[0]

    def __len__(self) -> int:
        return len(self._vectors)
