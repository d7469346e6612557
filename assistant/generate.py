"""The llm answerer: OpenAI or an OpenAI-compatible server writes, every sentence is verified.

Any failure of the model (timeout, 429, 5xx, refused connection, bad key, a malformed or cut-off
reply) falls back to the extractive answer with a short notice saying what failed.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .answer import NOT_COVERED, Answer, Answerer, cite
from .citations import MARKER
from .prompts import Prompts, quote_history, quote_sources, render
from .safety import Redactor, secret_values
from .verify import Checked, Source, check, number_sources, split_answer, tidy

if TYPE_CHECKING:
    from llama_index.core.llms import LLM, ChatMessage

    from .config import Settings
    from .question import Question
    from .retrieve import Passage

OPENAI_BASE = "https://api.openai.com/v1"
FALLBACK = "The language model {what}; these are quoted sentences from the articles instead."
MARK = "⚠ (unsupported) "
LETTER = re.compile(r"[^\W\d_]")
OPEN_MARKER = re.compile(r"\s*\[[\d,;\s]*$")  # "[1" while the rest of the marker streams in


class GenerationError(Exception):
    """The model gave no usable answer; `what` says why in words for the user (never the key)."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what

    @property
    def notice(self) -> str:
        """The line shown above the fallback answer."""
        return FALLBACK.format(what=self.what)


def make_llm(settings: Settings) -> LLM:
    """llama-index's OpenAI class for api.openai.com, OpenAILike for any other server."""
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "unused"
    # Retries are ours (see `reply`): within the timeout budget and never after the first token.
    common: dict[str, Any] = {"model": settings.chat_model, "api_key": key, "max_retries": 0,
                              "timeout": settings.llm_timeout, "max_tokens": settings.max_tokens,
                              "temperature": 0.0}
    if not settings.openai_base_url:
        from llama_index.llms.openai import OpenAI
        from llama_index.llms.openai.utils import ALL_AVAILABLE_MODELS

        if settings.chat_model in ALL_AVAILABLE_MODELS:
            return OpenAI(**common)
    from llama_index.llms.openai_like import OpenAILike  # other servers, or a model llama-index
    # does not know yet (its OpenAI class refuses unknown names)
    return OpenAILike(api_base=settings.openai_base_url or OPENAI_BASE, is_chat_model=True,
                      **common)


def reply(llm: LLM, messages: list[ChatMessage], settings: Settings) -> Iterator[str]:
    """The model's text as it streams in; failures before the first token are retried."""
    import httpx
    import openai

    began = time.monotonic()
    for attempt in range(settings.llm_retries + 1):
        started = finished = False
        try:
            for chunk in llm.stream_chat(messages):
                finished = finished or _finished(chunk.raw)
                if chunk.delta:
                    started = True
                    yield chunk.delta
        except (openai.APIError, httpx.HTTPError, ValueError) as exc:
            what, wait = describe(exc, attempt)
            left = settings.llm_timeout - (time.monotonic() - began)
            if started or wait is None or attempt == settings.llm_retries or wait >= left:
                raise GenerationError(what) from None
            time.sleep(wait)
            continue
        if not finished:  # the body ended without a finish reason: silently truncated
            raise GenerationError("stopped in the middle of its answer")
        return


def describe(exc: Exception, attempt: int) -> tuple[str, float | None]:
    """What failed, in words for the user, and the wait before a retry (None: do not retry)."""
    import httpx
    import openai

    backoff = 0.5 * 2 ** attempt
    match exc:
        case openai.APITimeoutError() | httpx.TimeoutException():
            return "did not answer in time", None
        case openai.AuthenticationError():
            return "rejected the API key (401)", None
        case openai.RateLimitError():
            return "is rate-limiting requests (429)", _retry_after(exc.response) or backoff
        case openai.APIStatusError() if exc.status_code >= 500:
            return f"had a server error ({exc.status_code})", _retry_after(exc.response) or backoff
        case openai.APIStatusError():
            return f"refused the request ({exc.status_code})", None
        case openai.APIConnectionError():
            return "could not be reached", backoff
        case httpx.HTTPError():
            return "stopped in the middle of its answer", None
    return "sent a reply that could not be read", None


def _retry_after(response: Any) -> float | None:
    headers = response.headers
    try:
        if "retry-after-ms" in headers:
            return float(headers["retry-after-ms"]) / 1000
        return float(headers["retry-after"]) if "retry-after" in headers else None
    except ValueError:  # an HTTP date: use our own backoff
        return None


def _finished(raw: Any) -> bool:
    return any(getattr(c, "finish_reason", None) for c in getattr(raw, "choices", None) or [])


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
