"""Which sessions go on which training page, so that no page grows with the calendar.

The training home lists this month and the next ``home_months`` months (at most
``SESSIONS_PER_PAGE`` sessions); every month with sessions to come has its own page (in parts
when it is long), linked from the home's "Later months" list; the past sessions are paged,
newest first, ``SESSIONS_PER_PAGE`` to a page. Plain Python: no MkDocs, no HTML.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date

from .. import routes
from .model import Calendar, Session

# A listed session is about 1 kB of HTML; 300 keep a page near a third of a megabyte.
SESSIONS_PER_PAGE = 300
# A course page lists this many of its past sessions (newest first), then links the archive.
COURSE_PAST_SESSIONS = 50


@dataclass(frozen=True)
class SessionPage:
    """One page of a list of sessions: ``number`` of ``count`` pages of the same list."""
    src: str
    sessions: tuple[Session, ...]
    number: int = 1
    count: int = 1


@dataclass(frozen=True)
class MonthListing:
    month: date                         # the first day of the month
    pages: tuple[SessionPage, ...]      # its month page, in parts when it is long

    @property
    def total(self) -> int:
        return sum(len(p.sessions) for p in self.pages)

    @property
    def src(self) -> str:
        return self.pages[0].src


@dataclass(frozen=True)
class Plan:
    home: tuple[Session, ...]                 # the rows on the training home
    home_cut: MonthListing | None             # the month the home stops part-way through, if any
    months: tuple[MonthListing, ...]          # every month with sessions to come
    later: tuple[MonthListing, ...]           # the months not listed in full on the home
    past: tuple[SessionPage, ...]             # the archive, newest first
    where: dict[str, str] = field(default_factory=dict)   # session slug -> the page listing it


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def chunks(items, size: int) -> list[tuple]:
    return [tuple(items[i:i + size]) for i in range(0, len(items), size)] or [()]


def plan(calendar: Calendar, today: date, home_months: int, per_page: int = SESSIONS_PER_PAGE) -> Plan:
    upcoming = calendar.upcoming(today)          # in start order
    horizon = add_months(first_of_month(today), home_months + 1)   # the first month not on the home
    months = []
    for month, items in itertools.groupby(upcoming, key=lambda s: first_of_month(s.first_start.date())):
        parts = chunks(list(items), per_page)
        months.append(MonthListing(month, tuple(
            SessionPage(routes.training_month_page(month, n + 1), part, n + 1, len(parts))
            for n, part in enumerate(parts))))
    in_horizon = [s for s in upcoming if s.first_start.date() < horizon]
    home = tuple(in_horizon[:per_page])
    cut = None
    if len(in_horizon) > per_page:
        cut_month = first_of_month(in_horizon[per_page].first_start.date())
        cut = next(m for m in months if m.month == cut_month)
    shown = {s.slug for s in home}
    later = tuple(m for m in months if not all(s.slug in shown for p in m.pages for s in p.sessions))
    where = {s.slug: page.src for m in months for page in m.pages for s in page.sessions}
    where.update((slug, routes.TRAINING_HOME) for slug in shown)
    past = list(reversed(calendar.past(today)))  # newest first
    past_parts = chunks(past, per_page)
    past_pages = tuple(SessionPage(routes.training_past_page(n + 1), part, n + 1, len(past_parts))
                       for n, part in enumerate(past_parts))
    return Plan(home, cut, tuple(months), later, past_pages, where)
