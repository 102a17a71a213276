"""The one glossary file (``*[ABBR]: meaning`` lines, Python-Markdown's abbreviation syntax):
hover explanations on every page (via pymdownx.snippets auto_append) and the Glossary page."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from ..common.errors import Problems

_ENTRY = re.compile(r"^\*\[([^\]]+)\]:\s*(\S.*)$")


@dataclass(frozen=True)
class Term:
    abbreviation: str
    meaning: str


def load_glossary(path: Path, display_name: str) -> list[Term]:
    problems = Problems()
    if not path.is_file():
        problems.add(display_name, None, "the glossary file is missing.",
                     "create it with one line per abbreviation, like `*[CP]: Child Protection`.")
        problems.raise_if_any()
    terms, seen, in_comment = [], {}, False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("<!--"):
            in_comment = True
        if in_comment:
            in_comment = "-->" not in stripped
            continue
        if not stripped:
            continue
        match = _ENTRY.match(stripped)
        if not match:
            problems.add(display_name, number, "this line is not a glossary entry.",
                         "write each entry as `*[ABBR]: what it stands for`, one per line.")
            continue
        abbr, meaning = match.group(1).strip(), match.group(2).strip()
        if abbr in seen:
            problems.add(display_name, number, f'"{abbr}" is already explained on line {seen[abbr]}.',
                         "keep one entry per abbreviation.")
            continue
        seen[abbr] = number
        terms.append(Term(abbr, meaning))
    problems.raise_if_any()
    return sorted(terms, key=lambda t: t.abbreviation.lower())


def glossary_markdown(terms: list[Term]) -> str:
    rows = "\n".join(f"| **{html.escape(t.abbreviation)}** | {html.escape(t.meaning)} |" for t in terms)
    return (
        "---\ntitle: Glossary\nsummary: The abbreviations used across the handbook, training and bulletins.\n---\n"
        "# Glossary\n\n"
        "The abbreviations you will meet in this handbook, in training and in the bulletin. On any page, "
        "hover over or focus an underlined abbreviation to see what it stands for.\n\n"
        f"| Abbreviation | What it stands for |\n| --- | --- |\n{rows}\n")
