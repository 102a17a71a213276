"""The training calendar as plain, immutable data: courses, bookable sessions and their days."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .timezones import ZoneRule

SCHEDULED = "scheduled"
CANCELLED = "cancelled"


# Slotted: a large service holds tens of thousands of sessions and their days for the whole build.
@dataclass(frozen=True, slots=True)
class SessionDay:
    """One sitting of a session: a single calendar event."""
    start: datetime          # timezone-aware, local time
    end: datetime
    number: int = 1          # "day 2 of 3"


@dataclass(frozen=True, slots=True)
class Session:
    """One bookable run of a course; several days for a multi-day course."""
    course: "Course" = field(repr=False, compare=False)
    key: str                 # stable within the course: explicit id or derived from the first day
    days: tuple[SessionDay, ...]
    status: str = SCHEDULED
    location: str = ""
    places: int | None = None
    places_left: int | None = None   # from the booking system, when the author gives it; 0 is full
    booking_url: str = ""
    note: str = ""
    sequence: int = 0
    source_file: str = ""
    line: int = 0

    @property
    def slug(self) -> str:
        return f"{self.course.id}--{self.key}"

    @property
    def first_start(self) -> datetime:
        return self.days[0].start

    @property
    def last_end(self) -> datetime:
        return self.days[-1].end

    @property
    def is_cancelled(self) -> bool:
        return self.status == CANCELLED

    @property
    def is_multi_day(self) -> bool:
        return len(self.days) > 1

    @property
    def is_full(self) -> bool:
        return self.places_left == 0 and not self.is_cancelled

    @property
    def places_text(self) -> str:
        """'3 places left', 'Full', '12 places' or '' (cancelled sessions say nothing of places)."""
        if self.is_cancelled:
            return ""
        if self.places_left is not None:
            if self.places_left == 0:
                return "Full"
            return f"{self.places_left} place{'s' if self.places_left != 1 else ''} left"
        return f"{self.places} places" if self.places else ""


@dataclass(frozen=True)
class Course:
    id: str
    title: str
    category: str
    audience: tuple[str, ...] = ()
    summary: str = ""
    description: str = ""
    provider: str = ""
    booking_url: str = ""
    related: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    location: str = ""
    places: int | None = None
    sessions: tuple[Session, ...] = ()
    source_file: str = ""
    line: int = 0


@dataclass(frozen=True)
class Calendar:
    courses: tuple[Course, ...]
    categories: dict[str, str]
    audiences: dict[str, str]
    timezone: str = "Europe/London"
    updated: date | None = None   # newest `updated:` date in the files; stamps the .ics output
    zone_rule: "ZoneRule | None" = field(default=None, compare=False)   # the VTIMEZONE, as Outlook reads it

    def course(self, course_id: str) -> Course | None:
        return next((c for c in self.courses if c.id == course_id), None)

    def sessions(self) -> list[Session]:
        """Every session, in start order (ties broken by slug so output never churns)."""
        return list(self._sessions_in_order)

    @cached_property
    def _sessions_in_order(self) -> tuple[Session, ...]:
        # Sorted once: pages, feeds and every handbook page's "upcoming training" ask for it.
        every = [s for c in self.courses for s in c.sessions]
        return tuple(sorted(every, key=lambda s: (s.first_start, s.slug)))

    def upcoming(self, today: date) -> list[Session]:
        """Sessions not yet finished on ``today`` (a session running today still shows)."""
        # Every handbook page asks for this with the same day; work it out once per day asked.
        if today not in self._upcoming_by_day:
            self._upcoming_by_day[today] = tuple(s for s in self._sessions_in_order if s.last_end.date() >= today)
        return list(self._upcoming_by_day[today])

    def past(self, today: date) -> list[Session]:
        return [s for s in self.sessions() if s.last_end.date() < today]

    def sessions_between(self, first: date, last: date) -> list[Session]:
        """Sessions whose first day falls between ``first`` and ``last`` inclusive."""
        starts = self._first_days
        return list(self._sessions_in_order[bisect_left(starts, first):bisect_right(starts, last)])

    @cached_property
    def _upcoming_by_day(self) -> dict:
        return {}

    @cached_property
    def _first_days(self) -> tuple[date, ...]:
        # In the same order as _sessions_in_order (sorted by start), so a range is a slice.
        return tuple(s.first_start.date() for s in self._sessions_in_order)
