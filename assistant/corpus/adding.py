"""Adding articles: files, a folder's files or fetched pages, each checked as an article first,
then copied into the articles folder under a safe name, never over another file (a replaced file
moves to `.removed/`), then indexed. Every input gets its own result: added, updated, unchanged
or skipped with the reason; a file the index does not take is not left in the folder."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from assistant.corpus.articles import Skipped, article_of, file_bytes, fingerprint
from assistant.corpus.folder import REMOVED, unused
from assistant.corpus.readers import SUFFIXES, sniff
from assistant.text.markup import strip_invisible

if TYPE_CHECKING:
    from assistant.app.config import Settings

NAME_CHARS = 80  # of a file name's stem


@dataclass
class Added:
    """What became of one input (a file or URL) of an add."""

    given: str  # the path or URL as given, or an uploaded file's own name
    status: str = "skipped"  # added | updated | unchanged | skipped
    reason: str = ""
    name: str = ""  # its file name in the articles folder
    title: str = ""

    def json(self) -> dict[str, str]:
        return asdict(self)

    def line(self) -> str:
        where = f" as {self.name}" if self.name and self.status != "skipped" else ""
        why = f": {self.reason}" if self.reason else ""
        return f"{self.status} {self.given}{where}{why}"


def safe_name(name: str, suffix: str = "") -> str:
    """A file name that is safe in any folder: the last part of `name` only, letters (of any
    script), digits, '.', '-' and '_' (others, invisible ones removed, become '_'), no leading
    dot, a stem of at most NAME_CHARS characters, and `suffix` (lower case) when given."""
    base = PurePath(strip_invisible(name).replace("\\", "/")).name
    base = unicodedata.normalize("NFC", base)
    stem, ext = os.path.splitext(base)
    stem = re.sub(r"[^\w.-]+", "_", stem).strip("._-")[:NAME_CHARS] or "article"
    return stem + (suffix or ext).lower()


def expand(paths: list[Path]) -> list[Path]:
    """The files to add: each file given, and the files of each folder given (not its hidden
    files or folders), in name order; a missing path stays, to be reported."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and not p.is_symlink()
                            and not any(part.startswith(".") for part in
                                        p.relative_to(path).parts))
        else:
            files.append(path)
    return files


def stage(source: Path, settings: Settings, indexed: dict[str, str], taken: set[str],
          replace: bool = False, shown: str | None = None) -> tuple[Added, Path | None]:
    """Check one file as an article and copy it into the articles folder; its result, and the
    copy's path when one was made (so it can be undone when the index does not take it)."""
    added = Added(shown or str(source))
    if source.is_symlink() or not source.is_file():
        added.reason = "not a file" if source.exists() else "no such file"
        return added, None
    raw = file_bytes(source, settings.max_file_bytes)
    if isinstance(raw, Skipped):
        added.reason = raw.reason
        return added, None
    suffix = source.suffix.lower()
    if suffix not in SUFFIXES:
        sniffed = sniff(raw, suffix)
        suffix = {"html": ".html", "pdf": ".pdf", "docx": ".docx"}.get(sniffed, "")
        if not suffix:
            added.reason = (f"not an article file ({source.suffix or 'no extension'}; "
                            f"articles are {', '.join(SUFFIXES)})")
            return added, None
    name = safe_name(source.name, suffix)
    checked = article_of(source, raw)  # the bytes read once, the article checked from them
    if isinstance(checked, Skipped):
        added.reason = checked.reason
        return added, None
    added.name, added.title = name, checked.title
    target = settings.seeds_dir / name
    same = fingerprint(raw)
    owner = next((aid for aid, fp in indexed.items() if fp == same), None)
    if name in taken:
        added.reason = f"another file of this add is also named {name}"
    elif target.exists() or target.is_symlink():
        if target.is_file() and fingerprint(target.read_bytes()) == same:
            added.status, added.reason = "unchanged", "the same file is already there"
        elif not replace:
            added.reason = (f"a different file named {name} is already in the articles folder "
                            "(add it under another name, or replace it)")
        else:
            moved = unused(settings.seeds_dir / REMOVED / name)
            moved.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(target, moved)  # the old version is kept
            _write(target, raw, replace=True)
            added.status, added.reason = "updated", f"the earlier version is kept in {moved}"
            return added, target
    elif owner is not None:
        added.reason = f"already indexed as {owner} (the same file)"
    else:
        _write(target, raw, replace=False)
        added.status = "added"
        taken.add(name)
        return added, target
    return added, None


def _write(target: Path, raw: bytes, replace: bool) -> None:
    """Write the file whole or not at all; without `replace`, never over an existing file (a
    file of the same name that appeared meanwhile makes this fail)."""
    fd, tmp = tempfile.mkstemp(prefix=".adding-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(raw)
        if replace:
            os.replace(tmp, target)
            return
        try:
            os.link(tmp, target)  # fails when target exists: no overwrite, even in a race
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links
            with open(target, "xb") as out:
                out.write(raw)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
