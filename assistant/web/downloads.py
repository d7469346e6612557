"""Briefing packs for download, bounded: written where Gradio serves files from (so it serves them
without a copy and removes them with the rest of its files), one per session at a time, at most
MAX_PACKS in all, each gone PACK_SECONDS after it was written and all of them when the server
stops (`CACHE_SWEEP`, given to gr.Blocks as delete_cache)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.catalog.cards import EventCard, Filters
    from assistant.records import Answer

MAX_PACKS = 32  # packs kept at once, every session together: the oldest beyond are removed
PACK_SECONDS = 3600  # how long a pack stays downloadable
CACHE_SWEEP = (300, PACK_SECONDS)  # Gradio looks every 5 minutes for files older than that


@dataclass(frozen=True)
class Packs:
    """The packs of one app, in their own folder inside Gradio's file cache."""

    folder: Path

    @classmethod
    def inside(cls, cache: Path) -> Packs:
        """A fresh folder for this app's packs inside Gradio's cache folder (made when needed)."""
        return cls(Path(cache) / f"briefing-{uuid.uuid4().hex[:8]}")

    def write(self, cards: list[EventCard], answers: list[Answer], f: Filters, suffix: str,
              replacing: str | None = None) -> Path:
        """The briefing pack of these cards and answers under a fresh name; `replacing`, the
        session's previous pack, is removed first, and the oldest packs beyond MAX_PACKS after."""
        from assistant.catalog.chart import cards_png  # a Markdown pack is one file: no chart
        from assistant.catalog.export import write_briefing
        from assistant.catalog.listing import describe

        self.remove(replacing)
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"briefing-{uuid.uuid4().hex[:8]}{suffix}"
        path = write_briefing(self.folder / name, cards, answers, describe(f) or None,
                              chart_png=cards_png(cards) if suffix == ".docx" else None)
        self._trim()
        return path

    def remove(self, path: str | None) -> None:
        """Remove a pack of this folder (a session's previous one, or its last when the session
        ends); any other path is left alone."""
        if path and Path(path).parent == self.folder:
            Path(path).unlink(missing_ok=True)

    def _trim(self) -> None:
        packs = sorted(self.folder.iterdir(), key=_age)
        for old in packs[:-MAX_PACKS]:
            old.unlink(missing_ok=True)


def _age(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:  # removed meanwhile by another session or Gradio
        return 0.0

