"""SEQUENCE rises above what the live site published, and vanished events are published cancelled.

Each test builds the feeds once ("published"), writes them to a folder standing in for the live
site, changes the sources and builds again with that folder as the previous site.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import vobject
from calendar_support import icalendar_events, icaljs, load
from test_ics import STAMP

from practice_hub.training.history import Published, parse_events, read_published
from practice_hub.training.ics import IcsWriter
from practice_hub.training.removed import removal_notes

ALL = "training/calendars/all.ics"


def course(sessions: str, title: str = "Practice focus: MI", cid: str = "mi-focus") -> str:
    return f"""\
courses:
  - id: {cid}
    title: "{title}"
    category: practice-focus
    audience: [social-workers]
    location: Online
    sessions:
{sessions}"""


ONE = '      - date: 2027-02-02\n        start: "09:00"\n        end: "11:00"\n'
TWO = '      - id: second\n        date: 2027-02-09\n        start: "09:00"\n        end: "11:00"\n'
THREE = '      - id: third\n        date: 2027-02-16\n        start: "09:00"\n        end: "11:00"\n'
MULTI = """\
      - id: cohort
        days:
          - {date: 2027-03-03, start: "09:30", end: "16:30"}
          - {date: 2027-03-10, start: "09:30", end: "16:30"}
          - {date: 2027-03-17, start: "09:30", end: "16:30"}
