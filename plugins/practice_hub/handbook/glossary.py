"""The one glossary file (``*[ABBR]: meaning`` lines, Python-Markdown's abbreviation syntax):
hover explanations on every page (via pymdownx.snippets auto_append) and the Glossary page."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..common.errors import Problems
from ..common.sources import read_source_text
from ..common.text import plain

_ENTRY = re.compile(r"^\*\[([^\]]+)\]:\s*(\S.*)$")


@dataclass(frozen=True)
class Term:
    abbreviation: str
    meaning: str


def load_glossary(path: Path, display_name: str, project_root: Path | None = None) -> list[Term]:
    problems = Problems()
    if not path.is_file():
        problems.add(display_name, None, "the glossary file is missing.",
                     "create it with one line per abbreviation, like `*[CP]: Child Protection`.")
        problems.raise_if_any()
    text = read_source_text(path, display_name, project_root or path.parent, problems)
    problems.raise_if_any()
    terms, seen, comment_from = [], {}, None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if comment_from is None and stripped.startswith("<!--"):
            comment_from = number
        if comment_from is not None:
            if "-->" in stripped:
                comment_from = None
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
    if comment_from is not None:
        problems.add(display_name, comment_from, "this comment (`<!--`) is never closed, so every entry after it "
                     "would be hidden.", "add `-->` at the end of the comment.")
    problems.raise_if_any()
    return sorted(terms, key=lambda t: t.abbreviation.lower())


def glossary_markdown(terms: list[Term]) -> str:
    rows = "\n".join(f"| **{plain(t.abbreviation)}** | {plain(t.meaning)} |" for t in terms)
    return (
        "---\ntitle: Glossary\nsummary: The abbreviations used across the handbook, training and bulletins.\n---\n"
        "# Glossary\n\n"
        "The abbreviations you will meet in this handbook, in training and in the bulletin. On any page, "
        "hover over or focus an underlined abbreviation to see what it stands for.\n\n"
        f"| Abbreviation | What it stands for |\n| --- | --- |\n{rows}\n")
