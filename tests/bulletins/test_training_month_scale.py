"""A bulletin's "Training this month" with a large service's calendar (issue 16): a month of
thousands of sessions is summarised (a line per course, capped), says how many more there are
and links the page that lists them — the link resolves on the web page and is absolute in the
email and PDF — so the web page, email and PDF stay the same size however big the month; a
month under the cap is listed in full, as before.

The calendars are made in code and put in place of the demo's (the demo's editions, handbook and
settings stay), and the plain modules make the pages and copies: no MkDocs build.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from posixpath import dirname, join, normpath
from zoneinfo import ZoneInfo

import pytest
from helpers import DEMO_TODAY, copy_repo

from practice_hub import routes
from practice_hub.bulletins import compose, training_month
from practice_hub.bulletins.email import EmailCopy
from practice_hub.bulletins.pdf import pdf_bytes
from practice_hub.check import load_hub
from practice_hub.common.errors import SourceError
from practice_hub.common.site_config import read_settings_file
from practice_hub.hub import Hub, HubSettings
from practice_hub.common.handbook_index import pages_by_topic
from practice_hub.training import service
from practice_hub.training.ics import session_file_path
from practice_hub.training.model import CANCELLED, SCHEDULED, Calendar, Course, Session, SessionDay

TODAY = date.fromisoformat(DEMO_TODAY)      # 23 November 2026
ZONE = ZoneInfo("Europe/London")
SITE = "https://hub.example.org/"
CATEGORIES = {"induction": "Induction", "research": "Research <in> practice", "court-skills": "Court skills"}


def month_calendar(months: dict[date, int], courses: int) -> Calendar:
    """``months[m]`` sessions in month ``m`` (first day), dealt round ``courses`` courses in time order."""
    starts = []
    for month, count in months.items():
        days = (month.replace(month=month.month % 12 + 1, year=month.year + month.month // 12) - month).days
        starts += [datetime(month.year, month.month, 1 + i % days, 8 + (i // days) % 10, (i // (10 * days)) % 4 * 15,
                            tzinfo=ZONE) for i in range(count)]
    starts.sort()
    made = []
    for number in range(courses):
        course = Course(id=f"course-{number:04d}", title=f"Course {number}: <practice> & \"skills\"",
                        category=list(CATEGORIES)[number % len(CATEGORIES)], summary="A generated course.",
                        booking_url="https://learning.example.org/book", places=20)
        sessions = tuple(Session(course=course, key=f"s{k}-{start:%Y%m%d%H%M}",
                                 days=(SessionDay(start, start + timedelta(hours=2)),),
                                 status=CANCELLED if k % 13 == 4 else SCHEDULED, location="Civic Centre",
                                 places=20, places_left=k % 3 if k % 7 == 2 else None,
                                 booking_url=course.booking_url)
                         for k, start in enumerate(starts[number::courses]))
        object.__setattr__(course, "sessions", sessions)
        made.append(course)
    return Calendar(tuple(made), CATEGORIES, {}, "Europe/London")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo's hub (editions September to December 2026), read from a copy of the project."""
    mp = pytest.MonkeyPatch()
    mp.setenv("PRACTICE_HUB_TODAY", DEMO_TODAY)
    repo = copy_repo(tmp_path_factory.mktemp("training-month") / "repo")
    hub = load_hub(repo / "mkdocs.yml")
    yield hub
    mp.undo()


def edition(hub, month: str):
    return next(e for e in hub.published_editions() if e.month == month)


def web_section(hub, edition_, calendar) -> str:
    markdown = compose.edition_markdown(edition_, calendar, handbook=hub.handbook,
                                        topic_pages=pages_by_topic(hub.handbook))
    return markdown.split("{ #training-this-month", 1)[1].split("## Get involved", 1)[0]


def training_site_paths(calendar: Calendar) -> set[str]:
    """Every page and file the training section publishes for ``calendar``, as site paths."""
    pages, files = service.outputs(calendar, {"handbook": {}, "topics": {}}, TODAY, site_url=SITE, site_name="Hub",
                                   feed_past_days=90)
    return {routes.html_path(src) for src in pages} | set(files)


def resolve(from_src: str, href: str) -> str:
    return normpath(join(dirname(from_src), href.split("#")[0]))


def email_copy(edition_, calendar) -> EmailCopy:
    return EmailCopy(edition_, calendar, site_url=SITE, organisation="Eastmere", handbook_titles={})


