"""Before switching, publish says what the new build takes away from the live site (pages,
feeds, documents and calendar events people may have added) and needs --yes to go ahead."""
from __future__ import annotations

import os

import pytest
from helpers import make_fixture_site
from publish_support import fake_build, site_files, snapshot

from practice_hub.cli import main
from practice_hub.publish import publisher
from practice_hub.publish.changes import calendar_events, what_disappears

LONG_UID = "mi-practice-focus--spring-cohort-with-a-long-session-name-that-gets-folded-dayN@hub.example.org"


def calendar(*events: tuple[str, str, str]) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0"]
    for uid, summary, status in events:
        uid_line = f"UID:{uid}"
        folded = "\r\n ".join(uid_line[i:i + 74] for i in range(0, len(uid_line), 74))  # RFC 5545 folding
        lines += ["BEGIN:VEVENT", folded, f"SUMMARY:{summary}", "DTSTART;TZID=Europe/London:20261202T090000",
                  f"STATUS:{status}", "END:VEVENT"]
    return "\r\n".join(lines + ["END:VCALENDAR"]) + "\r\n"


OLD_CALENDAR = calendar(("oars--2026-12-02@hub.example.org", "Practice focus: OARS", "CONFIRMED"),
                        (LONG_UID, "Spring cohort\\, day 1", "CONFIRMED"))


@pytest.fixture
def site(tmp_path, monkeypatch):
    config = make_fixture_site(tmp_path / "repo", {})
    live = tmp_path / "live"
    old = site_files(1, {"training/calendars/all.ics": OLD_CALENDAR, "bulletins/feed.xml": "<feed/>",
                         "court-skills.html": "<p>page</p>", "bulletins/2026/11/bulletin.pdf": "%PDF"})
    publisher.publish(live, config, build=fake_build(old), say=lambda note: None)
    return config, live, monkeypatch


def publish_new(site, files, *extra):
    config, live, monkeypatch = site
    monkeypatch.setattr(publisher, "build_site", fake_build(files))
    return main(["publish", str(live), "--config", str(config), *extra])


def test_what_disappears_is_listed_and_nothing_is_published_without_yes(site, capsys):
    config, live, _ = site
    before = snapshot(live.with_name("live.releases")), os.readlink(live)
    new = site_files(2, {"training/calendars/all.ics": calendar(("oars--2026-12-02@hub.example.org", "OARS", "CONFIRMED"))})

    assert publish_new(site, new) == 1

    out = capsys.readouterr().out
    assert "Nothing was published: the new build would take things away from the live site." in out
    assert "1 page would disappear:\n  - court-skills.html" in out
    assert "bulletins/feed.xml" in out and "1 document would disappear:\n  - bulletins/2026/11/bulletin.pdf" in out
    assert "1 calendar event that people may have added to their own calendars" in out
    assert f"Spring cohort, day 1 (20261202T090000) [{LONG_UID}]" in out, "folded UID lines are joined"
    assert "oars--2026-12-02" not in out
    assert "`status: cancelled`" in out and "run the same command again with --yes" in out
    assert (snapshot(live.with_name("live.releases")), os.readlink(live)) == before
    assert sorted(p.name for p in live.parent.iterdir()) == ["live", "live.releases", "repo"]


def test_with_yes_it_goes_ahead(site, capsys):
    _, live, _ = site
    assert publish_new(site, site_files(2), "--yes") == 0
    assert (live / "index.html").read_text() == "version 2 of index.html\n"


def test_a_cancelled_session_is_not_a_disappearance(site, capsys):
    _, live, _ = site
    cancelled = calendar(("oars--2026-12-02@hub.example.org", "OARS", "CANCELLED"), (LONG_UID, "Spring", "CANCELLED"))
    files = site_files(2, {"training/calendars/all.ics": cancelled, "bulletins/feed.xml": "<feed/>",
                           "court-skills.html": "x", "bulletins/2026/11/bulletin.pdf": "%PDF", "new-page.html": "x"})
    assert publish_new(site, files) == 0, capsys.readouterr().out
    assert (live / "new-page.html").is_file()


def test_a_prompt_can_confirm_when_someone_is_at_the_keyboard(site):
    config, live, _ = site
    seen = []
    publisher.publish(live, config, build=fake_build(site_files(2)), say=lambda note: None,
                      confirm=lambda listing: seen.append(listing) or True)
    assert "court-skills.html" in seen[0]
    assert (live / "index.html").read_text() == "version 2 of index.html\n"


COURSES = """\
courses:
  - id: mi-practice-focus
    title: "Practice focus: motivational interviewing"
    category: practice-focus
    summary: Two hours on OARS skills.
    provider: Workforce Development
    booking_url: https://learning.example.org/course/123
    location: Online (Microsoft Teams)
    sessions:
      - date: 2026-12-02
        start: "09:00"
        end: "11:00"
      - id: spring-cohort
        days:
          - {date: 2027-01-13, start: "09:30", end: "16:30"}
          - {date: 2027-01-20, start: "09:30", end: "16:30"}
"""


def test_events_are_read_from_real_feeds_with_their_uids(tmp_path):
    """The reader understands the feeds our training plugin really writes."""
    from helpers import DEMO_TODAY, build_site
    config = make_fixture_site(tmp_path / "repo", {}, calendar=COURSES)
    result = build_site(config, tmp_path / "site", {"PRACTICE_HUB_TODAY": DEMO_TODAY})
    assert result.returncode == 0, result.stdout + result.stderr
    events = calendar_events(tmp_path / "site")
    assert len(events) == 3 and all(uid.startswith("mi-practice-focus--") and "@" in uid for uid in events)
    assert not what_disappears(tmp_path / "site", tmp_path / "site")


@pytest.mark.parametrize("answer, published", [("yes", True), ("no", False), (EOFError, False)])
def test_at_a_terminal_publish_asks_before_taking_anything_away(site, monkeypatch, capsys, answer, published):
    _, live, _ = site

    def reply(prompt):
        if answer is EOFError:
            raise EOFError
        return answer
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", reply)
    assert publish_new(site, site_files(2)) == (0 if published else 1)
    assert "court-skills.html" in capsys.readouterr().out
    assert (live / "index.html").read_text() == f"version {2 if published else 1} of index.html\n"
