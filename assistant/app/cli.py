"""Command line: `assistant ingest | ask | serve | eval | catalog | brief` (and `add | articles |
remove`, in manage.py).

    assistant ingest                      index seeds/ into store/ (incremental)
    assistant ask "QUESTION" ["FOLLOW-UP" ...] [--json]
    assistant ask --json < questions.txt  one independent question per line, one JSON line each
    assistant serve                       the chat at http://127.0.0.1:7860
    assistant eval FILE [--json] [--min-top3 X ...]  score answers on a JSON Lines question set
    assistant eval --catalog [GOLD] [--json]  score the event cards against a hand-labelled gold
    assistant catalog [--json]            the event card of every indexed article, oldest first
    assistant brief [TOPIC] --out FILE    a briefing pack (.md or .docx): timeline, people, and
                                          the answer to TOPIC, every source quoted in a note
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.app.config import load_settings, quiet_environment
from assistant.app.output import EXIT_ERROR, EXIT_OK, EXIT_SKIPPED, json_line, summary
from assistant.web.render import answer_json

if TYPE_CHECKING:
    from assistant.app.config import Settings
    from assistant.records import Answer



def cmd_ingest(settings: Settings, args: argparse.Namespace) -> int:
    """Index the articles folder holding the store's lock: a second ingest fails at once."""
    from assistant.corpus.locking import ingest_lock

    with ingest_lock(settings):
        return index_articles(settings, args)


def index_articles(settings: Settings, args: argparse.Namespace) -> int:
    """Index the articles folder; exit 3 when some files were skipped."""
    from tqdm import tqdm

    from assistant.corpus.folder import reindex

    bars = []

    def bar() -> Callable[[int], object]:
        bars.append(tqdm(desc="embedding", unit="chunk", disable=args.quiet, file=sys.stderr))
        return bars[0].update

    outcome = reindex(settings, progress=bar)
    for opened in bars:
        opened.close()
    for s in outcome.skipped:  # the others are in the store
        print(f"skipped {s.source}: {s.reason}", file=sys.stderr)
    print(summary(outcome.report, outcome.skipped, outcome.counts))
    return EXIT_SKIPPED if outcome.skipped else EXIT_OK


def render(answer: Answer) -> str:
    """An answer and its numbered sources, for people."""
    lines = [answer.text]
    if answer.notice:
        lines.insert(0, f"({answer.notice})")
    if answer.citations:
        lines.append("\nSources:")
        for c in answer.citations:
            lines.append(f"[{c.n}] {c.title} — {c.date or 'undated'} — {c.source}")
    return "\n".join(lines)


def cmd_ask(settings: Settings, args: argparse.Namespace) -> int:
    """Answer questions: positional ones as one conversation, else one per stdin line."""
    from assistant.app.pipeline import build_assistant
    from assistant.store.chroma import require_index

    require_index(settings)
    assistant = build_assistant(settings)
    # positional questions are one conversation: each is read against the earlier answers
    conversation = bool(args.questions)
    questions = args.questions or (line.strip() for line in sys.stdin if line.strip())
    said: list[Answer] = []
    for question in questions:
        answer = assistant.ask(question, said if conversation else [])
        said.append(answer)
        if args.json:
            print(json_line(json.dumps(answer_json(answer), ensure_ascii=False)), flush=True)
        else:
            print(f"Q: {question}\n{render(answer)}\n", flush=True)
    return EXIT_OK


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    """Launch the chat UI."""
    from assistant.app.pipeline import build_assistant
    from assistant.store.chroma import require_index
    from assistant.web.app import launch
    from assistant.web.auth import launch_auth

    launch_auth(settings)  # refuse an unsafe address before loading anything
    require_index(settings)
    launch(build_assistant(settings), settings)
    return EXIT_OK


