"""CachedEmbedder: same vectors as the model, each text embedded once, bounded, safe across threads."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from assistant.store.cache import CachedEmbedder

TEXTS = ["Lin Qu visited Huainan.", "The agreement was signed in Hongkou.",
         "Four major industries.", "Lin Qu visited Huainan."]


class Counting:
    """The real embedder, counting the texts it is asked to embed."""

    def __init__(self, embedder) -> None:  # type: ignore[no-untyped-def]
        self.embedder, self.texts = embedder, 0

    def embed(self, texts, batch_size=32):  # type: ignore[no-untyped-def]
        self.texts += len(texts)
        return self.embedder.embed(texts, batch_size)


def test_same_vectors_each_text_embedded_once(embedder) -> None:  # type: ignore[no-untyped-def]
    counting = Counting(embedder)
    cached = CachedEmbedder(counting)  # type: ignore[arg-type]
    first = cached.embed(TEXTS)
    assert np.allclose(first, embedder.embed(TEXTS), atol=1e-5) and counting.texts == 3
    again = cached.embed(TEXTS[::-1])
    assert np.array_equal(again, first[::-1]) and counting.texts == 3
    assert cached.embed([]).shape == (0, 384)
    assert np.array_equal(cached.embed_query(TEXTS[1]), first[1]) and counting.texts == 3
    assert CachedEmbedder(embedder).count_tokens("Lin Qu") == embedder.count_tokens("Lin Qu")


def test_least_recently_used_texts_leave_first(embedder) -> None:  # type: ignore[no-untyped-def]
    counting = Counting(embedder)
    cached = CachedEmbedder(counting, size=2)  # type: ignore[arg-type]
    cached.embed(["a", "b"])
    cached.embed(["a"])  # a is now the most recent
    cached.embed(["c"])  # evicts b
    assert len(cached) == 2 and counting.texts == 3
    cached.embed(["a", "c"])
    assert counting.texts == 3
    cached.embed(["b"])
    assert counting.texts == 4


def test_threads_share_the_cache(embedder) -> None:  # type: ignore[no-untyped-def]
    cached = CachedEmbedder(embedder, size=50)
    batches = [[f"sentence {i % 7} of batch {j % 3}" for i in range(10)] for j in range(24)]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(cached.embed, batches))
    for batch, vectors in zip(batches, results):
        assert np.allclose(vectors, embedder.embed(batch), atol=1e-5)
    assert len(cached) == 21
