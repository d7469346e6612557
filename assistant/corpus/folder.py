"""The articles folder and its index together: index the folder (what `assistant ingest` runs), list
what is indexed, and withdraw one article (its file moves to `.removed/`, nothing is deleted)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.corpus.articles import Skipped, load_articles, require_folder
from assistant.corpus.readers import BY_SUFFIX

if TYPE_CHECKING:
    from assistant.app.config import Settings
    from assistant.corpus.ingest import IngestReport
    from assistant.store.chroma import Store

REMOVED = ".removed"  # inside the articles folder; dot folders are never read as articles


@dataclass
class Outcome:
    """What indexing the folder did: the ingest's report, the files left out and why, and how
    much the store holds after it."""

    report: IngestReport
    skipped: list[Skipped]
    counts: tuple[int, int]

    def reason(self, source: Path) -> str | None:
        """Why this file is not indexed, or None when it is (or was not looked at)."""
        target = os.path.realpath(source)
        return next((s.reason for s in self.skipped if os.path.realpath(s.source) == target), None)


def reindex(settings: Settings, store: Store | None = None,
            progress: Callable[[], Callable[[int], None]] | None = None) -> Outcome:
    """Bring the index in line with the articles folder (the caller holds the ingest lock).
    `progress` makes, once the folder is read, the callback told of each group of chunks written
    (a progress bar opens then, not before a missing folder is reported)."""
    from assistant.corpus.ingest import ingest
    from assistant.store.chroma import Store
    from assistant.store.embeddings import Embedder

    require_folder(settings.seeds_dir)  # before a store is opened (and made)
    store = store or Store(settings)
    articles, skipped = load_articles(settings.seeds_dir, settings.max_file_bytes,
                                      store.fingerprints())
    report = ingest(articles, {Path(s.source).stem for s in skipped if s.keep}, store,
                    lambda: Embedder.load(settings.model_cache_dir), settings,
                    progress() if progress else None)
    return Outcome(report, skipped + report.failed, store.counts())


@dataclass(frozen=True)
class Indexed:
    """One indexed article as `assistant articles` and the Articles tab list it."""

    id: str
    title: str
    date: str
    kind: str
    chunks: int
    file: str  # its path relative to the articles folder

    def matches(self, words: str) -> bool:
        """Whether every word of a filter is in its id, title, date, type or file name."""
        text = f"{self.id} {self.title} {self.date} {self.kind} {self.file}".casefold()
        return all(w in text for w in words.casefold().split())


def indexed_articles(store: Store, seeds_dir: Path) -> list[Indexed]:
    """Every indexed article, newest file name last (sorted by title, then id)."""
    rows = [Indexed(rid, str(m.get("title", "")), str(m.get("date", "")),
                    str(m.get("kind") or _kind(m.get("source", ""))), int(m.get("chunks", 0)),
                    shown_source(str(m.get("source", "")), seeds_dir))
            for rid, m in store.records()]
    return sorted(rows, key=lambda r: (r.title.casefold(), r.id))


def _kind(source: str) -> str:
    return BY_SUFFIX.get(Path(source).suffix.lower(), "text")  # a store older than the kinds


def shown_source(source: str, seeds_dir: Path) -> str:
    """The article's file relative to the seeds folder (else its name): no server paths shown."""
    path = Path(source)
    for candidate, base in ((path, seeds_dir), (path.resolve(), seeds_dir.resolve())):
        if candidate.is_relative_to(base):
            return candidate.relative_to(base).as_posix()
    return path.name


class NotIndexed(ValueError):
    """No indexed article has this id."""


def withdraw_file(store: Store, settings: Settings, article_id: str) -> Path | None:
    """Move the file of an indexed article into the folder's `.removed/` (kept, so it can be put
    back); the path it went to, or None when the file was already gone. The next index removes the
    article's passages. Raises NotIndexed for an id the store does not hold."""
    record = store.article(article_id)
    if record is None:
        raise NotIndexed(f"no indexed article has the id {article_id!r}: `assistant articles` "
                         "lists them")
    source, root = Path(record.source), settings.seeds_dir.resolve()
    if not source.exists():
        return None
    if not source.resolve().is_relative_to(root):
        raise ValueError(f"{source} is not inside the articles folder {settings.seeds_dir}: "
                         "refused")
    target = unused(root / REMOVED / source.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(source, target)
    return target


def unused(path: Path) -> Path:
    """`path`, or the first of `name-2.ext`, `name-3.ext` ... that does not exist yet."""
    n = 1
    candidate = path
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate
