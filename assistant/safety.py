"""Safety at the edges: questions in, markdown out, no echoed instructions or secrets, safe launch.

Pure functions except `credentials`, which may read the auth file.
"""

from __future__ import annotations

import html
import ipaddress
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .citations import sentence_spans

if TYPE_CHECKING:
    from .answer import Answer
    from .config import Settings

SCAN_FACTOR = 10  # inputs longer than this many times the limit are refused before any cleaning
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
# the end of a piece the redactor judges alone: looser than a sentence end, so "assistant. ⚠ You"
# or a lower-case "assistant. you" still part two sentences
PIECE_END = re.compile(r"[.!?…][\"”’)\]]*(?=\s)|\n")
LETTER_OR_DIGIT = re.compile(r"[^\W_]")
WORDS = re.compile(r"\w+")
SHINGLE = 6  # words in a row shared with a guarded text that count as echoing it
MIN_PHRASE = 4  # a guarded sentence shorter than SHINGLE counts whole, from this many words
REDACTED = "[redacted]"


class QuestionError(ValueError):
    """A question that cannot be asked; the message says why in words for the user."""

    def __init__(self, message: str, shown: str) -> None:
        super().__init__(message)
        self.shown = shown  # the question as it may be echoed back (cleaned, shortened)


def strip_invisible(text: str) -> str:
    """Text without control, zero-width, bidi or private-use characters (newlines kept)."""
    text = text.replace("\r\n", "\n")
    return "".join(ch if unicodedata.category(ch) not in DROP or ch == "\n" else
                   (" " if ch in "\t\r\x0b\x0c" else "") for ch in text)


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


def strip_tags(text: str) -> str:
    """Text without HTML tags or comments; script and style elements go with their content."""
    text = SCRIPT.sub(" ", text)
    for _ in range(NESTED_LINK):  # "<<b>b>" hides a second tag
        stripped = TAG.sub(" ", text)
        if stripped == text:
            break
        text = stripped
    return TAG_START.sub("‹", text)  # whatever nesting is left is no longer a tag


def _too_long(length: int, limit: int) -> str:
    return (f"The question is too long ({length:,} characters; the limit is {limit:,}). "
            "Please shorten it to the essential question.")


def _shorten(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


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


@dataclass(frozen=True)
class Redactor:
    """Removes from answers the sentences that echo a guarded text, and every secret."""

    phrases: frozenset[tuple[str, ...]]  # runs of SHINGLE words, and whole short sentences
    secrets: tuple[str, ...]

    @classmethod
    def build(cls, guarded: Iterable[str], secrets: Iterable[str | None]) -> Redactor:
        """Guard these texts (e.g. the system prompt) and these secrets (e.g. the API key)."""
        phrases: set[tuple[str, ...]] = set()
        for text in guarded:
            text = " ".join(text.split())  # a prompt file's line breaks do not end sentences
            words = _words(text)
            phrases.update(tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))
            short = (tuple(_words(text[a:b])) for a, b in sentence_spans(text))
            phrases.update(s for s in short if MIN_PHRASE <= len(s) < SHINGLE)
        kept = tuple(sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True))
        return cls(frozenset(phrases), kept)

    def text(self, text: str) -> str:
        """`text` without secrets and without the sentences that echo a guarded text."""
        text = self.hide(text)
        pieces = _pieces(text) if self.phrases else [text]
        kept = [p for p in pieces if not self.echoes(p)]
        return text if len(kept) == len(pieces) else "".join(kept).strip()

    def hide(self, text: str) -> str:
        """`text` with every secret replaced."""
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text

    def hold_back(self, text: str) -> str:
        """Streamed `text` without an end that may be the start of a secret still arriving."""
        cut = max((k for s in self.secrets for k in range(1, len(s)) if text.endswith(s[:k])),
                  default=0)
        return text[:len(text) - cut]

    def echoes(self, sentence: str) -> bool:
        """Whether at least half of the sentence's words repeat a guarded text."""
        words = _words(sentence)
        covered = [False] * len(words)
        for n in range(MIN_PHRASE, SHINGLE + 1):
            for i in range(len(words) - n + 1):
                if tuple(words[i:i + n]) in self.phrases:
                    covered[i:i + n] = [True] * n
        return bool(words) and sum(covered) >= len(words) / 2

    def answer(self, answer: Answer) -> Answer:
        """The answer with every field that reaches people redacted."""
        from .answer import NOT_COVERED  # answer.py imports this module

        text = self.text(answer.text)
        redacted = replace(answer, text=text, standalone=self.text(answer.standalone),
                           unsupported=[u for u in map(self.text, answer.unsupported) if u],
                           notice=self.text(answer.notice) if answer.notice else answer.notice)
        if answer.text.strip() and not text:  # all of it echoed: say so, never answer ""
            redacted = replace(redacted, text=NOT_COVERED, abstained=True, citations=[])
        return redacted


