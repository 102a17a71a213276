"""Author text placed in generated Markdown is text: never markup, links, headings or tables.

HTML escaping alone is not enough inside Markdown: a course title such as
``[Book](javascript:alert(1))`` or ``*urgent*`` would still become a link or emphasis. ``plain``
turns every character Markdown gives an inline meaning to (and HTML's own) into a numeric
character reference, which Markdown leaves alone and the browser shows as the character. Line
breaks become spaces and a leading block marker (``#``, ``-``, ``1.``, ``>``) is escaped, so the
text can never start a heading, a list, a quote or a table row.
"""
from __future__ import annotations

import functools
import re

_INLINE = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]()!|~^<>&\"'"}
_BREAKS = re.compile(r"\s*[\r\n]+\s*")
_BLOCK_START = re.compile(r"^(?:[#=+\-:]|\d+(?=[.)]))")


def plain(text) -> str:
    """``text`` escaped for use inside generated Markdown (inline), shown exactly as written."""
    return _plain(text if type(text) is str else str(text))


@functools.lru_cache(maxsize=8192)   # the same titles and dates go on page after page
def _plain(text: str) -> str:
    value = _BREAKS.sub(" ", text).strip().translate(_INLINE)
    match = _BLOCK_START.match(value)
    if match:
        end = match.end()
        marker = value[end] if match.group().isdigit() else value[0]
        position = end if match.group().isdigit() else 0
        value = value[:position] + f"&#{ord(marker)};" + value[position + 1:]
    return value