"""


def build(folder: Path, text: str, previous: Published | None = None, today=date(2026, 12, 1)) -> IcsWriter:
    calendar = load(folder, {"a.yml": text})
    return IcsWriter(calendar, site_url="https://hub.example.org/", site_name="Hub", stamp=STAMP,
                     course_url=lambda c: f"https://hub.example.org/training/courses/{c.id}.html",
                     previous=previous, today=today)


def publish(folder: Path, files: dict[str, bytes]) -> Published:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return read_published(folder)


def sequences(data: bytes) -> dict[str, tuple[int, str]]:
    return {str(e["UID"]).split("@")[0]: (int(e["SEQUENCE"]), str(e["STATUS"]))
            for e in vobject_events(data)}


def vobject_events(data: bytes) -> list:
    cal = vobject.readOne(data.decode())
    return [{"UID": ev.uid.value, "SEQUENCE": ev.sequence.value, "STATUS": ev.status.value,
             "SUMMARY": ev.summary.value} for ev in cal.contents.get("vevent", [])]


def test_cancelled_is_above_scheduled_with_no_previous_site(tmp_path):
    scheduled = sequences(build(tmp_path / "a", course(ONE + TWO)).files()[ALL])
    cancelled_text = course(ONE.replace('end: "11:00"\n', 'end: "11:00"\n        status: cancelled\n')
                            + TWO.replace('end: "11:00"\n', 'end: "11:00"\n        sequence: 4\n        status: cancelled\n'))
    cancelled = sequences(build(tmp_path / "b", cancelled_text).files()[ALL])
    assert scheduled == {"mi-focus--2027-02-02-0900": (0, "CONFIRMED"), "mi-focus--second": (0, "CONFIRMED")}
    assert cancelled == {"mi-focus--2027-02-02-0900": (1, "CANCELLED"), "mi-focus--second": (5, "CANCELLED")}


def test_every_watched_change_raises_sequence_and_nothing_else_does(tmp_path):
    live = publish(tmp_path / "live", build(tmp_path / "a", course(ONE + TWO + THREE + MULTI)).files())
    changed = course(ONE.replace('"11:00"', '"11:30"')                                   # time
                     + TWO.replace('end: "11:00"\n', 'end: "11:00"\n        status: cancelled\n')   # status
                     + THREE.replace('end: "11:00"\n', 'end: "11:00"\n        location: Room 4\n')  # place
                     + MULTI.replace("2027-03-17", "2027-03-24"), )                     # day moved
    after = sequences(build(tmp_path / "b", changed, live).files()[ALL])
    assert after == {"mi-focus--2027-02-02-0900": (1, "CONFIRMED"), "mi-focus--second": (1, "CANCELLED"),
                     "mi-focus--third": (1, "CONFIRMED"), "mi-focus--cohort-day1": (0, "CONFIRMED"),
                     "mi-focus--cohort-day2": (0, "CONFIRMED"), "mi-focus--cohort-day3": (1, "CONFIRMED")}
    retitled = sequences(build(tmp_path / "c", course(ONE + TWO + THREE + MULTI, title="Practice focus: OARS"),
                               live).files()[ALL])
    assert set(retitled.values()) == {(1, "CONFIRMED")}
    summary_only = course(ONE + TWO + THREE + MULTI).replace("    location: Online\n",
                                                             "    location: Online\n    summary: New words\n")
    assert set(sequences(build(tmp_path / "d", summary_only, live).files()[ALL]).values()) == {(0, "CONFIRMED")}


def test_sequence_keeps_rising_over_many_publishes_and_never_falls(tmp_path):
    times = ['"11:00"', '"11:30"', '"12:00"', '"11:00"', '"12:30"']
    live, seen = None, []
    for n, end in enumerate(times):
        files = build(tmp_path / f"b{n}", course(ONE.replace('"11:00"', end)), live).files()
        seen.append(sequences(files[ALL])["mi-focus--2027-02-02-0900"][0])
        live = publish(tmp_path / f"live{n}", files)
    assert seen == [0, 1, 2, 3, 4]
    # the author's own number wins when it is higher, and the live one when it is
    files = build(tmp_path / "high", course(ONE.replace('end: "11:00"\n', 'end: "12:30"\n        sequence: 9\n')), live).files()
    assert sequences(files[ALL])["mi-focus--2027-02-02-0900"][0] == 9
    files = build(tmp_path / "low", course(ONE.replace('end: "11:00"\n', 'end: "12:30"\n        sequence: 1\n')), live).files()
    assert sequences(files[ALL])["mi-focus--2027-02-02-0900"][0] == 4


def test_same_sources_and_same_previous_site_give_identical_bytes_and_no_churn(tmp_path):
    live = publish(tmp_path / "live", build(tmp_path / "a", course(ONE + TWO + MULTI)).files())
    edited = course(ONE.replace('"11:00"', '"11:30"') + MULTI.replace(
        '          - {date: 2027-03-17, start: "09:30", end: "16:30"}\n', ""))
    first = build(tmp_path / "b", edited, live).files()
    assert first == build(tmp_path / "c", edited, live).files()
    # publishing the result and building again changes nothing: sequences stay, copies stay
    assert build(tmp_path / "d", edited, publish(tmp_path / "live2", first)).files() == first


def test_a_day_taken_out_and_a_session_moved_without_an_id_are_published_cancelled(tmp_path):
    live = publish(tmp_path / "live", build(tmp_path / "a", course(ONE + TWO + MULTI)).files())
    edited = course(ONE.replace("2027-02-02", "2027-02-03") + TWO + MULTI.replace(
        '          - {date: 2027-03-17, start: "09:30", end: "16:30"}\n', ""))
    writer = build(tmp_path / "b", edited, live)
    files = writer.files()
    for feed in (ALL, "training/calendars/category-practice-focus.ics", "training/calendars/audience-social-workers.ics"):
        assert sequences(files[feed]) == {
            "mi-focus--2027-02-03-0900": (0, "CONFIRMED"), "mi-focus--second": (0, "CONFIRMED"),
            # "(day 1 of 3)" is now "(day 1 of 2)": a new title, so a new sequence
            "mi-focus--cohort-day1": (1, "CONFIRMED"), "mi-focus--cohort-day2": (1, "CONFIRMED"),
            "mi-focus--2027-02-02-0900": (1, "CANCELLED"), "mi-focus--cohort-day3": (1, "CANCELLED")}, feed
    assert "mi-focus--2027-02-02-0900" not in sequences(files["training/calendars/category-signs-of-safety.ics"])
    # the old "Add to calendar" file still exists and now cancels the event
    moved = files["training/calendars/sessions/mi-focus--2027-02-02-0900.ics"]
    assert sequences(moved) == {"mi-focus--2027-02-02-0900": (1, "CANCELLED")}
    cohort = sequences(files["training/calendars/sessions/mi-focus--cohort.ics"])
    assert cohort["mi-focus--cohort-day3"] == (1, "CANCELLED") and cohort["mi-focus--cohort-day2"] == (1, "CONFIRMED")
    # every parser sees the cancellation, at the time it was published for
    path = tmp_path / "moved.ics"
    path.write_bytes(moved)
    (theirs,) = icaljs([path])[str(path)]["events"]
    (ours,) = icalendar_events(moved)
    assert theirs["status"] == ours["status"] == "CANCELLED" and theirs["sequence"] == 1
    assert theirs["start"] == ours["start"] == "2027-02-02T09:00:00.000Z"
    assert theirs["summary"] == ours["summary"] == "Cancelled: Practice focus: MI"
    assert theirs["description"].startswith("This session has been removed from the training calendar.\n")
    # the author is told, once, in plain words
    notes = removal_notes(writer.removed_events())
    assert len(notes) == 2
    assert notes[0].startswith('"Practice focus: MI" on 2 February 2027 at 09:00 was in the published calendar')
    assert "set `status: cancelled` on the session instead of deleting it" in notes[0]
    assert '"Practice focus: MI (day 3 of 3)" on 17 March 2027 at 09:30' in notes[1]
    again = build(tmp_path / "c", edited, publish(tmp_path / "live2", files))
    assert removal_notes(again.removed_events()) == []
    assert sequences(again.files()[ALL])["mi-focus--cohort-day3"] == (1, "CANCELLED")


def test_removed_events_are_dropped_once_their_day_has_passed(tmp_path):
    live = publish(tmp_path / "live", build(tmp_path / "a", course(ONE + TWO)).files())
    later = build(tmp_path / "b", course(TWO), live, today=date(2027, 2, 3)).files()
    assert set(sequences(later[ALL])) == {"mi-focus--second"}
    same_day = build(tmp_path / "c", course(TWO), live, today=date(2027, 2, 2)).files()
    assert sequences(same_day[ALL])["mi-focus--2027-02-02-0900"] == (1, "CANCELLED")


def test_special_characters_survive_being_carried_over(tmp_path):
    title = 'Court skills, part 1; evidence \\\\ statements'
    live = publish(tmp_path / "live", build(tmp_path / "a", course(ONE, title=title)).files())
    files = build(tmp_path / "b", course(TWO, title=title), live).files()
    (carried,) = [e for e in icalendar_events(files[ALL]) if e["status"] == "CANCELLED"]
    assert carried["summary"] == "Cancelled: Court skills, part 1; evidence \\ statements"


def test_a_previous_site_without_feeds_or_with_damaged_ones(tmp_path):
    assert read_published(tmp_path / "nothing-here").events == {}
    assert read_published(None).events == {}
    damaged = tmp_path / "damaged" / ALL
    damaged.parent.mkdir(parents=True)
    damaged.write_text("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:no uid\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    result = read_published(tmp_path / "damaged")
    assert result.events == {} and "could not be read (an event has no UID)" in result.problems[0]
    damaged.write_bytes(b"\xff\xfe not text")
    assert "could not be read" in read_published(tmp_path / "damaged").problems[0]


def test_feeds_written_before_this_change_are_read(tmp_path):
    """The live site may still hold feeds in the old form (RDATE time zones, folded lines)."""
    old = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:A very long title that was folded over\r\n  two lines\r\n"
           "DTSTART;TZID=Europe/London:20270202T090000\r\nDTEND;TZID=Europe/London:20270202T110000\r\n"
           "UID:mi-focus--2027-02-02-0900@hub.example.org\r\nSEQUENCE:3\r\nSTATUS:CONFIRMED\r\nEND:VEVENT\r\n"
           "END:VCALENDAR\r\n")
    (event,) = parse_events(old)
    assert event.value("SUMMARY") == "A very long title that was folded over two lines" and event.sequence == 3


def test_dtstamp_never_goes_back_behind_the_published_copy(tmp_path):
    from datetime import datetime, timezone

    from icalendar import Calendar

    live = publish(tmp_path / "live", build(tmp_path / "a", course(ONE + TWO)).files())
    later = datetime(2027, 1, 5, 12, 0, tzinfo=timezone.utc)
    for path in (tmp_path / "live").rglob("*.ics"):
        path.write_bytes(path.read_bytes().replace(b"DTSTAMP:20261120T000000Z", b"DTSTAMP:20270105T120000Z"))
    live = read_published(tmp_path / "live")
    files = build(tmp_path / "b", course(ONE.replace('"11:00"', '"11:30"')), live).files()
    stamps = {str(e["UID"]).split("@")[0]: e.decoded("DTSTAMP") for e in Calendar.from_ical(files[ALL]).walk("VEVENT")}
    # the changed session and the cancelled copy of the removed one
    assert stamps == {"mi-focus--2027-02-02-0900": later, "mi-focus--second": later}
