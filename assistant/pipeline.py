"""The assistant: follow-up rewriting -> retrieval -> answering, built once from the settings."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .answer import Answer, Answerer, ExtractiveAnswerer
from .citations import WORD, terms
from .generate import GenerationError, LLMAnswerer
from .safety import QuestionError, Redactor, clean_question, secret_values

if TYPE_CHECKING:
    from .config import Settings
    from .embeddings import Embedder
    from .retrieve import Retriever
    from .store import ArticleRecord, Store

FOLLOW_UP = re.compile(
    r"^(and|also|what about|how about|then|so)\b|\b(he|she|they|them|him|her|his|their|it|its|"
    r"that|this|those|these|there|then)\b", re.IGNORECASE)
QUESTION_WORDS = {"What", "Who", "When", "Where", "Which", "Why", "How", "And", "Did", "Does",
                  "Do", "Is", "Are", "Was", "Were", "Can", "Could", "Tell", "List", "Name", "In",
                  "On", "The", "A", "An", "Also", "Then", "So"}


def condense(question: str, history: list[str]) -> str:
    """Rewrite a follow-up into a standalone question by carrying the earlier turns' named entities."""
    if not history or not FOLLOW_UP.search(question):
        return question
    entities: list[str] = []
    for previous in reversed(history):
        names = [w for w in WORD.findall(previous) if w[:1].isupper() and w not in QUESTION_WORDS]
        entities.extend(n for n in names if n not in entities and n not in question)
        if names:
            break  # the most recent turn that names something is the referent
    if not entities:
        entities = [t for t in terms(history[-1]) if t not in terms(question)]
    return f"{question} ({' '.join(entities)})" if entities else question


@dataclass
class Assistant:
    """Everything a question needs, built once and shared by the CLI and the UI."""

    settings: Settings
    store: Store
    embedder: Embedder
    retriever: Retriever
    answerer: Answerer
    _redactor: Redactor | None = field(default=None, init=False, repr=False)

    def ask(self, question: str, history: Sequence[Answer | str] | None = None,
            article_ids: set[str] | None = None) -> Answer:
        """Answer one question; `history` holds this conversation's earlier turns, oldest first:
        their Answers (question and answer), or only the earlier questions; `article_ids`
        narrows retrieval to those articles."""
        *_, answer = self.stream(question, history, article_ids=article_ids)
        return answer

    def stream(self, question: str, history: Sequence[Answer | str] | None = None,
               article_ids: set[str] | None = None) -> Iterator[Answer]:
        """Partial answers while a model writes (extractive: just one); the last is final."""
        began = time.perf_counter()
        limit = self.settings.max_question_chars
        try:  # the CLI and the UI both come through here: one gate for what people type
            question = clean_question(question, limit)
        except QuestionError as exc:
            yield Answer(exc.shown, str(exc), True, self.answerer.name,
                         seconds=time.perf_counter() - began)
            return
        asked = [h.question if isinstance(h, Answer) else h for h in history or []]
        history = [h for h in (_cleaned(h, limit) for h in asked) if h]
        standalone, failure = self.rewrite(question, history)
        passages = self.retriever.retrieve(standalone, article_ids=article_ids)
        if isinstance(self.answerer, LLMAnswerer):
            answers = self.answerer.stream(standalone, passages, failure)
        else:
            answers = iter([self.answerer.answer(standalone, passages)])
        for answer in answers:
            answer.question, answer.standalone = question, standalone
            answer.passages = passages
            answer.seconds = time.perf_counter() - began
            yield self.redactor().answer(answer)

    def redactor(self) -> Redactor:
        """Keeps the system prompt and every secret out of answers, whatever a model replies."""
        if self._redactor is None:
            prompts = getattr(self.answerer, "prompts", None)
            self._redactor = Redactor.build([prompts.system] if prompts else [],
                                            secret_values(self.settings))
        return self._redactor

    def rewrite(self, question: str, history: list[str]) -> tuple[str, str | None]:
        """The standalone question (by the model when there is one) and the notice if it failed."""
        if history and isinstance(self.answerer, LLMAnswerer):
            try:
                rewritten = self.answerer.condense(question, history)
            except GenerationError as exc:
                return condense(question, history), exc.notice
            if rewritten:  # else the model answered instead of rewriting: use the rule
                return rewritten, None
        return condense(question, history), None

    def article(self, article_id: str) -> ArticleRecord | None:
        """The stored article, for the sources panel."""
        return self.store.article(article_id)

    def status(self) -> str:
        """One line: what is indexed and which answerer is active."""
        articles, chunks = self.store.counts()
        model = f" ({self.settings.chat_model})" if isinstance(self.answerer, LLMAnswerer) else ""
        return (f"{articles} articles, {chunks} chunks indexed · "
                f"answerer: {self.answerer.name}{model}")


def _cleaned(question: str, limit: int) -> str:
    try:
        return clean_question(question, limit)
    except QuestionError:
        return ""  # an earlier turn that was refused carries nothing to a follow-up


def build_assistant(settings: Settings) -> Assistant:
    """Open the store, load the embedding model, and pick the answerer."""
    from .cache import CachedEmbedder
    from .embeddings import Embedder
    from .retrieve import Retriever
    from .store import Store

    store = Store(settings)
    embedder = Embedder.load(settings.model_cache_dir)
    # the answerer re-scores the same article sentences question after question, and the question
    # the retriever just embedded: cache them
    cached = CachedEmbedder(embedder)
    retriever = Retriever(store, cached, settings)  # type: ignore[arg-type]
    answerer: Answerer = ExtractiveAnswerer(cached, retriever, settings)  # type: ignore[arg-type]
    if settings.use_llm:  # the extractive answerer stays as the fallback
        from .generate import make_llm
        from .prompts import Prompts

        answerer = LLMAnswerer(make_llm(settings), answerer, Prompts.load(settings.prompts_dir),
                               settings)
    return Assistant(settings, store, embedder, retriever, answerer)
