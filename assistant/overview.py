"""Answers about many articles, from the event cards: timelines, events in a period, people across
articles. Each item is one line with its own [n] and a verbatim quote of the sentence it rests on.

The question analysis decides when a question is of this kind (`kind_of`); a question it does not
recognise goes to the passage answerers, as do questions the cards cannot answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .answer import NOT_COVERED, Answer, Lead, Quote, cite
from .catalog import Filters, directory, matches, name_matches, timeline
from .citations import clause_window, sentence_spans
from .nlp import PERSON, PLACE, TITLE, TITLE_HEADS, TITLE_MODIFIERS
from .question import NOUN_EXPECTS, TIMELINE_WORDS
from .retrieve import Passage
from .roles import asks_holder, asks_role, misattributed, role_items

if TYPE_CHECKING:
    from .catalog import Entry, EventCard, Span
    from .question import Question

Item = tuple[str, list[tuple["EventCard", list["Span | None"]]]]  # lead, (card, spans) per article

TITLE_WORDS = set(TITLE_HEADS) | set(TITLE_MODIFIERS)
PERSON_NOUNS = NOUN_EXPECTS[PERSON]  # "which people", "which officials": no title asked
PREMISE = "The articles do not say that {premise}."
MAX_ITEMS = 12  # lines in one answer; the rest is counted ("and 3 more")
MAX_QUOTE = 260  # a longer sentence is quoted from the clauses around its span
EVENT_WORDS = {"event", "happen", "visit", "meeting", "trip", "ceremony", "conference",
               "signing", "activity", "place", "go", "occur", "delegation", "investigation"}
# what a kind noun in a question selects among the cards' kinds
KIND_WORDS = {"visit": {"visit", "inspection", "meeting"}, "trip": {"visit", "inspection"},
              "meeting": {"meeting", "visit"}, "signing": {"signing"},
              "agreement": {"signing"}, "conference": {"conference"},
              "inspection": {"inspection"}, "investigation": {"inspection"}}


def kind_of(q: Question) -> str | None:
    """Which overview answers the question: "events", "people", "role" or None (not one).

    Fact questions (who, when, where, how many) go to the passages unless they ask for a
    timeline; the overviews are for lists, timelines and periods."""
    words = set(q.tokens) | set(q.focus)
    about_events = bool(words & EVENT_WORDS) or q.expects == "EVENT"
    if q.scope == "timeline":
        return "events"
    if asks_role(q) or q.titles and q.people:  # "what are X's titles", "who is
        return "role"  # the CFO of Y", or a title the question gives someone, to check
    # "who holds a vice chairman title in the articles": everyone with that title
    if q.qtype == "who" and (_across(q) or "articles" in q.tokens) and _title_words(q):
        return "people"
    if q.qtype not in ("what", "which", "other") or q.numbers:
        return None  # a number asked about is a fact to check in the passages
    if q.expects == PERSON and ("both" in words and len(q.names) >= 2 or
                                q.scope == "list" and _across(q)):
        return "people"
    if q.expects == TITLE and q.people and _across(q):  # "what titles does X have across ..."
        return "people"
    # "which city did they visit in November" asks one fact: the passages answer it
    fact = q.scope == "fact" and q.expects not in (None, "EVENT")
    if about_events and (q.when or q.scope == "list") and not q.people and not fact:
        return "events"
    if q.when and not q.people and q.expects in (None, "EVENT") and \
            (q.head is None or q.head in EVENT_WORDS) and q.qtype != "other":
        return "events"
    if q.expects == PLACE and q.scope == "list" and (about_events or words & {"talk", "cooperation"}):
        return "events"
    return None


def _across(q: Question) -> bool:
    return bool({"across", "mentioned", "anywhere", "every", "all", "each"} & set(q.tokens))


class Overview:
    """Composes overview answers from the cards and the articles' bodies."""

    name = "extractive"

    def __init__(self, body: Callable[[str], str],
                 people: Callable[[list[EventCard]], list[Entry]] = directory) -> None:
        self.body = body  # article id -> its body, for the sentences quoted
        self.people = people  # the cards' directory (the assistant keeps one per store version)

    def answer(self, q: Question, cards: list[EventCard],
               passages: Sequence[Passage] = ()) -> Answer | None:
        """The overview answer, or None when the cards hold nothing for it. The retrieved
        passages tell which articles mention the question's names beyond their cards."""
        kind = kind_of(q)
        if kind == "events":
            said: dict[str, str] = {}
            for p in passages:
                said[p.article_id] = f"{said.get(p.article_id, '')}\n{p.title}\n{p.text}"
            return self._events(q, cards, said)
        if kind == "people":
            return self._people(q, cards)
        if kind == "role":
            wrong = misattributed(q, cards, self.people(cards))
            if wrong:
                return self._correct(q, *wrong)
            if not asks_role(q):
                return None
            items = role_items(q, cards, self.people(cards))
            if items:
                return self._compose(q, items, len(items))
            if cards and asks_holder(q):  # nobody in any article holds that post
                return Answer(q.text, NOT_COVERED, True, self.name)
        return None

    def _events(self, q: Question, cards: list[EventCard],
                said: dict[str, str]) -> Answer | None:
        wanted = set().union(*(KIND_WORDS.get(w, set()) for w in set(q.focus) | set(q.tokens)))
        start = q.when.start if q.when else None
        end = q.when.end if q.when else None
        chosen = [c for c in timeline(cards, Filters(start=start, end=end))
                  if (not wanted or c.kind in wanted) and _named(q, c, said.get(c.article_id))]
        items: list[Item] = []
        for card in chosen[:MAX_ITEMS]:
            when = card.date_span.text if card.date_span else str(card.date or "date not stated")
            if card.date_span and card.date and not card.date.year:
                when += " (year not stated)"
            spans = [card.kind_span or card.date_span]
            if card.date_span and card.kind_span:  # the date, when the event sentence lacks it
                spans.append(card.date_span)
            items.append((f"**{when}**", [(card, spans)]))
        return self._compose(q, items, len(chosen)) if items else None

    def _people(self, q: Question, cards: list[EventCard]) -> Answer | None:
        entries = self.people(cards)
        if q.expects == TITLE:
            entries = [e for e in entries if any(name_matches(e.name, p) for p in q.people)]
        elif "both" in q.tokens and len(q.names) >= 2:
            groups = [{c.article_id for c in cards if matches(c, Filters(place=n))
                       or n.lower() in c.title.lower()} for n in q.names]
            entries = [e for e in entries if all(set(e.articles) & g for g in groups)]
        elif _title_words(q):
            entries = [e for e in entries if any(_has_title(s.text, q) for _, s in e.titles)]
        else:
            return None
        by_id = {c.article_id: c for c in cards}
        items: list[Item] = []
        for e in entries[:MAX_ITEMS]:
            titles = [(aid, s) for aid, s in e.titles
                      if q.expects == TITLE or not _title_words(q) or _has_title(s.text, q)]
            per_article: dict[str, list[Span | None]] = {}
            for aid, span in titles or e.mentions:
                per_article.setdefault(aid, []).append(span)
            items.append((f"**{e.name}**", [(by_id[aid], spans[:1])
                                             for aid, spans in per_article.items()]))
        return self._compose(q, items, len(entries)) if items else None

    def _correct(self, q: Question, premise: str, items: list[Item]) -> Answer:
        """A title the question gives someone that no article gives them: say so, then the
        titles the articles do give, each with its quote."""
        said = self._compose(q, items, len(items))
        said.text = f"{PREMISE.format(premise=premise)} They report:\n{said.text}"
        said.premise = premise
        return said

    def _compose(self, q: Question, items: list[Item], total: int) -> Answer:
        """One line per item: its lead in bold, then each article's quote with its [n]."""
        quoted = [(head, [(card, [self._sentence(card, s) for s in spans if s] or
                           [self._sentence(card, None)]) for card, spans in parts])
                  for head, parts in items]
        flat = [_passage(card, quote) for _, parts in quoted for card, quotes in parts
                for quote in dict.fromkeys(quotes)]
        citations = cite([(p, Quote(p.text, p.start, p.end)) for p in flat])
        number = {c.article_id: c.n for c in citations}
        lines, leads = [], []
        for head, parts in quoted:
            said = "; ".join(" … ".join(f"“{t}”" for t in dict.fromkeys(q.text for q in quotes))
                             + f" [{number[card.article_id]}]" for card, quotes in parts)
            lines.append(f"- {head}: {said}")
            n = number[parts[0][0].article_id]
            leads += [Lead(bold, n) for bold in re.findall(r"\*\*(.+?)\*\*", head)]
        if total > len(items):
            lines.append(f"- … and {total - len(items)} more (narrow the question or use the "
                         "Briefing tab).")
        return Answer(q.text, "\n".join(lines), False, self.name, citations, evidence=1.0,
                      leads=leads, passages=flat)

    def _sentence(self, card: EventCard, span: Span | None) -> Quote:
        """The sentence of the article body that holds the span (the first one if no span)."""
        body = self.body(card.article_id)
        at = span.start if span else 0
        for start, end in sentence_spans(body):
            if start <= at < end or span is None:
                inside = [(span.start - start, span.end - start)] if span else []
                piece, offset = clause_window(body[start:end], inside, set(), MAX_QUOTE)
                return Quote(piece, start + offset, start + offset + len(piece))
        return Quote(span.text, span.start, span.end) if span else Quote("", 0, 0)


