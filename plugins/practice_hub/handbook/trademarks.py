"""Name trademarked models correctly where they first appear on a page.

Signs of Safety® is a registered trademark of Elia International Ltd; My Three Houses™ is a
claimed mark of its owner. Only the name is marked; our guidance text stays our own.
"""
from __future__ import annotations

import re

MARKS = (
    (re.compile(r"\bSigns of Safety\b(?![®™])"), "Signs of Safety®"),
    (re.compile(r"\b(?:my )?three houses\b(?![®™])", re.IGNORECASE), None),   # keeps the writer's wording
)
# Words each mark must contain, lower case: a quick look for them spares most pages the patterns.
_WORDS = ("signs of safety", "three houses")
ACKNOWLEDGEMENT = ("Signs of Safety® is a registered trademark of Elia International Ltd. My Three Houses™ is a "
                   "trademark of its owner. The names are used to refer to these approaches; the guidance on this "
                   "site is written by us and is not endorsed by either owner.")
_FENCE = re.compile(r"^\s*(```|~~~)")
_SKIP = re.compile(r"^\s*(#|\*\[|<!--|\||    )")   # headings, abbreviations, comments, tables, code


def mark_first_mentions(markdown: str) -> str:
    """Add ® / ™ to the first mention of each mark in the page's body text."""
    folded = markdown.casefold()   # as the pattern's IGNORECASE sees letters (ſ is s)
    pending = [mark for mark, words in zip(MARKS, _WORDS) if words in folded]   # most pages name no mark
    if not pending:
        return markdown
    lines, fenced = markdown.split("\n"), False
    for index, line in enumerate(lines):
        if not pending:
            break
        if _FENCE.match(line):
            fenced = not fenced
        if fenced or _SKIP.match(line):
            continue
        for mark in list(pending):
            pattern, replacement = mark
            match = pattern.search(_without_link_targets(line))
            if match:
                found = match.group(0)
                text = replacement or ("My Three Houses™" if found.lower().startswith("my") else "Three Houses™")
                lines[index] = line[:match.start()] + text + line[match.end():]
                line = lines[index]
                pending.remove(mark)
    return "\n".join(lines)


def _without_link_targets(line: str) -> str:
    """The line with link targets blanked (same length), so a mark is never put inside a URL."""
    return re.sub(r"\]\([^)]*\)", lambda m: "]" + " " * (len(m.group(0)) - 1), line)
