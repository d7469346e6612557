"""Readers: one article file's bytes -> a Document (its plain text in paragraphs, what kind of
content it is, and the title and publication date its metadata gives), whatever the format:
text and markdown (UTF-8), a saved web page (trafilatura), a PDF's text layer (pypdf, laid out by
pdftext.py) or a Word file (python-docx). The kind comes from the content, not only the name: a
"report.pdf" that is a saved web page is read as one. A file that cannot be read raises
Unreadable with the reason in plain English. The one place that knows file formats."""

from __future__ import annotations

import io
import logging
import re
import warnings
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pypdf import PdfReader

SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
BY_SUFFIX = {".txt": "text", ".md": "markdown", ".html": "html", ".htm": "html", ".pdf": "pdf",
             ".docx": "docx"}
MAX_PDF_PAGES = 500
# the libraries' own log lines ("incorrect startxref pointer") stay out of the ingest's report:
# what matters reaches it as Unreadable
QUIET = ("pypdf", "trafilatura", "htmldate", "courlan", "justext", "readability",
         "charset_normalizer")
HTML_START = re.compile(rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
                        re.IGNORECASE | re.DOTALL)
# a PDF title that names no article: a file name, a converter's stamp, a placeholder
NO_TITLE = re.compile(r"^(?:microsoft \w+ - .*|.*\.(?:docx?|pdf|indd|qxd|rtf|odt|txt)|untitled"
                      r"|title|document\d*|slide \d+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Document:
    """One file as text: paragraphs parted by a blank line, a heading a paragraph of its own."""

    text: str
    kind: str  # "text" | "markdown" | "html" | "pdf" | "docx": what the content is
    title: str = ""  # from the document's metadata or first heading; "" when none
    date: str = ""  # publication date from the metadata ("2024-01-05"); "" when none, never guessed


class Unreadable(ValueError):
    """The file cannot be read as an article; str(exc) is the reason, in plain English."""


def sniff(raw: bytes, suffix: str) -> str:
    """The kind of content: a PDF, a Word file or a web page by how it begins, else by the
    file's suffix (text when the suffix says nothing)."""
    head = raw[:4096].removeprefix(b"\xef\xbb\xbf")
    if head.lstrip().startswith(b"%PDF-") or (suffix.lower() == ".pdf" and b"%PDF-" in head[:1024]):
        return "pdf"
    if head.startswith(b"PK\x03\x04") and "word/document.xml" in _names(raw):
        return "docx"
    if HTML_START.match(head):
        return "html"
    return BY_SUFFIX.get(suffix.lower(), "text")


def read_document(path: Path, raw: bytes) -> Document:
    """The file's text, kind, title and date; raises Unreadable saying why it cannot be read."""
    kind = sniff(raw, path.suffix)
    reader, name = READERS[kind]
    with _quiet():
        try:
            return reader(raw, kind)
        except Unreadable:
            raise
        except Exception as exc:  # any library's failure is this file's problem
            raise Unreadable(f"not a readable {name} ({failure(exc)})") from exc


def _text(raw: bytes, kind: str) -> Document:
    """A UTF-8 text or markdown file (a byte order mark is allowed)."""
    if _is_utf16(raw):
        raise Unreadable("UTF-16 is not supported, save it as UTF-8")
    if b"\x00" in raw:
        raise Unreadable("binary (contains NUL bytes)")
    try:
        return Document(raw.decode("utf-8-sig"), kind)
    except UnicodeDecodeError as exc:
        raise Unreadable(f"not UTF-8 (byte {exc.start})") from None


def _is_utf16(raw: bytes) -> bool:
    """A UTF-16 byte order mark or, without one, a NUL in nearly every other byte (and few in
    the others): how UTF-16 spells mostly-ASCII text."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    if len(raw) < 4:
        return False
    nuls = sorted(half.count(0) / len(half) for half in (raw[0::2], raw[1::2]))
    return nuls[0] < 0.1 and nuls[1] > 0.7


def _html(raw: bytes, kind: str) -> Document:
    """A saved web page's main text (no menus, banners, ads, scripts, related links, comments or
    footer), its title and its publication date as the page's metadata states it. Offline: the
    page is never fetched, and the date is never searched for in the text (that search takes a
    footer's "Copyright 2025" for the publication date)."""
    import trafilatura

    if not re.search(rb"<html", raw[:4096], re.IGNORECASE):  # a fragment: trafilatura wants a page
        raw = b"<html><body>" + raw + b"</body></html>"
    found = trafilatura.bare_extraction(
        raw, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, include_links=False, deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True})
    lines = [ln.strip() for ln in (found.text or "").splitlines()] if found else []
    if not any(lines):
        raise Unreadable("no article text found in the page")
    text = "\n\n".join(ln for ln in lines if ln)  # one block (paragraph, heading, item) a line
    return Document(text, kind, " ".join((found.title or "").split()), found.date or "")


def _pdf(raw: bytes, kind: str) -> Document:
    """A PDF's text layer in paragraphs, and the title its metadata gives (its /CreationDate is
    when the file was made, not when the article was published: never used)."""
    from pypdf import PdfReader

    from assistant.corpus.pdftext import layout_text, page_lines

    reader = PdfReader(io.BytesIO(raw))  # a broken file fails here: "not a readable PDF (...)"
    count = _pages(reader)
    if count > MAX_PDF_PAGES:
        raise Unreadable(f"too many pages ({count:,}; the limit is {MAX_PDF_PAGES:,})")
    text = layout_text([page_lines(page) for page in reader.pages])
    if not any(ch.isalpha() for ch in text):
        raise Unreadable("no text layer: scanned? OCR it first")
    title = " ".join(str((reader.metadata or {}).get("/Title") or "").split())
    return Document(text, kind, "" if NO_TITLE.match(title) or not _worded(title) else title)


def _pages(reader: PdfReader) -> int:
    """How many pages; an encrypted PDF is refused unless it opens without a password (one
    that only forbids printing or copying)."""
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception:  # noqa: BLE001 - a cipher it cannot undo: still a password to remove
            opened = 0
        if not opened:
            raise Unreadable("encrypted PDF: remove the password first")
    return len(reader.pages)


def _worded(text: str) -> bool:
    return sum(ch.isalpha() for ch in text) >= 3


def _docx(raw: bytes, kind: str) -> Document:
    """A Word file's paragraphs, headings and tables in document order (zip bombs refused before
    it is opened); the title from its properties, else its first heading."""
    from assistant.corpus.wordfile import word_text, zip_problem

    problem = zip_problem(raw)
    if problem:
        raise Unreadable(problem)
    text, title, heading = word_text(raw)
    return Document(text, kind, title if _worded(title) and not NO_TITLE.match(title) else heading)


def _names(raw: bytes) -> set[str]:
    """The files in a zip archive's directory (nothing is unpacked); none when it is no zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return set(archive.namelist())
    except Exception:  # noqa: BLE001 - a damaged zip is simply not a Word file
        return set()


def failure(exc: BaseException) -> str:
    """An exception in one short line: its type and the first line of its message."""
    lines = str(exc).strip().splitlines()
    text = f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
    return text if len(text) <= 200 else text[:200] + "…"


@contextmanager
def _quiet() -> Iterator[None]:
    """The libraries' log lines and warnings silenced while one file is read."""
    loggers = [logging.getLogger(name) for name in QUIET]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


READERS: dict[str, tuple[Callable[[bytes, str], Document], str]] = {
    "text": (_text, "text file"), "markdown": (_text, "text file"), "html": (_html, "web page"),
    "pdf": (_pdf, "PDF"), "docx": (_docx, "Word file")}
