"""What the live site published last time, so changes always reach people's calendars.

Calendar programs keep an event they already have unless the new copy says it is newer: a
higher SEQUENCE. Authors should not have to know that, so the build reads the feeds of the live
site (named by ``PRACTICE_HUB_PREVIOUS_SITE``, set by ``practice-hub publish``) and:

* raises SEQUENCE above the published one for every event whose time, status, place or title
  changed, and never lets it fall below what was published;
* finds the events that were published but are no longer in the sources (a day taken out of a
  multi-day session, a session moved without an ``id:``) so they can be published once more as
  CANCELLED, with a higher SEQUENCE, and calendars take them out.

Plain Python, no MkDocs import: it only reads files and compares values.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

PREVIOUS_SITE_ENV = "PRACTICE_HUB_PREVIOUS_SITE"
FEEDS_DIR = "training/calendars"
SESSIONS_DIR = f"{FEEDS_DIR}/sessions"
# A change to any of these is one calendar programs must see (RFC 5546 adds nothing we write).
WATCHED = ("DTSTART", "DTEND", "STATUS", "LOCATION", "SUMMARY")
TEXT_PROPERTIES = ("SUMMARY", "DESCRIPTION", "LOCATION", "CATEGORIES")
_DAY_SUFFIX = re.compile(r"-day\d+$")


@dataclass(frozen=True)
class PublishedEvent:
    uid: str
    lines: tuple[tuple[str, str, str], ...]   # (name, parameters, value) in file order, unfolded
    feeds: frozenset[str] = frozenset()      # file names of the feeds that carried it
    session_file: str = ""                   # site path of its "Add to calendar" file

    def value(self, name: str) -> str:
        return next((value for key, _, value in self.lines if key == name), "")

    def watched(self) -> dict[str, str]:
        return {name: watched_value(name, *self._parameters_and_value(name)) for name in WATCHED}

    def _parameters_and_value(self, name: str) -> tuple[str, str]:
        return next(((params, value) for key, params, value in self.lines if key == name), ("", ""))

    @property
    def sequence(self) -> int:
        raw = self.value("SEQUENCE").strip()
        return int(raw) if raw.isdigit() else 0

    @property
    def stamp(self) -> datetime | None:
        """DTSTAMP as written (UTC), or None when it cannot be read."""
        try:
            return datetime.strptime(self.value("DTSTAMP"), "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
        except ValueError:
            return None

    @property
    def is_cancelled(self) -> bool:
        return self.value("STATUS").upper() == "CANCELLED"

    def last_day(self) -> date | None:
        raw = self.value("DTEND") or self.value("DTSTART")
        try:
            return date(int(raw[:4]), int(raw[4:6]), int(raw[6:8]))
        except ValueError:
            return None


@dataclass(frozen=True)
class Published:
    """The events of the previous site, by UID; empty when there was none."""
    events: dict[str, PublishedEvent] = field(default_factory=dict)
    folder: str = ""
    problems: tuple[str, ...] = ()           # feeds that were there but could not be read

    def sequence(self, uid: str, own: int, now: dict[str, str]) -> int:
        """SEQUENCE for an event written now: ``own`` (the author's), never below what was
        published, and above it when a watched value changed."""
        before = self.events.get(uid)
        if before is None:
            return own
        changed = before.watched() != {name: now.get(name, "") for name in WATCHED}
        return max(own, before.sequence + 1 if changed else before.sequence)

    def stamp(self, uid: str, stamp: datetime) -> datetime:
        """DTSTAMP for an event written now: ``stamp``, but never older than the published copy's."""
        before = self.events.get(uid)
        published = before.stamp if before else None
        return max(stamp, published) if published else stamp

    def vanished(self, current_uids: set[str], today: date | None) -> list[PublishedEvent]:
        """Published events the new build no longer has, not yet over on ``today``, by start."""
        gone = [e for uid, e in self.events.items() if uid not in current_uids
                and (today is None or (e.last_day() or today) >= today)]
        return sorted(gone, key=lambda e: (e.value("DTSTART"), e.uid))


def own_sequence(author_sequence: int, cancelled: bool) -> int:
    """The sequence the sources give: a cancelled session is always above its scheduled copy."""
    return author_sequence + 1 if cancelled else author_sequence


def watched_value(name: str, parameters: str, value: str) -> str:
    """A watched value in one comparable form: times with their TZID, text unescaped."""
    if name in ("DTSTART", "DTEND"):
        tzid = re.search(r"(?:^|;)TZID=\"?([^;\":]+)", parameters)
        return f"{tzid.group(1) if tzid else ''}:{value}"
    if name == "STATUS":
        return value.upper()
    return unescape_text(value)


def unescape_text(value: str) -> str:
    """RFC 5545 TEXT back to plain text."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def previous_site_from_environment() -> Path | None:
    raw = os.environ.get(PREVIOUS_SITE_ENV, "").strip()
    return Path(raw) if raw else None


def read_published(site: Path | None) -> Published:
    """Read ``site``'s feeds; a site with no training feeds (or none at all) gives an empty result."""
    if site is None:
        return Published()
    feeds_dir = site / FEEDS_DIR
    everything = feeds_dir / "all.ics"
    if not everything.is_file():
        return Published(folder=str(site))
    problems: list[str] = []
    try:
        events = {e.uid: e for e in parse_events(everything.read_text(encoding="utf-8"))}
    except (OSError, UnicodeDecodeError, ValueError) as err:
        return Published(folder=str(site), problems=(f"{everything} could not be read ({err})",))
    membership = _feed_membership(feeds_dir, problems)
    session_files = _session_files(site / SESSIONS_DIR)
    placed = {uid: PublishedEvent(uid, e.lines, frozenset(membership.get(uid, ())),
                                  _session_file_for(uid, session_files))
              for uid, e in events.items()}
    return Published(placed, str(site), tuple(problems))


def _feed_membership(feeds_dir: Path, problems: list[str]) -> dict[str, set[str]]:
    """UID -> names of the subscribable feeds (all, category-*, audience-*) that carried it."""
    found: dict[str, set[str]] = {}
    for path in sorted(feeds_dir.glob("*.ics")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            problems.append(f"{path} could not be read ({err})")
            continue
        for line in unfold(text):
            if line.startswith("UID:"):
                found.setdefault(line[4:], set()).add(path.name)
    return found


def _session_files(folder: Path) -> set[str]:
    try:
        return {name for name in os.listdir(folder) if name.endswith(".ics")}
    except OSError:
        return set()


def _session_file_for(uid: str, names: set[str]) -> str:
    local = uid.rsplit("@", 1)[0]
    for candidate in (local, _DAY_SUFFIX.sub("", local)):
        if f"{candidate}.ics" in names:
            return f"{SESSIONS_DIR}/{candidate}.ics"
    return ""


def unfold(text: str) -> list[str]:
    """Content lines with RFC 5545 folding undone (CRLF or LF line ends)."""
    text = text.replace("\r\n", "\n")
    return re.sub(r"\n[ \t]", "", text).split("\n")


def parse_events(text: str) -> list[PublishedEvent]:
    """The VEVENTs of a calendar file we wrote: each as its (name, parameters, value) lines."""
    events, current = [], None
    for line in unfold(text):
        if line == "BEGIN:VEVENT":
            current = []
        elif line == "END:VEVENT" and current is not None:
            uid = next((value for name, _, value in current if name == "UID"), "")
            if not uid:
                raise ValueError("an event has no UID")
            events.append(PublishedEvent(uid, tuple(current)))
            current = None
        elif current is not None and line:
            current.append(split_line(line))
    if current is not None:
        raise ValueError("the file ends inside an event")
    return events


def split_line(line: str) -> tuple[str, str, str]:
    """``NAME;PARAM=x:value`` -> ("NAME", "PARAM=x", "value"), minding quoted parameters."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            head, value = line[:index], line[index + 1:]
            name, _, parameters = head.partition(";")
            return name.upper(), parameters, value
    raise ValueError(f"a line has no value: {line[:40]!r}")