def _words(text: str) -> list[str]:
    return WORDS.findall(text.lower())


def _pieces(text: str) -> list[str]:
    """`text` cut after each sentence end, each piece with the whitespace before it."""
    ends = [m.end() for m in PIECE_END.finditer(text)]
    return [text[a:b] for a, b in zip([0, *ends], [*ends, len(text)]) if a < b]


def is_loopback(host: str) -> bool:
    """Whether binding `host` keeps the app on this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class LaunchError(RuntimeError):
    """The app must not start with these settings; the message says what to set."""


def credentials(settings: Settings) -> list[tuple[str, str]]:
    """The (user, password) pairs from the settings and the auth file; the file's text is never shown."""
    pairs: list[tuple[str, str]] = []
    if settings.auth_user or settings.auth_password:
        if not (settings.auth_user and settings.auth_password):
            raise LaunchError("set both ASSISTANT_AUTH_USER and ASSISTANT_AUTH_PASSWORD")
        user, password = settings.auth_user.strip(), settings.auth_password.get_secret_value()
        if not (user and password.strip()):
            raise LaunchError("ASSISTANT_AUTH_USER or ASSISTANT_AUTH_PASSWORD is only spaces: "
                              "set a real user name and password")
        pairs.append((user, password))  # Gradio strips the name people type
    if settings.auth_file:
        try:
            lines = settings.auth_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise LaunchError(f"cannot read the auth file {settings.auth_file}: "
                              f"{getattr(exc, 'strerror', None) or type(exc).__name__}") from None
        for number, line in enumerate(lines, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            user, sep, password = line.strip().partition(":")
            if not (sep and user.strip()):
                raise LaunchError(f"{settings.auth_file} line {number}: expected user:password")
            if not password.strip():
                raise LaunchError(f"{settings.auth_file} line {number}: the password is empty or "
                                  "only spaces: set a real password")
            pairs.append((user.strip(), password))
        if not pairs:
            raise LaunchError(f"the auth file {settings.auth_file} holds no user:password line")
    return pairs


def launch_auth(settings: Settings) -> list[tuple[str, str]] | None:
    """The credentials the app requires, or LaunchError when it would be open beyond this machine."""
    pairs = credentials(settings)
    if not pairs and not is_loopback(settings.host):
        raise LaunchError(
            f"refusing to serve on {settings.host} without a login: anyone who can reach it could "
            "use it. Set ASSISTANT_AUTH_USER and ASSISTANT_AUTH_PASSWORD, or ASSISTANT_AUTH_FILE "
            "(lines of user:password), or bind 127.0.0.1 (ASSISTANT_HOST).")
    return pairs or None


def secret_values(settings: Settings) -> list[str]:
    """Every secret the settings hold, as text to keep out of answers."""
    names = ("openai_api_key", "auth_password", "chroma_token")
    return [s.get_secret_value() for s in (getattr(settings, n, None) for n in names) if s]
