"""Example questions for the chat, made from the event cards of what is indexed (not from any one
corpus): who visited a place, what two bodies agreed, what positions someone holds."""

from __future__ import annotations

from assistant.catalog.cards import EventCard, timeline

LONGEST = 60  # characters of a name or place put into a question


def example_questions(cards: list[EventCard], limit: int = 4) -> list[str]:
    """Up to `limit` questions the articles answer, from the most recent events first."""
    questions: list[str] = []
    for card in reversed(timeline(cards)):
        question = _question(card)
        if question and question not in questions:
            questions.append(question)
        if len(questions) == limit:
            break
    return questions


def _question(card: EventCard) -> str | None:
    places = [p.text for p in card.places if len(p.text) <= LONGEST]
    if card.kind in ("visit", "inspection") and places and _sided(card):
        return f"Who visited {places[0]}, and who received them?"
    bodies = list(dict.fromkeys(o.text for o in card.organisations if len(o.text) <= LONGEST))
    if card.kind == "signing" and len(bodies) >= 2:
        return f"What did {bodies[0]} and {bodies[1]} agree?"
    titled = [p for p in card.people if p.titles and len(p.name.text) <= LONGEST]
    if titled:
        return f"What positions does {titled[0].name.text} hold?"
    return None


def _sided(card: EventCard) -> bool:
    """Whether the card knows a visiting and a receiving side."""
    sides = {p.side for p in card.people} | {p.side for p in card.parties}
    return {"visiting", "receiving"} <= sides
