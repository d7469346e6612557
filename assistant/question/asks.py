"""What a question asks for, read from its parse: its type (who, when, where, how many, which,
what, why, yes/no), the kind of answer it expects, its head noun, the noun it counts or the unit it
measures in, and its scope (one fact, a list, a timeline). analyse.py builds the Question on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.lexicon import (
    CURRENCIES,
    EVENT_NAME_HEADS,
    LIST_WORDS,
    MONEY_NOUNS,
    MONEY_VERBS,
    NOUN_EXPECTS,
    ORDER_OPENERS,
    QUANTITY_WORDS,
    TIMELINE_WORDS,
    TITLE_HEADS,
    WH_TYPES,
    YESNO_OPENERS,
)
from assistant.text.nlp import DATE, NUMBER, PERSON, PLACE, TITLE

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# what an amount of money is asked by ("the value of the agreement"): a number with a currency
MONEY = "money"


def question_type(doc: Doc) -> tuple[str, str | None, str | None, str | None]:
    """(question type, expected answer kind, head noun lemma, counted noun lemma)."""
    words = [t for t in doc if not t.is_punct]
    if not words:
        return "other", None, None, None
    for i, t in enumerate(words):
        low = t.lower_
        if low == "how" and i + 1 < len(words) and words[i + 1].lower_ in QUANTITY_WORDS:
            counted = _counted(words[i + 2:]) if words[i + 1].lower_ == "many" else _unit(doc)
            if words[i + 1].lower_ == "much" and (_counted(words[i + 2:]) in MONEY_NOUNS or
                                                   counted is None and _spends(words[i + 2:])):
                counted = MONEY  # "how much money", "how much will X invest": an amount
            return "how_many", NUMBER, counted, counted
        if low in WH_TYPES and t.tag_ in ("WP", "WDT", "WRB", "WP$") and \
                not (t.head.dep_ == "relcl" and i > 0) and not (  # "the ceremony where ..."
                    t.head.dep_ == "advcl" and _asks_later(words[i + 1:])):  # "When X came, who"
            qtype = WH_TYPES[low]
            if qtype == "who" and t.head.lemma_ == "be" and _names_someone(t.head):
                return "who", TITLE, None, None  # "Who is Tao Wen?": their role
            head = _wh_head(t) if qtype in ("which", "what") else None
            if head in MONEY_NOUNS:
                return qtype, NUMBER, head, MONEY
            return qtype, _expects(qtype, head, doc), head, None
    if words[0].pos_ == "AUX" or words[0].lower_ in YESNO_OPENERS:
        return "yesno", None, None, None
    head = _object_head(doc)
    return "other", _expects("what", head, doc), head, None


def _asks_later(rest: list[Token]) -> bool:
    """A wh-word further on asks the question ("When X came, how many ...?")."""
    return any(t.lower_ in WH_TYPES and t.tag_ in ("WP", "WDT", "WRB", "WP$") or
               t.lower_ == "how" for t in rest)


def _names_someone(verb: Token) -> bool:
    """The copula's other side is a proper name ("Who is Tao Wen?", not "Who is the CFO?" nor
    "Who was China's Ambassador to Sri Lanka?" nor "Who was the Party Secretary of Shantou?": a
    title written in capitals, or after an article)."""
    return any(c.dep_ in ("nsubj", "attr") and c.pos_ == "PROPN" and c.lower_ != "who"
               and c.ent_type_ != TITLE and not any(g.dep_ == "det" for g in c.children)
               and not (c.lower_ in TITLE_HEADS and any(g.dep_ == "poss" for g in c.children))
               and not any(g.lower_ in ("'s", "’s") for g in c.children) for c in verb.children)


def _spends(rest: list[Token]) -> bool:
    """ "How much will X invest (in Y)": a verb of paying asked about, no noun after "much"."""
    return any(t.pos_ == "VERB" and t.lemma_.lower() in MONEY_VERBS for t in rest)


def _unit(doc: Doc) -> str | None:
    """The unit a measure is asked in: "how large is it in hectares" -> hectare (a bare noun
    after "in", plural or a currency; "in the park" is a place, "plants in operation" a state,
    not a unit)."""
    for t in doc:
        if t.dep_ == "pobj" and t.head.lower_ == "in" and t.pos_ == "NOUN" and \
                (t.tag_ == "NNS" or t.lemma_.lower() in CURRENCIES) and \
                not any(c.dep_ in ("det", "poss") for c in t.children):
            return t.lemma_.lower()
    return None


def _counted(rest: list[Token]) -> str | None:
    """The counted noun's lemma: the last noun of the phrase after "how many" ("sub-venues"), or
    after "how many of the (50)" ("how many of the 50 projects": projects)."""
    if len(rest) > 1 and rest[0].lower_ == "of" and rest[1].lower_ in ("the", "these", "those"):
        rest = rest[2:]
    noun = None
    for t in rest:
        if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or t.tag_ in ("NNS", "NN"):
            if t.pos_ not in ("ADJ", "NUM"):  # "Fortune Global 500 companies": companies
                noun = t
            continue
        break
    if noun is None:
        return None
    return noun.lemma_.lower().split("-")[-1]


def _compound_head(noun: Token) -> str:
    """The last noun of a compound: "which party chief" -> chief, "Party secretaries" ->
    secretary."""
    while noun.dep_ == "compound" and noun.head.pos_ == "NOUN" and noun.head.i > noun.i:
        noun = noun.head
    return noun.lemma_.lower()


def _wh_head(wh: Token) -> str | None:
    """The noun a which/what word asks for: "which cities", "what positions", "what is X's role"."""
    if wh.dep_ == "det" and wh.head.pos_ in ("NOUN", "PROPN"):
        return _compound_head(wh.head)
    after = wh.doc[wh.i + 1] if wh.i + 1 < len(wh.doc) else None
    if after is not None and any(after.lemma_.lower() in nouns for nouns in NOUN_EXPECTS.values()):
        return after.lemma_.lower()  # "which academic spoke": tagged an adjective, a known noun
    following = [t for t in wh.doc[wh.i + 1:wh.i + 6]
                 if t.pos_ not in ("ADJ", "PROPN", "NUM", "CCONJ") and t.lower_ != ","
                 and t.tag_ not in ("VBN", "VBD")]
    # "Which local/Ningbo/two officials", "which Vietnamese and Lao officials": parsed loosely
    # (not "signed": a verb)
    if following and following[0].pos_ == "NOUN":  # "which provincial Party secretaries"
        return _compound_head(following[0])
    if wh.head.lemma_ == "be":  # "What is Lin Qu's position?": the subject noun
        for child in wh.head.children:
            if child.dep_ in ("nsubj", "attr") and child.i != wh.i and child.pos_ == "NOUN":
                return child.lemma_.lower()
    for child in wh.children:
        if child.dep_ == "prep":  # "which of the cities"
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0].lemma_.lower()
    return None


def _object_head(doc: Doc) -> str | None:
    """For imperative questions ("List the officials who ..."): the object noun."""
    for t in doc:
        if t.dep_ == "dobj" and t.pos_ == "NOUN":
            return t.lemma_.lower()
    return None


def _expects(qtype: str, head: str | None, doc: Doc) -> str | None:
    if qtype == "who":
        return PERSON
    if qtype == "when":
        return DATE
    if qtype == "where":
        return PLACE
    if head in TITLE_HEADS or head and head[:-1] in TITLE_HEADS:  # "which deans": people
        return PERSON
    if head == "place" and any(t.lemma_ == "take" for t in doc) or head in EVENT_NAME_HEADS:
        return "EVENT"  # "what took place": events; "what forum": an event's name
    if head == "name":  # "the official's name", "the names of the presidents": a person ("the
        owner = next((o.lemma_.lower() for t in doc if t.lemma_.lower() == "name"  # group's
                      for c in t.children for o in (c, *c.children)  # full name" is no body
                      if c.dep_ == "poss" and o is c or c.dep_ == "prep" and c.lower_ == "of"
                      and o.dep_ == "pobj"), None)  # entity)
        if owner in NOUN_EXPECTS[PERSON] or owner in TITLE_HEADS:
            return PERSON
    if head == "capacity" and not any(t.lower_ == "in" and t.nbor().lower_ in ("what", "which")
                                      for t in doc[:-1]):
        return NUMBER  # "the plant's capacity": an amount; "in what capacity": a post
    if head:
        for kind, nouns in NOUN_EXPECTS.items():
            if head in nouns:
                return kind
    return None


def _in_order(doc: Doc) -> bool:
    """ "Put them in order", "in what order": events in sequence ("in order to" is a purpose)."""
    for t in doc:
        if t.lower_ == "order" and t.i > 0 and doc[t.i - 1].lower_ in ORDER_OPENERS and \
                not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to"):
            return True
    return False


def scope_of(doc: Doc, qtype: str, head: str | None, expects: str | None) -> str:
    lemmas = {t.lemma_.lower() for t in doc} | {t.lower_ for t in doc}
    if lemmas & TIMELINE_WORDS or _in_order(doc):
        return "timeline"
    if lemmas & LIST_WORDS:
        return "list"
    if qtype in ("which", "what", "other") and head:
        noun = next((t for t in doc if t.lemma_.lower() == head and t.pos_ == "NOUN"), None)
        if noun is not None and (noun.tag_ == "NNS" and noun.lower_ != noun.lemma_.lower()
                                 or noun.lower_ == "people"):
            return "list"
    if qtype in ("where", "when") and any(  # "where were the conferences held": each one's
            t.dep_ in ("nsubj", "nsubjpass") and t.tag_ == "NNS" and t.pos_ == "NOUN"
            for t in doc):
        return "list"
    return "fact"
