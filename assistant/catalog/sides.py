"""Visiting and receiving sides of an event card's people, from the dependency parse.

Only the sentences that carry a visit, welcome or accompany word are parsed. A person is placed by
the first of, in order: a verb that reports what happened ("X visited", "were received by Y",
"Y extended a warm welcome to X"), membership of the delegation ("members of the delegation"); then,
for the people no sentence placed, belonging to a body named in a side's own words ("a delegation
of leaders from the A and the B went to" places a Vice Chairman of the B, named later); last, being
named in the clause after "during the visit to P" (the hosts speak there; visitors are placed
earlier by their verb).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.catalog.cards import Party, Person
from assistant.lexicon import (
    DELEGATION_PHRASES,
    LIGHT_NOUNS,
    SIDE_TRIGGERS,
    SIDE_VERBS,
    VISIT_NOUNS,
    alternation,
)
from assistant.records import Span
from assistant.text.nlp import ORG
from assistant.text.sentences import sentence_spans

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from assistant.records import Entity
    from assistant.text.nlp import NLP

TRIGGER = re.compile(alternation(SIDE_TRIGGERS), re.IGNORECASE)
DELEGATION_RE = re.compile(rf"\b(?:{alternation(DELEGATION_PHRASES)})\b", re.IGNORECASE)


def assign_sides(body: str, people: list[Person], entities: list[Entity],
                 nlp: NLP) -> list[Party]:
    """Set each person's side and the words that place them (see the module's docstring); the
    bodies named in a side's own words, each once, on one side only."""
    by_start = {m.start: p for p in people for m in p.mentions}
    bodies: dict[str, set[str]] = {}  # body named in a side's words -> the sides naming it
    named: dict[str, Span] = {}
    hosts: list[tuple[Person, Span]] = []
    for base, end in sentence_spans(body):
        text = body[base:end]
        inside = {s: p for s, p in by_start.items() if base <= s < end}
        if not TRIGGER.search(text):
            continue
        delegation = DELEGATION_RE.search(text)
        if delegation and inside:
            span = Span(delegation.group(), base + delegation.start(), base + delegation.end())
            for p in inside.values():
                _place(p, "visiting", span)
        doc = nlp.parse(text)
        for verb, side, lo, hi, words in verb_sides(doc):
            span = Span(verb.text, base + verb.idx, base + verb.idx + len(verb))
            for start, p in inside.items():
                if lo <= start - base < hi:
                    _place(p, side, span)
            for e in entities:
                if e.kind == ORG and base + words[0] <= e.start and e.end <= base + words[1]:
                    bodies.setdefault(_bare(e.text), set()).add(side)
                    named.setdefault(_bare(e.text), Span(e.text, e.start, e.end))
        for lo, span in _during(doc):
            hosts += [(p, Span(span[0], base + span[1], base + span[2]))
                      for start, p in inside.items() if start - base >= lo]
    sided = {name: next(iter(s)) for name, s in bodies.items() if len(s) == 1}
    for p in people:
        said = " | ".join(_bare(t.text) for t in [*p.titles, p.organisation] if t)
        member = [name for name in sided if len(name.split()) > 1 and name in said]
        if p.side == "other" and member and len({sided[n] for n in member}) == 1:
            _place(p, sided[member[0]], p.titles[0] if p.titles else p.name)
    for p, span in hosts:
        _place(p, "receiving", span)
    return [Party(named[name], side) for name, side in sided.items()]


def verb_sides(doc: Doc) -> list[tuple[Token, str, int, int, tuple[int, int]]]:
    """(verb token, side, start, end, the argument's own words): the character range of each
    argument placed on a side, and of the parsed argument alone.

    An active verb's subject side is everything before it in the sentence: the parser often
    attaches a long list of "Name, Title," to something else. Only verbs that report what
    happened count: finite or passive, not "can visit" or "to visit"."""
    out = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        noun = LIGHT_NOUNS.get(lemma)
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        if noun and any(c.lemma_.lower() == noun for c in objects):
            lemma = noun  # "paid a working visit to", "extended a warm welcome to"
        sides = SIDE_VERBS.get(lemma)
        if not sides or tok.pos_ != "VERB":
            continue
        passive = any(c.dep_ in ("auxpass", "agent") for c in tok.children)
        modal = any(c.dep_ == "aux" and c.tag_ in ("MD", "TO") for c in tok.children)
        if modal or not (passive or tok.tag_ in ("VBD", "VBZ", "VBP")):
            continue
        if not passive:
            subjects = [c for c in tok.children if c.dep_ == "nsubj"]
            out.append((tok, sides[0], 0, tok.idx, _reach(subjects)))
        for child in _arguments(tok, lemma != tok.lemma_.lower()):
            side = sides[0] if child.dep_ == "agent" else sides[1]
            if side:
                reach = _reach([child])
                out.append((tok, side, *reach, reach))
    return out


def _arguments(verb: Token, light: bool) -> list[Token]:
    """The agent and the object of a side verb; of a light verb, the noun's "to" object."""
    if not light:
        return [c for c in verb.children if c.dep_ in ("agent", "dobj", "nsubjpass")]
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"]
    preps += [g for c in verb.children if c.dep_ == "dobj"
              for g in c.children if g.dep_ == "prep" and g.lower_ == "to"]
    return [o for p in preps[:1] for o in p.children if o.dep_ == "pobj"]


def _reach(tokens: list[Token]) -> tuple[int, int]:
    """The character range the tokens' subtrees cover (empty when none)."""
    sub = [t for tok in tokens for t in tok.subtree]
    if not sub:
        return (0, 0)
    first, last = min(sub, key=lambda t: t.i), max(sub, key=lambda t: t.i)
    return first.idx, last.idx + len(last)


def _during(doc: Doc) -> list[tuple[int, tuple[str, int, int]]]:
    """Where the clause after "during the visit to P," starts, and the words "during ... P"."""
    found = []
    for tok in doc:
        if tok.lower_ != "during":
            continue
        nouns = [c for c in tok.children if c.dep_ == "pobj" and c.lemma_.lower() in VISIT_NOUNS]
        if nouns and any(c.dep_ == "prep" and c.lower_ in ("to", "of") for c in nouns[0].children):
            comma = next((t for t in doc[tok.i:] if t.text == ","), None)
            if comma is not None:
                words = doc[tok.i:comma.i]
                found.append((comma.idx, (words.text, words.start_char, words.end_char)))
    return found


def _place(person: Person, side: str, span: Span) -> None:
    if person.side == "other":
        person.side, person.side_span = side, span


def _bare(text: str) -> str:
    low = text.casefold()
    return low.removeprefix("the ")
