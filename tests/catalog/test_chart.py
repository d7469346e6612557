"""The visual timeline (assistant/catalog/chart.py) over the seed articles' own event cards and cards
written here: events without a year kept apart, a publication's year used, lanes by place and by
counterpart, hostile text escaped, 10,000 events merged into a few hundred marks each row number in
one, a well-formed SVG and a PNG of the asked width."""

from __future__ import annotations

import io
import random
import xml.etree.ElementTree as ET
from dataclasses import replace

from assistant.catalog.cards import EventCard, Party, Person, timeline
from assistant.catalog.chart import Chart, Mark, build_chart, chart_png, chart_svg
from assistant.catalog.chart_marks import MOST_MARKS
from assistant.records import Date, Span
from assistant.text.nlp import person_key

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert('x')</script> & \"Quay\" O'Brien\x01 Port"


def span(text: str) -> Span:
    return Span(text, 0, len(text))


def card(aid: str, date: Date | None, places: list[str], people: tuple[Person, ...] = (),
         parties: tuple[tuple[str, str], ...] = (), title: str = "A visit") -> EventCard:
    return EventCard(aid, title, f"{aid}.txt", date, None, "visit", None,
                     [span(p) for p in places], list(people), [], [],
                     [Party(span(body), side) for body, side in parties])


def person(name: str, side: str, org: str | None = None) -> Person:
    return Person(span(name), person_key(name), [], span(org) if org else None, side)


def numbered(cards: list[EventCard]) -> list[tuple[int, EventCard]]:
    """The cards as the web passes them: row numbers in time order."""
    return list(enumerate(timeline(cards), 1))


def circles(svg: str) -> list[ET.Element]:
    """The marks of a well-formed SVG (ElementTree fails on anything else)."""
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg" and root.get("role") == "img" and root.get("aria-label")
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert not list(root.iter(SVG + "script"))
    return [c for c in root.iter(SVG + "circle") if c.get("class") == "mark"]


def texts(svg: str, cls: str) -> list[str]:
    return [t.text or "" for t in ET.fromstring(svg).iter(SVG + "text") if t.get("class") == cls]


def numbers_of(marks: list[Mark]) -> list[int]:
    return [n for m in marks for n in m.numbers]


def test_seed_events_without_a_year_are_apart_never_on_the_dated_axis(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    rows = numbered(seed_assistant.cards())
    no_year = {n for n, c in rows if c.placed and not c.placed.year}
    assert len(rows) == 5 and len(no_year) == 4  # the seeds: one article states its year
    chart = build_chart(rows)
    assert set(numbers_of(chart.undated)) == no_year and chart.missing == 0
    assert set(numbers_of(chart.dated)) == {n for n, _ in rows} - no_year
    assert chart.start == chart.end == Date(2020, 9, 29)
    assert all("(year not stated)" in m.label for m in chart.undated)
    svg = chart_svg(chart)
    bands = {int(c.get("data-event", 0)): c.get("data-band") for c in circles(svg)}
    assert {n for n, band in bands.items() if band == "undated"} == no_year
    assert {n for n, band in bands.items() if band == "dated"} == {n for n, _ in rows} - no_year
    assert texts(svg, "band-label") == ["Year not stated"]
    assert texts(svg, "tick")[-12:] == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
                                        "Sep", "Oct", "Nov", "Dec"]
    assert any("2020" in t for t in texts(svg, "tick")[:-12])  # the dated axis: months of 2020


