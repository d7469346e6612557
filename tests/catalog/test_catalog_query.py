"""The catalog's pure queries: timeline order and filters, the people directory, card JSON."""

from __future__ import annotations

from assistant.catalog.cards import EventCard, Filters, Person, directory, timeline
from assistant.records import Date, Span
from assistant.text.nlp import person_key


def card(aid: str, date: Date | None, people: list[tuple[str, str, str]],
         place: str = "Ningbo", org: str = "Harbour Works") -> EventCard:
    """A card whose spans point into a made-up body (offsets are not checked here)."""
    return EventCard(aid, f"title {aid}", f"{aid}.txt", date, None, "visit", None,
                     [Span(place, 0, len(place))],
                     [Person(Span(n, 0, len(n)), person_key(n), [Span(t, 0, len(t))] if t else [],
                             None, side) for n, t, side in people],
                     [Span(org, 0, len(org))])


CARDS = [
    card("a", Date(None, 11, 25), [("Lin Qu", "General Manager", "visiting")]),
    card("b", Date(2020, 9, 29), [("Qu Lin", "Dean", "receiving")], place="Hefei"),
    card("c", Date(2021, 3, None), [("Ann Lee", "", "other")], org="Port Office"),
    card("d", None, [("Lin Qi", "Director", "visiting")]),
    card("e", Date(None, 2, 1), [("Bo Wen", "Mayor", "receiving")]),
]


def ids(cards: list[EventCard]) -> list[str]:
    return [c.article_id for c in cards]


def test_timeline_puts_known_years_first_then_month_and_day_then_undated() -> None:
    assert ids(timeline(CARDS)) == ["b", "c", "e", "a", "d"]


def test_a_year_filter_skips_events_without_a_year_a_month_filter_does_not() -> None:
    assert ids(timeline(CARDS, Filters(start=Date(2020, 1, 1)))) == ["b", "c"]
    assert ids(timeline(CARDS, Filters(start=Date(None, 10, None)))) == ["a"]
    assert ids(timeline(CARDS, Filters(end=Date(2020, 12, 31)))) == ["b"]
    assert ids(timeline(CARDS, Filters(start=Date(2021, 3, 1), end=Date(2021, 3, 31)))) == ["c"]


def test_text_filters_are_case_insensitive_substrings_names_in_any_order() -> None:
    assert ids(timeline(CARDS, Filters(place="hef"))) == ["b"]
    assert ids(timeline(CARDS, Filters(person="qu lin"))) == ["b", "a"]
    assert ids(timeline(CARDS, Filters(organisation="port office"))) == ["c"]


def test_directory_merges_only_the_same_name_and_keeps_titles_side_by_side() -> None:
    people = {e.key: e for e in directory(CARDS)}
    lin = people[person_key("Lin Qu")]
    assert lin.articles == ["b", "a"]  # timeline order
    assert [(a, t.text) for a, t in lin.titles] == [("b", "Dean"), ("a", "General Manager")]
    assert lin.sides == [("b", "receiving"), ("a", "visiting")]
    assert person_key("Lin Qi") in people  # a different name stays apart
    assert [e.name for e in directory(CARDS, Filters(person="wen"))] == ["Bo Wen"]


def test_directory_lists_each_article_once_in_timeline_order() -> None:
    twice = [("Lin Qu", "Dean", "receiving"), ("Ann Lee", "", "other"), ("Qu Lin", "", "other")]
    cards = [card(f"x{i}", Date(2020, 1, 1 + i), twice if i % 2 else twice[:1]) for i in range(6)]
    lin = next(e for e in directory(cards) if e.key == person_key("Lin Qu"))
    assert lin.name == "Lin Qu"  # the first form written
    assert lin.articles == [f"x{i}" for i in range(6)]
    assert len(lin.sides) == 9  # every mention kept, the article once


def test_card_json_round_trips() -> None:
    for c in CARDS:
        assert EventCard.from_json(c.to_json()) == c


def test_dates_read_as_written_never_a_guessed_year() -> None:
    assert [str(d) for d in (Date(2020, 9, 29), Date(None, 11, 25), Date(2021, 3, None),
                             Date(None, 2, None), Date(2019, None, None))] == \
        ["September 29, 2020", "November 25", "March 2021", "February", "2019"]
