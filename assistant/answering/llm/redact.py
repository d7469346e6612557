"""What a model writes never echoes the system prompt or a secret: sentences that repeat a guarded
text are held back, secrets are replaced. Pure functions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from assistant.text.sentences import sentence_spans

if TYPE_CHECKING:
    from assistant.app.config import Settings
    from assistant.records import Answer

# the end of a piece the redactor judges alone: looser than a sentence end, so "assistant. ⚠ You"
# or a lower-case "assistant. you" still part two sentences
PIECE_END = re.compile(r"[.!?…][\"”’)\]]*(?=\s)|\n")
WORDS = re.compile(r"\w+")
SHINGLE = 6  # words in a row shared with a guarded text that count as echoing it
MIN_PHRASE = 4  # a guarded sentence shorter than SHINGLE counts whole, from this many words
REDACTED = "[redacted]"


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
        from assistant.records import NOT_COVERED

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


def secret_values(settings: Settings) -> list[str]:
    """Every secret the settings hold, as text to keep out of answers."""
    names = ("openai_api_key", "auth_password", "chroma_token")
    return [s.get_secret_value() for s in (getattr(settings, n, None) for n in names) if s]
