"""The .ics files: RFC 5545 shape, two independent parsers agreeing, stable UIDs, reproducibility."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from calendar_support import icalendar_events, icaljs, load

from practice_hub.training.ics import IcsWriter

STAMP = datetime(2026, 11, 20, tzinfo=timezone.utc)


def writer(calendar):
    return IcsWriter(calendar, site_url="https://hub.example.org/", site_name="Hub", stamp=STAMP,
                     course_url=lambda c: f"https://hub.example.org/training/courses/{c.id}.html")


def calendar_file(sessions: str, title: str = '"Practice focus: MI"', cid: str = "mi-focus", extra: str = "") -> str:
    return f"""\
courses:
  - id: {cid}
    title: {title}
    category: practice-focus
    audience: [social-workers]
{extra}    sessions:
{sessions}"""


def daily_sessions(first: date, days: int) -> str:
    out = []
    for n in range(days):
        day = first + timedelta(days=n)
        out.append(f'      - date: {day.isoformat()}\n        start: "{n % 2 + 9:02d}:30"\n        end: "{n % 3 + 12}:15"\n')
    return "".join(out)


def write_files(tmp_path, calendar) -> dict:
    paths = {}
    for name, data in writer(calendar).files().items():
        path = tmp_path / "out" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        paths[name] = path
    return paths


def test_two_parsers_agree_on_every_day_of_two_years(tmp_path):
    calendar = load(tmp_path, {"a.yml": calendar_file(daily_sessions(date(2026, 1, 1), 731))})
    paths = write_files(tmp_path, calendar)
    feed = paths["training/calendars/all.ics"]
    ours = sorted(icalendar_events(feed.read_bytes()), key=lambda e: e["uid"])
    theirs = sorted(icaljs([feed])[str(feed)]["events"], key=lambda e: e["uid"])
    assert len(ours) == 731
    assert [(e["uid"], e["start"], e["end"]) for e in ours] == [(e["uid"], e["start"], e["end"]) for e in theirs]
    # Either side of the 2026 clock changes (sessions alternate 09:30 and 10:30 local):
    # GMT is UTC, BST is an hour ahead.
    by_day = {e["uid"].split("--")[1][:10]: e for e in ours}
    assert by_day["2026-03-28"]["start"] == "2026-03-28T09:30:00.000Z"   # 09:30 GMT
    assert by_day["2026-03-29"]["start"] == "2026-03-29T09:30:00.000Z"   # 10:30 BST
    assert by_day["2026-10-24"]["start"] == "2026-10-24T08:30:00.000Z"   # 09:30 BST
    assert by_day["2026-10-25"]["start"] == "2026-10-25T10:30:00.000Z"   # 10:30 GMT
    # Every day: the instant both parsers agree on is the local wall time we wrote, in UTC.
    for session in calendar.sessions():
        event = by_day[session.key[:10]]
        expected = session.first_start.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        assert event["start"] == expected


def test_clock_change_weeks_convert_to_the_right_utc_instants(tmp_path):
    sessions = "".join(f'      - date: {d}\n        start: "10:00"\n        end: "12:00"\n'
                       for d in ("2027-03-27", "2027-03-29", "2026-10-24", "2026-10-26"))
    calendar = load(tmp_path, {"a.yml": calendar_file(sessions)})
    paths = write_files(tmp_path, calendar)
    feed = paths["training/calendars/all.ics"]
    starts = sorted(e["start"] for e in icaljs([feed])[str(feed)]["events"])
    assert starts == ["2026-10-24T09:00:00.000Z", "2026-10-26T10:00:00.000Z",
                      "2027-03-27T10:00:00.000Z", "2027-03-29T09:00:00.000Z"]
    assert sorted(e["start"] for e in icalendar_events(feed.read_bytes())) == starts


def test_file_shape_follows_rfc_5545(tmp_path):
    calendar = load(tmp_path, {"a.yml": calendar_file(daily_sessions(date(2026, 12, 1), 3))})
    data = writer(calendar).files()["training/calendars/all.ics"]
    text = data.decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    for needed in ("METHOD:PUBLISH", "X-WR-CALNAME:Hub: all training", "NAME:Hub: all training",
                   "REFRESH-INTERVAL;VALUE=DURATION:PT12H", "X-PUBLISHED-TTL:PT12H",
                   "BEGIN:VTIMEZONE", "TZID:Europe/London", "DTSTART;TZID=Europe/London:20261201T093000"):
        assert needed in text


def test_text_with_newlines_commas_and_semicolons_cannot_break_out(tmp_path):
    title = '"Evil, title; with\\nBEGIN:VEVENT\\nUID:injected"'
    calendar = load(tmp_path, {"a.yml": calendar_file(daily_sessions(date(2026, 12, 1), 1), title=title)})
    paths = write_files(tmp_path, calendar)
    feed = paths["training/calendars/all.ics"]
    (ours,) = icalendar_events(feed.read_bytes())
    (theirs,) = icaljs([feed])[str(feed)]["events"]
    assert ours["summary"] == theirs["summary"] == "Evil, title; with\nBEGIN:VEVENT\nUID:injected"
    assert ours["uid"] == theirs["uid"] == "mi-focus--2026-12-01-0930@hub.example.org"


def test_uids_survive_reordering_and_title_fixes(tmp_path):
    sessions = daily_sessions(date(2026, 12, 1), 3)
    items = ["      - " + part for part in sessions.split("      - ") if part]
    first = load(tmp_path / "a", {"a.yml": calendar_file(sessions)})
    second = load(tmp_path / "b", {"a.yml": calendar_file("".join(reversed(items)),
                                                          title='"Practice focus: motivational interviewing"')})
    def uids(cal):
        return sorted(e["uid"] for e in icalendar_events(writer(cal).files()["training/calendars/all.ics"]))
    assert uids(first) == uids(second)
    assert len(uids(first)) == 3


def test_cancelled_session_stays_with_status_and_sequence(tmp_path):
    sessions = '      - date: 2026-12-02\n        start: "09:00"\n        end: "11:00"\n        status: cancelled\n'
    calendar = load(tmp_path, {"a.yml": calendar_file(sessions)})
    paths = write_files(tmp_path, calendar)
    feed = paths["training/calendars/all.ics"]
    (theirs,) = icaljs([feed])[str(feed)]["events"]
    assert theirs["status"] == "CANCELLED" and theirs["summary"].startswith("Cancelled: ")
    assert "SEQUENCE:1" in feed.read_text()


def test_multi_day_session_gives_one_event_per_day(tmp_path):
    sessions = """\
      - id: spring
        days:
          - {date: 2027-03-24, start: "09:30", end: "16:30"}
          - {date: 2027-03-31, start: "09:30", end: "16:30"}
