"""The act a question asks about, in a sentence: whether the sentence reports it (its past form,
a kindred verb, an idiom's words), who did it (of the people in it, those named before its verb or
after it in the passive; of several, the one whose titles name the body asked about), and whether
it answers a yes/no question yes. Read from the entities found at ingest and the words around
them; no language model runs here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.lexicon import IDIOMS, SPEECH
from assistant.question.premise import kindred, past_forms
from assistant.records import Entity
from assistant.text.beside import ANSWER, beside
from assistant.text.nlp import ORG, PERSON, PLACE, person_key
from assistant.text.sentences import WORD, term_set, terms

if TYPE_CHECKING:
    from assistant.records import Candidate, Question


def of_body(question: Question, c: Candidate, people: list[Entity]) -> list[Entity]:
    """Of several people, those whose titles beside the name name a body the question names
    ("who signed for Lingang Group": the one "..., President of Lingang Group"); all of them
    when none or every one does."""
    bodies = [n.lower() for n in question.names if n not in question.people]
    if not bodies:
        return people
    chosen = [e for e in people if any(b in " ".join(t.text for t in roles_of(c, e)).lower()
                                       for b in bodies)]
    return chosen if chosen and len(chosen) < len(people) else people


def for_body(question: Question, c: Candidate) -> bool:
    """A lead person stands for the body or place the question ties them to ("which Hongkou
    official ..."): it is in their titles, or between their name and the act ("X, on behalf of
    the Hongkou District Committee, thanked ..."), not only the act's object ("thanked Hongkou")."""
    body = (question.affiliation or "").lower()
    if not body:
        return False
    forms = set(terms(" ".join(kindred(question.predicate)))) if question.predicate else set()
    for e in c.leads:
        if body in " ".join(t.text for t in roles_of(c, e)).lower():
            return True
        after = c.text[e.end - c.start:]
        aside = re.match(r"\s*,([^,]{1,160}),", after)  # "X, on behalf of the Y, thanked"
        verb = next((m.start() for m in WORD.finditer(after) if terms(m.group())[:1] and
                     terms(m.group())[0] in forms), None)
        if aside and body in aside.group(1).lower() or \
                verb is not None and body in after[:verb].lower():
            return True
    return False


def roles_of(c: Candidate, person: Entity) -> list[Entity]:
    """The titles and bodies written right before a person's name, with the place or body
    before such a title ("Shiga Governor X": "Shiga", "Governor"), and right after it ("X, T1
    and T2 of Y")."""
    ents = sorted(c.entities, key=lambda e: e.start)
    earlier = [e for e in ents if e.end <= person.start]
    following = [e for e in ents if e.start >= person.end]
    base, text = c.passage.start, c.passage.text
    before, after = beside(text, person, earlier[-1] if earlier else None, following, ANSWER, base)
    if before is None:
        return after
    whose = earlier[-2] if len(earlier) > 1 else None
    if whose is not None and whose.kind in (PLACE, ORG) and \
            text[whose.end - base:before.start - base] in (" ", "'s ", "’s "):
        return [whose, before, *after]
    return [before, *after]


def actors(verb: str, c: Candidate, people: list[Entity], strict: bool = False) -> list[Entity]:
    """Of the people in a sentence, those who do the act asked about: named before its verb
    ("X received the visitors", "X extended a welcome to Y"), or after it in the passive
    ("the visitors were received by X"; a body first when the first agent named is one: "was
    established by the Commission"). All of them when the sentence lacks the verb or names no
    one in those places; `strict`: none then."""
    forms = set(terms(" ".join(kindred(verb))))
    found = None
    for m in WORD.finditer(c.text):
        if terms(m.group())[:1] and terms(m.group())[0] in forms and \
                not any(e.start <= c.start + m.start() < e.end for e in c.entities):
            found = m
            break
    if found is None:
        return [] if strict else people
    at = c.start + found.start()
    before = c.text[:found.start()].split()[-1:]
    by = re.match(r"([^,.;]{0,30}?)\bby\b", c.text[found.end():])
    passive = before in (["was"], ["were"], ["been"], ["be"], ["is"], ["are"]) or \
        by is not None and not re.search(r"ed\b", by.group(1))  # "met a group led by X": active
    if passive:  # "received by X"; "established by the Commission": a body, not a person
        after = [e for e in c.entities if e.start > at and e.kind in (PERSON, ORG)]
        return [e for e in after[:1] if e.kind == ORG] + [e for e in people if e.start > at] \
            if after or strict else people
    chosen = [e for e in people if e.start < at and not _introduced(c, e)]
    return chosen if strict else chosen or people


def _introduced(c: Candidate, e: Entity) -> bool:
    """The name follows "by" or "with": "Accompanied by X, Y leads" names X as company, not actor."""
    before = c.passage.text[max(0, e.start - c.passage.start - 12):e.start - c.passage.start]
    words = before.lower().split()
    return bool(words) and words[-1] in ("by", "with")


def free_terms(c: Candidate) -> set[str]:
    """The sentence's terms outside its names and titles: the verbs of what happened, without
    "presid" of "President" passing for "presided"."""
    text = c.text
    for e in c.entities:
        text = text[:e.start - c.start] + " " * (e.end - e.start) + text[e.end - c.start:]
    return set(terms(text))


def reports_act(question: Question, c: Candidate) -> int:
    """How the sentence reports the question's act: 2 in its past form ("signed"), 1 by the
    stem of the verb or a kindred one ("signing"), 0 not at all."""
    if not question.predicate:
        return 0
    if past_forms(question.predicate) & {w.lower() for w in WORD.findall(c.text)}:
        return 2
    return int(bool(set(terms(" ".join(kindred(question.predicate)))) & free_terms(c)))


def reports_any(question: Question, c: Candidate) -> bool:
    """The sentence reports the act asked, or another act of the question in its past form."""
    return bool(reports_act(question, c)) or bool(other_acts(question, c))


def other_acts(question: Question, c: Candidate) -> list[str]:
    """The question's further acts the sentence reports in their past form ("who visited ...
    and who received them?": "They were received by ...")."""
    said = {w.lower() for w in WORD.findall(c.text)}
    return [p for p in question.predicates[1:] if past_forms(p) & said]


def confirms(question: Question, c: Candidate) -> bool:
    """A yes/no question the sentence answers yes: it reports the act asked about in the past
    form, or (no act asked) holds every word the question asks about; never an "A or B?"."""
    if question.qtype != "yesno" or "or" in question.tokens or not c.meets:
        return False
    people = [e for e in c.entities if e.kind == PERSON]
    known = {person_key(e.text) for e in c.passage.entities if e.kind == PERSON}
    asked = [person_key(p) for p in question.people if person_key(p) in known]  # not "Hongkou"
    if not set(asked) <= {person_key(e.text) for e in people}:
        return False  # the sentence names everyone asked about (bodies: in the article) ...
    if question.predicate and asked:  # ... and the first of them did the act
        doers = actors(question.predicate, c, people)
        if asked[0] not in {person_key(e.text) for e in doers}:
            return False
    if question.predicate:
        return reports_act(question, c) == 2
    words = set(terms(" ".join(question.focus))) - set(terms(" ".join(question.names)))
    return bool(words) and words <= c.terms


def act_terms(question: Question) -> tuple[set[str], set[str]] | None:
    """The question's own words for its act (the verb's stem, or an idiom's: "put pen to
    paper"), and the stems of the verbs that report the same act."""
    if not question.predicate:
        return None
    own = set(terms(question.standalone))
    kin = set(terms(" ".join(kindred(question.predicate))))
    asked = kin & own  # as the question words it: "met" is "meet"
    for phrase, verb in IDIOMS.items():
        if verb == question.predicate and set(terms(phrase)) <= own:
            asked |= set(terms(phrase))
    return asked, kin


def done_by_another(question: Question, ranked: list[Candidate]) -> Candidate | None:
    """A question that takes for granted that a person did an act ("Why did X preside over Y?",
    "What did X say when he signed Z?") whose sentences report the act done by someone else
    and never by X: the sentence that says who did it; None when X did it, or no sentence says.
    """
    if not question.predicate or not question.actor or \
            question.qtype not in ("why", "what", "when", "where", "how_many"):
        return None
    asked = person_key(question.actor)
    other = None
    for c in ranked:
        reported = reports_act(question, c)
        if not c.meets or not reported:
            continue
        people = [e for e in c.entities if e.kind == PERSON]
        doers = {person_key(e.text) for e in actors(question.predicate, c, people, strict=True)}
        if asked in doers:
            return None
        # someone else did it ("arrived" by a delegation, "welcomed by" the one asked about)
        if other is None and (reported == 2 and doers or
                              asked in {person_key(e.text) for e in people}):
            other = c
    return other


def speaks(speaker: str, c: Candidate) -> bool:
    """The sentence reports words of the person asked about: their name (a part of it, or "he"
    or "she", opening it: "Liu noted"; "he" in a sentence naming nobody else: "..., he said,")
    and a verb of speech. Being listed among those present is not saying anything."""
    words = {w.lower() for w in WORD.findall(c.text)}
    said = bool(c.terms & term_set(SPEECH) or words & SPEECH)  # "said" is a stopword
    first = c.text.split(maxsplit=1)[:1]
    named = set(person_key(speaker).split()) <= words or \
        first and first[0].lower() in person_key(speaker).split() or \
        first in (["He"], ["She"]) or \
        bool(words & {"he", "she"}) and not any(e.kind == PERSON for e in c.entities)
    return said and named
