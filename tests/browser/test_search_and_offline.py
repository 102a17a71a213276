"""Search and navigation in a real browser, over HTTP and from file:// (a network share)."""
from __future__ import annotations

import pytest

from browser_support import RESULT_LINK, first_result

QUERIES = {
    "OARS": "motivational-interviewing/oars.html",
    "danger statement": "signs-of-safety/danger-statements-and-safety-goals.html",
    "three houses": "signs-of-safety/three-houses.html",
    "scaling question": "signs-of-safety/scaling-questions.html",
    "appreciative inquiry": "signs-of-safety/appreciative-inquiry.html",
    "supervision": "practice-model/supervision.html",
    "cultural competence": "practice-model/cultural-competence.html",
    "Signs of Safety": "signs-of-safety/index.html",
}


@pytest.mark.parametrize("query,expected", QUERIES.items(), ids=list(QUERIES))
def test_search_puts_the_right_page_first(page, site_url, query, expected):
    page.goto(site_url + "index.html")
    href = first_result(page, query)
    assert href.endswith(expected), f"{query!r} found {href} first"


def test_site_works_from_a_network_share(page, built_site):
    page.goto((built_site / "index.html").as_uri())
    page.locator(".md-tabs__link", has_text="Signs of Safety").first.click()
    page.wait_for_url("**/signs-of-safety/index.html")
    assert "Signs of Safety" in page.locator("h1").inner_text()
    href = first_result(page, "OARS")
    assert href.endswith("motivational-interviewing/oars.html")
    page.locator(RESULT_LINK).first.click()
    page.wait_for_url("**/motivational-interviewing/oars.html*")
    assert page.url.startswith("file://")


def test_calendar_links_from_the_training_page_give_parsable_calendars(page, site_url):
    from icalendar import Calendar
    page.goto(site_url + "training/index.html")
    add = page.locator("a[download]", has_text="Add to calendar").first
    single = page.request.get(page.evaluate("a => a.href", add.element_handle()))
    assert single.ok and Calendar.from_ical(single.body()).walk("VEVENT")
    page.goto(site_url + "training/subscribe.html")
    feed_link = page.locator("a", has_text="Download").first
    feed = page.request.get(page.evaluate("a => a.href", feed_link.element_handle()))
    events = Calendar.from_ical(feed.body()).walk("VEVENT")
    assert feed.ok and len(events) > 1
