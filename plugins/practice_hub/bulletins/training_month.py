""""Training this month": the sessions of an edition's month (and the start of the next),
grouped by category, straight from the training calendar — never retyped.

A small month is listed in full, session by session (booking and calendar links on each). A
month too big for an email (a large service runs thousands of sessions a month) is summarised:
one line per course with its dates, the soonest sessions first, at most ``session_limit``
sessions on at most ``course_limit`` courses, then "and N more sessions this month", linking
the page that lists every one of them (:func:`month_page`). Email, web page and PDF share this
choice, so all three stay a readable size.
"""
from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass
from datetime import date, timedelta

from .. import routes
from ..common.clock import build_today
from ..training.listings import SESSIONS_PER_PAGE   # the archive's paging, as the training pages use it
from ..training.model import Calendar, Course, Session

LOOK_AHEAD_DAYS = 7   # "and the start of the next month"
# Listed in full up to this many sessions; past it, a summary of this many sessions…
SESSION_LIMIT = 40
# …on at most this many courses (a line each).
COURSE_LIMIT = 25


@dataclass(frozen=True)
class Limits:
    """How much of a big month every copy lists: the bulletins plugin's `training_sessions` and
    `training_courses` in mkdocs.yml (read and checked by the hub)."""
    sessions: int = SESSION_LIMIT
    courses: int = COURSE_LIMIT

    def problems(self) -> list[str]:
        return limit_problems(self.sessions, self.courses)


def limit_problems(session_limit, course_limit) -> list[str]:
    """Plain-English problems with the two settings (whole numbers, at least 1)."""
    problems = []
    for name, value, example in (("training_sessions", session_limit, 40), ("training_courses", course_limit, 25)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            problems.append(f"the practice-hub/bulletins setting `{name}: {value}` must be a whole number of at "
                            f"least 1: set it like `{name}: {example}`, or leave it out for {example}.")
    return problems


@dataclass(frozen=True)
class CourseDates:
    """One line of the summary: a course and its sessions shown (in start order)."""
    course: Course
    sessions: tuple[Session, ...]


@dataclass(frozen=True)
class CategoryGroup:
    category: str
    label: str
    sessions: tuple[Session, ...]             # the sessions shown, in start order
    courses: tuple[CourseDates, ...] = ()     # the same sessions, a line per course (summaries)


@dataclass(frozen=True)
class TrainingMonth:
    """What an edition shows of its month's training. Iterates over its category groups."""
    groups: tuple[CategoryGroup, ...]
    total: int = 0                 # sessions in the window
    summarised: bool = False       # True: a line per course and a link to the rest
    month: date | None = None      # the edition's month (first day)
    more_page: str = ""            # src_uri of the page listing every session of the month

    @property
    def shown(self) -> int:
        return sum(len(g.sessions) for g in self.groups)

    @property
    def more(self) -> int:
        return self.total - self.shown

    def __iter__(self):
        return iter(self.groups)

    def __len__(self) -> int:
        return len(self.groups)

    def __bool__(self) -> bool:
        return bool(self.groups)


def month_window(first_day: date) -> tuple[date, date]:
    last = first_day.replace(day=month_calendar.monthrange(first_day.year, first_day.month)[1])
    return first_day, last + timedelta(days=LOOK_AHEAD_DAYS)


def month_page(calendar: Calendar, month: date, today: date) -> str:
    """The training page that lists the sessions of ``month`` (its first day), as a src_uri.

    A month with sessions still to come has its own page (routes.training_month_page, as the
    training section makes them); a month that has run is in the past-sessions archive, on the
    page holding its newest session; otherwise the training home.
    """
    first, last = month, month_window(month)[1] - timedelta(days=LOOK_AHEAD_DAYS)
    if any(s.last_end.date() >= today for s in calendar.sessions_between(first, last)):
        return routes.training_month_page(month)
    past = calendar.past(today)
    in_month = [i for i, s in enumerate(past) if first <= s.first_start.date() <= last]
    if not in_month:
        return routes.TRAINING_HOME
    newest_first_index = len(past) - 1 - in_month[-1]
    return routes.training_past_page(newest_first_index // SESSIONS_PER_PAGE + 1)


def training_this_month(calendar: Calendar | None, first_day: date, *, today: date | None = None,
                        session_limit: int = SESSION_LIMIT, course_limit: int = COURSE_LIMIT) -> TrainingMonth:
    """Sessions starting in the month or the first week of the next, by category (declared order).

    Up to ``session_limit`` sessions: every one. More: a summary (see the module's docstring);
    ``today`` (the build's) decides which page lists the rest.
    """
    if calendar is None:
        return TrainingMonth(())
    first, last = month_window(first_day)
    chosen = calendar.sessions_between(first, last)
    total = len(chosen)
    summarised = total > session_limit
    if summarised:
        chosen = _soonest(chosen, session_limit, course_limit)
    groups = []
    for category, label in calendar.categories.items():
        in_category = tuple(s for s in chosen if s.course.category == category)
        if in_category:
            groups.append(CategoryGroup(category, label, in_category,
                                        _by_course(in_category) if summarised else ()))
    more_page = ""
    if summarised:
        more_page = month_page(calendar, first_day, today or build_today())
    return TrainingMonth(tuple(groups), total, summarised, first_day, more_page)


def _soonest(sessions: list[Session], session_limit: int, course_limit: int) -> list[Session]:
    """The first sessions in start order, at most ``session_limit`` on at most ``course_limit`` courses."""
    picked, courses = [], set()
    for s in sessions:
        if len(picked) >= session_limit:
            break
        if s.course.id not in courses:
            if len(courses) >= course_limit:
                continue
            courses.add(s.course.id)
        picked.append(s)
    return picked


def _by_course(sessions: tuple[Session, ...]) -> tuple[CourseDates, ...]:
    """A line per course, courses in order of their first session shown."""
    lines: dict[str, list[Session]] = {}
    for s in sessions:
        lines.setdefault(s.course.id, []).append(s)
    return tuple(CourseDates(items[0].course, tuple(items)) for items in lines.values())
