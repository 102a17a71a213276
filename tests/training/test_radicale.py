"""Radicale (a CalDAV server, in-process through WSGI) accepts every feed and gives the events back.

Radicale checks each calendar object as it stores it (UIDs, component shapes, time zones) and
re-serialises it with vobject; every event must come back with the same UID, title, status,
SEQUENCE and UTC start and end.
"""
from __future__ import annotations

import base64
import io
from datetime import timezone

import pytest
from calendar_support import load
from icalendar import Calendar
from test_ics import calendar_file, writer

from practice_hub.training.loader import load_calendar


@pytest.fixture(scope="module")
def radicale(tmp_path_factory):
    from radicale import Application, config
    settings = config.load()
    settings.update({"storage": {"filesystem_folder": str(tmp_path_factory.mktemp("radicale")),
                                 "_filesystem_fsync": "False"},
                     "auth": {"type": "none"}, "logging": {"level": "error"}}, "test", privileged=True)
    app = Application(settings)

    def request(method: str, path: str, body: bytes = b"") -> tuple[str, bytes]:
        environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "SCRIPT_NAME": "", "SERVER_NAME": "localhost",
                   "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http",
                   "REMOTE_ADDR": "127.0.0.1", "wsgi.input": io.BytesIO(body), "wsgi.errors": io.StringIO(),
                   "CONTENT_LENGTH": str(len(body)), "CONTENT_TYPE": "text/calendar",
                   "HTTP_AUTHORIZATION": "Basic " + base64.b64encode(b"tester:x").decode()}
        answer = {}
        body_out = b"".join(app(environ, lambda status, headers: answer.setdefault("status", status)))
        return answer["status"], body_out
    return request


def events(data: bytes) -> list[tuple]:
    return sorted((str(e["UID"]), str(e["SUMMARY"]), str(e["STATUS"]), int(e.get("SEQUENCE", 0)),
                   e.decoded("DTSTART").astimezone(timezone.utc), e.decoded("DTEND").astimezone(timezone.utc))
                  for e in Calendar.from_ical(data).walk("VEVENT"))


def test_radicale_stores_feeds_and_gives_back_the_same_events(radicale, tmp_path):
    """Sessions either side of the clock changes, a multi-day and a cancelled session, tricky text.

    (Radicale re-serialises every event through vobject, which takes most of a second per event
    with any yearly-rule time zone, so this sends a dozen events rather than the whole demo.)
    """
    sessions = "".join(f'      - date: {day}\n        start: "{start}"\n        end: "{end}"\n'
                       for day, start, end in [("2026-10-24", "09:30", "11:00"), ("2026-10-25", "00:30", "00:59"),
                                               ("2026-10-25", "02:00", "03:00"), ("2027-03-27", "23:00", "23:59"),
                                               ("2027-03-28", "00:00", "00:59"), ("2027-03-28", "02:00", "04:00")])
    sessions += """\
      - id: cohort
        days:
          - {date: 2027-03-24, start: "09:30", end: "16:30"}
          - {date: 2027-03-31, start: "09:30", end: "16:30"}
      - date: 2027-11-02
        start: "10:00"
        end: "12:00"
        status: cancelled
"""
    calendar = load(tmp_path, {"a.yml": calendar_file(sessions, title='"Court skills, part 1; evidence \\\\ statements"')})
    files = writer(calendar).files()
    for number, path in enumerate(["training/calendars/all.ics", "training/calendars/sessions/mi-focus--cohort.ics"]):
        data = files[path]
        status, _ = radicale("PUT", f"/tester/feed-{number}/", data)
        assert status == "201 Created", (path, status)
        status, stored = radicale("GET", f"/tester/feed-{number}/")
        assert status == "200 OK"
        assert events(stored) == events(data), path
        assert len(events(data)) == (9 if number == 0 else 2)


def test_radicale_accepts_an_empty_feed(radicale, tmp_path):
    from calendar_support import write_calendar
    folder = write_calendar(tmp_path, {"a.yml": "courses: []\n"})
    files = writer(load_calendar(folder, display_root=tmp_path)).files()
    status, _ = radicale("PUT", "/tester/empty/", files["training/calendars/all.ics"])
    assert status == "201 Created"
    assert events(radicale("GET", "/tester/empty/")[1]) == []
