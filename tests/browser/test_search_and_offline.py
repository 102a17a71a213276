"""Search and navigation in a real browser, over HTTP and from file:// (a network share).
The query set and its top-1/top-3 rates are in test_search_quality.py."""
from __future__ import annotations

from urllib.parse import urlparse

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


READY = ("() => document.querySelector('.md-search-result__meta').textContent.includes('Type to start')"
         " && performance.now()")


@pytest.mark.parametrize("mode", ["http", "file"])
def test_search_is_ready_within_a_second_of_opening_a_page_without_focusing_the_box(browser, site_url, built_site, mode):
    start = site_url + "practice-standards/visits.html" if mode == "http" else \
        (built_site / "practice-standards" / "visits.html").as_uri()
    delays = []
    for _ in range(3):   # the best of three: the test machine is shared and often busy
        context = browser.new_context()
        page = context.new_page()
        page.goto(start)
        ready_at = page.wait_for_function(READY, polling=20, timeout=15000).json_value()
        loaded_at = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
        assert page.evaluate("document.activeElement.tagName") != "INPUT"
        context.close()
        delays.append(ready_at - loaded_at)
    assert min(delays) < 1000, f"search ready {min(delays):.0f} ms after the page loaded, at best"


def test_result_count_is_announced_and_results_are_reachable_by_keyboard(page, site_url):
    page.goto(site_url + "index.html")
    meta = page.locator(".md-search-result__meta")
    assert meta.get_attribute("role") == "status" and meta.get_attribute("aria-live") == "polite"
    page.wait_for_function(READY, polling=20, timeout=15000)
    page.keyboard.press("/")                     # Material's shortcut to the search box
    box = page.locator("input.md-search__input")
    box.fill("visits")
    box.press("End")                             # one query, so the list is not redrawn under us
    page.locator(RESULT_LINK).first.wait_for()
    assert "matching" in meta.inner_text()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('.md-search-result__link')")
    assert urlparse(page.evaluate("document.activeElement.href")).path.endswith("practice-standards/visits.html")
    page.keyboard.press("Enter")
    page.wait_for_url("**/practice-standards/visits.html*")


@pytest.mark.parametrize("mode", ["http", "file"])
def test_a_query_with_no_answer_says_so_with_a_link_to_the_glossary(page, site_url, built_site, mode):
    start = site_url + "index.html" if mode == "http" else (built_site / "index.html").as_uri()
    page.goto(start)
    page.wait_for_function(READY, polling=20, timeout=15000)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("mileage claim form", delay=20)
    page.locator(".md-search-result__meta", has_text="No matching documents").wait_for()
    assert page.locator(RESULT_LINK).count() == 0
    note = page.locator(".ph-search-none")
    note.wait_for()
    assert note.get_by_role("link", name="Glossary").get_attribute("href").endswith("glossary.html")
    page.keyboard.press("ArrowDown")              # the note's links are reachable by keyboard
    assert page.evaluate("document.activeElement.textContent") == "Glossary"
    box.fill("")
    box.press_sequentially("visit", delay=20)
    page.locator(RESULT_LINK).first.wait_for()
    assert note.count() == 0


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
