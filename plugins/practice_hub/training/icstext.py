"""RFC 5545 text: escaping TEXT values, dropping what text may not hold, folding long lines."""
from __future__ import annotations

import functools

from icalendar import vText

_CONTROL = dict.fromkeys([*range(0, 9), *range(11, 32), 127])


@functools.lru_cache(maxsize=4096)   # titles, places and labels come again in every file and feed
def text(value: str) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon and comma escaped, line breaks as \\n."""
    return vText(value).to_ical().decode("utf-8")


def plain_text(value: str) -> str:
    """Text as RFC 5545 allows it: line breaks as "\\n", no other control characters."""
    return value.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROL)


def content_lines(lines: list[str]) -> bytes:
    """Lines (already escaped) as file bytes: folded, each ended by CRLF."""
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")


def fold(line: str, limit: int = 75) -> str:
    """RFC 5545 folding, the same as icalendar's: under 75 octets, never splitting a character
    or a backslash escape."""
    if line.isascii():
        return _fold_ascii(line, limit)
    parts, current, size = [], [], 0
    for char in line:
        width = len(char.encode("utf-8"))
        if current and size + width >= limit:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                parts.append("".join(current))
                current, size = [carried], len(carried.encode("utf-8"))
            else:
                parts.append("".join(current))
                current, size = [], 0
        current.append(char)
        size += width
    if current:
        parts.append("".join(current))
    return "\r\n ".join(parts)


def _fold_ascii(line: str, limit: int) -> str:
    """:func:`fold` for a line of one-byte characters, by slices instead of character by
    character (a 50,000-session calendar folds over a million lines)."""
    width = limit - 1             # a part holds this many characters…
    if len(line) <= width:
        return line
    parts, start, end_of_line = [], 0, len(line)
    while end_of_line - start > width:
        end = start + width
        if width > 1 and line[end - 1] in "\\^":   # …unless it would end in the first half of an escape
            end -= 1
        parts.append(line[start:end])
        start = end
    parts.append(line[start:])
    return "\r\n ".join(parts)
