"""Plain-English wording of dates and times, shared by training pages, bulletins and the handbook."""
from __future__ import annotations

import posixpath
from datetime import date, datetime

from .model import Session


def long_date(day: date) -> str:
    """'Wednesday 2 December 2026' (GOV.UK style: no leading zero, no ordinal)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def clock(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def describe_when(session: Session) -> str:
    """One line a reader can act on, e.g. 'Wednesday 2 December 2026, 09:00 to 11:00'."""
    first = session.days[0]
    if not session.is_multi_day:
        return f"{long_date(first.start.date())}, {clock(first.start)} to {clock(first.end)}"
    days = ", ".join(short_date(d.start.date()) for d in session.days)
    same_hours = len({(clock(d.start), clock(d.end)) for d in session.days}) == 1
    hours = f", {clock(first.start)} to {clock(first.end)} each day" if same_hours else ""
    return f"{len(session.days)} days: {days}{hours}"


def relative_url(from_src: str, to_path: str) -> str:
    """Link from the page built from ``from_src`` (a .md path) to a site path (a .html/.ics path)."""
    start = posixpath.dirname(from_src)
    target, folder = to_path.split("/"), start.split("/") if start else []
    if _NOT_NAMES.isdisjoint(target) and _NOT_NAMES.isdisjoint(folder):
        # What posixpath.relpath gives for two relative paths made of names only, without
        # asking for the working folder twice a call (a large site makes tens of thousands).
        common = 0
        for one, other in zip(target, folder):
            if one != other:
                break
            common += 1
        return "/".join([".."] * (len(folder) - common) + target[common:]) or "."
    return posixpath.relpath(to_path, start or ".")


_NOT_NAMES = frozenset(("", ".", ".."))   # parts of a path that are not a file or folder name


def page_path(src_uri: str) -> str:
    """Where MkDocs writes a page with use_directory_urls off: x/y.md -> x/y.html."""
    return src_uri[:-3] + ".html"
