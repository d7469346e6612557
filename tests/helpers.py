"""Helpers several test modules share: the CLI as a subprocess, a free port, what a browser would
load from rendered markdown, and the seed bodies quotes are checked against."""

from __future__ import annotations

import re
import socket
import subprocess
import sys

from conftest import ROOT, SEEDS
from markdown_it import MarkdownIt

from assistant.corpus.articles import load_articles

MD = MarkdownIt("commonmark", {"html": True})  # passes raw HTML through: the worst renderer


MARKDOWN_TAGS = {"p", "em", "strong", "code", "pre", "a", "ul", "ol", "li", "blockquote", "hr",
                 "br", "h1", "h2", "h3", "h4", "h5", "h6"}


def rendered_problems(markdown: str) -> list[str]:
    """What a browser would load or run if it rendered this markdown as HTML."""
    html = MD.render(markdown)
    problems = [f"tag <{t}>" for t in re.findall(r"<([A-Za-z][\w-]*)", html)
                if t.lower() not in MARKDOWN_TAGS]
    problems += [f"link {h}" for h in re.findall(r'<a href="([^"]*)"', html)
                 if not re.fullmatch(r"#source-\d{1,3}", h)]
    # what GFM renderers (Gradio's marked) auto-link without any markup
    problems += re.findall(r"(?i)\b(?:https?|ftp)://|\bwww\.|\w@\w", markdown)
    return problems


def run(args: list[str], env: dict[str, str],
        stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", *args], input=stdin, env=env,
                          capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


BODIES = {a.id: a.body for a in load_articles(SEEDS, 2_000_000)[0]}


def quotes_are_verbatim(answer) -> None:  # type: ignore[no-untyped-def]
    for c in answer.citations:
        for q in c.quotes:
            assert BODIES[c.article_id][q.start:q.end] == q.text
