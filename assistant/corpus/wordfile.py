"""A Word .docx file -> its text, title and first heading (python-docx), and the check that keeps
a zip bomb or a file that is no Word file from being unpacked at all. readers.py calls both."""

from __future__ import annotations

import io
import zipfile
from typing import Any

MAX_UNZIPPED = 50_000_000  # bytes a Word file may unpack to (its parts' sizes added up)
MAX_PARTS = 2000  # files in a Word file's zip archive
MAX_RATIO = 100  # how much a part over RATIO_FROM bytes may be compressed (100:1)
RATIO_FROM = 1_000_000


def zip_problem(raw: bytes) -> str:
    """Why this .docx is refused before python-docx unpacks it, or "": no zip archive, no Word
    document in it, too many parts, too much unpacked, or a large part compressed beyond reason.
    (zipfile stops a part at the size its directory declares: the declared sizes are the ones to
    check, and a part that lies about its size fails its checksum.)"""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return f"not a Word .docx file ({_not_zip(raw)})"
    if len(parts) > MAX_PARTS:
        return (f"too many parts in the zip ({len(parts):,}; the limit is {MAX_PARTS:,}): "
                "a zip bomb?")
    total = sum(p.file_size for p in parts)
    if total > MAX_UNZIPPED:
        return (f"unpacks to {total / 1e6:,.0f} MB (the limit is {MAX_UNZIPPED / 1e6:,.0f} MB): "
                "a zip bomb?")
    for p in parts:
        ratio = p.file_size / max(p.compress_size, 1)
        if p.file_size > RATIO_FROM and ratio > MAX_RATIO:
            return (f"{p.filename} is compressed {ratio:,.0f}:1 (the limit is {MAX_RATIO}:1): "
                    "a zip bomb?")
    if "word/document.xml" not in {p.filename for p in parts}:
        return "not a Word .docx file (a zip archive without word/document.xml)"
    return ""


def _not_zip(raw: bytes) -> str:
    """What a .docx that is no zip archive is, as far as can be told."""
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Word .doc or other Office file: save it as .docx"
    if raw.startswith(b"PK"):
        return "a damaged zip archive"
    return "not a zip archive"


def word_text(raw: bytes) -> tuple[str, str, str]:
    """(text, the title in the file's properties, the first Title or Heading paragraph): the
    paragraphs and headings in document order, parted by blank lines; a table one block, a row a
    line, its cells parted by " | " (a block of lines stays in the body; a lone short line between
    paragraphs would be taken for a caption)."""
    from docx import Document
    from docx.table import Table

    doc = Document(io.BytesIO(raw))
    blocks: list[str] = []
    heading = ""
    for item in doc.iter_inner_content():
        if isinstance(item, Table):
            blocks.append("\n".join(r for r in (_row(row.cells) for row in item.rows) if r))
            continue
        text = item.text.strip()
        style = item.style.name if item.style is not None else ""
        if text and not heading and style.startswith(("Heading", "Title")):
            heading = " ".join(text.split())
        blocks.append(text)
    title = " ".join((doc.core_properties.title or "").split())
    return "\n\n".join(b for b in blocks if b), title, heading


def _row(cells: list[Any]) -> str:
    """A table row's cells, a merged cell (python-docx repeats it) once."""
    texts = [" ".join(c.text.split()) for c in cells]
    return " | ".join(t for i, t in enumerate(texts) if t and (i == 0 or t != texts[i - 1]))
