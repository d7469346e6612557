"""What the command line prints that more than one command shares: exit codes, JSON lines, and the
summary of an ingest."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.corpus.articles import Skipped
    from assistant.corpus.ingest import IngestReport

EXIT_OK, EXIT_ERROR, EXIT_SKIPPED = 0, 1, 3


def json_line(text: str) -> str:
    """JSON text with U+2028 and U+2029 escaped: valid JSON either way, but line-based readers
    (Python's splitlines, JavaScript) end a line at them."""
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def summary(report: IngestReport, skipped: list[Skipped], counts: tuple[int, int]) -> str:
    """What an ingest did, in a line or two; articles whose file now holds none are withdrawn."""
    emptied = {Path(s.source).stem: s.reason for s in skipped if s.withdrawn}
    withdrawn = [i for i in report.removed if i in emptied]
    removed = len(report.removed) - len(withdrawn)
    held = f"store holds {counts[0]} articles, {counts[1]} chunks"
    lines = [f"{i}: {_withdrawn(emptied[i])}; its passages are no longer served"
             for i in withdrawn]
    if report.changed:
        lines.append(f"ingest: {len(report.added)} added, {len(report.updated)} updated, "
                     f"{removed} removed, {len(withdrawn)} withdrawn, {len(skipped)} skipped; "
                     f"{report.chunks} chunks embedded in {report.seconds:.1f} s; {held}")
    else:
        lines.append(f"ingest: nothing changed ({report.unchanged} articles up to date, "
                     f"{len(skipped)} skipped; {held})")
    return "\n".join(lines)


def _withdrawn(reason: str) -> str:
    """"withdrawn (the file says RETRACTED)" as it is; "empty" as "withdrawn (empty)"."""
    return reason if reason.startswith("withdrawn") else f"withdrawn ({reason})"
