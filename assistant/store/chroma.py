"""Store: the Chroma collections behind the index (the only module that talks to chromadb)."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.store.remote import make_client

if TYPE_CHECKING:
    from llama_index.core.schema import TextNode

    from assistant.app.config import Settings
    from assistant.catalog.cards import EventCard
    from assistant.records import Article

PAGE = 2000  # records per Chroma get/add/delete call: well under sqlite's variable limit
# Kept in the articles collection's metadata: a new token after every change, so a serving process
# sees any change (even one that keeps both counts); "settled" is false while an ingest is writing.
GENERATION, SETTLED = "generation", "settled"


class StoreMissing(RuntimeError):
    """Nothing is indexed where the settings point (ask, serve and eval need an ingest first)."""


@dataclass(frozen=True)
class ArticleRecord:
    """An indexed article as stored: what the sources panel shows."""

    id: str
    title: str
    date: str
    source: str
    body: str
    fingerprint: str


class Store:
    """Two Chroma collections: chunks (searched) and articles (one record per indexed article)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.lock = threading.RLock()  # reopen() must not swap the client under a reader
        self._open()

    def _open(self) -> None:
        self.client = make_client(self.settings)
        space = {"hnsw:space": "cosine"}
        self.chunks = self.client.get_or_create_collection(
            f"{self.settings.collection}_chunks", metadata=space, embedding_function=None)
        self.articles = self.client.get_or_create_collection(
            f"{self.settings.collection}_articles", metadata=space, embedding_function=None)
        self._vector_store: Any = None

    def reopen(self) -> None:
        """Reload the store from disk: an embedded client never sees vectors another process
        (an ingest) added until it is reopened. A server needs nothing."""
        if self.settings.chroma_host:
            return
        with self.lock:
            self.client.close()
            self._open()

    def vector_store(self) -> Any:
        """llama-index's Chroma vector store over the chunk collection."""
        if self._vector_store is None:
            from llama_index.vector_stores.chroma import ChromaVectorStore

            self._vector_store = ChromaVectorStore(chroma_collection=self.chunks)
        return self._vector_store

    def fingerprints(self) -> dict[str, str]:
        """Indexed article ids -> content fingerprint (complete articles only)."""
        return {rid: meta["fingerprint"] for rid, meta in self._pages("articles", ["metadatas"])}

    def generation(self) -> str:
        """The token every change renews, read afresh (another process may have written it)."""
        return str(self._marker().get(GENERATION, ""))

    def _marker(self) -> dict[str, Any]:
        with self.lock:
            name = self.articles.name
            return dict(self.client.get_collection(name, embedding_function=None).metadata or {})

    def _mark(self, settled: bool) -> None:
        # only our keys: Chroma refuses any hnsw: key after creation (the space stays in its config)
        self.articles.modify(metadata={GENERATION: uuid.uuid4().hex, SETTLED: settled})

    def _begin(self) -> None:
        """Before a change: mark the store unsettled, so a change cut short is announced later."""
        if self._marker().get(SETTLED) is not False:
            self._mark(settled=False)

    def settle(self) -> None:
        """After an ingest: a last new token if anything changed since the last settled one (also
        the writes of an ingest that was killed before it could say so)."""
        if self._marker().get(SETTLED) is False:
            self._mark(settled=True)

    def counts(self) -> tuple[int, int]:
        """(articles, chunks) in the store."""
        with self.lock:
            return self.articles.count(), self.chunks.count()

    def article(self, article_id: str) -> ArticleRecord | None:
        """The stored article, or None."""
        with self.lock:
            got = self.articles.get(ids=[article_id], include=["metadatas", "documents"])
        if not got["ids"]:
            return None
        m = got["metadatas"][0]
        return ArticleRecord(article_id, m["title"], m["date"], m["source"],
                             got["documents"][0], m["fingerprint"])

    def cards(self) -> list[EventCard]:
        """The event card of every indexed article, read a page at a time (stores older than the
        catalog have none)."""
        from assistant.catalog.cards import EventCard

        return [EventCard.from_json(meta["card"]) for _, meta in self._pages("articles", ["metadatas"])
                if meta.get("card")]

    def records(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every indexed article's id and metadata (title, date, source, kind, chunks), a page at
        a time: what `assistant articles` and the Articles tab list."""
        return self._pages("articles", ["metadatas"])

    def uncarded(self) -> set[str]:
        """Indexed articles without an event card of today's analysis (catalog.ANALYSIS): written
        before the catalog existed, or before the entity patterns or the extraction changed."""
        from assistant.catalog.cards import ANALYSIS

        return {rid for rid, meta in self._pages("articles", ["metadatas"])
                if not meta.get("card") or meta.get("analysis") != ANALYSIS}

    def chunk_rows(self) -> Iterator[tuple[str, dict[str, Any], str]]:
        """Every stored chunk as (id, metadata, text), a page at a time (for the lexical index)."""
        for rid, (meta, doc) in self._pages("chunks", ["metadatas", "documents"]):
            yield rid, meta, doc

    def _pages(self, name: str, include: list[str]) -> Iterator[tuple[str, Any]]:
        offset = 0
        while True:
            with self.lock:  # by name: reopen() may have replaced the collection meanwhile
                got = getattr(self, name).get(include=include, limit=PAGE, offset=offset)
            cols = [got[key] for key in include]
            for rid, *values in zip(got["ids"], *cols):
                yield rid, (values[0] if len(values) == 1 else tuple(values))
            if len(got["ids"]) < PAGE:
                return
            offset += PAGE

    def remove_strays(self) -> int:
        """Delete the chunks no complete article owns: what an ingest killed midway leaves."""
        records = dict(self._pages("articles", ["metadatas"]))
        if sum(int(m.get("chunks", 0)) for m in records.values()) == self.chunks.count():
            return 0  # the usual case, without reading every chunk
        owner = {rid: m["fingerprint"] for rid, m in records.items()}
        strays = [cid for cid, m in self._pages("chunks", ["metadatas"])
                  if owner.get(m["article_id"]) != m["fingerprint"]]
        for i in range(0, len(strays), PAGE):
            self.chunks.delete(ids=strays[i:i + PAGE])
        return len(strays)

    def remove(self, article_ids: Sequence[str]) -> None:
        """Forget articles, then renew the generation."""
        if article_ids:
            self._begin()
            self._delete(article_ids)
            self._mark(settled=False)

    def _delete(self, article_ids: Sequence[str]) -> None:
        """Their records first, so a crash never leaves an article looking complete."""
        for i in range(0, len(article_ids), PAGE):
            page = list(article_ids[i:i + PAGE])
            self.articles.delete(ids=page)
            self.chunks.delete(where={"article_id": {"$in": page}})

    def write(self, articles: Sequence[tuple[Article, np.ndarray]], nodes: Sequence[TextNode],
              replacing: Sequence[str], cards: Mapping[str, EventCard] | None = None) -> None:
        """Write a group of articles: drop the old versions of `replacing`, add every chunk node,
        then the article records (the commit marker: a record means its chunks are there), then a
        new generation.

        Each article comes with its chunks' vectors; its record carries their normalised mean and
        its event card (`cards`, by article id), so the card commits with the article."""
        self._begin()
        self._delete(replacing)
        for i in range(0, len(nodes), PAGE):
            self.vector_store().add(list(nodes[i:i + PAGE]))
        means = [rows.mean(axis=0) for _, rows in articles]
        self.articles.upsert(
            ids=[a.id for a, _ in articles], documents=[a.body for a, _ in articles],
            embeddings=[(m / (np.linalg.norm(m) or 1.0)).tolist() for m in means],
            metadatas=[{"title": a.title, "date": a.date, "source": a.source,
                        "kind": a.kind, "fingerprint": a.fingerprint, "chunks": len(rows),
                        **_card(cards, a.id)} for a, rows in articles])
        self._mark(settled=False)


def _card(cards: Mapping[str, EventCard] | None, article_id: str) -> dict[str, str]:
    """The card's metadata entry (Chroma metadata values are scalars: the card as JSON)."""
    from assistant.catalog.cards import ANALYSIS

    card = (cards or {}).get(article_id)
    return {"card": card.to_json(), "analysis": ANALYSIS} if card else {}


def require_index(settings: Settings) -> None:
    """Raise StoreMissing, saying how to build the index, when the store holds no article.

    Creates nothing: no store folder, no collection."""
    from chromadb.errors import NotFoundError

    if settings.chroma_host:
        from assistant.store.remote import server_url

        where = f"collection {settings.collection!r} on the Chroma server at {server_url(settings)}"
    else:
        where = f"store folder {settings.store_dir}"
    build = (f"build the index from the articles in {settings.seeds_dir} with `make run` "
             "or `assistant ingest`")
    if not settings.chroma_host and not (settings.store_dir / "chroma.sqlite3").is_file():
        raise StoreMissing(f"the {where} does not exist: {build}")
    client = make_client(settings)
    try:
        name = f"{settings.collection}_articles"
        articles = client.get_collection(name, embedding_function=None).count()
    except NotFoundError:
        raise StoreMissing(f"the {where} does not exist: {build}") from None
    finally:
        if not settings.chroma_host:
            client.close()  # else it would pin the embedded system and defeat Store.reopen()
    if not articles:
        raise StoreMissing(f"the {where} holds no articles: {build}")


