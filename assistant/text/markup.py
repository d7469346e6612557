"""Markup in and out: invisible characters and tags removed from what people type, and markdown
that renders article text and model text as plain text (no HTML, images, links, addresses), with
an article's own [n] kept apart from the assistant's citation markers. Pure functions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

DROP = {"Cc", "Cf", "Cs", "Co"}  # control, format (zero-width, bidi), surrogates, private use


SCRIPT = re.compile(r"<(script|style)\b.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL)


TAG = re.compile(r"</?[A-Za-z][^<>]{0,500}>|<!--.*?(?:-->|$)", re.DOTALL)


_DEST = r"\((?:[^()\n]|\([^()\n]{0,500}\)){0,2000}\)"  # a link target, one level of (...)


IMAGE = re.compile(rf"!\[([^\[\]\n]{{0,500}})\]\s{{0,3}}(?:{_DEST}|\[[^\[\]\n]{{0,500}}\])")


LINK = re.compile(rf"\[([^\[\]\n]{{0,500}})\]\s{{0,3}}{_DEST}")


NESTED_LINK = 8  # unwrapping passes: "[[x](a)](b)" needs two


ENTITY = re.compile(r"&(?=#?\w+;)")  # "&lt;", "&#60;": would render as "<"


BARE_URL = re.compile(r"\b((?:https?|ftp|file|javascript|data|vbscript|mailto)):|\b(www)\.",
                      re.IGNORECASE)


EMAIL = re.compile(r"(\w)@(?=\w)")


TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


MARKER = re.compile(r"\[\s*\d+\s*\]")


CITATION = re.compile(r"(?<!\\)\[(\d{1,3})\]")  # what the chat turns into a link to source n


def strip_invisible(text: str) -> str:
    """Text without control, zero-width, bidi or private-use characters (newlines kept)."""
    text = text.replace("\r\n", "\n")
    return "".join(ch if unicodedata.category(ch) not in DROP or ch == "\n" else
                   (" " if ch in "\t\r\x0b\x0c" else "") for ch in text)


def strip_tags(text: str) -> str:
    """Text without HTML tags or comments; script and style elements go with their content."""
    text = SCRIPT.sub(" ", text)
    for _ in range(NESTED_LINK):  # "<<b>b>" hides a second tag
        stripped = TAG.sub(" ", text)
        if stripped == text:
            break
        text = stripped
    return TAG_START.sub("‹", text)  # whatever nesting is left is no longer a tag


def safe_markdown(text: str) -> str:
    """Markdown that renders as plain text: no raw HTML, images, links or auto-linked addresses."""
    text = unwrap_links(_escape_html(strip_invisible(text)))
    # whatever link syntax is left (nested, odd parentheses) can no longer form a link or image:
    # "](" starts every inline link, "]:" every reference definition, "![" every image
    text = text.replace("](", "]\\(").replace("]:", "]\\:").replace("![", "\\![")
    # an escaped ':', '.' or '@' renders the same but is no longer an address to auto-link
    text = BARE_URL.sub(lambda m: f"{m[1]}\\:" if m[1] else f"{m[2]}\\.", text)
    return EMAIL.sub(r"\1\\@", text)


def _escape_html(text: str) -> str:
    """No tag and no entity survives ("<b>", "&lt;b&gt;" stay text), but a bare "&" is left as
    written: "Belt & Road" reads the same in the JSON answer as in the article."""
    return ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


def safe_answer(text: str, quoted: Iterable[str]) -> str:
    """`safe_markdown(text)` with each [n] inside a quoted article text escaped: only the
    assistant's own markers may become links to sources."""
    return safe_markdown(escape_quoted_markers(text, quoted))


def escape_quoted_markers(text: str, quoted: Iterable[str]) -> str:
    """`text` with each [n] inside a quoted article text written \\[n]: what is left for CITATION
    to find are the assistant's own markers."""
    spans = [(m.start(), m.end()) for q in set(quoted) if CITATION.search(q)
             for m in re.finditer(re.escape(q), text)]
    return CITATION.sub(lambda m: "\\" + m[0] if any(a <= m.start() < b for a, b in spans)
                        else m[0], text)


def unwrap_links(text: str) -> str:
    """Markdown images and links replaced by their text."""
    for _ in range(NESTED_LINK):
        unwrapped = LINK.sub(r"\1", IMAGE.sub(r"\1", text))
        if unwrapped == text:
            break
        text = unwrapped
    return text
