"""Follow-ups: a question read against the previous turn, whose answer's lead spans and cited
articles are what "they", "his" or "that official" refer to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.lexicon import (
    DEMONSTRATIVES,
    ELLIPSIS_OPENERS,
    ELLIPSIS_WORDS,
    EVENT_NOUNS,
    EVENT_VERBS,
    FOLLOW_PRONOUNS,
    ORDINAL_NOUNS,
    ORDINALS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    POSSESSIVE_PRONOUNS,
    TITLE_WORDS,
)
from assistant.records import Previous
from assistant.text.dates import parse_date
from assistant.text.nlp import entities

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def resolve(doc: Doc, previous: Previous | None) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """Replace a follow-up's pronoun ("they", "his", "that official") with the previous
    answer's lead spans; without leads, carry the previous question's names."""
    if previous is None:
        return (), (), doc.text
    picked = _ordinal(doc, previous.leads)
    if picked is not None:  # "the second one": that lead of the previous answer
        lead, start, end = picked
        return (lead,), previous.articles, doc.text[:start] + lead + doc.text[end:]
    pronoun = next((t for t in doc if t.lower_ in FOLLOW_PRONOUNS and (
        t.pos_ in ("PRON", "DET") and not (t.lower_ in ("that", "this") and t.dep_ == "mark")
        or _determined(t) is not None)), None)
    elided = len(doc) <= 6 and doc[0].lower_ in ELLIPSIS_OPENERS and \
        not entities(doc) and any(t.lower_ in ELLIPSIS_WORDS for t in doc)
    if pronoun is None and not elided:
        return (), (), doc.text
    leads = previous.leads
    said = pronoun.lower_ if pronoun is not None else ""
    if said in PERSON_PRONOUNS:
        leads = tuple(lead for lead in leads if parse_date(lead) is None  # a person, not a date
                      and lead.split()[0].lower() not in TITLE_WORDS)  # ... nor a title
        if said not in PLURAL_PRONOUNS and previous.people:  # "he": a person the answer named
            leads = tuple(lead for lead in leads if lead in previous.people) or leads
    if said in ("it", "its"):  # "it" is never a person: the thing or event asked about
        leads = () if previous.question.lower().startswith(("who ", "whom ")) else \
            tuple(lead for lead in leads if lead not in previous.people)
    if pronoun is not None and pronoun.lower_ not in PLURAL_PRONOUNS:
        leads = leads[:1]
    event = pronoun is not None and pronoun.lower_ in ("that", "this", "it") and \
        pronoun.dep_ in ("nsubj", "nsubjpass")  # "when will that take place?"
    noun = _determined(pronoun) if pronoun is not None else None
    # "that briefing" after an answer that named people: the event, not one of them
    named = noun is not None and noun.lemma_.lower() not in PERSON_NOUNS | TITLE_WORDS and \
        bool(previous.people) and set(previous.leads) <= set(previous.people)
    # an event, not a lead: "when did that happen", "when was that" (no one's time or place),
    # "that meeting", "this visit"
    if noun is not None and noun.lemma_.lower() in EVENT_NOUNS or named or event and (
            not leads or pronoun.head.lemma_ in EVENT_VERBS or pronoun.head.lemma_ == "be"
            and doc[0].lower_ in ("when", "where")):
        told = f" {previous.quote}" if previous.quote else ""
        return (), previous.articles, f"{doc.text} ({previous.question}{told})"
    if not leads:
        carried = [n for n in previous.names if n not in doc.text]  # apart: one name each
        return (), previous.articles, f"{doc.text} ({', '.join(carried)})" if carried else doc.text
    joined = " and ".join(leads) if len(leads) < 3 else ", ".join(leads[:-1]) + " and " + leads[-1]
    if pronoun is None:
        return leads, previous.articles, f"{doc.text} ({joined})"
    start, end = pronoun.idx, pronoun.idx + len(pronoun.text)
    if noun is not None:  # "that official": the phrase
        end = noun.idx + len(noun.text)
    owner = pronoun.lower_ in POSSESSIVE_PRONOUNS and \
        pronoun.dep_ == "poss"
    replacement = f"{joined}'s" if owner else joined
    return leads, previous.articles, doc.text[:start] + replacement + doc.text[end:]


def _ordinal(doc: Doc, leads: tuple[str, ...]) -> tuple[str, int, int] | None:
    """ "The second one", "the first of them", "the last person's": the lead at that place of
    the previous answer, and the characters the phrase spans; None without such a phrase."""
    if len(leads) < 2:
        return None
    for t in doc:
        at = ORDINALS.get(t.lower_)
        if at is None or not -len(leads) <= at < len(leads):
            continue
        end = t.i + 1
        while end < len(doc) and doc[end].lower_ in ORDINAL_NOUNS:
            end += 1
        the = t.i > 0 and doc[t.i - 1].lower_ == "the"
        if end == t.i + 1 and (not the or end < len(doc) and not doc[end].is_punct and
                               doc[end].lower_ not in ("'s", "’s")):
            continue  # "the first conference", "who came first": not one of the leads
        start = t.i - 1 if the else t.i
        return leads[at], doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    return None


def _determined(t: Token) -> Token | None:
    """The noun a demonstrative points with ("that official", "those companies"), also where the
    parser reads "that" as a conjunction and the noun as an adjective."""
    if t.lower_ not in DEMONSTRATIVES:
        return None
    if t.dep_ == "det" and t.head.pos_ == "NOUN":
        return t.head
    after = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    if t.dep_ == "mark" and after is not None and after.pos_ in ("NOUN", "ADJ") and \
            after.i + 1 < len(t.doc) and t.doc[after.i + 1].pos_ in ("DET", "ADP", "PUNCT"):
        return after
    return None
