"""Write the calendar as RFC 5545 files with `icalendar`: feeds and one file per session.

Each event is serialised once and reused in every feed that carries it, which keeps a
5,000-session calendar well under a second. UIDs come from course id + session key (+ day),
never list position, so edits and reordering never duplicate events in subscribers' calendars.
Every file carries the VTIMEZONE of :mod:`.timezones` (the form Outlook reads right); SEQUENCE
and the cancelled copies of removed sessions come from what the live site published
(:mod:`.history`, :mod:`.removed`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property, partial
from datetime import date, datetime, timedelta

from icalendar import Calendar as ICalendar
from icalendar import Event, vText

from .history import Published, PublishedEvent, own_sequence
from .icstext import content_lines, plain_text
from .icstext import text as _text
from .model import Calendar, Session
from .removed import REMOVED_NOTE, cancelled_copy, session_file_title
from .timezones import vtimezone_lines, zone_rule

PRODID = "-//Practice Hub//Training calendar//EN"
REFRESH = "PT12H"
_CLOSING = b"END:VCALENDAR\r\n"


@dataclass(frozen=True)
class FeedWindow:
    """Which sessions the subscribable feeds carry: every one not yet over, and those that ended
    at most ``past_days`` days before ``today`` (so the feeds stay small as the years go by).

    A session that leaves the window is not removed: it is still in the sources, so it is never
    published as cancelled (:meth:`IcsWriter.removed_events` compares against every session);
    calendar programs simply stop showing it, as they do for any event a feed no longer has.
    """
    today: date
    past_days: int

    @property
    def first_day(self) -> date:
        """Sessions whose last day is on or after this date are in the feeds."""
        return self.today - timedelta(days=self.past_days)

    def keeps(self, session: Session) -> bool:
        return session.last_end.date() >= self.first_day


@dataclass(frozen=True)
class FeedSpec:
    path: str            # e.g. "training/calendars/all.ics"
    name: str            # calendar name shown in the client
    description: str
    sessions: tuple[Session, ...]


def event_uid(session: Session, day_number: int, host: str) -> str:
    suffix = f"-day{day_number}" if session.is_multi_day else ""
    return f"{session.slug}{suffix}@{host}"


def feed_specs(calendar: Calendar, site_name: str, window: FeedWindow | None = None) -> list[FeedSpec]:
    """The subscribable feeds: everything, one per category, one per audience (each holding the
    sessions inside ``window``; every session without one)."""
    every = calendar.sessions()
    if window is not None:
        every = [s for s in every if window.keeps(s)]
    specs = [FeedSpec("training/calendars/all.ics", f"{site_name}: all training",
                      f"Every training session from {site_name}.", tuple(every))]
    for cid, label in calendar.categories.items():
        chosen = tuple(s for s in every if s.course.category == cid)
        specs.append(FeedSpec(f"training/calendars/category-{cid}.ics", f"{site_name}: {label}",
                              f"{label} sessions from {site_name}.", chosen))
    for aid, label in calendar.audiences.items():
        chosen = tuple(s for s in every if aid in s.course.audience)
        specs.append(FeedSpec(f"training/calendars/audience-{aid}.ics", f"{site_name}: training for {label.lower()}",
                              f"Training for {label.lower()} from {site_name}.", chosen))
    return specs


def session_file_path(session: Session) -> str:
    return f"training/calendars/sessions/{session.slug}.ics"


class IcsWriter:
    """Builds the bytes of every calendar file for one Calendar."""

    def __init__(self, calendar: Calendar, *, site_url: str, site_name: str, stamp: datetime,
                 course_url, previous: Published | None = None, today: date | None = None,
                 past_days: int | None = None):
        self.calendar, self.site_url, self.site_name = calendar, site_url, site_name
        # Without both, the feeds keep every session (tests of a calendar made in code).
        self.window = FeedWindow(today, past_days) if today is not None and past_days is not None else None
        self.host = _host(site_url)
        self.stamp, self.course_url = stamp, course_url
        self.previous, self.today = previous or Published(), today
        self._events: dict[str, bytes] = {}
        self._cache_events = True   # off once the feeds are written: the rest is used once each
        self._timezone = self._vtimezone()

    def _vtimezone(self) -> bytes:
        """One STANDARD and one DAYLIGHT part with yearly RRULEs: the form Outlook reads right.

        Written into every feed, even one with no sessions yet: RFC 5545 requires a calendar to
        hold at least one component, and an empty category feed must still be a valid calendar.
        """
        rule = self.calendar.zone_rule or _zone_rule_for(self.calendar, self.stamp)
        lines = [line if not line.startswith("TZNAME:") else "TZNAME:" + _text(line[7:])
                 for line in vtimezone_lines(rule)]
        return content_lines(lines)

    def session_events(self, session: Session) -> bytes:
        cached = self._events.get(session.slug)
        if cached is None:
            cached = b"".join(self.event_bytes(session, day) for day in session.days)
            if self._cache_events:
                self._events[session.slug] = cached
        return cached

    def _fields(self, session: Session, day) -> dict:
        course, total = session.course, len(session.days)
        title = course.title + (f" (day {day.number} of {total})" if total > 1 else "")
        if session.is_cancelled:
            title = f"Cancelled: {title}"
        fields = {"uid": event_uid(session, day.number, self.host), "title": plain_text(title),
                  "description": plain_text(self._description(session)), "location": plain_text(session.location),
                  "url": self.course_url(course),
                  "status": "CANCELLED" if session.is_cancelled else "CONFIRMED",
                  "category": plain_text(self.calendar.categories.get(course.category, course.category))}
        fields["sequence"] = self._sequence(session, day, fields)
        fields["stamp"] = self.previous.stamp(fields["uid"], self.stamp)
        return fields

    def _sequence(self, session: Session, day, fields: dict) -> int:
        """The author's sequence (+1 when cancelled), raised above the live site's on a change."""
        tz = self.calendar.timezone
        now = {"DTSTART": f"{tz}:{day.start:%Y%m%dT%H%M%S}", "DTEND": f"{tz}:{day.end:%Y%m%dT%H%M%S}",
               "STATUS": fields["status"], "LOCATION": fields["location"], "SUMMARY": fields["title"]}
        return self.previous.sequence(fields["uid"], own_sequence(session.sequence, session.is_cancelled), now)

    def event(self, session: Session, day) -> Event:
        """The event as an `icalendar` component: the reference for :meth:`event_bytes`."""
        f = self._fields(session, day)
        event = Event()
        event.add("uid", f["uid"])
        event.add("dtstamp", f["stamp"])
        event.add("dtstart", day.start)
        event.add("dtend", day.end)
        event.add("summary", f["title"])
        event.add("description", f["description"])
        if f["location"]:
            event.add("location", f["location"])
        event.add("url", f["url"])
        event.add("status", f["status"])
        event.add("sequence", f["sequence"])
        event.add("categories", [f["category"]])
        event.add("transp", "OPAQUE")
        return event

    def event_bytes(self, session: Session, day) -> bytes:
        """Exactly ``self.event(...).to_ical()``, written directly.

        icalendar's generic serialiser costs about half a millisecond per event; a 5,000-session
        calendar then takes seconds. Values are still escaped by icalendar's own types, and a test
        checks these bytes equal icalendar's output for every demo session.
        """
        f = self._fields(session, day)
        tz = self.calendar.timezone
        lines = [
            "BEGIN:VEVENT",
            "SUMMARY:" + _text(f["title"]),
            f"DTSTART;TZID={tz}:{day.start:%Y%m%dT%H%M%S}",
            f"DTEND;TZID={tz}:{day.end:%Y%m%dT%H%M%S}",
            f"DTSTAMP:{f['stamp']:%Y%m%dT%H%M%SZ}",
            "UID:" + _text(f["uid"]),
            f"SEQUENCE:{f['sequence']}",
            "CATEGORIES:" + _text(f["category"]),
            "DESCRIPTION:" + _text(f["description"]),
        ]
        if f["location"]:
            lines.append("LOCATION:" + _text(f["location"]))
        lines += [f"STATUS:{f['status']}", "TRANSP:OPAQUE", "URL:" + f["url"], "END:VEVENT"]
        return content_lines(lines)

    def _description(self, session: Session) -> str:
        course = session.course
        lines = [course.summary] if course.summary else []
        if session.is_cancelled:
            lines.insert(0, "This session has been cancelled.")
        if session.note:
            lines.append(session.note)
        if session.places_left is not None and not session.is_cancelled:
            lines.append("Full: no places left" if session.places_left == 0 else
                         f"Places left: {session.places_left}" + (f" of {session.places}" if session.places else ""))
        elif session.places:
            lines.append(f"Places: {session.places}")
        if session.booking_url and not session.is_cancelled:
            lines.append(f"Book: {session.booking_url}")
        lines.append(f"Details: {self.course_url(course)}")
        return "\n".join(lines)

    def calendar_head(self, name: str, description: str) -> bytes:
        """The VCALENDAR properties, made by `icalendar` (the reference for the fast path)."""
        head = ICalendar()
        head.add("prodid", PRODID)
        head.add("version", "2.0")
        head.add("calscale", "GREGORIAN")
        head.add("method", "PUBLISH")
        # NAME (RFC 7986) and the X-WR- names are TEXT; icalendar would write them unescaped.
        head.add("name", vText(name))
        head.add("x-wr-calname", vText(name))
        head.add("description", description)
        head.add("x-wr-caldesc", vText(description))
        head.add("x-wr-timezone", self.calendar.timezone)
        head.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
        head.add("x-published-ttl", REFRESH)
        return head.to_ical()[: -len(_CLOSING)]

    def _fast_head(self, name: str, description: str) -> bytes:
        """Exactly :meth:`calendar_head`, without icalendar's per-call cost (5,000 session files)."""
        lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
                 "METHOD:PUBLISH", "DESCRIPTION:" + _text(description), "X-WR-CALDESC:" + _text(description),
                 "NAME:" + _text(name), "X-WR-CALNAME:" + _text(name), f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}",
                 f"X-PUBLISHED-TTL:{REFRESH}", f"X-WR-TIMEZONE:{self.calendar.timezone}"]
        return content_lines(lines)

    def calendar_bytes(self, name: str, description: str, sessions, reference: bool = False,
                       removed: bytes = b"") -> bytes:
        """A whole .ics file. ``reference=True`` has icalendar serialise every part (for tests);
        ``removed`` holds the cancelled copies of published events that are gone from the sources."""
        name, description = plain_text(name), plain_text(description)
        body = [self.calendar_head(name, description) if reference else self._fast_head(name, description),
                self._timezone]
        for session in sessions:
            if reference:
                body.extend(self.event(session, day).to_ical() for day in session.days)
            else:
                body.append(self.session_events(session))
        body += [removed, _CLOSING]
        return b"".join(body)

    def files(self) -> dict[str, bytes]:
        """path -> bytes for every feed and every per-session file.

        Every session keeps its own file, however old: bulletin editions (web, email and PDF)
        link them for good, and each is small. Only the subscribable feeds are windowed."""
        out = self.feed_files()
        out.update(self.session_files())
        return out

    def feed_files(self) -> dict[str, bytes]:
        """path -> bytes for the subscribable feeds (all, each category, each audience)."""
        return {path: make() for path, make in self.feed_makers().items()}

    def feed_makers(self) -> dict[str, Callable[[], bytes]]:
        """path -> a function making that feed's bytes: a front end can make each feed when it
        writes it, so that a large calendar's feeds (over 100 MB when 50,000 sessions are still
        to come) are never all in memory at once."""
        return {spec.path: partial(self._feed_bytes, spec)
                for spec in feed_specs(self.calendar, self.site_name, self.window)}

    def _feed_bytes(self, spec: FeedSpec) -> bytes:
        return self.calendar_bytes(spec.name, spec.description, spec.sessions,
                                   removed=self._copies(self._removed, spec.path.rsplit("/", 1)[-1]))

    def session_files(self) -> Iterator[tuple[str, bytes]]:
        """(path, bytes) for every session's own file (and removed sessions' files), one at a
        time: at 50,000 sessions, holding them all would take about 75 MB for files written once."""
        removed = self._removed
        self._cache_events = False   # the feeds' events are reused; the rest is used once each
        written = set()
        for session in self.calendar.sessions():
            when = session.first_start.strftime("%d %B %Y").lstrip("0")
            path = session_file_path(session)
            written.add(path)
            yield path, self.calendar_bytes(session.course.title, f"{session.course.title}, {when}", [session],
                                            removed=self._copies(removed, path))
        for path in sorted({e.session_file for e in removed if e.session_file} - written):
            title = session_file_title(next(e for e in removed if e.session_file == path))
            yield path, self.calendar_bytes(title, REMOVED_NOTE, [], removed=self._copies(removed, path))
        self._events.clear()         # every file is made: the feeds' events are not needed again

    @cached_property
    def _removed(self) -> list[PublishedEvent]:
        return self.removed_events()

    def removed_events(self) -> list[PublishedEvent]:
        """Events the live site published that the sources no longer have (not yet over).

        Compared with every session in the sources, not only the feeds' window: a session that
        has just aged out of the feeds was not removed and must not be published as cancelled."""
        current = {event_uid(s, day.number, self.host) for s in self.calendar.sessions() for day in s.days}
        return self.previous.vanished(current, self.today)

    def _copies(self, removed: list[PublishedEvent], feed: str) -> bytes:
        """The cancelled copies that belong in ``feed`` (a feed file name or a session file path)."""
        return b"".join(cancelled_copy(e, self.stamp, self.calendar.timezone) for e in removed
                        if feed in e.feeds or feed == e.session_file)


def _zone_rule_for(calendar: Calendar, stamp: datetime):
    """The zone rule when the loader did not work it out (a Calendar made in code)."""
    years = [day.start.year for s in calendar.sessions() for day in s.days] or [stamp.year]
    return zone_rule(calendar.timezone, min(years) - 1, max(years) + 1)


def _host(site_url: str) -> str:
    from urllib.parse import urlsplit
    return urlsplit(site_url).hostname or "practice-hub.invalid"


