"""Command line for the articles: `assistant add | articles | remove`.

    assistant add PATH|URL ... [--replace] [--json]  copy files, a folder's files or a fetched page
                                                     into the articles folder, then index them
    assistant articles [FILTER] [--json]             what is indexed: id, date, type, chunks, title
    assistant remove ID [--json]                     withdraw an article (its file moves to .removed/)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from assistant.app.output import EXIT_ERROR, EXIT_OK, EXIT_SKIPPED, json_line, summary

if TYPE_CHECKING:
    from assistant.app.config import Settings
    from assistant.corpus.adding import Added
    from assistant.corpus.folder import Outcome


def cmd_add(settings: Settings, args: argparse.Namespace) -> int:
    """Add files, folders and URLs, then index; exit 3 when any input was skipped."""
    from assistant.corpus.adding import Added, expand, stage
    from assistant.corpus.folder import reindex
    from assistant.corpus.locking import ingest_lock
    from assistant.store.chroma import Store
    from assistant.web.auth import is_loopback

    with ingest_lock(settings, wait=args.wait), tempfile.TemporaryDirectory() as fetched:
        settings.seeds_dir.mkdir(parents=True, exist_ok=True)
        store = Store(settings)
        indexed, taken = store.fingerprints(), set()
        results: list[tuple[Added, Path | None]] = []
        for item in args.items:
            if "://" in item:  # a web address (fetch refuses all but http and https)
                page = _fetched(item, settings, Path(fetched), allow=is_loopback(settings.host))
                if isinstance(page, Added):
                    results.append((page, None))
                    continue
                results.append(stage(page, settings, indexed, taken, args.replace, shown=item))
                continue
            for path in expand([Path(item)]):
                results.append(stage(path, settings, indexed, taken, args.replace))
        _say(args, {"stage": "indexing", "files": sum(c is not None for _, c in results)})
        outcome = reindex(settings, store,
                          lambda: lambda n: _say(args, {"stage": "indexed", "chunks": n}))
        _settle(results, outcome)
    return _report(args, [a for a, _ in results], outcome)


def _fetched(url: str, settings: Settings, folder: Path, allow: bool) -> Path | Added:
    """The page at `url` saved in `folder` under a name from its address, or why not."""
    from assistant.corpus.adding import Added, safe_name
    from assistant.corpus.fetch import FetchError, fetch

    try:
        page = fetch(url, timeout=settings.fetch_timeout, max_bytes=settings.max_file_bytes,
                     allow_private=allow)
    except FetchError as exc:
        return Added(url, reason=str(exc))
    parts = urlsplit(page.url)
    stem = PurePosixPath(parts.path).stem or parts.hostname or "page"
    path = folder / safe_name(stem, page.suffix)
    path.write_bytes(page.raw)
    return path


def _settle(results: list[tuple[Added, Path | None]], outcome: Outcome) -> None:
    """A copied file the index did not take is skipped with the index's reason, and a new copy
    of it is removed again (an updated file stays: its earlier version is in .removed/)."""
    for added, copy in results:
        reason = outcome.reason(copy) if copy else None
        if reason:
            if added.status == "added":
                copy.unlink(missing_ok=True)  # type: ignore[union-attr]
            added.status, added.reason = "skipped", reason


def _report(args: argparse.Namespace, results: list[Added], outcome: Outcome) -> int:
    skipped = [a for a in results if a.status == "skipped"]
    for s in outcome.skipped:  # other files of the folder the index left out
        print(f"skipped {s.source}: {s.reason}", file=sys.stderr)
    done = summary(outcome.report, outcome.skipped, outcome.counts)
    if args.json:
        for added in results:
            _say(args, {"result": added.json()})
        _say(args, {"summary": done})
    else:
        for added in results:
            print(added.line(), file=sys.stderr if added.status == "skipped" else sys.stdout)
        print(done)
    return EXIT_SKIPPED if skipped or not results else EXIT_OK


def _say(args: argparse.Namespace, record: dict[str, object]) -> None:
    if args.json:
        print(json_line(json.dumps(record, ensure_ascii=False)), flush=True)


def cmd_articles(settings: Settings, args: argparse.Namespace) -> int:
    """List the indexed articles (those matching FILTER's words)."""
    from assistant.corpus.folder import indexed_articles
    from assistant.store.chroma import Store, require_index

    require_index(settings)
    rows = [r for r in indexed_articles(Store(settings), settings.seeds_dir)
            if r.matches(args.filter or "")]
    for r in rows:
        if args.json:
            print(json_line(json.dumps(r.__dict__, ensure_ascii=False)))
        else:
            title = r.title if len(r.title) <= 70 else r.title[:69] + "…"
            print(f"{r.id}\t{r.date or 'undated'}\t{r.kind}\t{r.chunks} chunks\t{title}\t{r.file}")
    if not args.json:
        print(f"{len(rows)} articles", file=sys.stderr)
    return EXIT_OK


def cmd_remove(settings: Settings, args: argparse.Namespace) -> int:
    """Withdraw indexed articles: each file moves to .removed/, then the index drops them."""
    from assistant.corpus.folder import NotIndexed, reindex, withdraw_file
    from assistant.corpus.locking import ingest_lock
    from assistant.store.chroma import Store, require_index

    require_index(settings)
    with ingest_lock(settings, wait=args.wait):
        store = Store(settings)
        moved = {}
        for article_id in args.ids:
            try:
                moved[article_id] = withdraw_file(store, settings, article_id)
            except NotIndexed as exc:
                print(f"error: {exc}", file=sys.stderr)
                return EXIT_ERROR
        outcome = reindex(settings, store)
    for article_id, path in moved.items():
        kept = f"; its file is kept in {path}" if path else ""
        line = f"removed {article_id}{kept}"
        _say(args, {"removed": article_id, "kept": str(path or "")})
        if not args.json:
            print(line)
    done = summary(outcome.report, outcome.skipped, outcome.counts)
    _say(args, {"summary": done})
    if not args.json:
        print(done)
    return EXIT_OK


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register add, articles and remove."""
    add = sub.add_parser("add", help="add files, folders or web pages to the articles, and index")
    add.add_argument("items", nargs="+", metavar="PATH|URL", help="files, folders, http(s) URLs")
    add.add_argument("--replace", action="store_true",
                     help="replace a different file of the same name (the old one is kept in "
                          ".removed/)")
    lst = sub.add_parser("articles", help="list the indexed articles")
    lst.add_argument("filter", nargs="?", help="only articles whose id, title, date or file "
                                               "hold these words")
    rem = sub.add_parser("remove", help="withdraw indexed articles by id")
    rem.add_argument("ids", nargs="+", metavar="ID", help="article ids (`assistant articles`)")
    for p, func in ((add, cmd_add), (lst, cmd_articles), (rem, cmd_remove)):
        p.add_argument("--json", action="store_true", help="one JSON object per line")
        p.set_defaults(func=func)
    for p in (add, rem):
        p.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                       help="wait this long for a running ingest to finish (default: fail at once)")
