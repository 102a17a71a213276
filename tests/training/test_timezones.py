"""Time zones: the VTIMEZONE as Outlook, ical.js, icalendar and vobject read it, and clock changes.

Every event of the demo calendar and of generated calendars in several zones (sessions every
day for three years, and every half hour of every clock-change day) is converted to UTC by a
model of Outlook's documented import rules, by ical.js and by icalendar and vobject from the
file's own VTIMEZONE, and each must match zoneinfo.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from calendar_support import ROOT, icaljs, load, problems_of
from outlook_model import event_times, outlook_zone, vtimezones
from test_ics import calendar_file, writer

from practice_hub.training.loader import load_calendar
from practice_hub.training.timezones import changes

ZONES = ["Europe/London", "Europe/Dublin", "America/New_York", "Australia/Sydney", "Pacific/Auckland",
         "Australia/Lord_Howe", "Asia/Tokyo", "America/Sao_Paulo"]
LONDON_VTIMEZONE = """\
BEGIN:VTIMEZONE
TZID:Europe/London
BEGIN:STANDARD
DTSTART:19701025T020000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
TZNAME:GMT
TZOFFSETFROM:+0100
TZOFFSETTO:+0000
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:19700329T010000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
TZNAME:BST
TZOFFSETFROM:+0000
TZOFFSETTO:+0100
END:DAYLIGHT
END:VTIMEZONE
""".replace("\n", "\r\n")


def session_lines(day: date, start: time, end: time) -> str:
    return f'      - date: {day.isoformat()}\n        start: "{start:%H:%M}"\n        end: "{end:%H:%M}"\n'


def sessions_around_clock_changes(zone_name: str, first: date, years: int) -> str:
    """A session at 10:00 every day, and every valid half hour on each clock-change day and its neighbours."""
    zone, out = ZoneInfo(zone_name), []
    for n in range(365 * years):
        out.append(session_lines(first + timedelta(days=n), time(10), time(10, 45)))
    days = {c.local_before.date() + timedelta(days=d) for c in changes(zone, first.year, first.year + years - 1)
            for d in (-1, 0, 1)}
    for day in sorted(days):
        for minutes in range(0, 24 * 60 - 30, 30):
            start = datetime.combine(day, time()) + timedelta(minutes=minutes)
            end = start + timedelta(minutes=20)
            if minutes != 600 and all(_plain(zone, t) for t in (start, end)):
                out.append(session_lines(day, start.time(), end.time()))
    return "".join(out)


def _plain(zone, local: datetime) -> bool:
    return local.replace(tzinfo=zone, fold=0).utcoffset() == local.replace(tzinfo=zone, fold=1).utcoffset()


@pytest.fixture(scope="module")
def feeds(tmp_path_factory) -> dict[str, bytes]:
    """all.ics of the demo calendar and of a generated calendar in each zone, by name."""
    out = {"demo": writer(load_calendar(ROOT / "training_calendar", display_root=ROOT)).files()["training/calendars/all.ics"]}
    for name in ZONES:
        folder = tmp_path_factory.mktemp(name.replace("/", "-"))
        calendar = load(folder, {"a.yml": calendar_file(sessions_around_clock_changes(name, date(2026, 1, 1), 3))},
                        timezone=name)
        out[name] = writer(calendar).files()["training/calendars/all.ics"]
    return out


def test_london_block_is_the_usual_rrule_form(feeds):
    text = feeds["demo"].decode()
    assert text.count("BEGIN:VTIMEZONE") == 1 and LONDON_VTIMEZONE in text
    assert "RDATE" not in text


@pytest.mark.parametrize("name", ZONES)
def test_every_zone_has_one_standard_and_at_most_one_daylight_part(feeds, name):
    (lines,) = vtimezones(feeds[name].decode()).values()
    assert lines.count("BEGIN:STANDARD") == 1 and lines.count("BEGIN:DAYLIGHT") <= 1
    assert not any(line.startswith("RDATE") for line in lines)
    if "BEGIN:DAYLIGHT" in lines:
        assert sum(line.startswith("RRULE:FREQ=YEARLY;BYMONTH=") for line in lines) == 2


@pytest.mark.parametrize("name", ["demo", *ZONES])
def test_outlook_model_gives_zoneinfo_offsets_for_every_event(feeds, name):
    text = feeds[name].decode()
    zones = {tzid: outlook_zone(lines) for tzid, lines in vtimezones(text).items()}
    checked = 0
    for _, tzid, local in event_times(text):
        assert zones[tzid].offset(local) == local.replace(tzinfo=ZoneInfo(tzid)).utcoffset(), (tzid, local)
        checked += 1
    assert checked > (100 if name == "demo" else 2000)


def test_outlook_model_catches_the_old_rdate_form():
    """The model is worth trusting: it reproduces the bug the issue describes for the RDATE form."""
    from icalendar import Timezone
    old = Timezone.from_tzid("Europe/London", first_date=date(2025, 6, 1), last_date=date(2029, 1, 1)).to_ical().decode()
    model = outlook_zone(vtimezones(old)["Europe/London"])
    late_october = datetime(2027, 10, 28, 10, 0)   # after the 4th Sunday, before the last
    assert model.offset(late_october) != ZoneInfo("Europe/London").utcoffset(late_october)


@pytest.mark.parametrize("name", ["demo", *ZONES])
def test_icaljs_icalendar_and_vobject_read_every_event_at_the_right_instant(feeds, name, tmp_path):
    import vobject
    from icalendar import Calendar

    path = tmp_path / "all.ics"
    path.write_bytes(feeds[name])
    text = feeds[name].decode()
    expected = {}
    for kind, tzid, local in event_times(text):
        expected.setdefault(kind, []).append(local.replace(tzinfo=ZoneInfo(tzid)).astimezone(timezone.utc))
    utc = lambda moments: [m.strftime("%Y-%m-%dT%H:%M:%S.000Z") for m in moments]  # noqa: E731
    events = icaljs([path])[str(path)]["events"]
    assert [e["start"] for e in events] == utc(expected["DTSTART"])
    assert [e["end"] for e in events] == utc(expected["DTEND"])
    # icalendar, with a tzinfo built from the file's own VTIMEZONE (not its built-in zones)
    parsed = Calendar.from_ical(feeds[name])
    (own_zone,) = [tz.to_tz() for tz in parsed.walk("VTIMEZONE")]
    starts = [ev.decoded("DTSTART").replace(tzinfo=None).replace(tzinfo=own_zone) for ev in parsed.walk("VEVENT")]
    assert [s.astimezone(timezone.utc) for s in starts] == expected["DTSTART"]
    # vobject registers the file's VTIMEZONE and converts with it
    starts = [ev.dtstart.value for ev in vobject.readOne(text).vevent_list]
    assert [s.astimezone(timezone.utc) for s in starts] == expected["DTSTART"]


@pytest.mark.parametrize("name,why", [("America/Santiago", "which is not one yearly rule"),
                                      ("Africa/Casablanca", "do not go back exactly once every year")])
def test_zones_outlook_cannot_follow_are_refused_with_a_message(tmp_path, name, why):
    sessions = session_lines(date(2028, 5, 4), time(9), time(11))
    report = problems_of(tmp_path, {"a.yml": calendar_file(sessions)}, timezone=name)
    assert f'mkdocs.yml: the time zone "{name}" cannot be written so that Outlook reads it right' in report
    assert why in report and "How to fix: Outlook follows only time zones" in report


def fall_back_days(zone_name: str, years) -> list[tuple[date, time, time]]:
    """(day, first repeated time, first time after) for each day the clocks go back."""
    zone = ZoneInfo(zone_name)
    out = []
    for change in changes(zone, years[0], years[-1]):
        if change.after < change.before:
            first = (change.at + change.after).replace(tzinfo=None)
            out.append((first.date(), first.time(), (change.at + change.before).replace(tzinfo=None).time()))
    return out


@pytest.mark.parametrize("name", ["Europe/London", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe"])
@pytest.mark.parametrize("key", ["start", "end"])
def test_every_repeated_time_is_refused_and_the_edges_are_not(tmp_path, name, key):
    """Every five minutes of the repeated stretch, five years running, as a start and as an end."""
    days = fall_back_days(name, range(2026, 2031))
    assert len(days) == 5
    times_for = lambda at: (time(0, 0), at) if key == "end" else (at, time(23, 0))  # noqa: E731
    for n, (day, first, after) in enumerate(days):
        start = datetime.combine(day, first)
        repeated = [(start + timedelta(minutes=m)).time() for m in range(0, 60, 5)
                    if (start + timedelta(minutes=m)).time() < after]
        assert repeated and repeated[0] == first
        for at in repeated:
            sessions = session_lines(day, *times_for(at))
            report = problems_of(tmp_path / f"{n}-{at:%H%M}", {"a.yml": calendar_file(sessions)}, timezone=name)
            assert f"line {9 if key == 'end' else 8}: {at:%H:%M} on {day.day} {day:%B %Y} happens twice: " \
                   f"the clocks go back from {after:%H:%M} to {first:%H:%M} that night" in report
            assert f"How to fix: choose a `{key}:` time before {first:%H:%M} or from {after:%H:%M} on that day." in report
        just_before = (start - timedelta(minutes=1)).time()
        for at in (just_before, after):
            load(tmp_path / f"ok-{n}-{at:%H%M}", {"a.yml": calendar_file(session_lines(day, *times_for(at)))},
                 timezone=name)


@pytest.mark.parametrize("name", ["Europe/London", "America/New_York", "Australia/Sydney"])
def test_skipped_spring_times_name_the_hour_that_does_not_exist(tmp_path, name):
    zone = ZoneInfo(name)
    (change,) = [c for c in changes(zone, 2027, 2027) if c.after > c.before]
    first = (change.at + change.before).replace(tzinfo=None)
    after = (change.at + change.after).replace(tzinfo=None)
    inside = first + timedelta(minutes=30)
    report = problems_of(tmp_path, {"a.yml": calendar_file(session_lines(inside.date(), inside.time(), time(12)))},
                         timezone=name)
    assert f"{inside:%H:%M} on {inside.day} {inside:%B %Y} does not exist: the clocks go forward from " \
           f"{first:%H:%M} to {after:%H:%M} that night." in report
    assert f"How to fix: choose a `start:` time before {first:%H:%M} or from {after:%H:%M} on that day." in report


def test_a_repeated_time_on_one_day_of_a_multi_day_session_names_that_day(tmp_path):
    sessions = """\
      - id: cohort
        days:
          - {date: 2026-10-18, start: "09:30", end: "16:30"}
          - {date: 2026-10-25, start: "01:15", end: "16:30"}
          - date: 2026-11-01
            start: "09:30"
            end: "01:45"
"""
    report = problems_of(tmp_path, {"a.yml": calendar_file(sessions)})
    assert "training_calendar/a.yml, line 10: 01:15 on 25 October 2026 happens twice" in report
    assert report.startswith("2 problems found")   # and the end before the start on day three


def test_check_calendar_command_refuses_a_zone_outlook_cannot_follow(tmp_path):
    import subprocess
    import sys

    from calendar_support import write_calendar
    write_calendar(tmp_path, {"a.yml": calendar_file(session_lines(date(2028, 5, 4), time(9), time(11)))})
    (tmp_path / "content").mkdir()
    (tmp_path / "topics.yml").write_text("topics:\n  supervision: Supervision\n")
    result = subprocess.run([sys.executable, "-m", "practice_hub.cli", "check-calendar", "--root", str(tmp_path),
                             "--timezone", "America/Santiago"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert 'the time zone "America/Santiago" cannot be written so that Outlook reads it right' in result.stdout