def test_lanes_are_the_places_most_events_name(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    rows = numbered(seed_assistant.cards())
    chart = build_chart(rows)
    for mark in chart.dated + chart.undated:
        for n in mark.numbers:
            places = rows[n - 1][1].places
            lane = chart.lanes[mark.lane]
            assert lane == "Place not stated" if not places else \
                places[0].text.startswith(lane.removesuffix("…"))
    assert "Huainan" in chart.lanes and chart.lanes[-1] == "Place not stated"
    assert all(len(name) <= 29 for name in chart.lanes)
    # one lane each for the top two, then the rest together
    two = build_chart(rows, lanes=2)
    assert two.lanes[2:] == ["Other places", "Place not stated"]


def test_place_names_group_whatever_their_case_and_spacing_shown_as_first_written() -> None:
    rows = numbered([card("a", Date(2021, 1, 5), ["Huainan  City"]),
                     card("b", Date(2021, 2, 5), ["huainan city"]),
                     card("c", Date(2021, 3, 5), [" HUAINAN\ncity "]),
                     card("d", Date(2021, 4, 5), ["Hefei"]),
                     card("e", Date(2021, 5, 5), ["Lianyungang " * 5])])
    chart = build_chart(rows)
    assert chart.lanes[:2] == ["Huainan City", "Hefei"]  # most events first, then by name
    assert chart.lanes[2].endswith("…") and len(chart.lanes[2]) <= 29
    lanes = {n: m.lane for m in chart.dated for n in m.numbers}
    assert lanes[1] == lanes[2] == lanes[3] == 0 and lanes[4] == 1 and lanes[5] == 2


def test_a_card_with_a_publication_year_is_placed_by_it(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    seeds = {c.article_id: c for c in seed_assistant.cards()}
    huainan = seeds["000_508ce06625000aaf"]  # November 25, no year
    assert huainan.date == Date(None, 11, 25) and huainan.published in (None, Date(None, 11, 25))
    # published in March 2024: a November event is the November before
    seeds[huainan.article_id] = replace(huainan, published=Date(2024, 3, 1))
    rows = numbered(list(seeds.values()))
    chart = build_chart(rows)
    placed = next(m for m in chart.dated if "Huainan" in chart.lanes[m.lane])
    assert placed.label.startswith("November 25 (2023, the year of publication) · Visit · ")
    assert chart.start == Date(2020, 9, 29) and chart.end == Date(2023, 11, 25)
    assert len(chart.undated) == 3 and "2023" in [t for _, t in chart.ticks]
    assert 0.9 < placed.x < 1  # the latest event, at the right end of the axis


def test_counterpart_lanes_are_the_visiting_body(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    port = card("a", Date(2025, 3, 3), ["Lingang"], parties=(("Qingdao Port Group", "visiting"),
                                                              ("Lingang", "receiving")))
    by_person = card("b", Date(2025, 4, 3), ["Lingang"],
                     people=(person("Jin Sun", "visiting", "qingdao  PORT group"),
                             person("Hua Yang", "receiving", "Lingang Innovation Center")))
    nobody = card("c", Date(2025, 5, 3), ["Lingang"], people=(person("Li Qian", "other"),))
    chart = build_chart(numbered([port, by_person, nobody]), group_by="counterpart")
    assert chart.lanes == ["Qingdao Port Group", "Counterpart not stated"]
    assert [(m.numbers, m.lane) for m in chart.dated] == [((1,), 0), ((2,), 0), ((3,), 1)]
    assert chart.dated[0].label == "March 3, 2025 · Visit · Qingdao Port Group → Lingang"
    assert chart.dated[1].label == \
        "April 3, 2025 · Visit · qingdao PORT group → Lingang Innovation Center"
    # the seeds: the 2020 inspection's first visiting body names its lane
    seeds = numbered(seed_assistant.cards())
    chart = build_chart(seeds, group_by="counterpart")
    (mark,) = chart.dated
    first = next(p.body.text for p in seeds[mark.numbers[0] - 1][1].parties
                 if p.side == "visiting")
    assert first.startswith(chart.lanes[mark.lane].removesuffix("…"))


def test_hostile_text_is_escaped_in_the_svg_and_drawn_in_the_png() -> None:
    rows = numbered([card("a", Date(2021, 3, 3), [HOSTILE], title=HOSTILE),
                     card("b", Date(None, 4, 1), [HOSTILE],
                          parties=((HOSTILE, "visiting"), ("</title><b>", "receiving")))])
    chart = build_chart(rows, group_by="place")
    svg = chart_svg(chart)
    assert "<script" not in svg and "</title><b>" not in svg and "\x01" not in svg
    marks = circles(svg)
    titles = [c.find(SVG + "title").text for c in marks]  # type: ignore[union-attr]
    assert titles == [m.label.replace("\x01", "") for m in chart.dated + chart.undated]
    assert any("<script>" in t and "</title><b>" in t for t in titles)  # as written, as text
    assert texts(svg, "lane-label")[0] == chart.lanes[0].replace("\x01", "")
    assert chart.lanes[0].startswith("<script>alert('x')")
    png(chart, 900)


def test_ten_thousand_events_are_a_few_hundred_marks_each_row_in_one(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    seeds = seed_assistant.cards()
    rng = random.Random(20)

    def dated(i: int) -> Date | None:  # mostly dated across 13 years, some without year or date
        r = rng.random()
        return Date(2012 + rng.randrange(13), rng.randrange(1, 13), rng.randrange(1, 29)) \
            if r < 0.8 else Date(None, rng.randrange(1, 13), rng.randrange(1, 29)) \
            if r < 0.97 else None

    cards = [replace(seeds[i % len(seeds)], article_id=f"{i:05d}", date=dated(i), published=None)
             for i in range(10_000)]
    rows = numbered(cards)
    chart = build_chart(rows)
    marks = chart.dated + chart.undated
    every = numbers_of(marks)
    dateless = {n for n, c in rows if c.date is None}
    assert sorted(every) == sorted(set(range(1, 10_001)) - dateless)  # each once
    assert chart.missing == len(dateless) > 0 and len(marks) <= MOST_MARKS
    assert len(chart.dated) > 50 and len(chart.undated) > 30  # merged, not lumped together
    for mark in marks:
        keys = [rows[n - 1][1].date.sort_key for n in mark.numbers]  # type: ignore[union-attr]
        assert keys[0] == min(keys)  # a click selects the earliest
        if len(keys) > 1:
            assert mark.label.startswith(f"{len(keys):,} events, ")
    assert [t for _, t in chart.ticks] == [str(y) for y in range(2012, 2025, 2)]
    assert build_chart(rows) == chart  # deterministic
    svg = chart_svg(chart)
    assert [int(c.get("data-event", 0)) for c in circles(svg)] == [m.numbers[0] for m in marks]
    assert [int(c.get("data-count", 0)) for c in circles(svg)] == [len(m.numbers) for m in marks]
    assert len(svg) < 200_000
    assert texts(svg, "caption") == [f"{len(dateless)} events without a date are not drawn"]
    png(chart, 1600)


def test_no_events_give_a_small_chart_saying_so() -> None:
    chart = build_chart([])
    assert chart == Chart([], [], [], None, None, [], 0)
    svg = chart_svg(chart)
    assert circles(svg) == [] and texts(svg, "empty") == ["No events to show"]
    assert int(ET.fromstring(svg).get("height", 0)) < 100
    png(chart, 1600)
    only_dateless = build_chart(numbered([card("a", None, ["Hefei"])]))
    assert only_dateless.missing == 1 and "1 event without a date is not drawn" in \
        chart_svg(only_dateless)


def png(chart: Chart, width: int) -> None:
    """The PNG decodes with the asked width, and is not blank."""
    from PIL import Image

    image = Image.open(io.BytesIO(chart_png(chart, width)))
    image.load()
    assert image.format == "PNG" and image.width == width and image.height > 40
    assert len(image.convert("L").getcolors(maxcolors=1 << 16) or ()) > 2
