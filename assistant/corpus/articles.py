"""Articles: the articles folder (text, markdown, web pages, PDFs, Word files; readers.py reads
each) -> Article records (title, date, body without image captions), or a reason to skip: a file
that cannot be read, a copy, or one that says its article is withdrawn."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from assistant.corpus.readers import SUFFIXES, Unreadable, failure, read_document
from assistant.lexicon import METADATA_OPENERS, WITHDRAWAL_WORDS, alternation
from assistant.records import Article
from assistant.text.dates import dateline, find_dates
from assistant.text.markup import strip_invisible
from assistant.text.sentences import opening

_SENTENCE_END = tuple('.!?:;"”’)')
# a file that only says its article is gone withdraws it: one of these words alone, or in a
# short notice ("Retracted.", "[WITHDRAWN]", "This article has been removed by the editor.");
# any other text, however short ("Lingang signs pact with Hongkou."), is an article
NOTICE = re.compile(
    r"^[\W_]*(?:(?:this|the) )?(?:(?:article|story|report|item|page|post|piece|news) )?"
    r"(?:(?:has been|had been|was|is|have been) )?"
    rf"(?:{alternation(WITHDRAWAL_WORDS)})"
    r"(?: (?:by|at the request of) (?:the |its )?(?:editors?|authors?|publishers?|site))?[\W_]*$",
    re.IGNORECASE)
BROKEN_OFF_WORDS = 12  # a last line this long without a full stop is a page cut off, no caption
TITLE_CHARS = 200  # a longer title (a contents list above the body, a long caption) is cut
# terminal escape sequences (colours, cursor moves, window titles): removed whole, not only the ESC
ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]{0,1000}(?:\x07|\x1b\\)?|[@-Z\\-_])")


@dataclass(frozen=True)
class Skipped:
    """A file that was not indexed, and why."""

    source: str
    reason: str
    keep: bool = True  # leave its indexed copy alone (it may be readable again next time)
    withdrawn: bool = False  # emptied or cut short on purpose: its indexed copy is removed


def fingerprint(raw: bytes) -> str:
    """Stable content id: the first 16 hex digits of the sha256 of the file's bytes."""
    return hashlib.sha256(raw).hexdigest()[:16]


# a site's name an image caption or a repeated headline ends with: "... visits Huainan-SHLINGANGIC"
# (" - XINHUA", " | CGTN"; joined to the last word only when long: "-SHLINGANGIC", not "Sino-UAE")
SITE_TAG = re.compile(r"(?:\s+[-–|]\s*[A-Z][A-Z0-9&.' ]{2,}|[-–|][A-Z][A-Z0-9&.']{5,})$")


def _repeated(paragraphs: list[str]) -> str:
    """A short line the page writes more than once between its paragraphs (an image caption
    repeating the headline), without a site's name after it; "" when there is none."""
    lines = [p.strip() for p in paragraphs if "\n" not in p.strip() and _is_short_heading(p)]
    again = [ln for ln in dict.fromkeys(lines) if lines.count(ln) > 1]
    return SITE_TAG.sub("", again[0]) if again else ""


def _is_short_heading(line: str) -> bool:
    """A lone short line without closing punctuation: an image caption, heading or byline."""
    text = line.strip()
    if re.match(r"^[\w ]{2,40}: \S", text):
        return False  # "Executive Editor: Han Donglin" is content, not a caption
    return 0 < len(text) <= 160 and not text.endswith(_SENTENCE_END)


def parse_article(article_id: str, text: str, source: str, fp: str, *, title: str = "",
                  date: str = "", kind: str = "text") -> Article:
    """Split a raw article into title, date and body: the title its file's metadata gives, else
    the headline above the body (without its dateline or byline), else a caption the page
    repeats, else the opening sentence; the date its metadata gives ("2024-01-05"), else the
    first date near the top.

    Control characters, terminal escapes, zero-width and bidi characters are removed first (from
    the metadata too): they would reach terminals and Word files, and split one name into two
    ("Jun\u200b Tang")."""
    text = _clean(text)
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    date = dateline(_clean(date)) or dateline(text)
    head: list[str] = []
    body: list[str] = []
    for at, para in enumerate(paragraphs):
        lines = [ln.strip() for ln in para.split("\n") if ln.strip()]
        if not body and all(_is_short_heading(ln) or _is_metadata_line(ln) for ln in lines):
            head.extend(lines)  # date line and heading lines above the first paragraph
            continue
        if len(lines) == 1 and _is_short_heading(lines[0]) and not (
                at == len(paragraphs) - 1 and len(lines[0].split()) >= BROKEN_OFF_WORDS):
            continue  # a caption or byline between paragraphs (not a last sentence broken off)
        body.append(para.strip())
    heading = [ln for ln in head if not _metadata(ln)]
    title = SITE_TAG.sub("", " ".join(_clean(title).split())) or \
        SITE_TAG.sub("", " ".join(heading)) or _repeated(paragraphs) or \
        (opening(body[0]) if body else article_id)
    return Article(article_id, _cut(" ".join(title.split())), date, "\n\n".join(body), source, fp,
                   kind)


