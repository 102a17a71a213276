"""7-minute briefings: the fixed structure practice reviews, audits and complaints are shared in.

Used by handbook pages and bulletin articles whose front matter says ``type: briefing``.
"""
from __future__ import annotations

import re

from .errors import Problem

SECTIONS = ("Background", "What happened", "What we learned", "What to do differently",
            "Questions for your team")
QUESTIONS = SECTIONS[-1]
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_NUMBERED = re.compile(r"^\s{0,3}\d+[.)]\s+\S")
_FENCE = re.compile(r"^\s*(```|~~~)")


def _sections(body: str, body_line: int):
    """(level, title, line, lines under it) for each heading outside code fences."""
    found, fenced = [], False
    for offset, line in enumerate(body.splitlines()):
        if _FENCE.match(line):
            fenced = not fenced
        match = None if fenced else _HEADING.match(line)
        if match:
            found.append([len(match.group(1)), match.group(2).strip(), body_line + offset, []])
        elif found:
            found[-1][3].append(line)
    return found


def check_briefing(body: str, filename: str, body_line: int = 1) -> list[Problem]:
    """Problems with a briefing's structure: the five sections in order, exactly three questions."""
    sections = [s for s in _sections(body, body_line) if s[0] == 2]
    titles = [s[1] for s in sections]
    problems = []
    missing = [name for name in SECTIONS if name not in titles]
    for name in missing:
        problems.append(Problem(filename, body_line, f'this 7-minute briefing has no "## {name}" section.',
                                "a briefing needs these sections, in this order: "
                                + ", ".join(f'"## {n}"' for n in SECTIONS) + "."))
    present = [t for t in titles if t in SECTIONS]
    if not missing and present != list(SECTIONS):
        line = next(s[2] for s in sections if s[1] in SECTIONS)
        problems.append(Problem(filename, line, "the briefing's sections are out of order.",
                                "put them in this order: " + ", ".join(SECTIONS) + "."))
    for level, title, line, lines in sections:
        if title == QUESTIONS:
            count = sum(1 for text in lines if _NUMBERED.match(text))
            if count != 3:
                problems.append(Problem(filename, line, f"a briefing ends with exactly three questions for a team meeting; this one has {count}.",
                                        "write three numbered questions under \"## Questions for your team\" (1. … 2. … 3. …)."))
    return problems


def questions(body: str) -> list[str]:
    """The numbered questions of a briefing, for lists and print layouts."""
    for level, title, line, lines in _sections(body, 1):
        if level == 2 and title == QUESTIONS:
            return [re.sub(r"^\s*\d+[.)]\s+", "", text).strip() for text in lines if _NUMBERED.match(text)]
    return []
