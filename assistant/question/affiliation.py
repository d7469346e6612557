"""Which body or place a question's people belong to, read from its parse: "the Huainan
officials", "everyone from Lingang Group", "which deputy directors of the Port Authority"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.lexicon import ANYONE, GROUPS, LINKS, TITLE_HEADS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

def affiliation(doc: Doc, names: tuple[str, ...], people_nouns: set[str],
                head: str | None, imperative: bool = False) -> str | None:
    """The name the people asked for are qualified by: a name before them ("Huainan
    officials") or after from/of/at/in/with ("everyone from Lingang Group"); None if none. The
    people asked for are the question's head noun when it has one ("which officials hosted the
    Lingang visitors": not the visitors); in an imperative, the object of its verb ("List
    everyone from X", not "what did Y tell the X officials")."""
    nouns = people_nouns | ANYONE | set(TITLE_HEADS)
    if head:
        nouns &= {head, head[:-1]}
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.head.pos_ == "PROPN" and tok.head.i != tok.i:
            continue  # only the last word of a name: its head is outside the name
        owner = _owner(tok)
        if imperative and owner is not None and (owner.dep_ != "dobj" or owner.head.dep_ != "ROOT"):
            continue
        if owner is not None and _person_noun(owner, nouns) and \
                (head or imperative or _asked_for(owner)):
            return next((n for n in names if tok.text in n.split()), None)
    return None


def _owner(tok: Token) -> Token | None:
    """The noun a name qualifies: its head as a modifier, or what its preposition hangs on; past
    a group noun ("people from the X side") and a relative clause ("people who work for X")."""
    owner = None
    if tok.dep_ in ("compound", "amod", "nmod", "poss"):
        owner = tok.head
    elif tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ in LINKS:
        owner = tok.head.head
        if owner.dep_ == "relcl" and owner.pos_ in ("VERB", "AUX"):
            owner = owner.head
    if owner is not None and owner.lemma_.lower() in GROUPS and owner.i != tok.i:
        return _owner(owner) or owner
    return owner


def _asked_for(owner: Token) -> bool:
    """Without a head noun, the people asked for are the wh-word ("who from X attended") or what
    a copula names ("who are the X officials") or an order ("Name the X officials who ..."), not
    the object of an act ("who received the X visitors": those who received them)."""
    root = next((t for t in owner.doc if t.dep_ == "ROOT"), None)
    ordered = owner.dep_ == "dobj" and root is not None and owner.head.i == root.i == 0
    return owner.lower_ in ANYONE or ordered or root is not None and root.lemma_ == "be"


def _person_noun(tok: Token, nouns: set[str]) -> bool:
    lemma = tok.lemma_.lower()
    return lemma in nouns or lemma.rstrip("s") in nouns or tok.lower_ in nouns
