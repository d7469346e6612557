"""Answers about many articles, from the event cards: timelines, events in a period, people across
articles. Each item is one line with its own [n] and a verbatim quote of the sentence it rests on.

The question analysis decides when a question is of this kind (`router.kind_of`); a question it
does not recognise goes to the passage answerers, as do questions the cards cannot answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from assistant.answering.extractive.constraints import written
from assistant.answering.overview.quoting import card_passage, outermost, quote
from assistant.answering.overview.roles import role_answer
from assistant.answering.overview.roster import (
    common_bodies,
    event_groups,
    members,
    mentions,
    per_article,
    side_bodies,
    signed,
    titles_of,
    titles_per_article,
    when,
    with_name,
)
from assistant.catalog.cards import Filters, directory, matches, name_matches, timeline
from assistant.lexicon import KIND_WORDS, NAME_WORDS, SIGN_WORDS, TIMELINE_WORDS, TITLE_HEADS
from assistant.question.posts import asked_people
from assistant.question.router import has_title, kind_of, name_parts, title_terms
from assistant.records import Answer, Lead, Quote, cite
from assistant.text.nlp import DATE, ORG, PERSON, TITLE
from assistant.text.sentences import WORD, terms

if TYPE_CHECKING:
    from assistant.catalog.cards import Entry, EventCard
    from assistant.records import Passage, Question, Span

Item = tuple[str, list[tuple["EventCard", list[list["Span"]]]]]  # lead, (card, quote groups)

MAX_ITEMS = 12  # lines in one answer; the rest is counted ("and 3 more")


class Overview:
    """Composes overview answers from the cards and the articles' bodies."""

    name = "extractive"

    def __init__(self, body: Callable[[str], str],
                 people: Callable[[list[EventCard]], list[Entry]] = directory) -> None:
        self.body = body  # article id -> its body, for the sentences quoted
        self.people = people  # the cards' directory (the assistant keeps one per store version)

    def answer(self, q: Question, cards: list[EventCard], passages: Sequence[Passage] = (),
               kind: str | None = None) -> Answer | None:
        """The overview answer (of `kind`, else the one `kind_of` picks), or None when the cards
        hold nothing for it. The retrieved passages tell which articles mention the question's
        names beyond their cards."""
        kind = kind or kind_of(q)
        said: dict[str, str] = {}
        for p in passages:
            said[p.article_id] = f"{said.get(p.article_id, '')}\n{p.title}\n{p.text}"
        if kind == "events":
            return self._events(q, cards, said)
        if kind == "people" and not q.affiliation:
            return self._people(q, cards)
        if kind == "role":
            return role_answer(q, cards, self.people(cards),  # who holds it, or what X holds
                               lambda items: self._compose(q, items, len(items), q.expects or ""))
        items: list[Item] = []
        if kind == "people":  # everyone of the body or place the question names
            titled = any(w in TITLE_HEADS for w in title_terms(q))
            items = members(cards, q.affiliation or "",
                            (lambda text: has_title(text, q)) if titled else None)
        elif kind == "titles":
            items = titles_of(cards, asked_people(q))
        elif kind == "bodies":
            people = asked_people(q)
            items = side_bodies(cards, people) if people and "both" not in q.tokens \
                else common_bodies(cards, list(q.names))
        elif kind == "mentions":
            items = mentions(cards, list(q.names), said, self.body)
        elif kind == "signed":
            items = signed([c for c in cards if _named(q, c, said.get(c.article_id))], q)
        led = {"people": PERSON, "titles": PERSON, "bodies": ORG}.get(kind, "")
        return self._compose(q, items[:MAX_ITEMS], len(items), led) if items else None

    def _events(self, q: Question, cards: list[EventCard],
                said: dict[str, str]) -> Answer | None:
        wanted = set().union(*(KIND_WORDS.get(w, set()) for w in set(q.focus) | set(q.tokens)))
        start = q.when.start if q.when else None
        end = q.when.end if q.when else None
        # a conference or meeting whose headline says something was signed is a signing too
        chosen = [c for c in cards if (not wanted or c.kind in wanted or "signing" in wanted
                                       and bool(set(SIGN_WORDS) & set(terms(c.title))))
                  and _named(q, c, said.get(c.article_id))]
        return self.dated(q, chosen, Filters(start=start, end=end))

    def dated(self, q: Question, cards: list[EventCard], filters: Filters | None = None,
              ) -> Answer | None:
        """The events of the cards (those in the period of `filters`), oldest first, each led
        by its date."""
        chosen = timeline(cards, filters)
        items: list[Item] = [(f"**{when(card)}**", [(card, event_groups(card))])
                             for card in chosen[:MAX_ITEMS]]
        return self._compose(q, items, len(chosen), DATE) if items else None

    def _people(self, q: Question, cards: list[EventCard]) -> Answer | None:
        entries = self.people(cards)
        if q.expects == TITLE:
            entries = [e for e in entries if any(name_matches(e.name, p) for p in q.people)]
        elif "both" in q.tokens and len(q.names) >= 2:
            groups = [{c.article_id for c in cards if matches(c, Filters(place=n))
                       or n.lower() in c.title.lower()} for n in q.names]
            entries = [e for e in entries if all(set(e.articles) & g for g in groups)]
        elif set(q.tokens) & NAME_WORDS and name_parts(q):
            entries = [e for e in entries if any(name_matches(e.name, n) for n in name_parts(q))]
        elif title_terms(q):
            entries = [e for e in entries if any(has_title(s.text, q) for _, s in e.titles)]
        else:
            return None
        by_id = {c.article_id: c for c in cards}
        items: list[Item] = []
        for e in entries[:MAX_ITEMS]:
            every = q.expects == TITLE or not title_terms(q)
            spans = titles_per_article(e, None if every else lambda s: has_title(s.text, q)) \
                or per_article(e.mentions)
            items.append((f"**{e.name}**", [(by_id[aid], [with_name(by_id[aid], e.key, found[0])])
                                             for aid, found in spans.items()]))
        return self._compose(q, items, len(entries), PERSON) if items else None

    def _compose(self, q: Question, items: list[Item], total: int, kind: str = "") -> Answer:
        """One line per item: its lead in bold (of `kind`, where known), then each article's
        quote with its [n]."""
        wanted = set(terms(q.standalone))
        quoted = [(head, [(card, [quote(self.body(card.article_id), g, wanted) for g in groups
                                  if g] or [quote(self.body(card.article_id), [], wanted)])
                          for card, groups in parts]) for head, parts in items]
        quoted = [(head, [(card, outermost(quotes)) for card, quotes in parts])
                  for head, parts in quoted]
        flat = [card_passage(card, piece) for _, parts in quoted for card, quotes in parts
                for piece in quotes]
        citations = cite([(p, Quote(p.text, p.start, p.end)) for p in flat])
        number = {c.article_id: c.n for c in citations}
        lines, leads = [], []
        for head, parts in quoted:
            said = "; ".join(" … ".join(f"“{t}”" for t in dict.fromkeys(q.text for q in quotes))
                             + f" [{number[card.article_id]}]" for card, quotes in parts)
            lines.append(f"- {head}: {said}")
            n = number[parts[0][0].article_id]
            leads += [Lead(bold, n, kind) for bold in re.findall(r"\*\*(.+?)\*\*", head)]
        if total > len(items):
            lines.append(f"- … and {total - len(items)} more (narrow the question or use the "
                         "Briefing tab).")
        return Answer(q.text, "\n".join(lines), False, self.name, citations, evidence=1.0,
                      leads=leads, passages=flat)


def _named(q: Question, card: EventCard, said: str | None) -> bool:
    """The card, or a retrieved passage of its article, holds the names the question mentions
    (in any form: "Chinese" for "China"): one of them for a list or timeline (its articles may
    each name another), all of them for one fact ("what did X agree with Y"); no name: every
    card."""
    names = [n for n in q.names if n.lower() not in TIMELINE_WORDS]
    if not names:
        return True
    text = " ".join([card.title, *(s.text for s in card.places), said or "",
                     *(s.text for s in card.organisations), *(p.name.text for p in card.people)])
    words = {w.lower() for w in WORD.findall(text)}
    found = [n.lower() in text.lower() or all(written(w.lower(), words) for w in WORD.findall(n))
             for n in names]
    return any(found) if q.scope != "fact" else all(found)
