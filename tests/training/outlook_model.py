"""A small model of how Outlook imports a VTIMEZONE, from Microsoft's published rules.

[MS-OXCICAL] 2.1.3.2.1 and [MS-STANOICAL] 2.1.3.1.1 describe it: Outlook ignores RDATE, reads
only the first STANDARD and the first DAYLIGHT part, and turns each into a yearly rule (a
Windows TZRULE): month, day of week, week of the month (5 = last) and time of day, taken from
RRULE's BYMONTH and BYDAY when there is one, otherwise from DTSTART itself. A time is then in
daylight time between the DAYLIGHT onset and the STANDARD onset of its year, compared as local
wall-clock times. Written independently of our code: it reads the .ics text itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Transition:
    month: int
    week: int            # 1-4, or 5 for "last"
    weekday: int         # 0 Monday
    hour: int
    minute: int
    offset: timedelta    # TZOFFSETTO

    def moment(self, year: int) -> datetime:
        if self.week == 5:
            last = date(year + self.month // 12, self.month % 12 + 1, 1) - timedelta(days=1)
            day = last - timedelta(days=(last.weekday() - self.weekday) % 7)
        else:
            first = date(year, self.month, 1)
            day = first + timedelta(days=(self.weekday - first.weekday()) % 7 + 7 * (self.week - 1))
        return datetime(day.year, day.month, day.day, self.hour, self.minute)


@dataclass(frozen=True)
class OutlookZone:
    standard: Transition
    daylight: Transition | None

    def offset(self, local: datetime) -> timedelta:
        if self.daylight is None:
            return self.standard.offset
        begins, ends = self.daylight.moment(local.year), self.standard.moment(local.year)
        summer = begins <= local < ends if begins < ends else (local >= begins or local < ends)
        return self.daylight.offset if summer else self.standard.offset


def unfolded_lines(text: str) -> list[str]:
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def vtimezones(text: str) -> dict[str, list[str]]:
    """TZID -> the lines of its VTIMEZONE."""
    zones, current = {}, None
    for line in unfolded_lines(text):
        if line == "BEGIN:VTIMEZONE":
            current = []
        elif line == "END:VTIMEZONE":
            tzid = next(v[5:] for v in current if v.startswith("TZID:"))
            zones[tzid] = current
            current = None
        elif current is not None:
            current.append(line)
    return zones


def outlook_zone(lines: list[str]) -> OutlookZone:
    parts: dict[str, list[str]] = {}
    kind = None
    for line in lines:
        if line in ("BEGIN:STANDARD", "BEGIN:DAYLIGHT"):
            kind = line[6:]
            parts.setdefault(kind, None)
            current = []
        elif line in ("END:STANDARD", "END:DAYLIGHT"):
            if parts[kind] is None:        # only the first of each kind counts
                parts[kind] = current
            kind = None
        elif kind:
            current.append(line)          # RDATE lines are kept but never read
    return OutlookZone(_transition(parts["STANDARD"]), _transition(parts["DAYLIGHT"]) if parts.get("DAYLIGHT") else None)


def _transition(lines: list[str]) -> Transition:
    props = {line.split(":", 1)[0].split(";")[0]: line.split(":", 1)[1] for line in lines}
    start = datetime.strptime(props["DTSTART"], "%Y%m%dT%H%M%S")
    month, weekday, week = start.month, start.weekday(), min((start.day - 1) // 7 + 1, 5)
    if "RRULE" in props:
        rule = dict(part.split("=") for part in props["RRULE"].split(";"))
        assert rule["FREQ"] == "YEARLY"
        month = int(rule.get("BYMONTH", month))
        if "BYDAY" in rule:
            found = re.fullmatch(r"([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)", rule["BYDAY"])
            weekday = DAYS.index(found.group(2))
            week = 5 if int(found.group(1) or 1) == -1 else int(found.group(1) or 1)
    return Transition(month, week, weekday, start.hour, start.minute, _offset(props["TZOFFSETTO"]))


def _offset(text: str) -> timedelta:
    sign = -1 if text[0] == "-" else 1
    seconds = int(text[1:3]) * 3600 + int(text[3:5]) * 60 + (int(text[5:7]) if len(text) > 5 else 0)
    return sign * timedelta(seconds=seconds)


def event_times(text: str) -> list[tuple[str, str, datetime]]:
    """(DTSTART or DTEND, TZID, local time) for every DTSTART and DTEND with a TZID, in file order."""
    out = []
    for line in unfolded_lines(text):
        found = re.match(r"(DTSTART|DTEND);TZID=([^:;]+):(\d{8}T\d{6})$", line)
        if found:
            out.append((found.group(1), found.group(2), datetime.strptime(found.group(3), "%Y%m%dT%H%M%S")))
    return out
