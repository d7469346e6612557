"""The Articles tab in a real headless Chromium: upload a saved web page, a PDF and a scan, see them
listed (the scan refused by name), ask a question only the page answers and get a cited answer that
quotes none of the page's furniture, remove the page after a confirmation, ask again: not covered."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from browser import CHROMIUM, ask, browser_page, rows_of, serve
from conftest import SEEDS, extractive_assistant, ingested, make_settings
from document_support import make_html, make_pdf, make_scanned_pdf

pytestmark = [pytest.mark.browser, pytest.mark.timeout(400)]
PAGE = [("On 14 May 2025, a delegation of the Port of Rotterdam Authority led by its chief "
        "executive Boudewijn Siemons visited the Lingang Special Area."),
        ("The two sides signed a memorandum on a green and digital shipping corridor between "
        "Rotterdam and Yangshan, and agreed to exchange eighteen port engineers each year.")]
REPORT = ["The Lingang Special Area published its annual report on the digital economy.",
          ("It counts 412 data companies registered in the area by the end of the year, up from "
          "275 a year earlier.")]
FURNITURE = ("Subscribe to our newsletter", "cookies", "Advertisement", "Related stories",
             "Copyright", "Cheap flights")
QUESTION = "How many port engineers will Rotterdam and Lingang exchange each year?"


def wait_text(page, selector: str, text: str, timeout_ms: int = 180_000) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function("([sel, text]) => (document.querySelector(sel)?.innerText || '')"
                           ".includes(text)", arg=[selector, text], timeout=timeout_ms)


def open_articles(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.get_by_role("tab", name="Articles").click()
    page.locator("#articles-table [role=gridcell]").first.wait_for(timeout=30_000)


def test_upload_list_ask_remove_ask_again(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps`")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / "000_508ce06625000aaf.txt", seeds)
    settings = ingested(make_settings(tmp_path, seeds_dir=seeds, refresh_seconds=0.5), embedder)
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    files = [make_html(uploads / "rotterdam visit.html", "Rotterdam port delegation visits "
                       "Lingang", "2025-05-15", PAGE),
             make_pdf(uploads / "digital-report.pdf", "Lingang digital economy report", REPORT),
             make_scanned_pdf(uploads / "scan.pdf")]
    with serve(extractive_assistant(settings, embedder), settings) as url, \
            browser_page(1400, 1000) as page:
        open_articles(page, url)
        assert len(rows_of(page, "articles-table")) == 1
        page.locator("#articles-upload input[type=file]").set_input_files([str(f) for f in files])
        wait_text(page, "#articles-upload", "scan", 30_000)  # uploaded: listed by name
        page.locator("#articles-add").click()
        wait_text(page, "#articles-results", "store holds")
        results = page.locator("#articles-results").inner_text()
        assert "rotterdam visit.html (saved as rotterdam_visit.html)\tadded" in results, results
        assert "digital-report.pdf (saved as digital-report.pdf)\tadded" in results, results
        assert "scan.pdf\tskipped\tno text layer" in results, results
        wait_text(page, "#articles-count", "3 of 3 articles")
        rows = {r[0]: r for r in rows_of(page, "articles-table")}
        visit = rows["Rotterdam port delegation visits Lingang"]
        assert visit[1:5] == ["May 15, 2025", "rotterdam_visit.html", "html", "1"], visit
        assert rows["Lingang digital economy report"][3] == "pdf"
        page.locator("#articles-filter textarea, #articles-filter input").first.fill("rotterdam")
        wait_text(page, "#articles-count", "1 of 3 articles")

        bubble = ask(page, url, QUESTION)
        answer = bubble.inner_text()
        assert "eighteen port engineers" in answer, answer
        assert not any(words.lower() in answer.lower() for words in FURNITURE), answer
        source = page.locator("#source-view")
        assert "rotterdam_visit.html" in source.locator(".meta").inner_text()
        assert not any(w.lower() in source.inner_text().lower() for w in FURNITURE)

        open_articles(page, url)
        row = page.locator("#articles-table [role=row]:has([role=gridcell])",
                           has_text="Rotterdam")
        row.locator("[role=gridcell]").first.click()
        page.wait_for_function("document.querySelector('#articles-chosen textarea, "
                               "#articles-chosen input').value.endsWith('· rotterdam_visit')",
                               timeout=15_000)
        page.locator("#articles-remove").click()
        confirm = page.locator("#articles-confirm")
        confirm.wait_for(state="visible", timeout=15_000)
        assert "Rotterdam port delegation visits Lingang" in confirm.inner_text()
        page.locator("#articles-no").click()  # cancelled: nothing happens
        confirm.wait_for(state="hidden", timeout=15_000)
        assert (seeds / "rotterdam_visit.html").exists()
        page.locator("#articles-remove").click()
        page.locator("#articles-yes").click()
        wait_text(page, "#articles-results", "Removed rotterdam_visit")
        wait_text(page, "#articles-count", "2 of 2 articles")
        assert (seeds / ".removed" / "rotterdam_visit.html").exists()

        page.goto(url)
        page.locator("#question textarea").fill(QUESTION)
        page.locator("#question textarea").press("Enter")
        wait_text(page, "#chat", "do not cover", 60_000)


def test_the_chat_answers_while_an_upload_is_indexed(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    from document_support import STORY

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / "000_508ce06625000aaf.txt", seeds)
    settings = ingested(make_settings(tmp_path, seeds_dir=seeds), embedder)
    big = [make_pdf(tmp_path / f"annual-{n}.pdf", f"Annual report part {n}",
                    [f"{p} (part {n}, section {i})" for i in range(8) for p in STORY], pages=30)
           for n in range(3)]  # long enough to index that a question fits in between
    with serve(extractive_assistant(settings, embedder), settings) as url, \
            browser_page(1400, 1000) as page:
        open_articles(page, url)
        page.locator("#articles-upload input[type=file]").set_input_files([str(f) for f in big])
        wait_text(page, "#articles-upload", "annual-2", 30_000)
        page.locator("#articles-add").click()
        chat = page.context.new_page()
        answer = ask(chat, url, "Who visited Huainan on November 25th?").inner_text()
        assert "Lin Qu" in answer
        indexing = page.locator("#articles-results").inner_text()
        assert "store holds" not in indexing, "the upload was indexed before the chat answered"
        wait_text(page, "#articles-results", "store holds")
        assert page.locator("#articles-results").inner_text().count("\tadded") == 3
