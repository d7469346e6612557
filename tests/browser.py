"""Drive the chat page in headless Debian Chromium through Playwright (no browser downloads).

    python tests/browser.py docs/screenshot.png   ask a briefing question, click [2], save the page
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

    from assistant.config import Settings
    from assistant.pipeline import Assistant

CHROMIUM = "/usr/bin/chromium"  # Debian's chromium package (make browser-deps)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Two articles answer it, so the answer has [1] and [2] and clicking [2] must switch the panel.
QUESTION = "Which cities discussed sub-center cooperation with the Lingang Innovation Center?"


@contextlib.contextmanager
def serve(assistant: Assistant, settings: Settings) -> Iterator[str]:
    """The real app (assistant.ui.launch) on a free loopback port; yields its URL."""
    from assistant.ui import launch

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


def main(argv: list[str] | None = None) -> int:
    """Write a screenshot of a cited answer with source [2] open (for the README)."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("out", type=Path)
    args = p.parse_args(argv)
    from assistant.config import load_settings, quiet_environment

    quiet_environment()
    from assistant.pipeline import build_assistant

    settings = load_settings(answerer="extractive")
    with serve(build_assistant(settings), settings) as url, browser_page() as page:
        ask(page, url, QUESTION)
        open_source(page, 2)
        page.mouse.move(0, 0)  # no hover highlight in the picture
        args.out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.out), full_page=False)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
