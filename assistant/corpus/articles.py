"""Articles: seeds/ -> Article records (title, date, body without image captions), or a reason to skip."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from assistant.lexicon import METADATA_OPENERS, alternation
from assistant.records import Article
from assistant.text.dates import dateline, find_dates
from assistant.text.markup import strip_invisible
from assistant.text.sentences import opening

SUFFIXES = (".txt", ".md")
_SENTENCE_END = tuple('.!?:;"”’)')
MIN_WORDS = 8  # fewer words is no article ("RETRACTED.", "Withdrawn by the editor.")
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


def parse_article(article_id: str, text: str, source: str, fp: str) -> Article:
    """Split a raw article into title, date and body: the headline above the body (without its
    dateline or byline), else a caption the page repeats, else the opening sentence.

    Control characters, terminal escapes, zero-width and bidi characters are removed first: they
    would reach terminals and Word files, and split one name into two ("Jun\u200b Tang")."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", strip_invisible(ANSI.sub("", text)))
    text = re.sub(r"[\u00a0\u2000-\u200a\u202f\u3000]", " ", text)  # odd spaces quote badly
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    date = dateline(text)
    head: list[str] = []
    body: list[str] = []
    for para in paragraphs:
        lines = [ln.strip() for ln in para.split("\n") if ln.strip()]
        if not body and all(_is_short_heading(ln) or _is_metadata_line(ln) for ln in lines):
            head.extend(lines)  # date line and heading lines above the first paragraph
            continue
        if len(lines) == 1 and _is_short_heading(lines[0]):
            continue  # a caption or byline between paragraphs
        body.append(para.strip())
    heading = [ln for ln in head if not _metadata(ln)]
    title = SITE_TAG.sub("", " ".join(heading)) or _repeated(paragraphs) or \
        (opening(body[0]) if body else article_id)
    return Article(article_id, _cut(" ".join(title.split())), date, "\n\n".join(body), source, fp)


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
    """Read one file, or say why it cannot be indexed."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Skipped(str(path), f"too large ({size:,} bytes > limit {max_bytes:,})")
        raw = path.read_bytes()
    except OSError as exc:
        return Skipped(str(path), f"unreadable ({exc.strerror or exc})")
    if not raw.strip():
        return Skipped(str(path), "empty", keep=False, withdrawn=True)
    if _is_utf16(raw):
        return Skipped(str(path), "UTF-16 is not supported, save it as UTF-8")
    if b"\x00" in raw:
        return Skipped(str(path), "binary (contains NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Skipped(str(path), f"not UTF-8 (byte {exc.start})")
    article = parse_article(path.stem, text, str(path), fingerprint(raw))
    if not article.body.strip():
        return Skipped(str(path), "no article text after removing captions and headings",
                       keep=False, withdrawn=True)
    words = len(article.body.split())
    if words < MIN_WORDS:
        return Skipped(str(path), f"too short ({words} words; an article has at least {MIN_WORDS})",
                       keep=False, withdrawn=True)
    return article


def _read(path: Path, max_bytes: int) -> Article | Skipped:
    """`read_article`, or the file skipped with the reason when reading it fails in any other way
    (one file never stops the others; its indexed copy is kept)."""
    try:
        return read_article(path, max_bytes)
    except Exception as exc:  # noqa: BLE001 - whatever it is, this file's problem
        return Skipped(str(path), f"could not be read as an article ({failure(exc)})")


def failure(exc: BaseException) -> str:
    """An exception in one short line: its type and the first line of its message."""
    lines = str(exc).strip().splitlines()
    text = f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
    return text if len(text) <= 200 else text[:200] + "…"


def _is_utf16(raw: bytes) -> bool:
    """A UTF-16 byte order mark or, without one, a NUL in nearly every other byte (and few in
    the others): how UTF-16 spells mostly-ASCII text."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    if len(raw) < 4:
        return False
    nuls = sorted(half.count(0) / len(half) for half in (raw[0::2], raw[1::2]))
    return nuls[0] < 0.1 and nuls[1] > 0.7


def _outside(path: Path, root: Path) -> str | None:
    """Why a file found under `root` is refused: it is a symbolic link that leads outside."""
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return "a loop of symbolic links: refused"
    if not target.is_relative_to(root):
        return f"a symbolic link out of the articles folder (to {target}): refused"
    return None


def load_articles(seeds_dir: Path, max_bytes: int) -> tuple[list[Article], list[Skipped]]:
    """Every readable article under `seeds_dir`, and the files skipped with their reasons."""
    if not seeds_dir.is_dir():
        raise FileNotFoundError(f"articles folder not found: {seeds_dir}")
    articles: list[Article] = []
    skipped: list[Skipped] = []
    seen: dict[str, str] = {}
    contents: dict[str, str] = {}  # fingerprint of the body -> the first file with that text
    root = seeds_dir.resolve()
    for path in sorted(p for p in seeds_dir.rglob("*") if p.is_file() or p.is_symlink()):
        if path.name.startswith(".") or path.suffix.lower() not in SUFFIXES:
            continue
        refused = _outside(path, root)
        result = Skipped(str(path), refused, keep=False) if refused else _read(path, max_bytes)
        if isinstance(result, Skipped):
            skipped.append(result)
            continue
        body = fingerprint(result.body.encode("utf-8"))  # also a copy saved with CRLF or a BOM
        if body in contents:  # index one copy: the same text is never served twice
            skipped.append(Skipped(result.source, f"duplicate of {contents[body]} (same text)",
                                   keep=False))
        elif result.id in seen:
            skipped.append(Skipped(result.source, f"duplicate article id {result.id!r} "
                                                  f"(also {seen[result.id]})"))
        else:
            seen[result.id] = contents[body] = result.source
            articles.append(result)
    return articles, skipped