@pytest.mark.parametrize("count,courses", [(41, 3), (3_000, 600), (6_000, 90), (2_500, 5)])
def test_a_big_month_is_summarised_with_the_soonest_sessions_and_a_count_of_the_rest(count, courses):
    calendar = month_calendar({date(2027, 1, 1): count}, courses)
    month = training_month.training_this_month(calendar, date(2027, 1, 1), today=TODAY)
    window = calendar.sessions_between(*training_month.month_window(date(2027, 1, 1)))
    assert month.summarised and month.total == len(window) == count
    shown = [s for group in month for s in group.sessions]
    assert month.shown == len(shown) <= training_month.SESSION_LIMIT
    assert len({s.course.id for s in shown}) <= training_month.COURSE_LIMIT
    assert month.more == count - len(shown) > 0
    # The soonest: nothing left out starts before the last one shown, unless its course was one too many.
    chosen_courses = {s.course.id for s in shown}
    last = max(s.first_start for s in shown)
    for s in window:
        if s not in shown and s.course.id in chosen_courses:
            assert s.first_start >= last
    # A line per course, each session once, in date order within the line.
    for group in month:
        lines = [s for line in group.courses for s in line.sessions]
        assert sorted(lines, key=lambda s: s.first_start) == list(group.sessions)
        assert len({line.course.id for line in group.courses}) == len(group.courses)
        assert all(s.course.category == group.category for s in group.sessions)


@pytest.mark.parametrize("count", [1, 12, training_month.SESSION_LIMIT])
def test_a_month_under_the_cap_lists_every_session(count):
    calendar = month_calendar({date(2027, 1, 1): count}, 7)
    month = training_month.training_this_month(calendar, date(2027, 1, 1), today=TODAY)
    assert not month.summarised and month.more == 0 and month.more_page == ""
    assert sorted(s.slug for g in month for s in g.sessions) == sorted(s.slug for c in calendar.courses for s in c.sessions)


def test_the_limits_are_settings():
    calendar = month_calendar({date(2027, 1, 1): 60}, 30)
    month = training_month.training_this_month(calendar, date(2027, 1, 1), today=TODAY, session_limit=10, course_limit=4)
    assert month.summarised and month.shown <= 10 and len({s.course.id for g in month for s in g.sessions}) <= 4
    assert not training_month.training_this_month(calendar, date(2027, 1, 1), today=TODAY, session_limit=60).summarised


@pytest.mark.parametrize("month_key", ["2026-11", "2026-09", "2026-10"])
def test_the_web_page_summary_links_a_page_that_lists_the_rest(demo, month_key):
    """November (still running on the build's day): its month page; September and October (over):
    the page of the past-sessions archive that holds them. The link resolves to a published page."""
    calendar = month_calendar({date(2026, 9, 1): 2_000, date(2026, 10, 1): 1_500, date(2026, 11, 1): 3_000,
                               date(2026, 12, 1): 900}, 400)
    e = edition(demo, month_key)
    section = web_section(demo, e, calendar)
    more = re.search(r'And ([\d,]+) more sessions this month: <a href="([^"]+)">see all (\w+ \d{4}) training</a>', section)
    assert more, section[-500:]
    first = date.fromisoformat(month_key + "-01")
    assert more.group(3) == f"{first:%B %Y}"
    target = resolve(e.src_uri, more.group(2))
    published = training_site_paths(calendar)
    assert target in published
    summary = training_month.training_this_month(calendar, first, today=TODAY)
    assert int(more.group(1).replace(",", "")) == summary.more
    assert target == routes.html_path(summary.more_page)
    # The page linked lists sessions of that month (a still-running month: its own page).
    if month_key == "2026-11":
        assert target == routes.html_path(routes.training_month_page(first))
    else:
        assert target.startswith("training/past")
        pages, _ = service.outputs(calendar, {"handbook": {}, "topics": {}}, TODAY, site_url=SITE, site_name="Hub")
        assert f'id="past-{month_key}"' in pages[summary.more_page]    # the archive page holding it
    # Every other link of the section resolves too: course pages (no per-session list any more).
    for href in re.findall(r'href="([^"]+)"', section):
        assert resolve(e.src_uri, href) in published, href
    assert len(section.encode()) < 30_000


