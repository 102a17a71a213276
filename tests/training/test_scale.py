"""A large calendar (issue 16): small pages, bounded feeds, every link resolving, the past archive
complete, and sessions that age out of the feeds never published as cancelled.

The calendars are made in code (the loader is tested elsewhere), so 20,000 sessions take seconds.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from datetime import date, datetime, timedelta
from posixpath import dirname, join, normpath
from zoneinfo import ZoneInfo

import pytest
from calendar_support import ROOT, problems_of
from icalendar import Calendar as ICalendar

from practice_hub import routes
from practice_hub.training import service
from practice_hub.training.history import read_published
from practice_hub.training.ics import FeedWindow, IcsWriter, session_file_path
from practice_hub.training.listings import SESSIONS_PER_PAGE, add_months
from practice_hub.training.model import CANCELLED, SCHEDULED, Calendar, Course, Session, SessionDay
from practice_hub.training.pages import expand_html_blocks
from practice_hub.training.removed import removal_notes

TODAY = date(2026, 11, 23)            # a Monday
ZONE = ZoneInfo("Europe/London")
CATEGORIES = {"practice-focus": "Practice focus", "research": "Research <in> practice"}
AUDIENCES = {"social-workers": "Social workers", "asye": "ASYE"}
MB = 1_000_000
# The theme wraps each page's content in about 25 kB of header, navigation and footer.
CONTENT_LIMIT = MB - 50_000


def make_calendar(days: list[tuple[date, int]], *, per_course: int = 25, places_left=None) -> Calendar:
    """A calendar with one session per (date, hour) in ``days``, ``per_course`` to a course."""
    courses = []
    for number, start in enumerate(range(0, len(days), per_course)):
        course = Course(id=f"course-{number:05d}", title=f"Course {number}: <practice> & \"skills\"",
                        category=list(CATEGORIES)[number % 2], audience=(list(AUDIENCES)[number % 2],),
                        summary="A generated course.", booking_url="https://learning.example.org/book", places=20)
        sessions = []
        for index, (day, hour) in enumerate(days[start:start + per_course]):
            begins = datetime(day.year, day.month, day.day, hour, 0, tzinfo=ZONE)
            sessions.append(Session(course=course, key=f"s{index}-{day:%Y%m%d}{hour:02d}",
                                    days=(SessionDay(begins, begins + timedelta(hours=2)),),
                                    status=CANCELLED if index % 17 == 5 else SCHEDULED, location="Civic Centre",
                                    places=20, places_left=places_left(index) if places_left else None,
                                    booking_url=course.booking_url))
        object.__setattr__(course, "sessions", tuple(sorted(sessions, key=lambda s: s.first_start)))
        courses.append(course)
    return Calendar(tuple(courses), CATEGORIES, AUDIENCES, "Europe/London")


def spread(count: int, first: date, last: date) -> list[tuple[date, int]]:
    span = (last - first).days + 1
    return [(first + timedelta(days=(i * 7919) % span), 8 + i % 9) for i in range(count)]


def large_days() -> list[tuple[date, int]]:
    """20,000 sessions: five years back to a year ahead, plus a crowded week now (more than the
    home can list) and a crowded month later (more than one month page holds)."""
    days = spread(18_500, TODAY - timedelta(days=5 * 365), TODAY + timedelta(days=365))
    days += [(TODAY + timedelta(days=i % 7), 8 + i % 9) for i in range(400)]
    days += [(date(2027, 5, 1) + timedelta(days=i % 31), 8 + i % 9) for i in range(1100)]
    # One session per (day, hour) per course keeps keys unique; shuffle deterministically.
    return sorted(days, key=lambda d: (hash((d[0].toordinal() * 31 + d[1]) % 1009), d))


def build(calendar: Calendar, today: date = TODAY, **options):
    blocks: dict = {}
    pages, files = service.outputs(calendar, {"handbook": {}, "topics": {}}, today,
                                   site_url="https://hub.example.org/", site_name="Hub", html_blocks=blocks,
                                   **options)
    return {src: expand_html_blocks(markdown, blocks) for src, markdown in pages.items()}, files


@pytest.fixture(scope="module")
def large():
    calendar = make_calendar(large_days(), places_left=lambda i: i % 5)
    pages, files = build(calendar, feed_past_days=90, home_months=3)
    return calendar, pages, files


def test_every_page_stays_small(large):
    _, pages, _ = large
    sizes = {src: len(text.encode("utf-8")) for src, text in pages.items()}
    assert max(sizes.values()) < CONTENT_LIMIT, max(sizes.items(), key=lambda kv: kv[1])
    assert routes.TRAINING_HOME in sizes and routes.TRAINING_PAST in sizes and routes.TRAINING_SUBSCRIBE in sizes
    # Course titles hold "<practice>" and '&': escaped on every page, wherever they appear.
    assert not any("<practice>" in text for text in pages.values())
    assert any("&lt;practice&gt; &amp;" in text for text in pages.values())


def test_feeds_hold_every_future_session_and_exactly_the_past_window(large):
    calendar, _, files = large
    window = FeedWindow(TODAY, 90)
    wanted = {s.slug for s in calendar.sessions() if s.last_end.date() >= TODAY - timedelta(days=90)}
    assert {s.slug for s in calendar.upcoming(TODAY)} <= wanted
    data = files["training/calendars/all.ics"]
    uids = {str(e["UID"]).split("@")[0] for e in ICalendar.from_ical(data).walk("VEVENT")}
    assert uids == wanted == {s.slug for s in calendar.sessions() if window.keeps(s)}
    assert len(data) < 600 * len(wanted) + 5_000      # bounded by the window, not by the calendar
    assert len(data) < 5 * MB
    for category in CATEGORIES:
        feed = ICalendar.from_ical(files[f"training/calendars/category-{category}.ics"])
        assert {str(e["UID"]).split("@")[0] for e in feed.walk("VEVENT")} == \
            {s.slug for s in calendar.sessions() if window.keeps(s) and s.course.category == category}


@pytest.mark.parametrize("past_days", [0, 1, 90, 180])
def test_the_past_window_boundary_is_exact(past_days):
    """A session that ended ``past_days`` days ago is in the feeds; one that ended a day earlier is not."""
    edge = TODAY - timedelta(days=past_days)
    days = [(edge, 9), (edge - timedelta(days=1), 9), (TODAY, 9), (TODAY + timedelta(days=30), 9)]
    calendar = make_calendar(days, per_course=1)
    _, files = build(calendar, feed_past_days=past_days)
    feed = files["training/calendars/all.ics"].decode()
    in_feed = {s.first_start.date() for s in calendar.sessions() if f"UID:{s.slug}@" in feed}
    assert in_feed == {edge, TODAY, TODAY + timedelta(days=30)}
    # Every session keeps its own "Add to calendar" file, however old (bulletins link them for good).
    assert all(session_file_path(s) in files for s in calendar.sessions())


def test_a_multi_day_session_counts_from_its_last_day():
    first = TODAY - timedelta(days=120)
    course = Course(id="long", title="Long course", category="research")
    days = tuple(SessionDay(datetime.combine(first + timedelta(days=30 * n), datetime.min.time(), ZONE).replace(hour=9),
                            datetime.combine(first + timedelta(days=30 * n), datetime.min.time(), ZONE).replace(hour=16),
                            n + 1) for n in range(2))     # last day 90 days ago
    session = Session(course=course, key="cohort", days=days)
    assert FeedWindow(TODAY, 90).keeps(session) and not FeedWindow(TODAY, 89).keeps(session)


LINK = re.compile(r'href="([^"]+)"|\]\(([^)\s]+)\)')
ANCHOR = re.compile(r'\bid="([^"]+)"|\{#([^}\s]+)\}')


def _targets(pages: dict[str, str]):
    """(page, target path, fragment) for every link inside the site, from every page."""
    for src, text in pages.items():
        for match in LINK.finditer(text):
            href = match.group(1) or match.group(2)
            if re.match(r"^[a-z]+:", href):
                continue       # https://, webcal://, mailto:
            path, _, fragment = href.partition("#")
            target = normpath(join(dirname(src), path)) if path else src
            yield src, target, fragment


def test_every_link_on_the_training_pages_resolves(large):
    _, pages, files = large
    anchors = {src: {a or b for a, b in ANCHOR.findall(text)} for src, text in pages.items()}
    checked = 0
    for src, target, fragment in _targets(pages):
        page = target[:-5] + ".md" if target.endswith(".html") else target
        assert page in pages or target in files, f"{src} links to {target}, which is not built"
        if fragment and page in pages:
            assert fragment in anchors[page], f"{src} links to #{fragment} on {page}, which has no such anchor"
        checked += 1
    assert checked > 20_000


def test_home_lists_this_week_then_the_next_months_and_links_later_months(large):
    calendar, pages, _ = large
    home = pages[routes.TRAINING_HOME]
    rows = re.findall(r'<li class="ph-session[^"]*" id="session-([^"]+)"', home)
    horizon = add_months(TODAY.replace(day=1), 4)
    in_horizon = [s.slug for s in calendar.upcoming(TODAY) if s.first_start.date() < horizon]
    assert rows == in_horizon[:SESSIONS_PER_PAGE] and len(in_horizon) > SESSIONS_PER_PAGE
    # Every session running this week is in the box, linked to its row here or on its month page.
    week = re.findall(r'<li class="ph-week__item[^"]*"[^>]*><a href="([^"]+)"', home)
    sunday = TODAY + timedelta(days=6)
    this_week = [s for s in calendar.upcoming(TODAY) if TODAY <= s.first_start.date() <= sunday]
    assert len(week) == len(this_week) > SESSIONS_PER_PAGE
    assert {href.rsplit("#session-", 1)[1] for href in week} == {s.slug for s in this_week}
    assert any(href.startswith("months/2026-11-part-2.html#") for href in week)
    # The rest of November and every later month are linked under "Later months".
    later = re.findall(r"\]\((months/[^)]+\.md)\)", home.split("Later months", 1)[1].split("## Courses")[0])
    months = sorted({s.first_start.date().replace(day=1) for s in calendar.upcoming(TODAY)})
    assert later == [f"months/{m:%Y-%m}.md" for m in months]


def test_month_pages_list_each_upcoming_session_once_in_parts_when_long(large):
    calendar, pages, _ = large
    listed = Counter()
    for src, text in pages.items():
        if src.startswith(routes.TRAINING_MONTHS + "/"):
            rows = re.findall(r'<li class="ph-session[^"]*" id="session-([^"]+)"', text)
            assert len(rows) <= SESSIONS_PER_PAGE
            listed.update(rows)
    assert listed == Counter(s.slug for s in calendar.upcoming(TODAY))
    may = [src for src in pages if src.startswith("training/months/2027-05")]
    in_may = sum(s.first_start.date().replace(day=1) == date(2027, 5, 1) for s in calendar.upcoming(TODAY))
    parts = -(-in_may // SESSIONS_PER_PAGE)
    assert parts > 2 and len(may) == parts and f"Page 2 of {parts}" in pages["training/months/2027-05-part-2.md"]


def test_past_archive_pages_list_every_past_session_once_newest_first(large):
    calendar, pages, _ = large
    past = calendar.past(TODAY)
    order, number = [], 1
    while routes.training_past_page(number) in pages:
        text = pages[routes.training_past_page(number)]
        rows = re.findall(r'id="past-session-([^"]+)"', text)
        assert 0 < len(rows) <= SESSIONS_PER_PAGE
        order += rows
        number += 1
    assert number - 1 == -(-len(past) // SESSIONS_PER_PAGE)
    assert Counter(order) == Counter(s.slug for s in past) and len(order) == len(set(order))
    starts = {s.slug: s.first_start for s in past}
    assert [starts[slug] for slug in order] == sorted((starts[slug] for slug in order), reverse=True)
    assert not any(src.startswith(routes.TRAINING_PAST_PAGES + "/") for src in pages if src not in
                   {routes.training_past_page(n) for n in range(1, number)})


def test_course_pages_show_past_sessions_newest_first_and_bounded(large):
    calendar, pages, _ = large
    course = max(calendar.courses, key=lambda c: sum(s.last_end.date() < TODAY for s in c.sessions))
    text = pages[routes.course_page(course)]
    heading = '## Past sessions { #past-sessions data-search-exclude="1" }'
    section = text.split(heading, 1)[1]
    dates = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">', section)
    past = [s for s in course.sessions if s.last_end.date() < TODAY]
    assert dates == sorted(dates, reverse=True) and len(dates) == min(len(past), 50)
    assert section.lstrip().startswith('<div class="ph-course-past" data-search-exclude="1">')


def test_listing_pages_stay_out_of_search_and_out_of_the_nav(large):
    _, pages, _ = large
    for src, text in pages.items():
        if src.startswith((routes.TRAINING_MONTHS, routes.TRAINING_PAST_PAGES)) or src == routes.TRAINING_PAST:
            assert "search:\n  exclude: true" in text, src


def test_places_left_and_full_in_rows_and_feeds(tmp_path):
    days = [(TODAY + timedelta(days=n), 10) for n in range(1, 6)]
    calendar = make_calendar(days, per_course=5, places_left=lambda i: [0, 1, 3, None, 20][i])
    pages, files = build(calendar)
    home = pages[routes.TRAINING_HOME]
    rows = {slug: row for slug, row in re.findall(r'id="session-([^"]+)"(.*?)</li>', home, re.S)}
    by_left = {s.places_left: rows[s.slug] for s in calendar.sessions() if not s.is_cancelled}
    assert "Full</strong>" in by_left[0] and ">Book<" not in by_left[0] and "Add to calendar" in by_left[0]
    assert "1 place left" in by_left[1] and "3 places left" in by_left[3] and "20 places left" in by_left[20]
    assert "20 places</span>" in by_left[None] and ">Book<" in by_left[None]
    full = next(s for s in calendar.sessions() if s.places_left == 0)
    assert "Full: no places left" in files[session_file_path(full)].decode().replace("\r\n ", "")


BAD_PLACES_LEFT = [("three", "must be a whole number of places, 0 or more"),
                   ("-1", "must be a whole number of places, 0 or more"),
                   ("2.5", "must be a whole number of places, 0 or more"),
                   ("true", "must be a whole number of places, 0 or more"),
                   ("[3]", "must be a whole number of places, 0 or more"),
                   ("", "must be a whole number of places, 0 or more"),
                   ("13", "is more than the 12 places the session has")]


@pytest.mark.parametrize("value,expected", BAD_PLACES_LEFT)
def test_bad_places_left_is_reported_with_file_and_line(tmp_path, value, expected):
    text = f"""\
