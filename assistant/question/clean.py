"""What people type, cleaned before it is asked: tags, links, citation markers and invisible
characters removed, a length limit; QuestionError says why a question cannot be asked."""

from __future__ import annotations

import html
import re
import unicodedata

from assistant.text.markup import MARKER, TAG_START, strip_invisible, strip_tags, unwrap_links

SCAN_FACTOR = 10  # inputs longer than this many times the limit are refused before any cleaning
LETTER_OR_DIGIT = re.compile(r"[^\W_]")


class QuestionError(ValueError):
    """A question that cannot be asked; the message says why in words for the user."""

    def __init__(self, message: str, shown: str) -> None:
        super().__init__(message)
        self.shown = shown  # the question as it may be echoed back (cleaned, shortened)


def clean_question(text: str, max_chars: int) -> str:
    """The question as plain searchable text, or QuestionError saying why it cannot be asked."""
    if len(text) > SCAN_FACTOR * max_chars:  # refuse at once: no work proportional to the input
        raise QuestionError(_too_long(len(text), max_chars), _shorten(strip_invisible(text[:200])))
    raw = text = strip_invisible(unicodedata.normalize("NFKC", text))
    text = html.unescape(text)  # "&lt;script&gt;" is a tag too
    text = unwrap_links(strip_tags(text))
    text = MARKER.sub(" ", strip_invisible(text)).replace("](", "] (")  # odd links left over
    text = TAG_START.sub("‹", " ".join(text.split()))  # unwrapping can join "<" and a word
    if len(text) > max_chars:
        raise QuestionError(_too_long(len(text), max_chars), _shorten(text))
    if not text:
        raise QuestionError("Please type a question." if not raw.strip() else
                            "Nothing is left of that question once markup, citation markers and "
                            "invisible characters are removed: please ask it in words.", "")
    if not LETTER_OR_DIGIT.search(text):
        raise QuestionError("That has no words to search for: please ask a question in words.",
                            text)
    return text


def _too_long(length: int, limit: int) -> str:
    return (f"The question is too long ({length:,} characters; the limit is {limit:,}). "
            "Please shorten it to the essential question.")


def _shorten(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


