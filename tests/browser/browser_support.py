"""Small helpers shared by the browser tests."""
from __future__ import annotations

from urllib.parse import urlparse

RESULT_LINK = ".md-search-result__item a.md-search-result__link"


def search(page, query: str):
    """Type a query into Material's search box, as a reader would, and wait for results."""
    box = page.locator("input.md-search__input")
    box.click()
    # Material starts its search worker on first focus; typing before it is ready is dropped,
    # as it would be for a very fast typist. Wait for "Type to start searching".
    page.locator(".md-search-result__meta", has_text="Type to start searching").wait_for(timeout=15000)
    box.press_sequentially(query, delay=20)   # real key presses: Material searches on keyup
    page.locator(RESULT_LINK).first.wait_for(timeout=15000)
    return page.locator(RESULT_LINK)


def first_result(page, query: str) -> str:
    """The address of the first result, without the ?h= highlight query or #anchor."""
    href = search(page, query).first.get_attribute("href")
    return urlparse(href).path
