"""Read and check the training calendar YAML; every problem is reported with file and line.

The files are written by the workforce-development team, not programmers, so every check ends
in a sentence that says what is wrong and how to fix it, and all problems are reported at once.
"""
from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..common.errors import Problems, SourceError
from ..common.vocabulary import check_terms, did_you_mean
from ..common.yamlsource import LineDict, LineList, load_yaml_file, parse_date
from .model import CANCELLED, SCHEDULED, Calendar, Course, Session, SessionDay
from .timezones import UnsupportedZone, clock_gap, zone_rule

VOCABULARY_FILE = "vocabulary.yml"

COURSE_REQUIRED = ("id", "title", "category", "sessions")
COURSE_OPTIONAL = ("audience", "summary", "description", "provider", "booking_url", "related",
                   "topics", "location", "places")
SESSION_KEYS = ("id", "date", "start", "end", "days", "location", "places", "places_left", "status",
                "booking_url", "note", "sequence")
DAY_KEYS = ("date", "start", "end")
STATUSES = (SCHEDULED, CANCELLED)

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def load_calendar(calendar_dir: Path, *, timezone: str = "Europe/London",
                  handbook_pages: set[str] | None = None, topics: dict | None = None,
                  display_root: Path | None = None) -> Calendar:
    """Load every ``*.yml`` calendar in ``calendar_dir``; raise SourceError listing every problem."""
    problems = Problems()
    root = display_root or calendar_dir.parent
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        _fail("mkdocs.yml", f'"{timezone}" is not a time zone name.', 'use a name like "Europe/London".')
    if not calendar_dir.is_dir():
        _fail(str(calendar_dir), "the training calendar folder does not exist.",
              "create it, or set `calendar_dir` for the practice-hub/training plugin in mkdocs.yml.")
    categories, audiences = _load_vocabulary(calendar_dir, root, problems)
    checker = _Checker(zone, categories, audiences, handbook_pages, topics, problems)
    with _collector_paused():
        for path in sorted(calendar_dir.glob("*.yml")):
            if path.name == VOCABULARY_FILE:
                continue
            checker.check_file(path, path.relative_to(root).as_posix())
    courses = sorted(checker.courses, key=lambda c: c.id)
    updated = max(checker.updated, default=None)
    rule = _zone_rule(timezone, courses, updated, problems)
    problems.raise_if_any()
    return Calendar(tuple(courses), categories, audiences, timezone, updated, rule)