def _named(q: Question, card: EventCard, said: str | None) -> bool:
    """The card, or a retrieved passage of its article, holds one of the names the question
    mentions (no name: every card)."""
    names = [n for n in q.names if n.lower() not in TIMELINE_WORDS]
    if not names:
        return True
    text = " ".join([card.title, *(s.text for s in card.places), said or "",
                     *(s.text for s in card.organisations), *(p.name.text for p in card.people)])
    return any(n.lower() in text.lower() for n in names)


def _title_words(q: Question) -> list[str]:
    """The words of a title the question names ("called General Manager", "vice chairman"),
    singular; else its head noun and that noun's modifiers ("deputy district governors")."""
    named = [t.rstrip("s") for t in q.tokens if t.rstrip("s") in TITLE_WORDS]
    if any(t in TITLE_HEADS for t in named):
        return named
    return [w.rstrip("s") for w in (q.head or "", *q.modifiers) if w and w not in PERSON_NOUNS]


def _has_title(title: str, q: Question) -> bool:
    """The title holds every title word the question asks for."""
    words = {w.lower().rstrip("s") for w in title.replace(",", " ").split()}
    wanted = _title_words(q)
    return bool(wanted) and all(w in words for w in wanted)


def _passage(card: EventCard, quote: Quote | None = None) -> Passage:
    """The quoted text of the card's article as a passage: what the answer rests on."""
    date = str(card.date) if card.date else ""
    q = quote or Quote("", 0, 0)
    return Passage(f"{card.article_id}#card#{q.start}", card.article_id, card.title, date,
                   card.source, q.text, q.start, q.end, 0.0, 0.0)

