"""The Briefing tab's listing (assistant/catalog/listing.py) over cards written here: every column sorted
both ways with missing values last, on what the compact cells show, pages clamped at their bounds,
cells found by `#` after sorting, and rows built only for the page shown."""

from __future__ import annotations

import pytest

from assistant.catalog import listing as listing_module
from assistant.catalog.cards import EventCard, Filters, Party, Person, directory
from assistant.catalog.listing import DEFAULT_SORT, build, choices
from assistant.records import Date, Span
from assistant.text.nlp import person_key


def span(text: str) -> Span:
    return Span(text, 0, len(text))


def person(name: str, side: str = "other", title: str | None = None,
           org: str | None = None) -> Person:
    return Person(span(name), person_key(name), [span(title)] if title else [],
                  span(org) if org else None, side)


def card(aid: str, date: Date | None, kind: str | None, title: str, places: list[str],
         people: list[Person], outcomes: list[str]) -> EventCard:
    return EventCard(aid, title, f"{aid}.txt", date, None, kind, None,
                     [span(p) for p in places], people, [], [span(o) for o in outcomes])


# Time order (each row's `#`): a2 (January 2020) 1, a5 (June 1, 2020) 2, a1 (March 5, 2021) 3,
# a4 (December 14, year not stated) 4, a3 (undated) 5.
CARDS = [
    card("a1", Date(2021, 3, 5), "visit", "Zeta", ["Beijing"],
         [person("Amy Chen", "visiting", org="acme"),
          person("Bo Li", "receiving", "mayor", "Zeta Corp")], ["MoU"]),
    card("a2", Date(2020, 1, None), "signing", "Alpha", ["anhui"],
         [person("Cai Wen", "receiving", "Ambassador")], []),
    card("a3", None, None, "Beta", [], [person("dan Wu", "visiting")], ["Agreement"]),
    card("a4", Date(None, 12, 14), "visit", "Alpha", ["Cairo"], [], ["contract"]),
    card("a5", Date(2020, 6, 1), "meeting", "Gamma", ["Delhi"],
         [person("Amy Chen", "visiting", "Director")], []),
]
# (table, column) -> `#` in ascending and in descending order; rows without the value last in both
SORTED = {
    ("timeline", "Date"): ([1, 2, 3, 4, 5], [4, 3, 2, 1, 5]),
    ("timeline", "Event"): ([2, 1, 4, 3, 5], [3, 4, 1, 2, 5]),  # kind, then title; a3 has no kind
    ("timeline", "Place"): ([1, 3, 4, 2, 5], [2, 4, 3, 1, 5]),  # "anhui" before "Beijing"
    ("timeline", "Who visited"): ([2, 3, 5, 1, 4], [5, 2, 3, 1, 4]),  # ties keep time order
    ("timeline", "Who received"): ([3, 1, 2, 4, 5], [1, 3, 2, 4, 5]),
    ("timeline", "Outcome"): ([5, 4, 3, 1, 2], [3, 4, 5, 1, 2]),
    ("people", "Name"): ([1, 2, 3, 4], [4, 3, 2, 1]),  # Amy Chen, Bo Li, Cai Wen, dan Wu
    ("people", "Titles"): ([3, 1, 2, 4], [2, 1, 3, 4]),
    ("people", "Organisations"): ([1, 2, 3, 4], [2, 1, 3, 4]),
    ("people", "Events"): ([2, 3, 4, 1], [1, 2, 3, 4]),  # Amy Chen is in two events
}


def numbers(got: listing_module.Listing, table: str) -> list[int]:
    """Every row's `#`, page after page."""
    pages = got.page(table, 1).pages
    return [n for page in range(1, pages + 1) for n in got.page(table, page).numbers]


