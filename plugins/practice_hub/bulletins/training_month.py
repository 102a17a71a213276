""""Training this month": the sessions of an edition's month (and the start of the next),
grouped by category, straight from the training calendar — never retyped."""
from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass
from datetime import date, timedelta

from ..training.model import Calendar, Session

LOOK_AHEAD_DAYS = 7   # "and the start of the next month"


@dataclass(frozen=True)
class CategoryGroup:
    category: str
    label: str
    sessions: tuple[Session, ...]


def month_window(first_day: date) -> tuple[date, date]:
    last = first_day.replace(day=month_calendar.monthrange(first_day.year, first_day.month)[1])
    return first_day, last + timedelta(days=LOOK_AHEAD_DAYS)


def training_this_month(calendar: Calendar | None, first_day: date) -> list[CategoryGroup]:
    """Sessions starting in the month or the first week of the next, by category (declared order)."""
    if calendar is None:
        return []
    first, last = month_window(first_day)
    chosen = calendar.sessions_between(first, last)
    groups = []
    for category, label in calendar.categories.items():
        in_category = tuple(s for s in chosen if s.course.category == category)
        if in_category:
            groups.append(CategoryGroup(category, label, in_category))
    return groups