"""
    calendar = load(tmp_path, {"a.yml": calendar_file(sessions)})
    paths = write_files(tmp_path, calendar)
    single = paths["training/calendars/sessions/mi-focus--spring.ics"]
    events = icaljs([single])[str(single)]["events"]
    assert [e["summary"] for e in events] == ["Practice focus: MI (day 1 of 2)", "Practice focus: MI (day 2 of 2)"]
    assert [e["uid"] for e in events] == ["mi-focus--spring-day1@hub.example.org", "mi-focus--spring-day2@hub.example.org"]
    assert [e["start"] for e in events] == ["2027-03-24T09:30:00.000Z", "2027-03-31T08:30:00.000Z"]


def test_feeds_per_category_and_audience(tmp_path):
    calendar = load(tmp_path, {"a.yml": calendar_file(daily_sessions(date(2026, 12, 1), 2))})
    files = writer(calendar).files()
    assert len(icalendar_events(files["training/calendars/category-practice-focus.ics"])) == 2
    assert len(icalendar_events(files["training/calendars/category-signs-of-safety.ics"])) == 0
    assert len(icalendar_events(files["training/calendars/audience-social-workers.ics"])) == 2
    assert len(icalendar_events(files["training/calendars/audience-practice-supervisors.ics"])) == 0


def test_same_sources_give_byte_identical_files(tmp_path):
    text = {"a.yml": calendar_file(daily_sessions(date(2026, 12, 1), 5))}
    assert writer(load(tmp_path / "1", text)).files() == writer(load(tmp_path / "2", text)).files()


def test_fast_event_writer_matches_icalendar_byte_for_byte(tmp_path):
    from helpers import ROOT
    from practice_hub.training.loader import load_calendar
    demo = load_calendar(ROOT / "training_calendar", display_root=ROOT)
    tricky = load(tmp_path, {"a.yml": calendar_file(
        daily_sessions(date(2026, 12, 1), 2),
        title='"Café, crèche; ünïcødé — a very long title that keeps going well past seventy-five octets\\\\ ok"',
        extra='    summary: "Back\\\\slash; comma, and a line\\nbreak — with ünïcødé near the fold boundary xx"\n'
              '    location: "Room 4; Civic Centre, Eastmere"\n')})
    compared = 0
    for calendar in (demo, tricky):
        ics = writer(calendar)
        for session in calendar.sessions():
            for day in session.days:
                assert ics.event_bytes(session, day) == ics.event(session, day).to_ical()
                compared += 1
    assert compared > 100


def test_fast_files_match_icalendar_serialising_everything(tmp_path):
    from helpers import ROOT
    from practice_hub.training.ics import feed_specs
    from practice_hub.training.loader import load_calendar
    demo = load_calendar(ROOT / "training_calendar", display_root=ROOT)
    ics = writer(demo)
    for spec in feed_specs(demo, "Hub, the; practice hub"):
        fast = ics.calendar_bytes(spec.name, spec.description, spec.sessions)
        assert fast == ics.calendar_bytes(spec.name, spec.description, spec.sessions, reference=True)
