"""The chat page in a real headless Chromium: ask, see [n], click it, read the highlighted source."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from browser import (
    CHROMIUM,
    QUESTION,
    ask,
    browser_page,
    choose,
    open_briefing,
    open_cell,
    open_source,
    pager_shows,
    rows_of,
    serve,
    sort_by,
)
from conftest import SEEDS, extractive_assistant, ingested, make_settings

from assistant.app.pipeline import build_assistant

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]
# The first highlighted quote is visible: below the sticky title, above the panel's bottom edge.
QUOTE_IN_VIEW = """view => {
  const mark = view.querySelector('mark').getBoundingClientRect();
  const head = view.querySelector('.source-head').getBoundingClientRect();
  return mark.top >= head.bottom && mark.bottom <= view.getBoundingClientRect().bottom;
}"""

TITLE = '<b>Orchid</b> fair <img src=x onerror="document.title=\'pwned\'"> in Zanzibar'
HOSTILE = (f"{TITLE} -SHLINGANGIC\n\nOn March 3rd, an orchid delegation from Zanzibar visited "
           "Lingang and signed an orchid exchange agreement with the Lingang botanical garden.\n")
FIRST_ROW_IS = """([table, n]) =>
  document.querySelector(`#${table} [role=gridcell]`).innerText.trim() === n"""


@pytest.fixture(scope="module")
def page_url(seed_assistant):  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps`")
    with serve(seed_assistant, seed_assistant.settings) as url:
        yield url


def test_clicking_a_citation_shows_the_quoted_source(page_url: str, tmp_path: Path) -> None:
    with browser_page() as page:
        bubble = ask(page, page_url, QUESTION)
        text = bubble.inner_text()
        numbers = sorted({int(n) for n in re.findall(r"\[(\d+)\]", text)})
        assert numbers[:2] == [1, 2], text  # two articles answer this question
        labels = page.locator("#source-picker label").all_inner_texts()
        for n in reversed(numbers):  # [2] first: the panel starts on source 1
            view = open_source(page, n)
            label = next(lb for lb in labels if lb.startswith(f"[{n}] "))
            title = label[len(f"[{n}] "):label.rindex(" (")]
            assert view.locator("h3").inner_text() == f"[{n}] {title}"
            assert view.locator(".meta").inner_text().split(" · ")[0] in label  # the date
            marks = view.locator("mark").all_inner_texts()
            assert marks and any(m.strip() in text for m in marks)  # the quoted span, verbatim
            assert view.evaluate(QUOTE_IN_VIEW), "the highlighted quote is scrolled out of sight"
            assert page.locator("#source-picker input:checked").get_attribute("value") == label
        page.screenshot(path=str(tmp_path / "chat.png"), full_page=True)
    assert (tmp_path / "chat.png").stat().st_size > 10_000


def test_markup_in_an_article_title_stays_text(tmp_path_factory, embedder) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("hostile")
    shutil.copy(next(SEEDS.glob("*.txt")), folder / "seed.txt")
    (folder / "orchids.txt").write_text(HOSTILE)
    settings = ingested(make_settings(folder, seeds_dir=folder), embedder)
    with serve(extractive_assistant(settings, embedder), settings) as url, \
            browser_page() as page:
        ask(page, url, "When did the orchid delegation from Zanzibar visit Lingang?")
        picker = page.locator("#source-picker")
        assert picker.locator("label").first.inner_text() == f"[1] {TITLE} (March 3)"
        view = open_source(page, 1)
        assert view.locator("h3").inner_text() == f"[1] {TITLE}"
        assert view.locator(".meta").inner_text() == "March 3 · orchids.txt"
        for where in (picker, view):  # the title made no element
            assert where.locator("img, b").count() == 0
        assert page.title() != "pwned"


@pytest.fixture(scope="module")
def briefing_url(briefing_assistant):  # type: ignore[no-untyped-def]
    with serve(briefing_assistant, briefing_assistant.settings) as url:
        yield url


def test_briefing_sort_filter_and_click_a_cell(briefing_url: str, briefing_assistant,  # type: ignore[no-untyped-def]
                                               tmp_path: Path) -> None:
    hongkou = briefing_assistant.article("003_bffee769cd76aaaa")
    with browser_page() as page:
        open_briefing(page, briefing_url)
        pager_shows(page, "timeline", "rows 1–4 of 4 · page 1 of 1")
        pager_shows(page, "people", "rows 1–7 of 7 · page 1 of 1")
        assert [r[0] for r in rows_of(page, "timeline")] == ["1", "2", "3", "4"]
        sort_by(page, "timeline", 0)  # "#" descending in the page: the latest event first
        page.wait_for_function(FIRST_ROW_IS, arg=["timeline", "4"])
        assert [r[0] for r in rows_of(page, "timeline")] == ["4", "3", "2", "1"]
        view = open_cell(page, "timeline", 0, 3)  # its place, after sorting
        assert view.locator("h3").inner_text() == hongkou.title
        assert view.locator("mark").all_inner_texts() == ["Hongkou"]
        page.locator("#f-place input, #f-place textarea").first.fill("Huainan")
        page.locator("#f-apply").click()
        page.wait_for_function("document.querySelectorAll('#timeline [role=row]').length == 2")
        pager_shows(page, "timeline", "rows 1–1 of 1 · page 1 of 1")
        pager_shows(page, "people", "rows 1–2 of 2 · page 1 of 1")
        (row,) = rows_of(page, "timeline")
        assert row[1] == "November 25 (year not stated)" and row[6] == "—"
        view = open_cell(page, "timeline", 0, 5)  # who received
        marks = view.locator("mark").all_inner_texts()
        assert marks[:2] == ["They were received by", "Qianshen Wang"], marks
        assert view.locator(".meta").inner_text().endswith("000_508ce06625000aaf.txt")
        view = open_cell(page, "people", 0, 2)  # Lin Qu's titles
        assert view.locator("mark").all_inner_texts() == ["General Manager"]
        page.screenshot(path=str(tmp_path / "briefing.png"), full_page=True)
    assert (tmp_path / "briefing.png").stat().st_size > 10_000


@pytest.fixture(scope="module")
def paged_url(briefing_assistant, embedder, nlp):  # type: ignore[no-untyped-def]
    """The app over the same store, its Briefing tables two rows a page."""
    settings = briefing_assistant.settings.model_copy(update={"briefing_page_rows": 2})
    with serve(build_assistant(settings, embedder=embedder, nlp=nlp), settings) as url:
        yield url


def test_briefing_pages_sort_and_a_cell_on_page_two(paged_url: str, briefing_assistant) -> None:  # type: ignore[no-untyped-def]
    lianyungang = briefing_assistant.article("001_8b6424cafdef1cef")
    with browser_page() as page:
        open_briefing(page, paged_url)
        pager_shows(page, "timeline", "rows 1–2 of 4 · page 1 of 2")
        pager_shows(page, "people", "rows 1–2 of 7 · page 1 of 4")
        assert [r[0] for r in rows_of(page, "timeline")] == ["1", "2"]
        # the whole table by place: Hongkou, Huainan | Lianyungang, Shenzhen Qianhai
        choose(page, "timeline-sort", "Place ↑")
        page.wait_for_function(FIRST_ROW_IS, arg=["timeline", "4"])
        page.locator("#timeline-next").click()
        pager_shows(page, "timeline", "rows 3–4 of 4 · page 2 of 2")
        page.wait_for_function(FIRST_ROW_IS, arg=["timeline", "2"])
        assert [r[0] for r in rows_of(page, "timeline")] == ["2", "1"]
        assert page.locator("#timeline-page input").input_value() == "2"
        view = open_cell(page, "timeline", 0, 3)  # Lianyungang's place, on page 2
        assert view.locator("h3").inner_text() == lianyungang.title
        assert view.locator("mark").all_inner_texts() == ["Lianyungang"]
        view = open_cell(page, "timeline", 0, 5)  # who received there
        assert {"Hongfei Zhang", "General Manager"} <= set(view.locator("mark").all_inner_texts())
        pager_shows(page, "people", "rows 1–2 of 7 · page 1 of 4")  # the other table stays
        box = page.locator("#people-page input")
        box.fill("4")
        box.press("Enter")
        pager_shows(page, "people", "rows 7–7 of 7 · page 4 of 4")
        assert [r[1] for r in rows_of(page, "people")] == ["Xiao Wunan"]
        page.locator("#people-prev").click()
        pager_shows(page, "people", "rows 5–6 of 7 · page 3 of 4")
        page.locator("#f-apply").click()  # filtering: page 1 of each, in the sort chosen
        pager_shows(page, "timeline", "rows 1–2 of 4 · page 1 of 2")
        pager_shows(page, "people", "rows 1–2 of 7 · page 1 of 4")
        page.wait_for_function(FIRST_ROW_IS, arg=["timeline", "4"])
        assert [r[3] for r in rows_of(page, "timeline")] == ["Hongkou", "Huainan"]
