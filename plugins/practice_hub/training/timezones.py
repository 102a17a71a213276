"""Time zones as calendar programs read them: the VTIMEZONE block and the clock-change checks.

Outlook reads a VTIMEZONE by Microsoft's published import rules (MS-OXCICAL, MS-STANOICAL): it
ignores RDATE, takes the first STANDARD and the first DAYLIGHT part, and turns each one's
DTSTART and RRULE into a yearly rule "the Nth (or last) weekday of a month at a local time".
So the block is written in exactly that shape: one STANDARD and one DAYLIGHT part, each with
``RRULE:FREQ=YEARLY;BYMONTH=..;BYDAY=..``, worked out from the zone's real clock changes
(``zoneinfo``) over the years the calendar uses. A zone whose changes cannot be said that way
(a date that is not "Nth or last weekday", a time that moves from year to year) is refused with
a message, rather than written in a form Outlook would read an hour out.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

DAY_NAMES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
RULE_BASE_YEAR = 1970   # the usual first year of a yearly rule (as tzurl.org and Outlook write)
_UTC = timezone.utc


class UnsupportedZone(ValueError):
    """The zone's clock changes cannot be written as one yearly rule each way."""


@dataclass(frozen=True)
class Change:
    """One clock change, as it happened."""
    at: datetime             # the instant, in UTC
    before: timedelta        # UTC offset before
    after: timedelta         # UTC offset after
    name: str                # the zone's abbreviation after the change (GMT, BST)

    @property
    def local_before(self) -> datetime:
        """The wall-clock time at which the clocks change, read on the clock before it."""
        return (self.at + self.before).replace(tzinfo=None)


@dataclass(frozen=True)
class Onset:
    """A yearly clock change: the ``week``-th (-1: last) ``weekday`` of ``month`` at ``clock``."""
    month: int
    week: int
    weekday: int             # 0 Monday .. 6 Sunday
    clock: time              # local time before the change
    offset_from: timedelta
    offset_to: timedelta
    name: str

    def rrule(self) -> str:
        return f"FREQ=YEARLY;BYMONTH={self.month};BYDAY={self.week}{DAY_NAMES[self.weekday]}"

    def day_in(self, year: int) -> date:
        return nth_weekday(year, self.month, self.week, self.weekday)


@dataclass(frozen=True)
class ZoneRule:
    """What the VTIMEZONE says: a fixed offset, or a STANDARD and a DAYLIGHT yearly onset."""
    tzid: str
    standard: Onset
    daylight: Onset | None = None


