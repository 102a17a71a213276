"""The training section of the real demo site, and escaping of YAML text, in built HTML."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar as ICalendar

from helpers import ROOT, build_site, copy_repo
from practice_hub.common.yamlsource import load_yaml_file
from practice_hub.training import loader


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_home_lists_only_upcoming_sessions_by_month(built_site):
    page = soup(built_site / "training" / "index.html")
    months = [h.get_text() for h in page.select(".ph-month > h3")]
    assert months[0] == "November 2026" and "October 2026" not in months
    assert months == sorted(months, key=lambda m: (m.split()[1], ["January", "February", "March", "April", "May",
        "June", "July", "August", "September", "October", "November", "December"].index(m.split()[0])))
    # Each compact row gives the short date on screen and the full date to screen readers.
    whens = [span.get_text() for span in page.select(".ph-session__when .md-visually-hidden")]
    assert whens and all("2026" in w or "2027" in w for w in whens)
    assert not any(" September 2026" in w or " October 2026" in w for w in whens)


def test_every_add_to_calendar_link_resolves_to_a_parsable_file(built_site):
    page = soup(built_site / "training" / "index.html")
    links = [a["href"] for a in page.select("a[download]")]
    assert len(links) > 20
    for href in links:
        target = built_site / "training" / href
        events = ICalendar.from_ical(target.read_bytes()).walk("VEVENT")
        assert events, href


def test_filters_are_progressive_enhancement(built_site):
    page = soup(built_site / "training" / "index.html")
    form = page.select_one("form[data-ph-filter]")
    assert form is not None and form.has_attr("hidden")  # plain list until the script runs
    assert {o["value"] for o in form.select("select[name=category] option")} >= {"", "practice-focus", "signs-of-safety"}
    script = "assets/javascripts/practice-hub-training.js"
    assert (built_site / script).is_file() and script in (built_site / "training" / "index.html").read_text()


def test_course_pages_and_subscribe_page(built_site):
    course = soup(built_site / "training" / "courses" / "sos-five-day-advanced.html")
    assert "5 days:" in course.get_text()
    guidance = [a["href"] for a in course.select("#guidance-on-this-topic ~ ul a")]
    assert "../../signs-of-safety/mapping.html" in guidance
    subscribe = (built_site / "training" / "subscribe.html").read_text(encoding="utf-8")
    for feed in (built_site / "training" / "calendars").glob("*.ics"):
        assert f"webcal://practicehub.eastmere.example/training/calendars/{feed.name}" in subscribe
    for client in ("Outlook on your work computer", "Outlook on the web", "Google Calendar", "Apple Calendar"):
        assert client in subscribe


def test_cancelled_sessions_are_marked_and_have_no_booking_link(built_site):
    page = soup(built_site / "training" / "index.html")
    cancelled = page.select(".ph-session--cancelled")
    assert cancelled
    for item in cancelled:
        assert "Cancelled" in item.get_text() and not item.select("a.md-button")


def test_yaml_text_is_escaped_in_pages(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    evil = (repo / "training_calendar" / "zz-evil.yml")
    evil.write_text('courses:\n  - id: evil\n    title: "<script>alert(1)</script> & <b>bold</b>"\n'
                    '    category: research\n    summary: "<img src=x onerror=alert(2)>"\n'
                    '    sessions:\n      - date: 2027-05-05\n        start: "10:00"\n        end: "11:00"\n')
    result = build_site(repo / "mkdocs.yml", tmp_path / "site", {"PRACTICE_HUB_TODAY": "2026-11-23"})
    assert result.returncode == 0, result.stderr
    for name in ("training/index.html", "training/courses/evil.html"):
        html = (tmp_path / "site" / name).read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_bad_calendar_stops_the_build_with_a_clear_message(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    path = repo / "training_calendar" / "induction.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('start: "09:30"', 'strat: "09:30"', 1), encoding="utf-8")
    result = build_site(repo / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert "training_calendar/induction.yml, line" in result.stderr and 'Did you mean "start"?' in result.stderr
    assert "Traceback" not in result.stderr


SCHEMA = json.loads((ROOT / "training_calendar" / "schema.json").read_text())


def _as_json(value):
    return json.loads(json.dumps(value, default=str))


@pytest.mark.parametrize("path", sorted(p for p in (ROOT / "training_calendar").glob("*.yml") if p.name != "vocabulary.yml"),
                         ids=lambda p: p.name)
def test_demo_calendars_match_the_published_schema(path):
    jsonschema.validate(_as_json(load_yaml_file(path)), SCHEMA)


def test_schema_names_the_same_settings_as_the_checker():
    course = SCHEMA["properties"]["courses"]["items"]
    session = course["properties"]["sessions"]["items"]
    assert set(course["properties"]) == set(loader.COURSE_REQUIRED + loader.COURSE_OPTIONAL)
    assert set(course["required"]) == set(loader.COURSE_REQUIRED)
    assert set(session["properties"]) == set(loader.SESSION_KEYS)
    assert set(session["properties"]["status"]["enum"]) == set(loader.STATUSES)


def test_schema_rejects_a_typo_like_the_checker():
    bad = {"courses": [{"id": "x", "title": "X", "category": "research",
                        "sessions": [{"date": "2027-01-01", "strat": "09:00", "start": "09:00", "end": "10:00"}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


def test_search_finds_courses_but_not_the_long_session_listings(built_site):
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "training/courses/induction.html" in pages
    assert "training/subscribe.html" in pages
    assert "training/index.html" not in pages and "training/past.html" not in pages
