"""The training pages' session lists, kept between builds and reused while nothing that shapes
them has changed.

Rendering the lists (a few thousand rows from Jinja templates, some rows on two or three pages)
is most of what the training section costs a rebuild, and a routine rebuild, or a preview
rebuild after an edit elsewhere, would render the same HTML again. Each list is kept as a file
named by a digest of everything that goes into it:

- the template's name and the page it is for (links are relative to the page), and what is
  taken out of the HTML afterwards (the marks that keep the lists out of search);
- every value handed to the template, written out in full: each session's fields and days
  (times with their zone), its course's fields (not the course's other sessions), the
  categories' and audiences' labels, and the page each session row links to on the training home;
- our code and templates (every file of the practice_hub package, common/fingerprint.py) and
  the versions of Python, Jinja and MarkupSafe.

A value of a kind not listed here makes its list uncacheable (rendered every time), never a
wrong key. A list that cannot be read or written is rendered again (common/cache.py);
``PRACTICE_HUB_CACHE_DIR=off`` renders every list. Only the HTML is kept on disk, one list at a
time, so a large calendar's listings are still never all in memory at once. Plain Python: no
MkDocs import.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
from datetime import date, datetime
from pathlib import Path

from ..common.cache import prune, read_cached, write_atomically
from ..common.fingerprint import code_digest, library_versions
from .model import Course, Session, SessionDay

LIBRARIES = ("jinja2", "markupsafe")
SUFFIX = ".html"


class Uncacheable(TypeError):
    """A value the key cannot describe in full: the list is rendered, not cached."""


class ListCache:
    """Rendered lists by key in ``folder`` (None: no cache, every list rendered)."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.environment = f"{library_versions(LIBRARIES)}; code {code_digest()}" if folder else ""
        self.used: set[str] = set()
        self._described: dict[int, tuple[object, str]] = {}   # id -> (the object, kept alive; its text)

    def html(self, block, strip: re.Pattern | None = None) -> str:
        """The block's HTML with ``strip``'s matches taken out: from the cache when its key is
        known, else rendered (and kept). Kept as stripped: stripping a large calendar's lists
        takes as long as reading them."""
        key = self.key(block, strip) if self.folder is not None else None
        if key is not None:
            name = key + SUFFIX
            self.used.add(name)
            cached = read_cached(self.folder / name)
            if cached is not None:
                try:
                    return cached.decode("utf-8")
                except UnicodeDecodeError:
                    pass   # a damaged entry: rendered again
        html = block()
        if strip is not None:
            html = strip.sub("", html)
        if key is not None:
            write_atomically(self.folder / name, html.encode("utf-8"))
        return html

    def key(self, block, strip: re.Pattern | None = None) -> str | None:
        """The digest of everything that shapes ``block``'s HTML, or None when it cannot say."""
        describe = getattr(block, "cache_description", None)
        if describe is None:   # a plain function: nothing to key it by
            return None
        try:
            text = describe(self.describe)
        except Uncacheable:
            return None
        stripped = f"{strip.pattern!r} {strip.flags}" if strip is not None else "None"
        return _digest(f"{self.environment}\0{stripped}\0{text}")

    def forget_the_rest(self) -> None:
        """Drop lists this build did not use (changed or gone), so the cache stays small."""
        if self.folder is not None:
            prune(self.folder, keep=self.used, patterns=(f"*{SUFFIX}",))

    def describe(self, value) -> str:
        """``value`` written out in full: the same text for equal values, never for different ones
        (every piece of text in it is quoted, so no two values run together the same way)."""
        kind = type(value)
        if kind in _PLAIN:
            return repr(value)
        if kind is Session or kind is Course:
            # Each session once a build, though it is listed on two or three pages; written
            # into a list's description as the digest of its own.
            known = self._described.get(id(value))
            if known is None or known[0] is not value:
                text = self._fields(value)
                known = self._described[id(value)] = (value, f"{kind.__name__}#{_digest(text)}")
            return known[1]
        if kind is datetime:
            return f"datetime({value.isoformat()!r},{str(value.tzinfo)!r})"
        if kind is date:
            return f"date({value.isoformat()!r})"
        if kind is SessionDay:
            return self._fields(value)
        if kind is tuple:
            return "(" + ",".join(map(self.describe, value)) + ")"
        if kind is list:
            return "[" + ",".join(map(self.describe, value)) + "]"
        if kind is dict:
            return "{" + ",".join(f"{self.describe(k)}:{self.describe(v)}" for k, v in value.items()) + "}"
        describe = getattr(value, "cache_description", None)
        if describe is not None:
            return f"{kind.__qualname__}(" + describe(self.describe) + ")"
        raise Uncacheable(f"a {kind.__qualname__} cannot be described for the list cache")

    def _fields(self, value) -> str:
        # Field by field, in the order the class declares them (our code is in the key too).
        # A course's own sessions are left out: a row shows its own session and its course.
        kind = type(value)
        values = [getattr(value, name) for name in _FIELDS[kind]]
        return f"{kind.__name__}(" + ",".join(
            [repr(v) if type(v) in _PLAIN else self.describe(v) for v in values]) + ")"


_PLAIN = frozenset({str, int, float, bool, type(None)})
_FIELDS = {kind: tuple(f.name for f in dataclasses.fields(kind) if (kind, f.name) != (Course, "sessions"))
           for kind in (Session, Course, SessionDay)}


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
