"""What the lexicon tests share: the lists of a data module, the words of a list, and the check
that a list holds the words written for it and none of the others."""

from __future__ import annotations

from types import ModuleType

from assistant.lexicon.words import Groups, WordMap, Words

WordList = Words | WordMap | Groups


def lists_of(module: ModuleType) -> dict[str, WordList]:
    """The word lists a data module defines, by name."""
    return {name: value for name, value in vars(module).items()
            if name.isupper() and isinstance(value, Words | WordMap | Groups)}


def entries(value: WordList) -> set[str]:
    """The words of a list: of groups, all of them; of a map keyed by kind, its values' words."""
    if isinstance(value, Groups):
        return set().union(*value)
    if isinstance(value, WordMap) and all(isinstance(v, frozenset) for v in value.values()):
        return set().union(*value.values())
    return set(value)


def check_holds(value: WordList, words: set[str], others: set[str]) -> None:
    """The list holds every one of `words` and none of `others`."""
    held = entries(value)
    assert words <= held, words - held
    assert not others & held, others & held