courses:
  - id: mi
    title: MI
    category: practice-focus
    places: 12
    sessions:
      - date: 2027-02-02
        start: "09:00"
        end: "11:00"
        places_left: {value}
"""
    report = problems_of(tmp_path, {"a.yml": text})
    assert "training_calendar/a.yml, line 10" in report and expected in report, report
    assert "Traceback" not in report


def test_places_left_over_the_sessions_own_places_and_without_places(tmp_path):
    text = """\
courses:
  - id: mi
    title: MI
    category: practice-focus
    places: 30
    sessions:
      - date: 2027-02-02
        start: "09:00"
        end: "11:00"
        places: 8
        places_left: 9
      - date: 2027-02-09
        start: "09:00"
        end: "11:00"
        places_left: 30
"""
    report = problems_of(tmp_path, {"a.yml": text})
    assert "line 11" in report and "more than the 8 places" in report and "line 15" not in report


def test_a_session_that_ages_out_of_the_feeds_is_not_cancelled_or_reported(tmp_path):
    """Published while in the window; a month later it is out of it. It was not removed: no
    cancelled copy, no note for the author, and its own file unchanged."""
    days = [(TODAY - timedelta(days=80), 9), (TODAY - timedelta(days=10), 9), (TODAY + timedelta(days=5), 9)]
    calendar = make_calendar(days, per_course=3)
    old = calendar.sessions()[0]
    first = IcsWriter(calendar, site_url="https://hub.example.org/", site_name="Hub", stamp=datetime(2026, 1, 1, tzinfo=ZONE),
                      course_url=lambda c: "https://hub.example.org/c.html", today=TODAY, past_days=90)
    published = first.files()
    assert f"UID:{old.slug}@".encode() in published["training/calendars/all.ics"]
    for path, data in published.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
    later = TODAY + timedelta(days=30)     # `old` ended 110 days before this
    second = IcsWriter(calendar, site_url="https://hub.example.org/", site_name="Hub", stamp=datetime(2026, 1, 1, tzinfo=ZONE),
                       course_url=lambda c: "https://hub.example.org/c.html", previous=read_published(tmp_path),
                       today=later, past_days=90)
    files = second.files()
    assert second.removed_events() == [] and removal_notes(second.removed_events()) == []
    for path, data in files.items():
        assert b"CANCELLED" not in data, path
    assert f"UID:{old.slug}@".encode() not in files["training/calendars/all.ics"]
    assert files[session_file_path(old)] == published[session_file_path(old)]
    # Through the service too: no note for the author.
    notes: list[str] = []
    service.outputs(calendar, {"handbook": {}, "topics": {}}, later, site_url="https://hub.example.org/",
                    site_name="Hub", previous=read_published(tmp_path), notes=notes, feed_past_days=90)
    assert notes == []


def test_the_benchmark_reports_its_figures_from_a_child_process():
    sys.path.insert(0, str(ROOT / "bench"))
    from training_bench import run
    figures = run(300)
    assert figures["sessions"] == 300 and figures["largest_page_bytes"] > 0 and figures["peak_mb"] > 0
    assert {"seconds", "peak_mb", "largest_page", "largest_page_bytes", "all_ics_bytes", "files"} <= set(figures)


@pytest.mark.parametrize("home_months", [0, 1, 3, 6])
def test_home_lists_this_month_and_the_next_home_months_months(home_months):
    days = [(date(2026, 11, 25) + timedelta(days=0), 10)] + [(add_months(date(2026, 12, 1), n).replace(day=15), 10)
                                                             for n in range(13)]
    calendar = make_calendar(days, per_course=1)
    pages, _ = build(calendar, home_months=home_months)
    home = pages[routes.TRAINING_HOME]
    months = re.findall(r'<section class="ph-month" aria-labelledby="(\d{4}-\d\d)"', home)
    expected = [f"{add_months(date(2026, 11, 1), n):%Y-%m}" for n in range(home_months + 1)]
    assert months == expected
    later = re.findall(r"\]\(months/(\d{4}-\d\d)\.md\)", home)
    assert later == [f"{add_months(date(2026, 11, 1), n):%Y-%m}" for n in range(home_months + 1, 14)]
    assert all(f"training/months/{m}.md" in pages for m in expected + later)


def test_bad_training_settings_are_plain_problems(tmp_path):
    from practice_hub.hub import HubSettings, _training_options
    settings = HubSettings.from_mkdocs_settings(
        {"plugins": [{"practice-hub/training": {"feed_past_days": -1, "home_months": True}}]}, tmp_path)
    problems = [str(p) for p in _training_options(settings)]
    assert len(problems) == 2
    assert "`feed_past_days: -1` must be a whole number, 0 or more" in problems[0] and "mkdocs.yml" in problems[0]
    assert "home_months" in problems[1]
    good = HubSettings.from_mkdocs_settings({"plugins": [{"practice-hub/training": {"feed_past_days": 0}}]}, tmp_path)
    assert _training_options(good) == [] and good.feed_past_days == 0 and good.home_months == 3
