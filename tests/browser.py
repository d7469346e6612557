"""Drive the chat page in headless Debian Chromium through Playwright (no browser downloads).

    python tests/browser.py docs/screenshot.png   ask a briefing question, click [2], save the page
    python tests/browser.py docs/screenshot.png --briefing docs/briefing.png   and the Briefing tab
    python tests/browser.py docs/screenshot.png --articles docs/articles.png   and the Articles tab
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chroma_server import free_port

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from assistant.app.config import Settings
    from assistant.app.pipeline import Assistant

CHROMIUM = "/usr/bin/chromium"  # Debian's chromium package (make browser-deps)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Two articles answer it, so the answer has [1] and [2] and clicking [2] must switch the panel.
QUESTION = "Which cities discussed sub-center cooperation with the Lingang Innovation Center?"


@contextlib.contextmanager
def serve(assistant: Assistant, settings: Settings) -> Iterator[str]:
    """The real app (assistant.web.app.launch) on a free loopback port; yields its URL."""
    from assistant.web.app import launch

    port = free_port()
    app, url, _ = launch(assistant, settings.model_copy(update={"host": "127.0.0.1", "port": port}),
                         prevent_thread_lock=True, quiet=True)
    try:
        yield url
    finally:
        app.get_blocks().close()


@contextlib.contextmanager
def browser_page(width: int = 1280, height: int = 900) -> Iterator[Page]:
    """A page of a fresh headless Chromium profile."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw, tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=ARGS,
            viewport={"width": width, "height": height})
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()


def ask(page: Page, url: str, question: str, timeout_ms: int = 60_000) -> Any:
    """Open the chat, type the question, press Enter; the last answer bubble once it has a [n]."""
    page.goto(url)
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    page.locator("#chat a[href^='#source-']").first.wait_for(timeout=timeout_ms)
    return page.locator("#chat .message-content").last


def open_source(page: Page, n: int, timeout_ms: int = 15_000) -> Any:
    """Click the first [n] of the last answer; the source panel once it shows source n."""
    page.locator("#chat .message-content").last.locator(f"a[href='#source-{n}']").first.click()
    view = page.locator("#source-view")
    view.locator("h3", has_text=f"[{n}] ").wait_for(timeout=timeout_ms)
    return view


def open_briefing(page: Page, url: str, timeout_ms: int = 30_000) -> Any:
    """Open the page's Briefing tab; the timeline once it has rows."""
    page.goto(url)
    page.get_by_role("tab", name="Briefing").click()
    page.locator("#timeline [data-testid='cell-0-0']").wait_for(timeout=timeout_ms)
    return page.locator("#timeline")


def sort_by(page: Page, table: str, column: int, order: str = "Sort descending") -> None:
    """Sort a Briefing table by a column through its header menu, as a user does."""
    header = page.locator(f"#{table} [data-testid='header-{column}']")
    header.hover()
    header.locator("button.cell-menu-button").click()
    page.get_by_role("menuitem", name=order).click()


def choose(page: Page, elem_id: str, option: str) -> None:
    """Pick an option of a dropdown (a Briefing table's "Sort by"), as a user does."""
    page.locator(f"#{elem_id} input").click()
    page.get_by_role("option", name=option, exact=True).click()


def pager_shows(page: Page, table: str, label: str, timeout_ms: int = 15_000) -> None:
    """Wait until the pager under a Briefing table says `label` ("rows 3–4 of 4 · page 2 of 2")."""
    page.wait_for_function("([id, text]) => document.querySelector(id).innerText.trim() === text",
                           arg=[f"#{table}-pages", label], timeout=timeout_ms)


def rows_of(page: Page, table: str) -> list[list[str]]:
    """The table's rows as shown (sorted or filtered), cell texts."""
    rows = page.locator(f"#{table} [role=row]:has([role=gridcell])")
    return [r.locator("[role=gridcell]").all_inner_texts() for r in rows.all()]


def open_cell(page: Page, table: str, row: int, column: int, timeout_ms: int = 15_000) -> Any:
    """Click a cell by its shown position (after sorting); the Briefing source panel once it
    highlights a span. (Gradio's cell test ids keep the unsorted positions.)"""
    view = page.locator("#brief-source")
    before = view.inner_html()
    rows = page.locator(f"#{table} [role=row]:has([role=gridcell])")
    rows.nth(row).locator("[role=gridcell]").nth(column).click()
    # changed, highlighted, and settled: the panel passes through loading states on its way
    page.wait_for_function("""before => {
      const view = document.querySelector('#brief-source'), now = Date.now();
      const html = view.innerHTML;
      if (html === before || view.querySelector('mark') === null) return false;
      if (window.__briefHtml !== html) { window.__briefHtml = html; window.__briefSince = now; }
      return now - window.__briefSince >= 500;
    }""", arg=before, timeout=timeout_ms, polling=100)
    return view


def briefing_shot(page: Page, url: str, out: Path) -> None:
    """The Briefing tab at 1400 x 1000: the chart over the compact timeline (`out`); then the
    Huainan visit's mark clicked, its detail and highlighted source open below the table
    (`out` with "-detail" added to its name)."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    open_briefing(page, url)
    marks = page.locator("#brief-chart svg [data-event]")
    marks.first.wait_for(timeout=30_000)
    page.mouse.move(0, 0)
    page.screenshot(path=str(out), full_page=False)
    huainan = next(i for i in range(marks.count()) if "Huainan" in marks.nth(i).inner_html())
    marks.nth(huainan).click()
    page.wait_for_function("document.querySelector('#brief-source .event-source mark') !== null")
    page.locator("#brief-detail").scroll_into_view_if_needed()
    page.evaluate("document.querySelector('#brief-detail').scrollIntoView({block: 'end'})")
    page.mouse.move(0, 0)
    page.screenshot(path=str(out.with_name(out.stem + "-detail" + out.suffix)), full_page=False)


def articles_shot(page: Page, url: str, out: Path) -> None:
    """The Articles tab: the indexed articles, the upload area and a web page's address typed."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    page.get_by_role("tab", name="Articles").click()
    page.locator("#articles-table [role=gridcell]").first.wait_for(timeout=30_000)
    page.locator("#articles-url textarea, #articles-url input").first.fill(
        "https://www.example.gov.cn/news/2025-05/rotterdam-delegation.html")
    page.mouse.move(0, 0)
    page.screenshot(path=str(out), full_page=False)


def main(argv: list[str] | None = None) -> int:
    """Write a screenshot of a cited answer with source [2] open (for the README)."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("out", type=Path)
    p.add_argument("--briefing", type=Path, help="also a screenshot of the Briefing tab")
    p.add_argument("--articles", type=Path, help="also a screenshot of the Articles tab")
    args = p.parse_args(argv)
    from assistant.app.config import load_settings, quiet_environment

    quiet_environment()
    from assistant.app.pipeline import build_assistant

    settings = load_settings(answerer="extractive")
    with serve(build_assistant(settings), settings) as url, browser_page() as page:
        ask(page, url, QUESTION)
        open_source(page, 2)
        page.mouse.move(0, 0)  # no hover highlight in the picture
        args.out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.out), full_page=False)
        if args.briefing:
            briefing_shot(page, url, args.briefing)
            print(f"wrote {args.briefing} and its -detail picture")
        if args.articles:
            articles_shot(page, url, args.articles)
            print(f"wrote {args.articles}")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
