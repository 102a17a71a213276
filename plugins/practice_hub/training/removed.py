"""Sessions the live site published that the sources no longer have: published once more as
CANCELLED (with a higher SEQUENCE) so they leave people's calendars, and explained to the author.

Plain Python: the events come from :mod:`.history`, the bytes go into the feeds of :mod:`.ics`.
"""
from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .history import PublishedEvent, unescape_text
from .icstext import content_lines, text

REMOVED_NOTE = "This session has been removed from the training calendar."
CANCELLED_PREFIX = "Cancelled: "


def cancelled_copy(event: PublishedEvent, stamp: datetime, tzid: str) -> bytes:
    """The published event once more, as CANCELLED with a higher SEQUENCE, so calendars drop it.

    A copy that is already cancelled (carried over from an earlier publish) keeps its SEQUENCE,
    so publishing again changes nothing. Times in another zone than ``tzid`` (the setting
    changed since) are written in UTC, as the file has no VTIMEZONE for them.
    """
    already = event.is_cancelled
    stamp = max(stamp, event.stamp or stamp)
    changed = {"STATUS": "CANCELLED", "SEQUENCE": str(event.sequence if already else event.sequence + 1),
               "DTSTAMP": f"{stamp:%Y%m%dT%H%M%SZ}"}
    if not already:
        changed["SUMMARY"] = text(CANCELLED_PREFIX + unescape_text(event.value("SUMMARY")))
        changed["DESCRIPTION"] = text(REMOVED_NOTE + "\n" + unescape_text(event.value("DESCRIPTION")))
    lines = ["BEGIN:VEVENT"]
    for name, parameters, value in event.lines:
        if name in ("DTSTART", "DTEND"):
            parameters, value = _in_zone(parameters, value, tzid)
        value = changed.pop(name, value)
        lines.append(name + (";" + parameters if parameters else "") + ":" + value)
    lines += [f"{name}:{value}" for name, value in changed.items() if name != "DESCRIPTION"]
    return content_lines(lines + ["END:VEVENT"])


def _in_zone(parameters: str, value: str, tzid: str) -> tuple[str, str]:
    their_zone = parameters.partition("TZID=")[2].split(";")[0].strip('"')
    if not their_zone or their_zone == tzid:
        return parameters, value
    try:
        local = datetime.strptime(value[:15], "%Y%m%dT%H%M%S").replace(tzinfo=ZoneInfo(their_zone))
    except (ValueError, ZoneInfoNotFoundError):
        return parameters, value
    return "", f"{local.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}"


def session_file_title(event: PublishedEvent) -> str:
    """The calendar name of a session file that holds only removed events: the same every build."""
    return unescape_text(event.value("SUMMARY")).removeprefix(CANCELLED_PREFIX)


def removal_notes(removed: list[PublishedEvent]) -> list[str]:
    """What to tell the author about each event that disappeared since the last publish (once:
    a copy that was already cancelled is carried on without a word)."""
    return [removal_note(e) for e in removed if not e.is_cancelled]


def removal_note(event: PublishedEvent) -> str:
    start = event.value("DTSTART")
    try:
        when = datetime.strptime(start[:15], "%Y%m%dT%H%M%S")
        when_text = f"{when.day} {when:%B %Y} at {when:%H:%M}"
    except ValueError:
        when_text = start
    return (f'"{unescape_text(event.value("SUMMARY"))}" on {when_text} was in the published calendar but is no '
            f"longer in the training calendar files (event {event.uid.rsplit('@', 1)[0]}). It is published "
            "as cancelled, so everyone who added it to their calendar sees it cancelled. If it should still "
            "run, put it back (with the same `id:` if it had one). Next time, set `status: cancelled` on the "
            "session instead of deleting it.")