def nth_weekday(year: int, month: int, week: int, weekday: int) -> date:
    """The ``week``-th ``weekday`` of the month (``week=-1``: the last one)."""
    if week > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (week - 1))
    following = date(year + month // 12, month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def changes(zone: ZoneInfo, first_year: int, last_year: int) -> list[Change]:
    """Every clock change from 1 January ``first_year`` to 31 December ``last_year``."""
    found = []
    moment = datetime(first_year, 1, 1, tzinfo=_UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=_UTC)
    offset = moment.astimezone(zone).utcoffset()
    while moment < end:
        following = moment + timedelta(days=1)
        new_offset = following.astimezone(zone).utcoffset()
        if new_offset != offset:
            at = _instant_of_change(zone, moment, following)
            found.append(Change(at, offset, new_offset, at.astimezone(zone).tzname() or ""))
            offset = new_offset
        moment = following
    return found


def _instant_of_change(zone: ZoneInfo, before: datetime, after: datetime) -> datetime:
    """The first second at which the offset differs from the one at ``before`` (bisection)."""
    offset = before.astimezone(zone).utcoffset()
    while after - before > timedelta(seconds=1):
        middle = before + timedelta(seconds=(after - before) // timedelta(seconds=2))
        if middle.astimezone(zone).utcoffset() == offset:
            before = middle
        else:
            after = middle
    return after


def zone_rule(tzid: str, first_year: int, last_year: int) -> ZoneRule:
    """The yearly rule that gives exactly the zone's clock changes from ``first_year`` to ``last_year``."""
    zone = ZoneInfo(tzid)
    found = changes(zone, first_year, last_year)
    if not found:
        moment = datetime(first_year, 7, 1, tzinfo=_UTC).astimezone(zone)
        offset = moment.utcoffset()
        return ZoneRule(tzid, Onset(1, 1, 0, time(0), offset, offset, moment.tzname() or ""))
    forward = [c for c in found if c.after > c.before]
    back = [c for c in found if c.after < c.before]
    years = range(first_year, last_year + 1)
    return ZoneRule(tzid, standard=_one_onset(tzid, back, years, "back"),
                    daylight=_one_onset(tzid, forward, years, "forward"))


def _one_onset(tzid: str, found: list[Change], years: range, way: str) -> Onset:
    """The single yearly rule behind ``found`` (one change a year), or UnsupportedZone."""
    if sorted(c.local_before.year for c in found) != list(years):
        raise UnsupportedZone(f"in {tzid} the clocks do not go {way} exactly once every year "
                              f"from {years[0]} to {years[-1]}")
    first = found[0]
    weeks = {1, 2, 3, 4, -1}
    for change in found:
        weeks &= _week_numbers(change.local_before.date())
        shape = (change.local_before.month, change.local_before.weekday(), change.local_before.time(),
                 change.before, change.after)
        first_shape = (first.local_before.month, first.local_before.weekday(), first.local_before.time(),
                       first.before, first.after)
        if shape != first_shape or not weeks:
            raise UnsupportedZone(
                f"in {tzid} the clocks go {way} on {_day(first.local_before)} at {first.local_before:%H:%M} "
                f"but on {_day(change.local_before)} at {change.local_before:%H:%M}, which is not one yearly "
                "rule (such as \"the last Sunday in October\")")
    week = -1 if -1 in weeks else min(weeks)
    return Onset(first.local_before.month, week, first.local_before.weekday(), first.local_before.time(),
                 first.before, first.after, first.name)


def _week_numbers(day: date) -> set[int]:
    """How the date can be named: the 2nd Sunday is {2}; the 4th Sunday that is also the last {4, -1}."""
    numbers = {(day.day - 1) // 7 + 1}
    if (day + timedelta(days=7)).month != day.month:
        numbers.add(-1)
    return numbers & {1, 2, 3, 4, -1}


def _day(moment) -> str:
    return f"{moment.day} {moment:%B %Y}"


def vtimezone_lines(rule: ZoneRule) -> list[str]:
    """The VTIMEZONE block, unfolded, without escaping (the TZNAME is escaped by the caller)."""
    lines = ["BEGIN:VTIMEZONE", f"TZID:{rule.tzid}"]
    if rule.daylight is None:
        return lines + _part("STANDARD", rule.standard, None) + ["END:VTIMEZONE"]
    return (lines + _part("STANDARD", rule.standard, rule.standard.rrule())
            + _part("DAYLIGHT", rule.daylight, rule.daylight.rrule()) + ["END:VTIMEZONE"])


def _part(kind: str, onset: Onset, rrule: str | None) -> list[str]:
    if rrule is None:
        start = datetime(RULE_BASE_YEAR, 1, 1)
    else:
        start = datetime.combine(onset.day_in(RULE_BASE_YEAR), onset.clock)
    lines = [f"BEGIN:{kind}", f"DTSTART:{start:%Y%m%dT%H%M%S}"]
    if rrule:
        lines.append(f"RRULE:{rrule}")
    return lines + [f"TZNAME:{onset.name}", f"TZOFFSETFROM:{utc_offset(onset.offset_from)}",
                    f"TZOFFSETTO:{utc_offset(onset.offset_to)}", f"END:{kind}"]


def utc_offset(offset: timedelta) -> str:
    """RFC 5545 UTC-OFFSET: +HHMM, or +HHMMSS when there are seconds."""
    seconds = int(offset.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{secs:02d}" if secs else "")


# --- local times that do not exist, or happen twice -------------------------------------------

@dataclass(frozen=True)
class ClockGap:
    """The wall-clock hour skipped (``repeated=False``) or repeated around one clock change."""
    first: time              # first local time affected
    after: time              # first local time no longer affected
    repeated: bool


def clock_gap(zone: ZoneInfo, local: datetime) -> ClockGap | None:
    """None for an ordinary local time; else the skipped or repeated stretch it falls in."""
    local = local.replace(tzinfo=None)
    earlier = local.replace(tzinfo=zone, fold=0).utcoffset()
    later = local.replace(tzinfo=zone, fold=1).utcoffset()
    if earlier == later:
        return None
    low = (local - max(earlier, later)).replace(tzinfo=_UTC)
    high = (local - min(earlier, later)).replace(tzinfo=_UTC) + timedelta(seconds=1)
    at = _instant_of_change(zone, low, high).replace(tzinfo=None)
    starts, ends = sorted((at + earlier, at + later))
    return ClockGap(starts.time(), ends.time(), repeated=later < earlier)