def _clean(text: str) -> str:
    """Text without terminal escapes, invisible characters or odd spaces, in one line ending."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", strip_invisible(ANSI.sub("", text)))
    return re.sub(r"[\u00a0\u2000-\u200a\u202f\u3000]", " ", text)  # odd spaces quote badly


# a line above the body that says when, where from or by whom, not what: no part of the title
METADATA = re.compile(rf"^(?:{alternation(METADATA_OPENERS)})\b|\|", re.IGNORECASE)


def _is_metadata_line(line: str) -> bool:
    """A short line above the body that dates or signs the page ("Updated: 2024-01-05",
    "By staff reporter"), not a sentence of it."""
    return len(line) <= 160 and not line.rstrip().endswith(_SENTENCE_END) and _metadata(line)


def _metadata(line: str) -> bool:
    """A dateline or byline: it holds a date, starts with a word such as "Source:" or
    "Updated", or is cut into fields by "|"."""
    return bool(METADATA.search(line.strip()) or find_dates(line))


def _cut(text: str, limit: int = TITLE_CHARS) -> str:
    """The text, cut at a word boundary when it is very long."""
    if len(text) <= limit:
        return text
    return (text[:limit].rsplit(" ", 1)[0] or text[:limit]) + "…"


def read_article(path: Path, max_bytes: int) -> Article | Skipped:
    """Read one file of any format readers.py knows, or say why it cannot be indexed."""
    raw = file_bytes(path, max_bytes)
    return raw if isinstance(raw, Skipped) else article_of(path, raw)


def file_bytes(path: Path, max_bytes: int) -> bytes | Skipped:
    """The file's bytes, or why they cannot be read (too large, unreadable)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Skipped(str(path), f"too large ({size:,} bytes > limit {max_bytes:,})")
        return path.read_bytes()
    except OSError as exc:
        return Skipped(str(path), f"unreadable ({exc.strerror or exc})")


def article_of(path: Path, raw: bytes) -> Article | Skipped:
    """The article in a file's bytes (its id the file's stem), or why there is none."""
    if not raw.strip():
        return Skipped(str(path), "empty", keep=False, withdrawn=True)
    try:
        doc = read_document(path, raw)
    except Unreadable as exc:
        return Skipped(str(path), str(exc))
    if not doc.text.strip():  # a Word file without a word
        return Skipped(str(path), "empty", keep=False, withdrawn=True)
    article = parse_article(path.stem, doc.text, str(path), fingerprint(raw), title=doc.title,
                            date=doc.date, kind=doc.kind)
    notice = withdrawal(doc.text) or withdrawal(article.body)
    if notice:
        said = f'"{notice}"' if " " in notice else notice  # RETRACTED; "Withdrawn by the editor."
        return Skipped(str(path), f"withdrawn (the file says {said})", keep=False, withdrawn=True)
    if not article.body.strip():  # no withdrawal either: that is said explicitly
        return Skipped(str(path), "no article text after removing captions and headings (an "
                                  "indexed version is kept; to withdraw it, empty the file or "
                                  "write RETRACTED)")
    return article


def withdrawal(text: str) -> str:
    """The notice, as written, when the whole text only says the article is withdrawn
    ("RETRACTED", "Withdrawn.", "This article has been removed by the editor."); "" otherwise."""
    if len(text) > 1000:  # a notice is a line or two
        return ""
    line = " ".join(strip_invisible(text).split())
    return _cut(line, 80) if len(line) <= 200 and NOTICE.match(line) else ""


def _read(path: Path, max_bytes: int) -> Article | Skipped:
    """`read_article`, or the file skipped with the reason when reading it fails in any other way
    (one file never stops the others; its indexed copy is kept)."""
    try:
        return read_article(path, max_bytes)
    except Exception as exc:  # noqa: BLE001 - whatever it is, this file's problem
        return Skipped(str(path), f"could not be read as an article ({failure(exc)})")


def _outside(path: Path, root: Path) -> str | None:
    """Why a file found under `root` is refused: it is a symbolic link that leads outside."""
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return "a loop of symbolic links: refused"
    if not target.is_relative_to(root):
        return f"a symbolic link out of the articles folder (to {target}): refused"
    return None


def require_folder(seeds_dir: Path) -> None:
    """FileNotFoundError naming the articles folder when it is not there."""
    if not seeds_dir.is_dir():
        raise FileNotFoundError(f"articles folder not found: {seeds_dir}")


def load_articles(seeds_dir: Path, max_bytes: int,
                  indexed: Collection[str] = ()) -> tuple[list[Article], list[Skipped]]:
    """Every readable article under `seeds_dir`, and the files skipped with their reasons. Of
    two files with the same text the first is read, unless the other is `indexed` (its id is in
    the store) and the first is not: a new copy never displaces an indexed article."""
    require_folder(seeds_dir)
    articles: list[Article] = []
    skipped: list[Skipped] = []
    seen: dict[str, str] = {}
    contents: dict[str, int] = {}  # fingerprint of the body -> the article read with that text
    root = seeds_dir.resolve()
    for path in sorted(p for p in seeds_dir.rglob("*") if p.is_file() or p.is_symlink()):
        hidden = any(part.startswith(".") for part in path.relative_to(seeds_dir).parts)
        if hidden or path.suffix.lower() not in SUFFIXES:  # ".removed/x.txt" is put away
            continue
        refused = _outside(path, root)
        result = Skipped(str(path), refused, keep=False) if refused else _read(path, max_bytes)
        if isinstance(result, Skipped):
            skipped.append(result)
            continue
        body = fingerprint(result.body.encode("utf-8"))  # also a copy saved with CRLF or a BOM
        if body in contents:  # index one copy: the same text is never served twice
            first = articles[contents[body]]
            if result.id in indexed and first.id not in indexed and result.id not in seen:
                articles[contents[body]] = result  # the indexed copy stays, the new one goes
                del seen[first.id]
                seen[result.id] = result.source
                first, result = result, first
            skipped.append(Skipped(result.source, f"duplicate of {first.source} (same text)",
                                   keep=False))
        elif result.id in seen:
            skipped.append(Skipped(result.source, f"duplicate article id {result.id!r} "
                                                  f"(also {seen[result.id]})"))
        else:
            seen[result.id] = result.source
            contents[body] = len(articles)
            articles.append(result)
    return articles, skipped
