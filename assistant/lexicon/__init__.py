"""The word lists, as data apart from the algorithms (as spaCy keeps `lang/en/stop_words.py`).

Each list is a `Words`, `WordMap` or `Groups` (words.py) that says what it is for and where its
words come from: general English (english.py), this domain's vocabulary (briefing.py), or taken
from one seed sentence or eval question (seed.py, each entry with its source). A list whose words
come from two origins is kept as two lists of the same purpose and joined here, the one place the
algorithms import their words from.
"""

from __future__ import annotations

from assistant.lexicon import briefing, english, seed
from assistant.lexicon.briefing import (
    AGREE_VERBS,
    AGREED_NOUNS,
    ARTICLE_WORDS,
    CONTRARY,
    DESCRIBED_WORDS,
    DOCUMENT_WORDS,
    EVENT_NAME_HEADS,
    EVENT_NOUNS,
    EVENT_VERBS,
    EVENT_WORDS,
    GROUP_NOUNS,
    GROUPS,
    HEAD_SYNONYMS,
    HOLDER_VERBS,
    KIND_WORDS,
    MONEY_NOUNS,
    NAME_WORDS,
    PLACE_TRIGGERS,
    RANKS,
    ROLE_VERBS,
    SELF_NAMED,
    SIDE_TRIGGERS,
    SIDE_VERBS,
    SIGN_WORDS,
    SIGNED_DOCUMENTS,
    TALK_WORDS,
    VERB_CLASSES,
    VISIT_NOUNS,
)
from assistant.lexicon.english import (
    ABBREVIATIONS,
    ACROSS_WORDS,
    ADJECTIVE_ENDINGS,
    AFTER_WORDS,
    ANYONE,
    ARTICLES,
    BEFORE_WORDS,
    BODY_LINKS,
    CURRENCIES,
    CURRENCY_SIGNS,
    DEMONSTRATIVES,
    ELLIPSIS_OPENERS,
    ELLIPSIS_WORDS,
    FOLLOW_PRONOUNS,
    HONORIFICS,
    IRREGULAR_PAST,
    LIGHT_VERBS,
    LINKS,
    LIST_WORDS,
    METADATA_OPENERS,
    MOTION,
    MULTIPLIERS,
    NAME_JOINERS,
    NOT_SAID_VERBS,
    NUMBER_WORDS,
    ORDER_OPENERS,
    ORDINAL_NOUNS,
    ORDINALS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    POSSESSIVE_PRONOUNS,
    QUANTIFIERS,
    QUANTITY_WORDS,
    ROLE_GAPS,
    TIME_UNITS,
    TIMELINE_WORDS,
    TITLE_GAPS,
    TITLE_JOINERS,
    TITLE_LINKS,
    TITLE_SMALL_WORDS,
    VERB_MARKERS,
    WH_TYPES,
    WH_WORDS,
    WITHDRAWAL_WORDS,
    YESNO_OPENERS,
)
from assistant.lexicon.seed import ACHIEVED_NOUNS, DELEGATION_PHRASES
from assistant.lexicon.words import alternation

STOPWORDS = english.STOPWORDS | briefing.ASKING_WORDS
TITLE_HEADS = briefing.TITLE_HEADS | seed.TITLE_HEADS
TITLE_MODIFIERS = briefing.TITLE_MODIFIERS | seed.TITLE_MODIFIERS
TITLE_WORDS = TITLE_HEADS | TITLE_MODIFIERS  # any word of a title
ORG_WORDS = briefing.ORG_WORDS | seed.ORG_WORDS
SPEECH = briefing.SPEECH | seed.SPEECH
LEADING_WORDS = english.LEADING_WORDS | seed.LEADING_WORDS
ANSWER_KIND_WORDS = briefing.ANSWER_KIND_WORDS | seed.ANSWER_KIND_WORDS
LIGHT_NOUNS = {**briefing.LIGHT_NOUNS, **seed.LIGHT_NOUNS}
FUTURE_ACTS = briefing.FUTURE_ACTS | seed.FUTURE_ACTS
SITE_NOUNS = briefing.SITE_NOUNS | seed.SITE_NOUNS
# the first idiom a question holds names its act: acts, then reversals, then mentions
IDIOMS = {**seed.ACT_IDIOMS, **english.ACT_IDIOMS, **seed.REVERSAL_IDIOMS,
          **english.REVERSAL_IDIOMS, **seed.MENTION_IDIOMS, **english.MENTION_IDIOMS}
