"""The Briefing timeline's compact rows and the detail of one event (assistant/catalog/rows.py), on
the five seed articles as ingest carded them and on cards written here: every cell one short line,
names without titles, what is left out counted or cut at a word, every span still in the cell;
the detail holds every place, person, title and outcome."""

from __future__ import annotations

import re

import pytest

from assistant.catalog.cards import EventCard, Party, Person
from assistant.catalog.rows import (
    CELL_CHARS,
    DETAIL_LABELS,
    EVENT_CHARS,
    MISSING,
    NAMES_SHOWN,
    TIMELINE_COLUMNS,
    clip,
    detail_lines,
    event_detail,
    event_label,
    shortlist,
    timeline_row,
)
from assistant.records import Date, Span
from assistant.text.nlp import person_key

HUAINAN, HONGKOU = "000_508ce06625000aaf", "003_bffee769cd76aaaa"
MORE = re.compile(r" \+(\d+)$")


@pytest.fixture(scope="module")
def cards(seed_assistant) -> dict[str, EventCard]:  # type: ignore[no-untyped-def]
    found = {c.article_id: c for c in seed_assistant.cards()}
    assert len(found) == 5
    return found


def shown(cell_text: str) -> tuple[list[str], int]:
    """The names a Who cell shows and how many it says are left out."""
    more = MORE.search(cell_text)
    names = cell_text[:more.start()] if more else cell_text
    return names.split(", "), int(more[1]) if more else 0


def test_cutting_keeps_whole_words_and_counts_what_is_left_out() -> None:
    title = "Leaders from the Bureau of Commerce of Lianyungang City visited the Innovation Center"
    assert clip(title, 40) == "Leaders from the Bureau of Commerce of…"
    assert clip("reached a broad consensus on cooperation in smart manufacturing and talent", 70,
                words=8) == "reached a broad consensus on cooperation in smart…"
    assert clip("Huainan", 70) == "Huainan" and clip("x" * 90, 10) == "x" * 9 + "…"
    assert clip("Deputy Director\nof the\tCommittee", 70) == "Deputy Director of the Committee"
    names = ["Lin Qu", "Hua Yang", "LIN QU", "Min Bi", "Deqiang Gao", "Yun Sheng"]
    assert shortlist(names) == "Lin Qu, Hua Yang, Min Bi +2"  # "LIN QU" is Lin Qu again
    assert shortlist(names, 1) == "Lin Qu +4" and shortlist([]) == MISSING
    bodies = ["Bureau of Commerce of Lianyungang City", "Lianyungang National High-tech Zone"]
    assert shortlist(bodies) == "Bureau of Commerce of Lianyungang City +1"  # two do not fit


def test_every_seed_cell_is_one_short_line(cards: dict[str, EventCard]) -> None:
    for card in cards.values():
        row = timeline_row(card)
        assert len(row) == len(TIMELINE_COLUMNS)
        for column, cell in zip(TIMELINE_COLUMNS, row):
            assert "\n" not in cell.text and len(cell.text) <= CELL_CHARS, (column, cell.text)
        assert len(row[1].text) <= EVENT_CHARS and row[1].text.startswith(
            f"{card.kind.capitalize()}: " if card.kind else card.title[:10]), row[1].text
    # the five rows together: about 850 characters (the full cells were about 2,900)
    assert sum(len(c.text) for card in cards.values() for c in timeline_row(card)) < 1100


def test_the_huainan_row_as_it_reads(cards: dict[str, EventCard]) -> None:
    row = [c.text for c in timeline_row(cards[HUAINAN])]
    assert row == ["November 25 (year not stated)",
                   "Visit: General Manager Lin Qu and his team visits Huainan", "Huainan",
                   "Lin Qu, Hua Yang, Min Bi +1", "Qianshen Wang, Qun Li, Yun Sheng +1",
                   "will form a joint force to move forward… +2"]


def test_a_title_opening_with_the_events_date_leaves_it_to_the_date_column(
        cards: dict[str, EventCard]) -> None:
    hongkou = cards[HONGKOU]
    assert hongkou.title.startswith("On December 14, the signing ceremony")
    assert event_label(hongkou) == "Signing: The signing ceremony of the strategic cooperation…"
    other_day = EventCard("x", "On December 15, the ceremony was held", "x.txt", Date(None, 12, 14),
                          kind="signing")
    assert event_label(other_day) == "Signing: On December 15, the ceremony was held"


