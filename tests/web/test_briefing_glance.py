"""The Briefing tab at a glance, in a real headless Chromium at 1400 x 1000: compact rows (at least
ten events in sight without scrolling), a chart whose marks open their event, the detail below the
table on demand, and who met whom, on the seeds and on a corpus of 50 articles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from browser import CHROMIUM, browser_page, serve
from conftest import ROOT, SEEDS, extractive_assistant, ingested, make_settings

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]
BROAD = ROOT / "tests" / "eval" / "broad"
# how many timeline rows lie wholly inside the window, the page not scrolled
ROWS_IN_SIGHT = """() => {
  if (window.scrollY !== 0) return -1;
  return [...document.querySelectorAll('#timeline [role=row]:has([role=gridcell])')]
    .filter(r => { const b = r.getBoundingClientRect();
                   return b.height > 0 && b.top >= 0 && b.bottom <= window.innerHeight; })
    .length;
}"""
# a cell whose text is wider than the cell is cut with an ellipsis, never by the table edge
CUT_BY_THE_EDGE = """() => {
  const table = document.querySelector('#timeline').getBoundingClientRect();
  return [...document.querySelectorAll('#timeline [role=gridcell]')]
    .filter(c => c.getBoundingClientRect().right > table.right + 1).length;
}"""

# the row whose `#` is the argument is drawn inside the table's scrolled viewport
ROW_IN_SIGHT = """number => {
  const view = document.querySelector('#timeline .virtual-table-viewport').getBoundingClientRect();
  return [...document.querySelectorAll('#timeline [role=gridcell][data-col="0"]')].some(c => {
    const b = c.getBoundingClientRect();
    return c.innerText.trim() === number && b.top >= view.top && b.bottom <= view.bottom; });
}"""


def open_tab(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.get_by_role("tab", name="Briefing").click()
    page.locator("#timeline [data-testid='cell-0-0']").wait_for(timeout=30_000)
    page.locator("#brief-chart svg [data-event]").first.wait_for(timeout=30_000)


def detail_shows(page, text: str) -> str:  # type: ignore[no-untyped-def]
    """The detail panel once it is open, holds `text` and a highlighted span: its text."""
    page.wait_for_function("""text => {
      const d = document.querySelector('#brief-detail');
      return d && d.offsetHeight > 0 && d.innerText.includes(text)
        && d.querySelector('#brief-source mark') !== null;
    }""", arg=text, timeout=20_000)
    return page.locator("#brief-detail").inner_text()


@pytest.fixture(scope="module")
def fifty(tmp_path_factory, embedder):  # type: ignore[no-untyped-def]
    """The seeds and 45 articles of the broad development and test halves, indexed."""
    folder = tmp_path_factory.mktemp("fifty")
    for path in [*sorted(SEEDS.glob("*.txt")), *sorted((BROAD / "dev").glob("*.txt")),
                 *sorted((BROAD / "test").glob("*.txt"))][:50]:
        shutil.copy(path, folder / path.name)
    settings = ingested(make_settings(folder, seeds_dir=folder), embedder)
    return extractive_assistant(settings, embedder)


def test_the_seeds_at_a_glance(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps`")
    with serve(seed_assistant, seed_assistant.settings) as url, \
            browser_page(1400, 1000) as page:
        open_tab(page, url)
        assert page.evaluate(ROWS_IN_SIGHT) == 5
        assert page.evaluate(CUT_BY_THE_EDGE) == 0
        assert page.locator("#brief-detail").is_hidden()  # no width or height taken
        chart = page.locator("#brief-chart svg")
        assert "Year not stated" in chart.inner_html()  # four seeds give no year
        marks = chart.locator("[data-event]")
        assert marks.count() == 5
        huainan = next(i for i in range(5) if "Huainan" in marks.nth(i).inner_html())
        marks.nth(huainan).click()
        text = detail_shows(page, "Qianshen Wang")
        assert "Deputy Secretary of Huainan Municipal Party Committee" in text  # the full title
        page.locator("#brief-close").click()
        page.locator("#brief-detail").wait_for(state="hidden", timeout=10_000)
        page.locator("#brief-group").get_by_text("Counterpart").click()  # lanes by counterpart
        page.wait_for_function("document.querySelector('#brief-chart svg').innerHTML"
                               ".includes('Counterpart not stated')", timeout=10_000)
        assert page.locator("#brief-chart svg [data-event]").count() == 5
        row = page.locator("#timeline [role=row]:has([role=gridcell])", has_text="December 14")
        row.locator("[role=gridcell]").nth(2).click()  # the event
        text = detail_shows(page, "Hongkou District People's Government")  # the full title
        assert "Yuan Guohua, Chief of the Party Committee; Chairman of Lingang Group" in text


def test_fifty_articles_at_a_glance(fifty, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with serve(fifty, fifty.settings) as url, browser_page(1400, 1000) as page:
        open_tab(page, url)
        page.screenshot(path=str(tmp_path / "fifty-top.png"))
        assert page.evaluate(ROWS_IN_SIGHT) >= 10
        assert page.evaluate(CUT_BY_THE_EDGE) == 0
        marks = page.locator("#brief-chart svg [data-event]")
        assert marks.count() >= 20
        last = marks.nth(marks.count() - 1)
        number = last.get_attribute("data-event")
        last.click()
        detail_shows(page, f"#{number} · ")
        page.wait_for_function(ROW_IN_SIGHT, arg=number, timeout=10_000)
        page.get_by_text("Who met whom").click()
        link = page.locator("#brief-counterparts [data-event]").first
        link.wait_for(timeout=10_000)
        link.click()
        detail_shows(page, "")
        page.screenshot(path=str(tmp_path / "fifty.png"))
