"""Index: articles -> sentence-aware chunks -> embeddings -> Chroma (the only module that imports chromadb)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from .articles import Article

if TYPE_CHECKING:
    from llama_index.core.schema import TextNode

    from .config import Settings
    from .embeddings import Embedder

PAGE = 2000  # records per Chroma get/add call: well under sqlite's variable limit
EMBED_GROUP = 256  # chunks embedded and written together; an article is written whole


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

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


@dataclass(frozen=True)
class ArticleRecord:
    """An indexed article as stored: what the sources panel shows."""

    id: str
    title: str
    date: str
    source: str
    body: str
    fingerprint: str


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


def to_node(chunk: Chunk, embedding: list[float] | None = None) -> TextNode:
    """A llama-index node carrying all chunk metadata; only the title joins the embedded text."""
    from llama_index.core.schema import TextNode

    a = chunk.article
    metadata = {"article_id": a.id, "title": a.title, "date": a.date, "source": a.source,
                "fingerprint": a.fingerprint, "position": chunk.position,
                "start": chunk.start, "end": chunk.end}
    return TextNode(
        id_=chunk.id, text=chunk.text, embedding=embedding, metadata=metadata,
        excluded_embed_metadata_keys=[k for k in metadata if k != "title"],
        excluded_llm_metadata_keys=list(metadata),
        metadata_template="{value}", text_template="{metadata_str}\n\n{content}",
    )


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

    def nodes(self) -> Iterator[TextNode]:
        """Every stored chunk as a node (for the lexical index)."""
        from llama_index.core.vector_stores.utils import metadata_dict_to_node

        for rid, (meta, doc) in self._pages("chunks", ["metadatas", "documents"]):
            node = metadata_dict_to_node(meta, text=doc)
            node.id_ = rid
            yield node

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

    def remove(self, article_id: str) -> None:
        """Forget an article: its record first, so a crash never leaves it looking complete."""
        self.articles.delete(ids=[article_id])
        self.chunks.delete(where={"article_id": article_id})

    def write(self, article: Article, chunks: list[Chunk], vectors: np.ndarray) -> None:
        """Replace an article's chunks, then write its record last (the commit marker)."""
        self.remove(article.id)
        nodes = [to_node(c, v.tolist()) for c, v in zip(chunks, vectors)]
        for i in range(0, len(nodes), PAGE):
            self.vector_store().add(nodes[i:i + PAGE])
        mean = vectors.mean(axis=0)
        mean = mean / (np.linalg.norm(mean) or 1.0)
        meta = {"title": article.title, "date": article.date, "source": article.source,
                "fingerprint": article.fingerprint, "chunks": len(chunks)}
        self.articles.upsert(ids=[article.id], documents=[article.body],
                             embeddings=[mean.tolist()], metadatas=[meta])


def make_client(settings: Settings) -> Any:
    """The Chroma client: the server at chroma_host if set, else embedded and persistent."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_host:
        from . import remote

        remote.check(settings)
        client = chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port,
                                     ssl=settings.chroma_ssl,
                                     headers=remote.server_headers(settings), settings=chroma)
        remote.bound(client, settings)
        return client
    settings.store_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.store_dir), settings=chroma)


def ingest(articles: list[Article], keep: set[str], store: Store,
           embedder_factory: Callable[[], Embedder], settings: Settings,
           progress: Callable[[int], None] | None = None) -> IngestReport:
    """Bring the store in line with `articles`; ids in `keep` (unreadable files) are left as they are."""
    began = time.perf_counter()
    report = IngestReport()
    indexed = store.fingerprints()
    wanted = {a.id for a in articles}
    for article_id in sorted(set(indexed) - wanted - keep):
        store.remove(article_id)
        report.removed.append(article_id)
    store.remove_strays()
    todo = [a for a in articles if indexed.get(a.id) != a.fingerprint]
    report.unchanged = len(articles) - len(todo)
    if todo:
        embedder = embedder_factory()
        split = make_splitter(settings, embedder)
        for group in _groups([(a, chunk_article(a, split)) for a in todo]):
            texts = [embed_prefix(a.title) + c.text for a, cs in group for c in cs]
            vectors = embedder.embed(texts, batch_size=settings.embed_batch_size)
            row = 0
            for article, chunks in group:
                store.write(article, chunks, vectors[row:row + len(chunks)])
                row += len(chunks)
                (report.updated if article.id in indexed else report.added).append(article.id)
                if progress:  # per article: the bar moves while a group is written
                    progress(len(chunks))
            report.chunks += row
    report.seconds = time.perf_counter() - began
    return report


def _groups(items: list[tuple[Article, list[Chunk]]]) -> Iterator[list[tuple[Article, list[Chunk]]]]:
    group: list[tuple[Article, list[Chunk]]] = []
    size = 0
    for item in items:
        group.append(item)
        size += len(item[1])
        if size >= EMBED_GROUP:
            yield group
            group, size = [], 0
    if group:
        yield group