def cmd_eval(settings: Settings, args: argparse.Namespace) -> int:
    """Score the active answerer on an eval file; exit 1 when a floor is not met."""
    if args.catalog:
        from assistant.eval.catalog import main as run_catalog_eval
        from assistant.store.chroma import Store, require_index

        require_index(settings)
        return run_catalog_eval(Store(settings).cards(), args)
    if not args.files:
        raise ValueError("eval needs a question file (or --catalog)")
    from assistant.app.pipeline import build_assistant
    from assistant.eval.evaluate import main as run_eval
    from assistant.store.chroma import require_index

    require_index(settings)
    return run_eval(build_assistant(settings), args)


def cmd_catalog(settings: Settings, args: argparse.Namespace) -> int:
    """Print the event cards of the indexed articles, oldest first."""
    from assistant.catalog.cards import render_card, timeline
    from assistant.store.chroma import Store, require_index

    require_index(settings)  # creates nothing where there is no index
    for card in timeline(Store(settings).cards()):
        print(json_line(card.to_json()) if args.json else render_card(card) + "\n", flush=True)
    return EXIT_OK


def cmd_brief(settings: Settings, args: argparse.Namespace) -> int:
    """Write a briefing pack; a TOPIC keeps the events whose place, people or organisations name
    it, and is asked as one question (searching those events' articles when there are any)."""
    from assistant.app.pipeline import build_assistant
    from assistant.catalog.cards import Filters, matches, timeline
    from assistant.catalog.export import FORMATS, write_briefing
    from assistant.store.chroma import require_index

    if args.out.suffix.lower() not in FORMATS:
        raise ValueError(f"{args.out}: the briefing is written as .md or .docx")
    require_index(settings)
    assistant = build_assistant(settings)
    cards = timeline(assistant.store.cards())
    answers = []
    if args.topic:
        ways = [Filters(place=args.topic), Filters(person=args.topic),
                Filters(organisation=args.topic)]
        cards = [c for c in cards if any(matches(c, f) for f in ways)]
        ids = {c.article_id for c in cards} or None
        answers.append(assistant.ask(args.topic, article_ids=ids))
    from assistant.catalog.chart import cards_png

    path = write_briefing(args.out, cards, answers, args.topic,
                          chart_png=cards_png(cards))  # .md: a PNG beside it
    print(f"wrote {path}: {len(cards)} events, {len(answers)} answers")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    """The argument parser for all subcommands."""
    p = argparse.ArgumentParser(prog="assistant", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    ing = sub.add_parser("ingest", help="index the articles folder into the store")
    ing.add_argument("--quiet", action="store_true", help="no progress bar")
    ing.set_defaults(func=cmd_ingest)
    ask = sub.add_parser("ask", help="answer questions from the command line")
    ask.add_argument("questions", nargs="*", help="a question and its follow-ups")
    ask.add_argument("--json", action="store_true", help="one JSON object per answer")
    ask.set_defaults(func=cmd_ask)
    serve = sub.add_parser("serve", help="open the chat in the browser")
    serve.set_defaults(func=cmd_serve)
    from assistant.app.manage import add_commands
    from assistant.eval.evaluate import add_arguments

    add_commands(sub)

    ev = sub.add_parser("eval", help="score answers on a question set (see assistant/eval/evaluate.py)")
    add_arguments(ev)
    ev.set_defaults(func=cmd_eval)
    cat = sub.add_parser("catalog", help="print the event card of every indexed article")
    cat.add_argument("--json", action="store_true", help="one JSON card per line")
    cat.set_defaults(func=cmd_catalog)
    brief = sub.add_parser("brief", help="write a briefing pack (.md or .docx)")
    brief.add_argument("topic", nargs="?", help="a place, person or organisation, also asked")
    brief.add_argument("--out", type=Path, required=True, help="FILE.md or FILE.docx")
    brief.set_defaults(func=cmd_brief)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `assistant` console script."""
    quiet_environment()
    args = parser().parse_args(argv)
    try:
        settings = load_settings()
        return int(args.func(settings, args))
    except KeyboardInterrupt:
        return 130
    except (FileNotFoundError, ValueError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
