"""The llm answerer: OpenAI or an OpenAI-compatible server writes, every sentence is verified.

Any failure of the model (timeout, 429, 5xx, refused connection, bad key, a malformed or cut-off
reply) falls back to the extractive answer with a short notice saying what failed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from assistant.answering.llm.client import GenerationError, reply
from assistant.answering.llm.prompts import Prompts, quote_history, quote_sources, render
from assistant.answering.llm.redact import Redactor, secret_values
from assistant.answering.llm.verify import (
    Checked,
    Source,
    check,
    number_sources,
    split_answer,
    tidy,
)
from assistant.records import NOT_COVERED, Answer, Answerer, cite
from assistant.text.sentences import MARKER

if TYPE_CHECKING:
    from llama_index.core.llms import LLM, ChatMessage

    from assistant.app.config import Settings
    from assistant.records import Passage, Question

MARK = "⚠ (unsupported) "
LETTER = re.compile(r"[^\W\d_]")
OPEN_MARKER = re.compile(r"\s*\[[\d,;\s]*$")  # "[1" while the rest of the marker streams in


class Draft:
    """A reply being written; each sentence is redacted, then verified once it is complete."""

    def __init__(self, sources: dict[int, Source], settings: Settings, redactor: Redactor) -> None:
        self.sources = sources
        self.settings = settings
        self.redactor = redactor
        self.raw = ""
        self.seen = 0  # complete sentences taken from `raw`
        self.done: list[Checked] = []  # those of them that did not echo the system prompt

    def add(self, delta: str) -> bool:
        """Append streamed text; True when a sentence was completed and verified."""
        self.raw += delta
        pieces = self._split()
        ready = len(pieces) - 1  # the last sentence may still grow
        if pieces and not LETTER.search(pieces[-1][1]):
            ready -= 1  # it may be the [n] of the sentence before
        return self._check(pieces[:max(ready, 0)])

    def finish(self) -> None:
        """The reply is complete: verify the rest."""
        self._check(self._split())

    def tail(self) -> str:
        """The text not verified yet, without its [n], redacted as the finished text will be."""
        rest = ((sep, self.redactor.text(tidy(MARKER.sub("", s))))
                for sep, s in self._split()[self.seen:])
        return self.redactor.hold_back(OPEN_MARKER.sub("", "".join(
            sep + s for sep, s in rest if s)))

    def _split(self) -> list[tuple[str, str]]:
        return split_answer(self.redactor.hide(self.raw))

    def _check(self, pieces: list[tuple[str, str]]) -> bool:
        new = pieces[self.seen:]
        self.seen += len(new)
        for sep, sentence in new:
            # judged on the model's own text, before any mark: a sentence that echoes the
            # system prompt is left out, and the supported sentences around it stay
            sentence = self.redactor.text(sentence)
            if sentence:
                checked = check(sentence, self.sources, self.settings)
                checked.sep = sep
                self.done.append(checked)
        return bool(new)


def compose(question: str, draft: Draft, settings: Settings, final: bool) -> Answer:
    """The answer so far: supported sentences with citations, the others marked or removed."""
    sources, done = draft.sources, draft.done
    pairs = [(sources[n].passage, q) for c in done if c.supported for n in c.cited
             for q in c.quotes[n]]
    citations = cite(pairs)
    number = {c.article_id: c.n for c in citations}
    renumber = {n: number.get(s.passage.article_id, 0) for n, s in sources.items()}
    parts = []
    for c in done:
        if c.supported:
            parts.append(c.sep + MARKER.sub(lambda m: f"[{renumber[int(m[1])]}]", c.text))
        elif c.not_covered:
            parts.append(c.sep + c.text)
        elif settings.unsupported == "mark":
            parts.append(c.sep + MARK + c.claim)
    claims = [c for c in done if not c.not_covered]
    answer = Answer(question, "".join(parts).strip(), False, "llm", citations,
                    model=settings.chat_model,
                    unsupported=[c.claim for c in claims if not c.supported],
                    unknown_citations=sum(c.unknown for c in done),
                    evidence=sum(c.supported for c in claims) / (len(claims) or 1))
    if not final:
        answer.text = (answer.text + draft.tail()).strip()
    elif not citations:  # nothing the articles back, or the model said they do not cover it
        answer.text, answer.abstained = NOT_COVERED, True
    return answer


class LLMAnswerer:
    """Writes answers with a language model, verifies every sentence, falls back to quotes."""

    name = "llm"

    def __init__(self, llm: LLM, fallback: Answerer, prompts: Prompts, settings: Settings) -> None:
        self.llm = llm
        self.fallback = fallback
        self.prompts = prompts
        self.settings = settings
        self.model = settings.chat_model
        self.redactor = Redactor.build([prompts.system], secret_values(settings))

    def stream(self, question: Question, passages: list[Passage]) -> Iterator[Answer]:
        """Partial answers as tokens arrive, sentences verified once complete; the last is final.

        A question whose premise the articles do not support gets the extractive correction:
        the model is not asked to explain an event nobody reported."""
        *_, checked = self.fallback.stream(question, passages)
        if checked.premise is not None:
            yield checked
            return
        sources = number_sources(passages)
        if not sources:
            yield Answer(question.text, NOT_COVERED, True, self.name, model=self.model)
            return
        draft = Draft(sources, self.settings, self.redactor)
        messages = self._messages(render(self.prompts.answer, passages=quote_sources(sources),
                                         question=question.standalone))
        try:
            for delta in reply(self.llm, messages, self.settings):
                draft.add(delta)
                yield compose(question.text, draft, self.settings, final=False)
        except GenerationError as exc:
            checked.notice = exc.notice
            yield checked
            return
        draft.finish()
        yield compose(question.text, draft, self.settings, final=True)

    def condense(self, question: str, history: list[Answer]) -> str | None:
        """The follow-up rewritten by the model as a standalone question; None if it answered."""
        asked = [turn.question for turn in history]
        prompt = render(self.prompts.condense, history=quote_history(asked), question=question)
        text = "".join(reply(self.llm, self._messages(prompt), self.settings))
        line = next((s.strip(' "“”') for s in text.splitlines() if s.strip()), "")
        line = re.sub(r"^standalone question:\s*", "", line, flags=re.IGNORECASE)
        # small models sometimes answer instead: an answer must not become the search query;
        # nor may a rewrite that echoes the system prompt or holds a secret
        fits = line.endswith("?") and len(line) <= self.settings.max_question_chars
        fits = fits and self.redactor.text(line) == line
        return line if fits else None

    def _messages(self, prompt: str) -> list[ChatMessage]:
        from llama_index.core.llms import ChatMessage

        return [ChatMessage(role="system", content=render(self.prompts.system)),
                ChatMessage(role="user", content=prompt)]
