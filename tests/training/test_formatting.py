"""Links between generated pages (training/formatting.py): ``relative_url`` works the path out
itself for plain relative paths (a large site makes tens of thousands of links) and must give
exactly what ``posixpath.relpath`` gives, for every path."""
from __future__ import annotations

import itertools
import posixpath

from practice_hub.training.formatting import relative_url

PARTS = ("training", "courses", "a.md", "index.html", "x", ".", "..", "")


def test_relative_url_is_what_posixpath_relpath_gives():
    paths = {"/".join(parts) for size in range(3) for parts in itertools.product(PARTS, repeat=size)}
    paths |= {"training/courses/a.md", "training/calendars/sessions/a.ics", "training/./x/../a.md", "/training/a.md"}
    assert len(paths) > 60
    for page, target in itertools.product(paths, paths):
        try:
            expected = posixpath.relpath(target, posixpath.dirname(page) or ".")
        except ValueError as err:            # an empty target
            expected = f"ValueError: {err}"
        try:
            found = relative_url(page, target)
        except ValueError as err:
            found = f"ValueError: {err}"
        assert found == expected, (page, target)


def test_links_between_training_pages():
    assert relative_url("training/courses/a.md", "training/calendars/sessions/a--1.ics") == \
        "../calendars/sessions/a--1.ics"
    assert relative_url("training/index.md", "training/index.html") == "index.html"
    assert relative_url("index.md", "training/courses/a.html") == "training/courses/a.html"
    assert relative_url("guide/deep/page.md", "guide/deep") == "."
    assert relative_url("a/b.md", "/etc/passwd") == posixpath.relpath("/etc/passwd", "a")
