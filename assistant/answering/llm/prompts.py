"""Prompt files (prompts/*.txt), rendered strictly, and retrieved text marked as quoted data."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.abc import Traversable

    from assistant.answering.llm.verify import Source

# prompts/ as installed: pyproject.toml maps the top-level folder into the package under this name
PACKAGED = "assistant.prompt_files"
# The placeholders each prompt file must use, no more and no fewer.
FIELDS = {"system": set(), "answer": {"passages", "question"}, "condense": {"history", "question"}}
TAG = re.compile(r"</?\s*passage", re.IGNORECASE)


class PromptError(ValueError):
    """A template and the values given to it do not match."""


def fields(template: str) -> set[str]:
    """The named placeholders of a template; positional or formatted ones are errors."""
    names: set[str] = set()
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:  # a lone { or }
        raise PromptError(f"bad template: {exc}") from None
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise PromptError(f"unsupported placeholder {{{name}}}: use plain {{name}} fields")
        names.add(name)
    return names


def render(template: str, **values: object) -> str:
    """Fill every placeholder; a missing value or a value without a placeholder is an error."""
    wanted = fields(template)
    missing, unknown = sorted(wanted - values.keys()), sorted(values.keys() - wanted)
    if missing or unknown:
        raise PromptError(f"placeholders missing a value: {missing}; values without one: {unknown}")
    return template.format(**values)


@dataclass(frozen=True)
class Prompts:
    """The three prompt templates, read once."""

    system: str
    answer: str
    condense: str

    @classmethod
    def load(cls, directory: Path | None = None) -> Prompts:
        """Read <name>.txt (from `directory`, else the shipped prompts), check its placeholders."""
        folder = directory or shipped_prompts()
        texts: dict[str, str] = {}
        for name, wanted in FIELDS.items():
            path = folder / f"{name}.txt"
            if not path.is_file():
                raise FileNotFoundError(f"prompt file {path} is missing")
            texts[name] = path.read_text(encoding="utf-8").strip()
            if fields(texts[name]) != wanted:
                raise PromptError(f"{path} must use exactly the placeholders {sorted(wanted)}")
        return cls(**texts)


def shipped_prompts() -> Traversable:
    """The prompts of the installed package (editable: prompts/), else prompts/ beside it."""
    try:
        return resources.files(PACKAGED)
    except ModuleNotFoundError:  # run from a source tree that was never installed
        return Path(__file__).resolve().parents[3] / "prompts"


def quote_sources(sources: dict[int, Source]) -> str:
    """Numbered articles as <passage> blocks; tags inside article text are defused."""
    blocks = []
    for n, source in sources.items():
        title = source.passage.title.replace('"', "'").replace("<", "‹")
        date = source.passage.date or "undated"
        text = TAG.sub(lambda m: m.group().replace("<", "‹"), source.text)
        blocks.append(f'<passage n="{n}" title="{title}" date="{date}">\n{text}\n</passage>')
    return "\n\n".join(blocks)


def quote_history(history: list[str]) -> str:
    """Earlier questions, one per line."""
    return "\n".join(f"- {q}" for q in history)
