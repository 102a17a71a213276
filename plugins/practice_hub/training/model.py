"""The training calendar as plain, immutable data: courses, bookable sessions and their days."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

SCHEDULED = "scheduled"
CANCELLED = "cancelled"


@dataclass(frozen=True)
class SessionDay:
    """One sitting of a session: a single calendar event."""
    start: datetime          # timezone-aware, local time
    end: datetime
    number: int = 1          # "day 2 of 3"


@dataclass(frozen=True)
class Session:
    """One bookable run of a course; several days for a multi-day course."""
    course: "Course" = field(repr=False, compare=False)
    key: str                 # stable within the course: explicit id or derived from the first day
    days: tuple[SessionDay, ...]
    status: str = SCHEDULED
    location: str = ""
    places: int | None = None
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
        return [s for s in self.sessions() if s.last_end.date() >= today]

    def past(self, today: date) -> list[Session]:
        return [s for s in self.sessions() if s.last_end.date() < today]

    def sessions_between(self, first: date, last: date) -> list[Session]:
        """Sessions whose first day falls between ``first`` and ``last`` inclusive."""
        return [s for s in self.sessions() if first <= s.first_start.date() <= last]