def test_the_email_and_pdf_summary_links_the_month_page_by_its_full_address_and_stay_small(demo):
    e = edition(demo, "2026-11")
    sizes = []
    for count in (3_000, 9_000):
        calendar = month_calendar({date(2026, 11, 1): count}, 500)
        copy = email_copy(e, calendar)
        html, text, print_html = copy.html(), copy.text(), copy.print_html()
        month_url = routes.absolute_url(SITE, routes.training_month_page(date(2026, 11, 1)))
        for copy_text in (html, print_html):
            assert re.search(f'<a href="{re.escape(month_url)}"[^>]*>see all November 2026 training</a>', copy_text)
            assert f"And {count - copy.training.shown:,} more sessions this month" in copy_text
        assert f"see all November 2026 training at {month_url}" in text
        assert copy_text.count("Add to calendar") == 0   # summaries carry course links, not per-session files
        eml = copy.eml(to_address="All <all@example.invalid>", html=html, text=text)
        sizes.append((len(html.encode()), len(eml), len(print_html.encode())))
    # The same size whatever the month holds (9,000 sessions make no bigger a copy than 3,000).
    assert sizes[0] == pytest.approx(sizes[1], rel=0.02)
    html_size, eml_size, _ = sizes[1]
    assert html_size < 200_000 and eml_size < 400_000
    pdf = pdf_bytes(print_html, folder=e.folder, organisation="Eastmere", month_label=e.month_label,
                    identifier=f"{SITE}{e.base_path}")
    assert len(pdf) < 1_000_000


def test_under_the_cap_the_email_lists_each_session_with_its_calendar_file(demo):
    e = edition(demo, "2026-11")
    calendar = month_calendar({date(2026, 11, 1): 20}, 4)
    copy = email_copy(e, calendar)
    html = copy.html()
    assert not copy.training.summarised and "more sessions this month" not in html
    for course in calendar.courses:
        for s in course.sessions:
            assert (routes.absolute_url(SITE, session_file_path(s)) in html) != s.is_cancelled


@pytest.mark.parametrize("sessions,courses,bad", [(0, 25, ["training_sessions"]), (40, -1, ["training_courses"]),
                                                  (True, 25, ["training_sessions"]), ("40", None, ["training_sessions", "training_courses"]),
                                                  (40, 25, []), (1, 1, [])])
def test_bad_limit_settings_are_plain_problems(sessions, courses, bad):
    problems = training_month.limit_problems(sessions, courses)
    assert [p.split("`", 2)[1].split(":")[0] for p in problems] == bad
    assert all("whole number of at least 1" in p and "leave it out" in p for p in problems)


def test_the_build_limits_apply_to_every_copy(demo):
    """The limits from mkdocs.yml (training_sessions, training_courses), as the hub reads them, are
    what the web page, the email and the PDF use; nothing is left set for the next build."""
    calendar = month_calendar({date(2026, 11, 1): 30}, 12)
    e = edition(demo, "2026-11")
    settings = HubSettings.from_mkdocs_settings(
        {"docs_dir": "content", "plugins": [{"practice-hub/bulletins": {"training_sessions": 10, "training_courses": 3}}]},
        demo.settings.root)
    limits = settings.bulletin_training
    assert (limits.sessions, limits.courses) == (10, 3)
    copy = EmailCopy(e, calendar, site_url=SITE, organisation="Eastmere", handbook_titles={}, training_limits=limits)
    assert copy.training.summarised and copy.training.shown <= 10
    assert len({s.course.id for g in copy.training for s in g.sessions}) <= 3
    web = compose.edition_markdown(e, calendar, handbook=demo.handbook, topic_pages=pages_by_topic(demo.handbook),
                                   training_limits=limits)
    assert f"And {30 - copy.training.shown} more sessions this month" in web
    assert f"And {30 - copy.training.shown} more sessions this month" in copy.print_html()
    assert not training_month.training_this_month(calendar, date(2026, 11, 1), today=TODAY).summarised
    assert not email_copy(e, calendar).training.summarised


@pytest.mark.parametrize("options", [{"training_sessions": 0}, {"training_courses": "lots"}])
def test_bad_limits_in_mkdocs_yml_are_reported_with_the_other_problems(demo, options):
    settings = HubSettings.from_mkdocs_settings(
        {**read_settings_file(demo.settings.root / "mkdocs.yml"),
         "plugins": [{"practice-hub/bulletins": options}]}, demo.settings.root)
    with pytest.raises(SourceError) as caught:
        Hub.load(settings)
    text = "\n".join(str(p) for p in caught.value.problems)
    assert "mkdocs.yml" in text and next(iter(options)) in text and "whole number" in text