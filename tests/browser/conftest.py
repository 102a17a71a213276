"""A real headless Chromium (Debian's) driven by Playwright, and the demo site over HTTP."""
from __future__ import annotations

import functools
import http.server
import os
import threading

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    # One rule for every tool the tests need (Chromium here, node and ical.js for the calendar
    # tests): missing is a failure that says how to install it, never a silent skip.
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Debian chromium ({CHROMIUM}) is not installed: run `make test`, which installs it.")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built demo site served on 127.0.0.1 (a random free port)."""
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
