"""What a new build would take away from the live site: pages, feeds and calendar events.

A page or feed that disappears breaks bookmarks and links in emails; a calendar event that
disappears vanishes silently from the calendars of everyone who subscribed. Publish shows this
list before switching and needs --yes (or a "yes" typed at the prompt) to go ahead.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PAGE_SUFFIXES = (".html",)
FEED_SUFFIXES = (".xml", ".ics")
DOCUMENT_SUFFIXES = (".pdf", ".eml", ".csv")
CALENDARS = Path("training/calendars")
SHOWN = 15


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    start: str


@dataclass
class Disappearing:
    pages: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    events: list[CalendarEvent] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.pages or self.feeds or self.documents or self.events)


def what_disappears(live: Path, new: Path) -> Disappearing:
    gone = sorted(_published_files(live) - _published_files(new))
    new_events = calendar_events(new)
    return Disappearing(
        pages=[p for p in gone if p.endswith(PAGE_SUFFIXES)],
        feeds=[p for p in gone if p.endswith(FEED_SUFFIXES)],
        documents=[p for p in gone if p.endswith(DOCUMENT_SUFFIXES)],
        events=[event for uid, event in sorted(calendar_events(live).items()) if uid not in new_events])


def describe(gone: Disappearing) -> str:
    parts = []
    for kind, items in (("page", gone.pages), ("feed or calendar", gone.feeds), ("document", gone.documents)):
        if items:
            parts.append(f"{_count(len(items), kind)} would disappear:\n" + _listing(items))
    if gone.events:
        lines = [f"{e.summary} ({e.start}) [{e.uid}]" for e in gone.events]
        parts.append(f"{_count(len(gone.events), 'calendar event')} that people may have added to their own "
                     "calendars would disappear without notice:\n" + _listing(lines) +
                     "\nTo call a session off, keep it in training_calendar and set `status: cancelled`: "
                     "it then shows as cancelled in everyone's calendar instead of vanishing.")
    return "\n\n".join(parts)


def calendar_events(site: Path) -> dict[str, CalendarEvent]:
    """Every event (by UID) in the site's training/calendars/*.ics feeds."""
    events: dict[str, CalendarEvent] = {}
    for feed in sorted((site / CALENDARS).glob("*.ics")):
        for event in _events_in(feed.read_text(encoding="utf-8", errors="replace")):
            events.setdefault(event.uid, event)
    return events


def _events_in(text: str) -> list[CalendarEvent]:
    found, current = [], None
    for line in _unfolded(text):
        name, _, value = line.partition(":")
        name = name.split(";", 1)[0].upper()
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT" and current is not None:
            if "UID" in current:
                found.append(CalendarEvent(current["UID"], current.get("SUMMARY", "(no title)"),
                                           current.get("DTSTART", "?")))
            current = None
        elif current is not None and name in ("UID", "SUMMARY", "DTSTART"):
            current.setdefault(name, value.replace("\\,", ",").replace("\\;", ";"))
    return found


def _unfolded(text: str) -> list[str]:
    """iCalendar content lines, with folded continuation lines (starting with a space or tab) joined."""
    lines: list[str] = []
    for raw in text.splitlines():
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        else:
            lines.append(raw)
    return lines


def _published_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*")
            if p.is_file() and p.suffix in PAGE_SUFFIXES + FEED_SUFFIXES + DOCUMENT_SUFFIXES}


def _count(number: int, kind: str) -> str:
    plural = {"feed or calendar": "feeds and calendars"}.get(kind, kind + "s")
    return f"{number} {kind if number == 1 else plural}"


def _listing(items: list[str]) -> str:
    shown = [f"  - {item}" for item in items[:SHOWN]]
    if len(items) > SHOWN:
        shown.append(f"  ... and {len(items) - SHOWN} more")
    return "\n".join(shown)
