"""The search index stays proportional to the handbook, not to the calendar (issue 16): course
pages are found by their title, summary and description, and no session list (upcoming or past,
on a course page or in a bulletin's "Training this month") makes an entry of its own.

The pages are made by the plain modules, turned into HTML by Python-Markdown with the site's
extensions, and indexed by Material's own search indexer, as a build does page by page.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from types import SimpleNamespace

import markdown
import pytest
import yaml
from material.plugins.search.plugin import SearchIndex
from test_scale import TODAY, make_calendar, spread

from practice_hub import routes
from practice_hub.training import service
from practice_hub.training.pages import expand_html_blocks

EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"]
SESSION_ANCHOR = re.compile(r"#(sessions-|past-|upcoming-sessions|past-sessions|\d{4}-\d{2}|session-)")


def index_entries(calendar, expanded: bool) -> list[dict]:
    """Material's index entries for every training page of ``calendar``: as the plugin gives
    them to search (the session lists still placeholders) or, ``expanded``, with the lists in
    (as a front end that puts them back earlier would)."""
    blocks: dict = {}
    pages, _ = service.outputs(calendar, {"handbook": {}, "topics": {}}, TODAY, site_url="https://hub.example.org/",
                               site_name="Hub", html_blocks=blocks, feed_past_days=90)
    index = SearchIndex()
    for src, text in pages.items():
        _, front, body = text.split("---\n", 2)
        meta = yaml.safe_load(front)
        html = markdown.markdown(body, extensions=EXTENSIONS)
        if expanded:
            html = expand_html_blocks(html, blocks)
        page = SimpleNamespace(meta=meta, content=html, toc=[], url=routes.html_path(src), title=meta["title"])
        index.add_entry_from_context(page)
    return index.entries


def spread_calendar(sessions: int, courses: int):
    days = spread(sessions, TODAY - timedelta(days=3 * 365), TODAY + timedelta(days=365))
    return make_calendar(days, per_course=-(-sessions // courses))


@pytest.fixture(scope="module", params=["as built", "lists expanded"])
def small_and_big(request):
    return {size: index_entries(spread_calendar(size, 120), request.param == "lists expanded")
            for size in (1_200, 9_600)}


def test_no_session_list_makes_an_entry(small_and_big):
    for entries in small_and_big.values():
        listed = [e["location"] for e in entries if SESSION_ANCHOR.search(e["location"])]
        assert not listed, listed[:5]
        # Listings (home, month pages, the past archive) are out of the index altogether.
        assert not [e for e in entries if e["location"].startswith(("training/index", "training/months", "training/past"))]


def test_the_index_does_not_grow_with_the_calendar(small_and_big):
    small, big = small_and_big[1_200], small_and_big[9_600]
    assert len(small) == len(big)                       # the same 120 courses: the same entries
    assert abs(sum(len(e["text"]) for e in big) - sum(len(e["text"]) for e in small)) < 2_000


def test_course_pages_are_found_by_title_summary_and_description(small_and_big):
    calendar = spread_calendar(9_600, 120)
    by_location = {e["location"]: e for e in small_and_big[9_600]}
    for course in calendar.courses:
        entry = by_location[routes.html_path(routes.course_page(course))]
        assert entry["title"] == course.title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
            or entry["title"] == course.title
        assert course.summary in entry["text"]
        # Only the page's own text: no dates, times or places of its sessions.
        assert not re.search(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}\b", entry["text"])
        assert "Civic Centre" not in entry["text"]