@contextmanager
def _collector_paused():
    """Python's cycle collector off while the YAML becomes sessions: it makes no cycles to
    collect, but the collector would walk every object made so far again and again (at 50,000
    sessions it was half the loading time)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _zone_rule(timezone: str, courses, updated: date | None, problems: Problems):
    """The VTIMEZONE rule, checked over the years the sessions use (one either side)."""
    starts = [day.start.year for c in courses for s in c.sessions for day in s.days]
    # With no sessions, the year only decides whether the zone is regular; it never changes output.
    around = starts or [(updated or date.today()).year]
    try:
        return zone_rule(timezone, min(around) - 1, max(around) + 1)
    except UnsupportedZone as err:
        problems.add("mkdocs.yml", None, f'the time zone "{timezone}" cannot be written so that Outlook '
                     f"reads it right: {err}.",
                     "Outlook follows only time zones whose clocks never change, or change on the same "
                     "weekday rule every year. Set `timezone:` for the practice-hub/training plugin in "
                     'mkdocs.yml to such a zone, like "Europe/London".')
        return None


def _fail(file: str, what: str, fix: str):
    problems = Problems()
    problems.add(file, None, what, fix)
    problems.raise_if_any()


def _load_vocabulary(calendar_dir: Path, root: Path, problems: Problems):
    path = calendar_dir / VOCABULARY_FILE
    name = path.relative_to(root).as_posix()
    if not path.is_file():
        problems.add(name, None, "the list of course categories and audiences is missing.",
                     "create it with `categories:` and `audiences:`, each a list of `id: Label` lines.")
        return {}, {}
    try:
        data = load_yaml_file(path, name)
    except SourceError as err:
        problems.extend(err.problems)
        return {}, {}
    found = []
    for key in ("categories", "audiences"):
        block = data.get(key) if isinstance(data, LineDict) else None
        if not isinstance(block, dict) or not all(isinstance(v, str) for v in block.values()):
            line = data.line_of(key) if isinstance(data, LineDict) else None
            problems.add(name, line, f"`{key}:` must be a list of `id: Label` lines.",
                         f"for example:\n      {key}:\n        practice-focus: Practice focus workshops")
            found.append({})
        else:
            found.append({str(k): v for k, v in block.items()})
    return found[0], found[1]


class _Checker:
    """Walks each file, building courses and recording problems as it goes."""

    def __init__(self, zone, categories, audiences, handbook_pages, topics, problems: Problems):
        self.zone, self.categories, self.audiences = zone, categories, audiences
        self.handbook_pages, self.topics, self.problems = handbook_pages, topics, problems
        self.courses: list[Course] = []
        self.seen_ids: dict[str, str] = {}
        self.updated: list[date] = []

    def add(self, file, line, what, fix=""):
        self.problems.add(file, line, what, fix)

    def mappings(self, items: LineList, name: str, what: str, fix: str):
        """(index, entry) for each entry of a YAML list that is a mapping; the others are reported."""
        for index, entry in enumerate(items):
            if isinstance(entry, LineDict):
                yield index, entry
            else:
                self.add(name, items.line_of(index), what, fix)

    def check_file(self, path: Path, name: str) -> None:
        try:
            data = load_yaml_file(path, name)
        except SourceError as err:
            self.problems.extend(err.problems)
            return
        if data is None:
            return  # an empty file is allowed: nothing scheduled yet
        if not isinstance(data, LineDict) or "courses" not in data:
            self.add(name, getattr(data, "line", 1) or 1, "the file must start with `courses:`.",
                     "put `courses:` on the first line and list each course under it, starting with `- id:`.")
            return
        for key in data:
            if key not in ("courses", "updated"):
                self.add(name, data.line_of(key), f"`{key}:` is not a setting at the top of a calendar file."
                         + did_you_mean(key, ["courses", "updated"]),
                         "only `updated:` (the date you last edited the file) and `courses:` belong at the top.")
        if "updated" in data:
            updated = parse_date(data["updated"])
            if updated is None:
                self.add(name, data.line_of("updated"), f'`updated:` "{data["updated"]}" is not a real date.',
                         "write the date you last edited the file, like `updated: 2026-11-20`.")
            else:
                self.updated.append(updated)
        courses = data["courses"]
        if not isinstance(courses, LineList):
            self.add(name, data.line_of("courses"), "`courses:` must be a list.",
                     "start each course on a new line with `- id: ...`, indented under `courses:`.")
            return
        for _, raw in self.mappings(courses, name, "each course must be a set of `name: value` lines.",
                                    "start the course with `- id: your-course-id` and put its settings under it."):
            course = self.check_course(raw, name)
            if course is not None:
                self.courses.append(course)

    def check_keys(self, raw: LineDict, known, required, name: str, what: str) -> bool:
        ok = True
        for key in raw:
            if key not in known:
                self.add(name, raw.line_of(key), f'"{key}" is not a setting a {what} can have.'
                         + did_you_mean(key, known), f"use one of: {', '.join(known)}.")
        for key in required:
            if key not in raw or raw[key] in (None, ""):
                self.add(name, raw.line, f"this {what} has no `{key}:`.", f"add `{key}:` to it.")
                ok = False
        return ok

    def text(self, raw: LineDict, key: str, name: str, default: str = "") -> str:
        value = raw.get(key)
        if value is None:
            return default
        if isinstance(value, (dict, list)):
            self.add(name, raw.line_of(key), f"`{key}:` must be a line of text, not a list or a block.",
                     f"write it on one line, like `{key}: Some text`.")
            return default
        return str(value).strip()

    def word_list(self, raw: LineDict, key: str, name: str) -> tuple[str, ...]:
        value = raw.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            self.add(name, raw.line_of(key), f"`{key}:` must be a list.",
                     f"write it in square brackets, like `{key}: [first, second]`, even for one item.")
            return ()
        return tuple(str(v) for v in value)

    def url(self, raw: LineDict, key: str, name: str) -> str:
        value = self.text(raw, key, name)
        if not value:
            return ""
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            self.add(name, raw.line_of(key), f'`{key}:` "{value}" is not a web address.',
                     "use a full address starting with https:// (only http and https links are allowed).")
            return ""
        return value

    def places(self, raw: LineDict, name: str) -> int | None:
        value = raw.get("places")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.add(name, raw.line_of("places"), f'`places:` "{value}" must be a whole number of places, 1 or more.',
                     "write the number only, like `places: 12`, or remove the line if there is no limit.")
            return None
        return value

    def places_left(self, item: LineDict, places: int | None, name: str) -> int | None:
        """`places_left:` from the booking system: a whole number from 0 (full) to `places:`."""
        if "places_left" not in item:
            return None
        value, line = item.get("places_left"), item.line_of("places_left")
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.add(name, line, f'`places_left:` "{value}" must be a whole number of places, 0 or more.',
                     "write the number of places still free, like `places_left: 3` (0 when the session "
                     "is full), or remove the line.")
            return None
        if places is not None and value > places:
            self.add(name, line, f"`places_left: {value}` is more than the {places} places the session has.",
                     f"check the booking system: places left can be at most `places: {places}`.")
            return None
        return value

    def check_course(self, raw: LineDict, name: str) -> Course | None:
        known = COURSE_REQUIRED + COURSE_OPTIONAL
        complete = self.check_keys(raw, known, COURSE_REQUIRED, name, "course")
        course_id = self.text(raw, "id", name)
        if course_id and not _ID.match(course_id):
            self.add(name, raw.line_of("id"), f'the course id "{course_id}" can only use lower-case letters, numbers and hyphens.',
                     'for example `id: sos-two-day-foundation`. Keep it the same for the life of the course.')
        elif course_id in self.seen_ids:
            self.add(name, raw.line_of("id"), f'the course id "{course_id}" is already used in {self.seen_ids[course_id]}.',
                     "give each course its own id; ids must be unique across all calendar files.")
        elif course_id:
            self.seen_ids[course_id] = f"{name}, line {raw.line_of('id')}"
        category = self.text(raw, "category", name)
        if category and self.categories:
            check_terms([category], self.categories, "course category", name, raw.line_of("category"),
                        self.problems, f"training_calendar/{VOCABULARY_FILE}")
        audience = self.word_list(raw, "audience", name)
        if self.audiences:
            check_terms(audience, self.audiences, "audience", name, raw.line_of("audience"),
                        self.problems, f"training_calendar/{VOCABULARY_FILE}")
        topics = self.word_list(raw, "topics", name)
        if self.topics is not None:
            check_terms(topics, self.topics, "topic", name, raw.line_of("topics"), self.problems, "topics.yml")
        related = self.word_list(raw, "related", name)
        self.check_related(related, raw, name)
        course = Course(
            id=course_id, title=self.text(raw, "title", name), category=category, audience=audience,
            summary=self.text(raw, "summary", name), description=self.text(raw, "description", name),
            provider=self.text(raw, "provider", name), booking_url=self.url(raw, "booking_url", name),
            related=related, topics=topics, location=self.text(raw, "location", name),
            places=self.places(raw, name), source_file=name, line=raw.line)
        sessions = self.check_sessions(raw, course, name)
        if not complete:
            return None
        object.__setattr__(course, "sessions", tuple(sessions))
        return course

    def check_related(self, related, raw: LineDict, name: str) -> None:
        if self.handbook_pages is None:
            return
        for page in related:
            if page not in self.handbook_pages:
                self.add(name, raw.line_of("related"), f'the related page "{page}" is not in the handbook.'
                         + did_you_mean(page, self.handbook_pages),
                         "use the page's path inside content/, like `signs-of-safety/mapping.md`.")

    def check_sessions(self, raw: LineDict, course: Course, name: str) -> list[Session]:
        value = raw.get("sessions")
        if value is None:
            return []
        if not isinstance(value, LineList):
            self.add(name, raw.line_of("sessions"), "`sessions:` must be a list of dates.",
                     "start each session on a new line with `- date: 2026-12-02`, indented under `sessions:`.")
            return []
        sessions, keys = [], {}
        for _, item in self.mappings(value, name, "each session must be a set of `name: value` lines.",
                                     "write `- date: 2026-12-02` with `start:` and `end:` lines under it."):
            session = self.check_session(item, course, name)
            if session is None:
                continue
            if session.key in keys:
                self.add(name, item.line, f"this session has the same date and start time as the one on line {keys[session.key]}.",
                         "remove the duplicate, or give each session its own `id:`.")
                continue
            keys[session.key] = item.line
            sessions.append(session)
        return sorted(sessions, key=lambda s: s.first_start)

    def check_session(self, item: LineDict, course: Course, name: str) -> Session | None:
        self.check_keys(item, SESSION_KEYS, (), name, "session")
        days_raw = item.get("days")
        if days_raw is not None and any(k in item for k in DAY_KEYS):
            self.add(name, item.line, "this session has both `days:` and `date:`/`start:`/`end:`.",
                     "use `days:` (a list of dates with times) for a course over several days, or `date:`, `start:` and `end:` for one day — not both.")
            return None
        if days_raw is None:
            day = self.check_day(item, name, 1)
            days = [day] if day else []
            if not day:
                return None
        elif not isinstance(days_raw, LineList) or not days_raw:
            self.add(name, item.line_of("days"), "`days:` must be a list of dates with times.",
                     "write each day as `- {date: 2027-01-13, start: \"09:30\", end: \"16:30\"}`.")
            return None
        else:
            days = []
            for index, raw_day in self.mappings(days_raw, name, "each day must have `date:`, `start:` and `end:`.",
                                                "write it as `- {date: 2027-01-13, start: \"09:30\", end: \"16:30\"}`."):
                self.check_keys(raw_day, DAY_KEYS, (), name, "day")
                days.append(self.check_day(raw_day, name, index + 1))
            if not all(days):
                return None
            days.sort(key=lambda d: d.start)
            days = [replace(d, number=i + 1) for i, d in enumerate(days)]
            for earlier, later in zip(days, days[1:]):
                if later.start < earlier.end:
                    self.add(name, item.line_of("days"), f"two days of this session overlap ({later.start:%d %B %Y}).",
                             "give each day its own date and times.")
                    return None
        status = self.text(item, "status", name, SCHEDULED).lower()
        if status not in STATUSES:
            self.add(name, item.line_of("status"), f'`status:` "{status}" is not a session status.' + did_you_mean(status, STATUSES),
                     "use `status: scheduled` or `status: cancelled` (or leave it out for scheduled).")
            status = SCHEDULED
        sequence = item.get("sequence", 0)   # the feeds add one when cancelled (history.own_sequence)
        if isinstance(sequence, bool) or not isinstance(sequence, int) or sequence < 0:
            self.add(name, item.line_of("sequence"), "`sequence:` must be a whole number, 0 or more.",
                     "write a whole number like `sequence: 1`, or leave it out: publishing raises it by itself "
                     "when a session's time, place, title or status changes.")
            sequence = 0
        key = self.text(item, "id", name)
        if key and not _ID.match(key):
            self.add(name, item.line_of("id"), f'the session id "{key}" can only use lower-case letters, numbers and hyphens.',
                     "for example `id: spring-cohort`.")
        key = key or days[0].start.strftime("%Y-%m-%d-%H%M")
        places = self.places(item, name) if "places" in item else course.places
        return Session(
            course=course, key=key, days=tuple(days), status=status,
            location=self.text(item, "location", name) or course.location,
            places=places, places_left=self.places_left(item, places, name),
            booking_url=self.url(item, "booking_url", name) or course.booking_url,
            note=self.text(item, "note", name), sequence=sequence, source_file=name, line=item.line)

    def check_day(self, raw: LineDict, name: str, number: int) -> SessionDay | None:
        for key in DAY_KEYS:
            if key not in raw:
                self.add(name, raw.line, f"this session has no `{key}:`.",
                         'every session needs `date:`, `start:` and `end:`, like `date: 2026-12-02`, `start: "09:00"`, `end: "11:00"`.')
                return None
        day = parse_date(raw["date"])
        if day is None:
            self.add(name, raw.line_of("date"), f'"{raw["date"]}" is not a real date.',
                     "write dates as year-month-day, like `date: 2026-12-02`, and check the day exists in that month.")
        start = self.clock_time(raw, "start", name)
        end = self.clock_time(raw, "end", name)
        if day is None or start is None or end is None:
            return None
        if end <= start:
            self.add(name, raw.line_of("end"), f"the session ends ({raw['end']}) before or when it starts ({raw['start']}).",
                     "check the times: `end:` must be later than `start:` on the same day.")
            return None
        begins = self.local(day, start, raw, "start", name)
        finishes = self.local(day, end, raw, "end", name)
        if begins is None or finishes is None:
            return None
        return SessionDay(begins, finishes, number)

    def clock_time(self, raw: LineDict, key: str, name: str) -> time | None:
        value = raw[key]
        match = _TIME.match(str(value).strip()) if isinstance(value, str) else None
        if not match:
            self.add(name, raw.line_of(key), f'`{key}:` "{value}" is not a time of day.',
                     f'write times in 24-hour clock in quotes, like `{key}: "09:30"`.')
            return None
        return time(int(match.group(1)), int(match.group(2)))

    def local(self, day: date, at: time, raw: LineDict, key: str, name: str) -> datetime | None:
        """The local moment, unless the clocks change through it (skipped or repeated time)."""
        moment = datetime.combine(day, at, tzinfo=self.zone)
        gap = clock_gap(self.zone, moment)
        if gap is None:
            return moment
        when, first, after = f"{at:%H:%M} on {day.day} {day:%B %Y}", f"{gap.first:%H:%M}", f"{gap.after:%H:%M}"
        if gap.repeated:
            self.add(name, raw.line_of(key),
                     f"{when} happens twice: the clocks go back from {after} to {first} that night, "
                     f"and calendar programs disagree about which {at:%H:%M} is meant.",
                     f"choose a `{key}:` time before {first} or from {after} on that day.")
        else:
            self.add(name, raw.line_of(key),
                     f"{when} does not exist: the clocks go forward from {first} to {after} that night.",
                     f"choose a `{key}:` time before {first} or from {after} on that day.")
        return None
