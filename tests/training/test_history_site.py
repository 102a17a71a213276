"""A strict site build told where the live site is (as `practice-hub publish` tells it)."""
from __future__ import annotations

from helpers import DEMO_TODAY, build_site, make_fixture_site

from practice_hub.training.history import PREVIOUS_SITE_ENV

CALENDAR = """\
courses:
  - id: mi-focus
    title: "Practice focus: MI, part 1"
    category: practice-focus
    audience: [social-workers]
    sessions:
{sessions}"""
KEPT = '      - id: kept\n        date: 2027-02-09\n        start: "09:00"\n        end: "11:00"\n'
DROPPED = '      - date: 2027-02-02\n        start: "09:00"\n        end: "11:00"\n'
FEED = "training/calendars/all.ics"
ENV = {"PRACTICE_HUB_TODAY": DEMO_TODAY}


def test_a_deleted_session_is_published_cancelled_and_the_author_is_told(tmp_path):
    live = tmp_path / "live"
    config = make_fixture_site(tmp_path / "project", {}, calendar=CALENDAR.format(sessions=KEPT + DROPPED))
    first = build_site(config, live, ENV)
    assert first.returncode == 0, first.stderr
    (config.parent / "training_calendar" / "courses.yml").write_text(CALENDAR.format(sessions=KEPT), encoding="utf-8")
    second = build_site(config, tmp_path / "new", {**ENV, PREVIOUS_SITE_ENV: str(live)})
    assert second.returncode == 0, second.stderr
    assert 'Training calendar: "Practice focus: MI, part 1" on 2 February 2027 at 09:00 was in the published calendar' \
        in second.stderr
    text = (tmp_path / "new" / FEED).read_bytes().decode("utf-8").replace("\r\n ", "")
    assert "UID:mi-focus--2027-02-02-0900@hub.example.org\r\nSEQUENCE:1" in text
    assert (tmp_path / "new" / "training/calendars/sessions/mi-focus--2027-02-02-0900.ics").is_file()
    # no previous site named: nothing carried over, nothing said
    third = build_site(config, tmp_path / "plain", ENV)
    assert third.returncode == 0 and "published calendar" not in third.stderr
    assert "2027-02-02" not in (tmp_path / "plain" / FEED).read_text(encoding="utf-8")


def test_an_unreadable_live_feed_stops_a_strict_build_with_a_message(tmp_path):
    live = tmp_path / "live"
    (live / "training" / "calendars").mkdir(parents=True)
    (live / FEED).write_text("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\n")
    config = make_fixture_site(tmp_path / "project", {}, calendar=CALENDAR.format(sessions=KEPT))
    result = build_site(config, tmp_path / "new", {**ENV, PREVIOUS_SITE_ENV: str(live)})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"the published calendar {live / FEED} could not be read (an event has no UID)" in result.stderr
