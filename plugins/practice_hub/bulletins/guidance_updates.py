""""Guidance updated this month": the handbook changes an edition reports, from the pages' own
``changes:`` records — the very records (and the same ordering function) What's new is built from.

An edition covers the changes dated from the first day after the previous *published* edition's
month to the last day of its own month. With an edition every month that is simply its own
month; when a month is skipped, the next edition also covers the gap, so no change is missed and
none is reported twice. Drafts do not count as published: their changes go in the next edition.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from ..governance.metadata import PageRecord
from ..governance.pages import all_changes
from .model import Edition


@dataclass(frozen=True)
class GuidanceUpdate:
    src_uri: str
    title: str
    owner: str
    date: date
    note: str
    new_briefing: bool = False       # the first recorded change of a 7-minute briefing


@dataclass(frozen=True)
class GuidanceWindow:
    first: date
    last: date

    @property
    def label(self) -> str:
        """"November 2026", or "1 August to 30 September 2026" when an edition covers a gap."""
        if (self.first.year, self.first.month) == (self.last.year, self.last.month):
            return self.first.strftime("%B %Y")
        first = f"{self.first.day} {self.first:%B}" + ("" if self.first.year == self.last.year else f" {self.first.year}")
        return f"{first} to {self.last.day} {self.last:%B %Y}"


def window(edition: Edition, editions: list[Edition]) -> GuidanceWindow:
    last = edition.first_day.replace(day=calendar.monthrange(edition.first_day.year, edition.first_day.month)[1])
    earlier = [e.first_day for e in editions if not e.is_draft and e.month < edition.month]
    if not earlier:
        return GuidanceWindow(edition.first_day, last)
    previous = max(earlier)
    after = date(previous.year + previous.month // 12, previous.month % 12 + 1, 1)
    return GuidanceWindow(after, last)


def guidance_updates(records: list[PageRecord], briefings: set[str], span: GuidanceWindow, *,
                     changes: list[tuple] | None = None) -> list[GuidanceUpdate]:
    """Every change dated in ``span``, newest first (What's new's order); ``briefings`` are src_uris;
    ``changes``, when given, is ``all_changes(records)`` found once for every edition."""
    found = []
    for change, record in (changes if changes is not None else all_changes(records)):
        if span.first <= change.date <= span.last:
            first_change = record.changes[-1] == change
            found.append(GuidanceUpdate(record.src_uri, record.title, record.owner, change.date, change.note,
                                        new_briefing=record.src_uri in briefings and first_change))
    return found


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