def test_the_default_order_is_time_and_name_order() -> None:
    got = build(CARDS, Filters(), page_rows=10)
    assert [c.article_id for c in got.cards] == ["a2", "a5", "a1", "a4", "a3"]
    assert [e.name for e in got.people] == ["Amy Chen", "Bo Li", "Cai Wen", "dan Wu"]
    assert got.sorts == DEFAULT_SORT == {"timeline": "Date ↑", "people": "Name ↑"}
    assert choices("people") == ["Name ↑", "Name ↓", "Titles ↑", "Titles ↓", "Organisations ↑",
                                 "Organisations ↓", "Events ↑", "Events ↓"]


@pytest.mark.parametrize(("table", "column"), list(SORTED))
def test_each_column_sorts_both_ways_with_missing_values_last(table: str, column: str) -> None:
    up, down = SORTED[table, column]
    got = build(CARDS, Filters(), page_rows=2)
    got.sort(table, f"{column} ↑")
    assert numbers(got, table) == up
    got.sort(table, f"{column} ↓")
    assert numbers(got, table) == down
    assert got.sorts[table] == f"{column} ↓"
    got.sort(table, DEFAULT_SORT[table])
    assert numbers(got, table) == sorted(up)


def test_sorting_reads_what_the_compact_cells_show() -> None:
    """A side without named people shows and sorts by the body its words name; the Event column
    by the kind, then the title without an opening date (the Date column says it)."""
    bodies = card("b1", Date(2020, 2, 1), "visit", "On February 1, Aardvark Port visit", ["Ningbo"],
                  [], [])
    bodies.parties = [Party(span("Acme Works"), "visiting")]
    got = build([*CARDS, bodies], Filters(), page_rows=10)  # b1 is #2, a5 #3 ... a3 #6
    assert got.cell("timeline", 2, 3).text == "Acme Works"  # type: ignore[union-attr]
    assert got.cell("timeline", 2, 1).text == "Visit: Aardvark Port visit"  # type: ignore[union-attr]
    got.sort("timeline", "Who visited ↑")
    assert numbers(got, "timeline") == [2, 3, 4, 6, 1, 5]  # Acme Works, Amy Chen (two), dan Wu
    got.sort("timeline", "Event ↑")
    assert numbers(got, "timeline") == [3, 1, 2, 5, 4, 6]  # meeting, signing, visits: Aardvark


def test_sorts_given_to_build_and_unknown_ones() -> None:
    got = build(CARDS, Filters(), 2, sorts={"timeline": "Place ↓", "people": "Events ↑"})
    assert numbers(got, "timeline") == SORTED["timeline", "Place"][1]
    assert numbers(got, "people") == SORTED["people", "Events"][0]
    with pytest.raises(ValueError, match="cannot be sorted"):
        got.sort("people", "Place ↑")
    with pytest.raises(ValueError, match="cannot be sorted"):
        got.sort("timeline", "Date")


def test_pages_are_clamped_and_labelled() -> None:
    got = build(CARDS, Filters(), page_rows=2)
    first = got.page("timeline", 1)
    assert (first.numbers, first.page, first.pages, first.label()) == \
        ([1, 2], 1, 3, "rows 1–2 of 5 · page 1 of 3")
    assert [row[0].text for row in first.rows] == ["January 2020", "June 1, 2020"]
    assert got.page("timeline", 2).label() == "rows 3–4 of 5 · page 2 of 3"
    for beyond in (3, 4, 99):
        last = got.page("timeline", beyond)
        assert (last.numbers, last.page, last.label()) == ([5], 3, "rows 5–5 of 5 · page 3 of 3")
    for before in (0, -5, None):
        assert got.page("timeline", before).page == 1
    assert got.page("people", 2).label() == "rows 3–4 of 4 · page 2 of 2"
    exact = build(CARDS, Filters(), page_rows=4)
    assert exact.page("people", 2).label() == "rows 1–4 of 4 · page 1 of 1"
    none = build(CARDS, Filters(place="Atlantis"), page_rows=2)
    empty = none.page("timeline", 3)
    assert (empty.rows, empty.page, empty.pages, empty.label()) == ([], 1, 1, "no rows")
    assert none.page("people", 1).label() == "no rows"


