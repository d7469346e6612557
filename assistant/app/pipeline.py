"""The assistant: question analysis -> retrieval -> answering, built once from the settings.

A conversation is the list of its earlier Answers: a follow-up is read against the previous
answer's lead spans and cited articles (`question.analyse`), or rewritten by the model when there
is one (`Answerer.condense`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from assistant.answering.llm.client import GenerationError
from assistant.answering.llm.redact import Redactor, secret_values
from assistant.answering.overview.compose import Overview
from assistant.catalog.cards import directory
from assistant.question.analyse import Previous, analyse
from assistant.question.clean import QuestionError, clean_question
from assistant.question.items import distinct_terms, item_queries
from assistant.question.router import across, kind_of
from assistant.records import Answer, Answerer, Question
from assistant.text.nlp import PERSON
from assistant.text.sentences import terms

if TYPE_CHECKING:
    from assistant.app.config import Settings
    from assistant.catalog.cards import Entry, EventCard
    from assistant.records import Passage
    from assistant.store.chroma import ArticleRecord, Store
    from assistant.store.embeddings import Embedder
    from assistant.store.retrieve import Retriever
    from assistant.text.nlp import NLP


NO_ARTICLE = ("No article matches the filters the chat is narrowed to, so there is nothing to "
              "search: change the Briefing filters or untick “Chat searches only these articles”.")


@dataclass
class Assistant:
    """Everything a question needs, built once and shared by the CLI and the UI."""

    settings: Settings
    store: Store
    embedder: Embedder
    retriever: Retriever
    answerer: Answerer
    nlp: NLP
    _redactor: Redactor | None = field(default=None, init=False, repr=False)
    _cards: tuple[object, list[EventCard]] | None = field(default=None, init=False, repr=False)
    _people: list[Entry] | None = field(default=None, init=False, repr=False)

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
        if article_ids is not None and not article_ids:  # narrowed to no article at all
            yield Answer(question, NO_ARTICLE, True, self.answerer.name,
                         seconds=time.perf_counter() - began)
            return
        turns = [h if isinstance(h, Answer) else Answer(h, "", True, "") for h in history or []]
        # earlier questions are client data too (a forged chat history): cleaned like this one
        turns = [replace(t, question=q) for t in turns if (q := _cleaned(t.question, limit))]
        asked, notice = self.rewrite(question, turns)
        # a question the model rewrote stands alone; otherwise it is read against the last turn
        analysed = analyse(asked, self.nlp, _previous(turns) if asked == question else None)
        passages = self._retrieve(analysed, article_ids)
        overview = self._overview(analysed, passages, article_ids)
        # a model that failed to rewrite the follow-up is not asked to answer it either
        answerer = getattr(self.answerer, "fallback", self.answerer) if notice else self.answerer
        answers = iter([overview]) if overview else answerer.stream(analysed, passages)
        for answer in answers:
            if answer.abstained and overview is None and analysed.qtype == "when" and \
                    analysed.prefer:  # "when was that": no sentence dates it, the event's card may
                answer = self._overview(analysed, passages, set(analysed.prefer), "events") \
                    or answer
            answer.question, answer.standalone = question, analysed.standalone
            answer.passages = answer.passages or passages
            answer.notice = answer.notice or notice
            answer.seconds = time.perf_counter() - began
            yield self.redactor().answer(answer)

    def _retrieve(self, question: Question, article_ids: set[str] | None) -> list[Passage]:
        """The question's passages; a follow-up's ("that city's mayor") also those of the articles
        it follows, after the others, when the search of every article did not bring them."""
        passages = self.retriever.retrieve(  # more articles may answer a list
            question.standalone, article_ids=article_ids,
            spread=question.scope == "list" or across(question))
        within = set(question.prefer) if article_ids is None else \
            set(question.prefer) & article_ids
        if within:
            seen = {p.chunk_id for p in passages}
            passages += [p for p in self.retriever.retrieve(question.standalone,
                                                            article_ids=within)
                         if p.chunk_id not in seen]
        return passages

    def rewrite(self, question: str, history: list[Answer]) -> tuple[str, str | None]:
        """The question as the model rewrites a follow-up (when the answerer has a model), and
        the notice if that failed; otherwise the question itself, resolved by `analyse`."""
        if not history:
            return question, None
        try:
            return self.answerer.condense(question, history) or question, None
        except GenerationError as exc:
            return question, exc.notice

    def _overview(self, question: Question, passages: list[Passage],
                  article_ids: set[str] | None, kind: str | None = None) -> Answer | None:
        """A timeline, a list of events or people across articles, from the event cards."""
        kind = kind or kind_of(question)
        if kind is None:
            return None
        every = self.cards()
        cards = [c for c in every if article_ids is None or c.article_id in article_ids]
        people = (lambda _: self.directory()) if len(cards) == len(every) else directory
        # an article removed between reading its card and quoting it has no body
        overview = Overview(lambda aid: getattr(self.store.article(aid), "body", ""), people)
        if kind == "events" and question.scope == "timeline":  # "put A, B and C in order"
            listed = self._listed(question, cards, article_ids)
            if len(listed) >= 2:  # those events
                return overview.dated(question, listed)
        return overview.answer(question, cards, passages, kind)

    def _listed(self, question: Question, cards: list[EventCard],
                article_ids: set[str] | None) -> list[EventCard]:
        """The event of each item a timeline question lists: the card of the first article
        retrieved for the item, not found for an item before (a card holds one event), whose
        passage has a word of that item no other item has; none unless every item is found."""
        by_id = {c.article_id: c for c in cards}
        listed = item_queries(self.nlp.parse(question.standalone))
        found: dict[str, EventCard] = {}
        for (_, query), own in zip(listed, distinct_terms([i for i, _ in listed])):
            passages = self.retriever.retrieve(query, article_ids=article_ids)
            hit = next((p.article_id for p in passages if p.article_id in by_id and
                        p.article_id not in found and
                        (not own or own & set(terms(f"{p.title} {p.text}")))), None)
            if hit is None:
                return []  # the cards' own timeline then lists what they hold
            found[hit] = by_id[hit]
        return list(found.values())

    def cards(self) -> list[EventCard]:
        """Every event card, read once per version of the store (the retriever follows it)."""
        self.retriever.follow()
        version = self.retriever.version
        if self._cards is None or self._cards[0] != version:
            self._cards = (version, self.store.cards())
            self._people = None
        return self._cards[1]

    def directory(self) -> list[Entry]:
        """The people of every card, built once per version of the store."""
        every = self.cards()
        if self._people is None:
            self._people = directory(every)
        return self._people

    def redactor(self) -> Redactor:
        """Keeps the system prompt and every secret out of answers, whatever a model replies."""
        if self._redactor is None:  # the model's answerer has one; the extractive one none
            self._redactor = getattr(self.answerer, "redactor", None) or \
                Redactor.build([], secret_values(self.settings))
        return self._redactor

    def article(self, article_id: str) -> ArticleRecord | None:
        """The stored article, for the sources panel."""
        return self.store.article(article_id)

    def status(self) -> str:
        """One line: what is indexed and which answerer is active."""
        articles, chunks = self.store.counts()
        model = getattr(self.answerer, "model", None)
        return (f"{articles} articles, {chunks} chunks indexed · "
                f"answerer: {self.answerer.name}{f' ({model})' if model else ''}")


def _previous(turns: list[Answer]) -> Previous | None:
    """What the last answered turn offers a follow-up: its lead spans and cited articles."""
    for turn in reversed(turns):
        leads = tuple(dict.fromkeys(lead.text for lead in turn.leads))
        articles = tuple(c.article_id for c in turn.citations)
        first = turn.citations[0].quotes[:1] if turn.citations else []
        people = tuple(dict.fromkeys(lead.text for lead in turn.leads if lead.kind == PERSON))
        return Previous(turn.question, leads, articles, quote=first[0].text if first else "",
                        people=people)
    return None


def _cleaned(question: str, limit: int) -> str:
    try:
        return clean_question(question, limit)
    except QuestionError:
        return ""  # an earlier turn that was refused carries nothing to a follow-up


def build_assistant(settings: Settings, *, embedder: Embedder | None = None,
                    llm: Any = None, nlp: NLP | None = None) -> Assistant:
    """Open the store, load the models (or use the ones given), and pick the answerer."""
    from assistant.answering.extractive.answerer import ExtractiveAnswerer
    from assistant.store.cache import CachedEmbedder
    from assistant.store.chroma import Store
    from assistant.store.embeddings import Embedder
    from assistant.store.retrieve import Retriever
    from assistant.text.nlp import NLP

    store = Store(settings)
    embedder = embedder or Embedder.load(settings.model_cache_dir)
    # the answerer re-scores the same article sentences question after question, and the question
    # the retriever just embedded: cache them
    cached = embedder if isinstance(embedder, CachedEmbedder) else CachedEmbedder(embedder)
    retriever = Retriever(store, cached, settings)  # type: ignore[arg-type]
    answerer: Answerer = ExtractiveAnswerer(cached, retriever, settings)  # type: ignore[arg-type]
    if settings.use_llm or llm is not None:  # the extractive answerer stays as the fallback
        from assistant.answering.llm.client import make_llm
        from assistant.answering.llm.generate import LLMAnswerer
        from assistant.answering.llm.prompts import Prompts

        answerer = LLMAnswerer(llm or make_llm(settings), answerer,
                               Prompts.load(settings.prompts_dir), settings)
    return Assistant(settings, store, embedder, retriever, answerer, nlp or NLP.load())
