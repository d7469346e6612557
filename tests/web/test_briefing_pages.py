"""The Briefing tab two rows a page, through gradio_client against the real app over the hand-written
cards (tests/briefing_support.py): pages turn and clamp, sorting orders the whole table across
pages, filtering goes back to page 1 in the chosen sorts, and a cell on page 2 opens its source."""

from __future__ import annotations

import re

import pytest
from conftest import app_client as client  # a fresh session: its own filters and answers
from conftest import running_app

pytestmark = pytest.mark.timeout(300)
ANY = ("", "", "", "", "")
# time order (`#` 1-4) and name order (`#` 1-7) of the hand-written cards
DATES = ["September 29, 2020", "October 25 (year not stated)", "November 25 (year not stated)",
         "December 14 (year not stated)"]
NAMES = ["Hongfei Zhang", "Jin Sun", "Li Qian", "Lin Qu", "Qianshen Wang", "Weng Kaining",
         "Xiao Wunan"]


@pytest.fixture(scope="module")
def two_rows(briefing_assistant, embedder, nlp):  # type: ignore[no-untyped-def]
    """An Assistant over the same store whose Briefing tables show 2 rows a page."""
    from assistant.app.pipeline import build_assistant

    settings = briefing_assistant.settings.model_copy(update={"briefing_page_rows": 2})
    return build_assistant(settings, embedder=embedder, nlp=nlp)


@pytest.fixture(scope="module")
def app(two_rows):  # type: ignore[no-untyped-def]
    with running_app(two_rows) as url:
        yield url


def numbers(table: dict) -> list[int]:
    return [row[0] for row in table["data"]]


def test_pages_turn_and_clamp(app: str) -> None:
    c = client(app)
    timeline, people, summary, *pages, chart, who, _ = c.predict(*ANY, False, api_name="/briefing")
    assert summary.startswith("4 events, 7 people")  # counted from the listing, not the page
    assert [r[1] for r in timeline["data"]] == DATES[:2] and numbers(timeline) == [1, 2]
    assert [r[1] for r in people["data"]] == NAMES[:2] and numbers(people) == [1, 2]
    assert pages == [1, "rows 1–2 of 4 · page 1 of 2", 1, "rows 1–2 of 7 · page 1 of 4"]
    # the chart holds every event of the listing, not only the page's; who met whom is built
    # only while its accordion is open (the browser test opens it)
    assert sorted(re.findall(r'data-event="(\d+)"', chart)) == ["1", "2", "3", "4"]
    assert "data-event" not in str(who)
    timeline, page, label = c.predict(2, api_name="/timeline_page")
    assert [r[1] for r in timeline["data"]] == DATES[2:] and numbers(timeline) == [3, 4]
    assert (page, label) == (2, "rows 3–4 of 4 · page 2 of 2")
    timeline, page, label = c.predict(9, api_name="/timeline_page")  # beyond the last page
    assert numbers(timeline) == [3, 4] and (page, label) == (2, "rows 3–4 of 4 · page 2 of 2")
    people, page, label = c.predict(4, api_name="/people_page")
    assert [r[1] for r in people["data"]] == NAMES[6:]
    assert (page, label) == (4, "rows 7–7 of 7 · page 4 of 4")
    people, page, label = c.predict(3, api_name="/people_page")  # the timeline stays on page 2
    assert numbers(people) == [5, 6] and (page, label) == (3, "rows 5–6 of 7 · page 3 of 4")
    timeline, page, label = c.predict(0, api_name="/timeline_page")  # before the first page
    assert numbers(timeline) == [1, 2] and (page, label) == (1, "rows 1–2 of 4 · page 1 of 2")
    _, _, summary, *pages, chart, who, _ = c.predict("", "", "Nowhere", "", "", False,
                                                     api_name="/briefing")
    assert summary.startswith("0 events, 0 people")
    assert pages == [1, "no rows", 1, "no rows"]
    assert "No events to show" in chart and "data-event" not in str(who)