@pytest.mark.parametrize(("column", "side"), [(3, "visiting"), (4, "receiving")])
def test_who_cells_name_people_without_titles_and_keep_every_span(
        cards: dict[str, EventCard], column: int, side: str) -> None:
    sided = 0
    for card in cards.values():
        people = [p for p in card.people if p.side == side]
        cell = timeline_row(card)[column]
        if not people:  # the side's bodies, or nothing
            bodies = [party.body for party in card.parties if party.side == side]
            assert cell.spans == [(card.article_id, b) for b in bodies]
            assert (cell.text == MISSING) == (not bodies)
            continue
        sided += 1
        names, more = shown(cell.text)
        assert names == [p.name.text for p in people][:len(names)]
        assert len(names) <= NAMES_SHOWN and len(names) + more == len(people)
        for title in (t.text for p in people for t in p.titles):
            assert title not in cell.text
        spans = {s for _, s in cell.spans}
        assert {s for p in people for s in [p.name, *p.titles]} <= spans
        assert {aid for aid, _ in cell.spans} == {card.article_id}
    assert sided >= 3


def test_place_and_outcome_show_the_first_and_count_the_rest(cards: dict[str, EventCard]) -> None:
    for card in cards.values():
        _, _, place, _, _, outcome = timeline_row(card)
        for cell, spans in ((place, card.places), (outcome, card.outcomes)):
            assert cell.spans == [(card.article_id, s) for s in spans]
            if not spans:
                assert cell.text == MISSING
                continue
            more = MORE.search(cell.text)
            assert (int(more[1]) if more else 0) == len({s.text.casefold() for s in spans}) - 1
            first = cell.text[:more.start()] if more else cell.text
            assert spans[0].text.startswith(first.removesuffix("…"))
        if card.outcomes:
            assert len(outcome.text.split(" +")[0].split()) <= 8


def test_the_detail_holds_every_place_person_title_and_outcome(
        cards: dict[str, EventCard]) -> None:
    labels = {"visiting": "Visiting side", "receiving": "Receiving side", "other": "Others named"}
    titled = 0
    for card in cards.values():
        detail = dict(event_detail(card))
        assert list(detail) == list(DETAIL_LABELS)
        for label, lines in detail_lines(card):  # the same lines, each with its own spans
            assert detail[label].text == ("\n".join(line.text for line in lines) or MISSING)
            assert detail[label].spans == [s for line in lines for s in line.spans]
        assert detail["Event"].text.endswith(card.title) and detail["Date"].text
        for label, spans in (("Places", card.places), ("Outcomes", card.outcomes)):
            assert detail[label].text.split("\n") == [s.text for s in spans] or \
                (not spans and detail[label].text == MISSING)
        for p in card.people:
            cell = detail[labels[p.side]]
            line = next(x for x in cell.text.split("\n")
                        if x == p.name.text or x.startswith(f"{p.name.text}, "))
            titles = [t.text for t in p.titles]
            assert line == p.name.text or line.startswith(f"{p.name.text}, {'; '.join(titles)}")
            assert {p.name, *p.titles} <= {s for _, s in cell.spans}
            titled += len(titles) > 1
        for party in card.parties:
            assert party.body.text in detail[labels[party.side]].text.split("\n")
    assert titled >= 5  # people with two or three titles, each one kept


def test_the_detail_and_the_row_of_a_card_written_here() -> None:
    body = ("On March 3rd, a delegation of leaders from the Harbour Works Committee went to "
            "Ningbo. Ann Lee, Chief Engineer of Delta Marine Group and Deputy Director of the "
            "Harbour Works Committee, met Rui Chen.")

    def span(text: str) -> Span:
        start = body.index(text)
        return Span(text, start, start + len(text))

    ann = Person(span("Ann Lee"), person_key("Ann Lee"),
                 [span("Chief Engineer of Delta Marine Group"),
                  span("Deputy Director of the Harbour Works Committee")],
                 span("Delta Marine Group"), "other")
    rui = Person(span("Rui Chen"), person_key("Rui Chen"), [], None, "other")
    card = EventCard("t1", "Harbour delegation in Ningbo", "t1.txt", Date(None, 3, 3),
                     span("March 3rd"), "visit", span("went to"), [span("Ningbo")], [ann, rui],
                     parties=[Party(span("Harbour Works Committee"), "visiting")])
    row = timeline_row(card)
    assert [c.text for c in row] == ["March 3 (year not stated)",
                                     "Visit: Harbour delegation in Ningbo", "Ningbo",
                                     "Harbour Works Committee", MISSING, MISSING]
    assert row[3].spans == [("t1", span("Harbour Works Committee"))]
    detail = dict(event_detail(card))
    assert detail["Others named"].text == (
        "Ann Lee, Chief Engineer of Delta Marine Group; Deputy Director of the Harbour Works "
        "Committee\nRui Chen")
    assert detail["Visiting side"].text == "Harbour Works Committee"
    assert detail["Receiving side"].text == MISSING == detail["Outcomes"].text
    assert detail["Event"].spans == [("t1", span("went to"))]