def test_cells_are_found_by_their_number_after_sorting() -> None:
    got = build(CARDS, Filters(), page_rows=2)
    got.sort("timeline", "Place ↓")
    page = got.page("timeline", 1)
    assert page.numbers == [2, 4] and [r[2].text for r in page.rows] == ["Delhi", "Cairo"]
    cairo = got.cell("timeline", 4, 2)
    assert cairo is not None and cairo.text == "Cairo" and cairo.spans == [("a4", span("Cairo"))]
    assert got.cell("timeline", 2, 0).text == "June 1, 2020"  # type: ignore[union-attr]
    got.sort("people", "Name ↓")
    assert got.page("people", 1).numbers == [4, 3]
    assert got.cell("people", 4, 0).text == "dan Wu"  # type: ignore[union-attr]
    assert got.cell("people", 1, 3).text.count(";") == 1  # type: ignore[union-attr]
    for table, number, column in (("timeline", 0, 0), ("timeline", 6, 0), ("timeline", 1, 6),
                                  ("timeline", 1, -1), ("people", 5, 0)):
        assert got.cell(table, number, column) is None


def test_only_the_shown_rows_are_built(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str] = []
    timeline_row, people_row = listing_module.timeline_row, listing_module.people_row
    monkeypatch.setattr(listing_module, "timeline_row",
                        lambda c: built.append(c.article_id) or timeline_row(c))
    monkeypatch.setattr(listing_module, "people_row",
                        lambda e, by_id, most=None: built.append(e.name) or people_row(e, by_id, most))
    got = build(CARDS, Filters(), page_rows=2, sorts={"timeline": "Outcome ↓",
                                                      "people": "Titles ↑"})
    assert built == []
    got.page("timeline", 2)
    got.page("people", 1)
    assert built == ["a3", "a2", "Cai Wen", "Amy Chen"]
    got.cell("timeline", 1, 0)
    assert built[4:] == ["a2"]


def test_the_cached_directory_gives_the_people_of_any_filtering(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every filtering takes its people from the directory of every card (entries narrowed to the
    chosen articles), never merging everyone's people again, and gets what merging would give."""
    from assistant.catalog import cards as catalog

    everyone = directory(CARDS)
    filterings = [Filters(), Filters(organisation=""), Filters(end=Date(2030, None, None)),
                  Filters(place="i"), Filters(place="Cairo"), Filters(person="Amy"),
                  Filters(person="i"), Filters(start=Date(2021, None, None)),
                  Filters(end=Date(2020, 12, 31), person="chen"), Filters(organisation="zeta"),
                  Filters(place="Atlantis"), Filters(person="nobody")]
    expected = [directory(CARDS, f) for f in filterings]
    merged: list[int] = []
    monkeypatch.setattr(catalog, "directory", lambda *a: merged.append(1) or directory(*a))
    for f, people in zip(filterings, expected):
        assert build(CARDS, f, directory=lambda: everyone).people == people, f
    assert merged == []
    amy = build(CARDS, Filters(start=Date(2021, None, None)), directory=lambda: everyone).people[0]
    assert (amy.name, amy.articles, [t.text for _, t in amy.titles]) == ("Amy Chen", ["a1"], [])


def test_someone_in_many_articles_shows_the_first_events_and_counts_the_rest() -> None:
    from assistant.catalog.rows import people_row

    many = [card(f"m{i:02d}", Date(2020, 1, i + 1), "visit", f"T{i}", ["Cairo"],
                 [person("Amy Chen", "visiting", "Director", "acme")], []) for i in range(20)]
    (entry,) = directory(many)
    by_id = {c.article_id: c for c in many}
    name, titles, _, events = people_row(entry, by_id, 12)
    assert events.text.endswith("; and 8 more") and events.text.count("visit") == 12
    assert len(events.spans) <= 12 and len(name.spans) == 12 and titles.text == "Director"
    assert len(titles.spans) == 12  # the sources opened from a cell stay few
    whole = people_row(entry, by_id)  # the export: every event
    assert whole[3].text.count("visit") == 20 and len(whole[1].spans) == 20