def test_sorting_orders_the_whole_table_across_pages(app: str) -> None:
    c = client(app)
    c.predict(*ANY, False, api_name="/briefing")
    c.predict(2, api_name="/timeline_page")
    timeline, page, label = c.predict("Who visited ↓", api_name="/timeline_sort")
    # Xiao Wunan, Lin Qu, Jin Sun; the Hongkou signing has nobody visiting: last
    assert numbers(timeline) == [1, 3] and (page, label) == (1, "rows 1–2 of 4 · page 1 of 2")
    timeline, _, _ = c.predict(2, api_name="/timeline_page")
    assert numbers(timeline) == [2, 4]
    people, _, _ = c.predict("Titles ↑", api_name="/people_sort")
    assert [r[2] for r in people["data"]] == ["Chief of the CPC District Committee",
                                              "deputy director"]  # case does not count
    assert numbers(people) == [3, 2]
    people, _, _ = c.predict(4, api_name="/people_page")
    assert numbers(people) == [6] and people["data"][0][2] == "President of Lingang Group"
    # filtering: both tables back to page 1, in the sorts chosen
    timeline, people, summary, *pages, _, _, _ = c.predict(
        "", "", "", "", "Lingang", False, "Date ↓", "Name ↓", api_name="/briefing")
    assert summary.startswith("4 events, 7 people (organisation “Lingang”)")
    assert numbers(timeline) == [4, 3] and numbers(people) == [7, 6]
    assert pages == [1, "rows 1–2 of 4 · page 1 of 2", 1, "rows 1–2 of 7 · page 1 of 4"]
    people, _, _ = c.predict(4, api_name="/people_page")
    assert [r[1] for r in people["data"]] == ["Hongfei Zhang"]
    timeline, people, *_ = c.predict(*ANY, False, api_name="/briefing")  # the default sorts
    assert numbers(timeline) == [1, 2] and numbers(people) == [1, 2]


def click(row: list, column: int):  # type: ignore[no-untyped-def]
    """What Gradio passes the select handler for a click on a cell of this row."""
    import gradio as gr

    return gr.SelectData(None, {"index": [0, column], "value": row[column], "row_value": row,
                                "col_value": None, "selected": True})


def test_a_cell_on_page_two_opens_its_source(two_rows, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The select handler as Gradio calls it on a click (gradio_client cannot send one): the cell
    is found by its row's `#`, whatever page it is on and however the page is sorted."""
    from assistant.web.briefing import EMPTY_SOURCE, View
    from assistant.web.downloads import Packs

    view = View(two_rows, Packs(tmp_path))
    *_, listing = view.show(*ANY, False, "Place ↑", "Name ↑")
    opened = view.show(*ANY, False, "Place ↑", "Name ↑", "Counterpart", True)  # who met whom open
    assert {"1", "2", "3", "4"} <= set(re.findall(r'data-event="(\d+)"', opened[8]))
    # a chart mark's event: the page holding its row (sorted by place: #1 is second on page 2)
    frame_, page, label, detail = view.pick("1", listing)
    assert (page, label) == (2, "rows 3–4 of 4 · page 2 of 2") and numbers(frame_) == [2, 1]
    assert "<b>#1</b>" in detail and "data-index='1'" in detail and "<mark>" in detail
    assert view.pick("99", listing)[3] == view.pick("x", listing)[3]  # no such event: nothing
    timeline, page, label = view.turner("timeline", 1)(1, listing)  # "Next"
    assert (page, label) == (2, "rows 3–4 of 4 · page 2 of 2")
    assert numbers(timeline) == [2, 1]  # Hongkou, Huainan, then Lianyungang, Shenzhen Qianhai
    lianyungang, shenzhen = timeline["data"]
    assert lianyungang[3] == "Lianyungang" and shenzhen[5] == "—"
    source = view.opener("timeline")(listing, click(lianyungang, 5))  # who received
    title = two_rows.article("001_8b6424cafdef1cef").title
    assert f"<h3>{title}</h3>" in source and "<mark>Hongfei Zhang</mark>" in source
    assert "<mark>received the visiting parties</mark>" in source
    nobody = view.opener("timeline")(listing, click(shenzhen, 5))  # received in Shenzhen Qianhai
    assert "<p>This cell has no source text.</p>" in nobody and "Xiao Wunan" in nobody  # detail
    people, page, _ = view.turner("people", 0)(2, listing)  # page 2 typed
    assert page == 2 and people["data"][1][:2] == [4, "Lin Qu"]
    source = view.opener("people")(listing, click(people["data"][1], 2))  # Lin Qu's titles
    assert "<mark>General Manager</mark>" in source and "Huainan" in source
    assert view.opener("people")(None, click(people["data"][1], 2)) == EMPTY_SOURCE
    assert view.opener("people")(listing, click(people["data"][1], 0)) == EMPTY_SOURCE  # `#`
