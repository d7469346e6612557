"""The assistant: follow-up rewriting -> retrieval -> answering, built once from the settings."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .answer import Answer, Answerer, ExtractiveAnswerer
from .citations import WORD, terms

if TYPE_CHECKING:
    from .config import Settings
    from .embeddings import Embedder
    from .index import ArticleRecord, Store
    from .retrieve import Retriever

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

    def ask(self, question: str, history: list[str] | None = None) -> Answer:
        """Answer one question; `history` holds the user's earlier questions in this conversation."""
        began = time.perf_counter()
        standalone = condense(question, history or [])
        passages = self.retriever.retrieve(standalone)
        answer = self.answerer.answer(standalone, passages)
        answer.question, answer.standalone = question, standalone
        answer.seconds = time.perf_counter() - began
        return answer

    def article(self, article_id: str) -> ArticleRecord | None:
        """The stored article, for the sources panel."""
        return self.store.article(article_id)

    def status(self) -> str:
        """One line: what is indexed and which answerer is active."""
        articles, chunks = self.store.counts()
        return f"{articles} articles, {chunks} chunks indexed · answerer: {self.answerer.name}"


def build_assistant(settings: Settings) -> Assistant:
    """Open the store, load the embedding model, and pick the answerer."""
    from .embeddings import Embedder
    from .index import Store
    from .retrieve import Retriever

    store = Store(settings)
    embedder = Embedder.load(settings.model_cache_dir)
    retriever = Retriever(store, embedder, settings)
    answerer = ExtractiveAnswerer(embedder, retriever, settings)
    return Assistant(settings, store, embedder, retriever, answerer)
