"""TEXT values (RFC 5545 3.3.11, RFC 7986 NAME) come back exactly, in three parsers.

Course titles, summaries, locations, notes and category labels with commas, semicolons,
backslashes, line breaks, colons and non-ASCII letters are written into every TEXT property —
SUMMARY, DESCRIPTION, LOCATION, CATEGORIES and the calendar's NAME, X-WR-CALNAME, DESCRIPTION
and X-WR-CALDESC — and read back with icalendar, ical.js and vobject.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
import vobject
from calendar_support import icaljs, write_calendar
from icalendar import Calendar as ICalendar

from practice_hub.training.ics import IcsWriter
from practice_hub.training.loader import load_calendar

TITLES = [
    "Court skills, part 1; evidence",
    "Back\\slash \\n not a line break, \\, not a comma",
    "Two\nlines; and, more",
    "Windows\r\nline end",
    "Colon: and \"quotes\" and 'apostrophes'",
    "Café, crèche; ünïcødé — émigré ✓" + " long" * 20,
    ";,\\;\\,\\\\",
]


def yaml_quoted(text: str) -> str:
    """A YAML double-quoted string (JSON's escapes are YAML's too)."""
    return json.dumps(text, ensure_ascii=False)


def feeds_for(tmp_path, title: str, label: str) -> dict[str, bytes]:
    vocabulary = f"categories:\n  practice-focus: {yaml_quoted(label)}\naudiences:\n  social-workers: Social workers\n"
    text = f"""\
courses:
  - id: tricky
    title: {yaml_quoted(title)}
    category: practice-focus
    audience: [social-workers]
    summary: {yaml_quoted(title)}
    location: {yaml_quoted(title)}
    sessions:
      - date: 2027-01-13
        start: "09:30"
        end: "12:00"
        note: {yaml_quoted(title)}
"""
    folder = write_calendar(tmp_path, {"a.yml": text}, vocabulary=vocabulary)
    calendar = load_calendar(folder, display_root=tmp_path)
    writer = IcsWriter(calendar, site_url="https://hub.example.org/", site_name=title,
                       stamp=datetime(2026, 11, 20, tzinfo=timezone.utc),
                       course_url=lambda c: f"https://hub.example.org/training/courses/{c.id}.html")
    return writer.files()


def expected_text(text: str) -> str:
    """What a TEXT value can carry: line breaks as LF (RFC 5545 has one kind of line break)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.fixture
def names_as_text(monkeypatch):
    """icalendar, like ical.js, returns properties it has no type for raw: tell it NAME (RFC 7986)
    and the X-WR- names are TEXT, as calendar programs read them."""
    for name in ("name", "x-wr-calname", "x-wr-caldesc"):
        monkeypatch.setitem(ICalendar.types_factory.types_map, name, "text")


@pytest.mark.parametrize("title", TITLES)
def test_every_text_property_round_trips_in_three_parsers(tmp_path, title, names_as_text):
    files = feeds_for(tmp_path, title, label=title)
    want = expected_text(title)
    feed = tmp_path / "category.ics"
    feed.write_bytes(files["training/calendars/category-practice-focus.ics"])
    session = tmp_path / "session.ics"
    session.write_bytes(files["training/calendars/sessions/tricky--2027-01-13-0930.ics"])
    seen = icaljs([feed, session])
    for path in (feed, session):
        data = path.read_bytes()
        assert all(len(line) <= 75 for line in data.split(b"\r\n"))
        ical = ICalendar.from_ical(data)
        vob = vobject.readOne(data.decode())
        js = seen[str(path)]
        names = {"icalendar": (str(ical["X-WR-CALNAME"]), str(ical["NAME"]), str(ical["X-WR-CALDESC"]), str(ical["DESCRIPTION"])),
                 "ical.js": (js["name"], js["rfc7986Name"], js["calDescription"], js["description"]),
                 "vobject": (vob.contents["x-wr-calname"][0].value, vob.contents["name"][0].value,
                             vob.contents["x-wr-caldesc"][0].value, vob.contents["description"][0].value)}
        assert len(set(names.values())) == 1, names
        name, rfc7986_name, caldesc, description = names["vobject"]
        assert name == rfc7986_name and caldesc == description
        if path == feed:
            assert name == f"{want}: {want}" and caldesc == f"{want} sessions from {want}."
        else:
            assert name == want and caldesc == f"{want}, 13 January 2027"
        (ev,) = ical.walk("VEVENT")
        (vev,) = vob.vevent_list
        (jev,) = js["events"]
        assert str(ev["SUMMARY"]) == vev.summary.value == jev["summary"] == want
        assert str(ev["LOCATION"]) == vev.location.value == jev["location"] == want
        assert [str(c) for c in ev["CATEGORIES"].cats] == vev.categories.value == jev["categories"] == [want]
        description = str(ev["DESCRIPTION"])
        assert description == vev.description.value == jev["description"]
        assert description.startswith(want + "\n" + want + "\n")


def test_control_characters_are_dropped_not_written(tmp_path):
    files = feeds_for(tmp_path, "Bell\x07 and\x1b escape\x00", label="Plain")
    data = files["training/calendars/all.ics"]
    assert not any(byte < 32 and byte not in b"\r\n" for byte in data)
    (ev,) = ICalendar.from_ical(data).walk("VEVENT")
    assert str(ev["SUMMARY"]) == "Bell and escape"


def test_a_feed_with_no_sessions_is_still_a_valid_calendar(tmp_path):
    """RFC 5545 needs at least one component: an empty feed carries the VTIMEZONE."""
    files = feeds_for(tmp_path, "Only one course", label="Practice focus")
    vocabulary = "categories:\n  practice-focus: Practice focus\n  unused: Nothing yet\naudiences:\n  social-workers: Social workers\n"
    folder = write_calendar(tmp_path / "empty", {"a.yml": "courses: []\n"}, vocabulary=vocabulary)
    calendar = load_calendar(folder, display_root=tmp_path / "empty")
    files = IcsWriter(calendar, site_url="https://hub.example.org/", site_name="Hub",
                      stamp=datetime(2026, 11, 20, tzinfo=timezone.utc), course_url=lambda c: "").files()
    assert set(files) == {"training/calendars/all.ics", "training/calendars/category-practice-focus.ics",
                          "training/calendars/category-unused.ics", "training/calendars/audience-social-workers.ics"}
    paths = []
    for name, data in files.items():
        path = tmp_path / name.rsplit("/", 1)[-1]
        path.write_bytes(data)
        paths.append(path)
        parsed = ICalendar.from_ical(data)
        assert [c.name for c in parsed.subcomponents] == ["VTIMEZONE"]
        assert vobject.readOne(data.decode()).contents["vtimezone"]
    for path in paths:
        assert icaljs([path])[str(path)]["components"] == 1


def test_folding_is_icalendars_for_every_kind_of_line():
    """Long lines, escapes and '^' at every fold position, one-byte and multi-byte text: the fast
    one-byte path folds exactly as icalendar does (what calendar programs have been tested with)."""
    import random
    import warnings

    from icalendar.parser import foldline

    from practice_hub.training.icstext import fold
    rng = random.Random(16)
    lines = ["", "a" * 73, "a" * 74, "a" * 75, "a" * 148, "a" * 73 + "\\n" + "b" * 80, "\\" * 300, "^" * 150]
    for alphabet in ("ab\\^;, ", "ab\\^;, é€"):
        lines += ["".join(rng.choice(alphabet) for _ in range(length)) for length in range(0, 400) for _ in range(20)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        for line in lines:
            assert fold(line) == foldline(line), line