KIND_TRIGGERS = briefing.KIND_TRIGGERS
_COUNTED_AS = {**briefing.COUNTED_AS, **seed.COUNTED_AS}
COUNT_KIN = tuple(frozenset(w for w, g in _COUNTED_AS.items() if g == group)
                  for group in dict.fromkeys(_COUNTED_AS.values()))
# what a "which/what <noun>" question expects, by the noun's lemma
NOUN_EXPECTS = {"PERSON": briefing.PERSON_NOUNS, "ORG": briefing.BODY_NOUNS | briefing.SELF_NAMED,
                "PLACE": briefing.PLACE_NOUNS, "DATE": briefing.DATE_NOUNS,
                "TITLE": briefing.TITLE_NOUNS, "EVENT": briefing.EVENT_NOUNS | {"happen"},
                "NUMBER": english.QUANTITY_NOUNS}

__all__ = [
    "ABBREVIATIONS",
    "ACHIEVED_NOUNS",
    "ACROSS_WORDS",
    "ADJECTIVE_ENDINGS",
    "AFTER_WORDS",
    "AGREED_NOUNS",
    "AGREE_VERBS",
    "ANSWER_KIND_WORDS",
    "ANYONE",
    "ARTICLES",
    "ARTICLE_WORDS",
    "BEFORE_WORDS",
    "BODY_LINKS",
    "CONTRARY",
    "COUNT_KIN",
    "CURRENCIES",
    "CURRENCY_SIGNS",
    "DELEGATION_PHRASES",
    "DEMONSTRATIVES",
    "DESCRIBED_WORDS",
    "DOCUMENT_WORDS",
    "ELLIPSIS_OPENERS",
    "ELLIPSIS_WORDS",
    "EVENT_NAME_HEADS",
    "EVENT_NOUNS",
    "EVENT_VERBS",
    "EVENT_WORDS",
    "FOLLOW_PRONOUNS",
    "FUTURE_ACTS",
    "GROUPS",
    "GROUP_NOUNS",
    "HEAD_SYNONYMS",
    "HOLDER_VERBS",
    "HONORIFICS",
    "IDIOMS",
    "IRREGULAR_PAST",
    "KIND_TRIGGERS",
    "KIND_WORDS",
    "LEADING_WORDS",
    "LIGHT_NOUNS",
    "LIGHT_VERBS",
    "LINKS",
    "LIST_WORDS",
    "METADATA_OPENERS",
    "MONEY_NOUNS",
    "MOTION",
    "MULTIPLIERS",
    "NAME_JOINERS",
    "NAME_WORDS",
    "NOT_SAID_VERBS",
    "NOUN_EXPECTS",
    "NUMBER_WORDS",
    "ORDER_OPENERS",
    "ORDINALS",
    "ORDINAL_NOUNS",
    "ORG_WORDS",
    "PERSON_PRONOUNS",
    "PLACE_TRIGGERS",
    "PLURAL_PRONOUNS",
    "POSSESSIVE_PRONOUNS",
    "QUANTIFIERS",
    "QUANTITY_WORDS",
    "RANKS",
    "ROLE_GAPS",
    "ROLE_VERBS",
    "SELF_NAMED",
    "SIDE_TRIGGERS",
    "SIDE_VERBS",
    "SIGNED_DOCUMENTS",
    "SIGN_WORDS",
    "SITE_NOUNS",
    "SPEECH",
    "STOPWORDS",
    "TALK_WORDS",
    "TIMELINE_WORDS",
    "TIME_UNITS",
    "TITLE_GAPS",
    "TITLE_HEADS",
    "TITLE_JOINERS",
    "TITLE_LINKS",
    "TITLE_MODIFIERS",
    "TITLE_SMALL_WORDS",
    "TITLE_WORDS",
    "VERB_CLASSES",
    "VERB_MARKERS",
    "VISIT_NOUNS",
    "WH_TYPES",
    "WH_WORDS",
    "WITHDRAWAL_WORDS",
    "YESNO_OPENERS",
    "alternation",
]
