"""Each edition text's conversion (``render.Rendered``) kept on disk between builds.

Every build makes every edition's print copy, whose digest keys the PDF and email caches, and so
needs every text (welcome, articles, figures commentary) converted: about 480 conversions at 120
editions, though only the new edition's texts change from month to month. A conversion kept here
is reused only when everything that shapes it is the same; the key covers:

- the text itself, and for a text with footnotes its place among the build's conversions (the
  footnote ids number them, so an email's articles never share one: render.py);
- the Markdown extensions and their settings, as the renderer uses them (``settings``);
- what those extensions read besides the text: the glossary snippets appends, by content
  (``build_cache.conversion_inputs``). Settings or extensions whose effect cannot be known that way
  (an object in the settings, an extension not known to read nothing else) mean no caching;
- our Python code as this process loaded it and the versions of Python, Python-Markdown and
  PyMdown Extensions.

A text that includes a file itself (a snippet marker) is never kept. Entries are JSON, one file a
key; one that cannot be read, or is not what this version writes, is converted again. After a
build the entries it did not use are dropped.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..common.cache import prune, read_cached, write_atomically
from ..common.fingerprint import library_versions, python_digest
from ..build_cache import conversion_inputs

FORMAT = 1   # what an entry holds; change it whenever that changes
FOOTNOTE_MARK = "[^"   # in every footnote reference and definition
LIBRARIES = ("markdown", "pymdown-extensions")


@dataclass(frozen=True)
class Shared:
    """What every conversion with the same settings shares."""
    digest: str
    footnotes: bool   # the files read hold footnotes: every conversion's ids depend on its place


def shared(extensions: list[str], configs: dict) -> Shared | None:
    """What every conversion with these settings shares, or None when it cannot be known."""
    try:
        settings = json.dumps([list(extensions), configs], sort_keys=True)
    except (TypeError, ValueError):   # a function or object of the site's own in the settings
        return None
    inputs = conversion_inputs(extensions, configs)
    if inputs is None:
        return None
    digest = hashlib.sha256()
    for part in (str(FORMAT), library_versions(LIBRARIES), python_digest(), settings, repr(inputs)):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    footnotes = any(data is not None and FOOTNOTE_MARK.encode() in data for _, data in inputs)
    return Shared(digest.hexdigest(), footnotes)


class ConvertedTexts:
    """Conversions by key in ``folder`` (None, or settings that cannot be digested: none kept)."""

    def __init__(self, folder: Path | None, settings: Shared | None):
        self.folder = folder if settings is not None else None
        self.settings = settings.digest if settings else ""
        self.inputs_have_footnotes = settings.footnotes if settings else False
        self.used: set[str] = set()

    def key(self, text: str, place: int | None = None) -> str:
        """The key of ``text``'s conversion; ``place``: its place among the build's conversions,
        for a text whose footnote ids are numbered by it."""
        if self.folder is None:
            return ""
        return hashlib.sha256(f"{self.settings}\0{place}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()

    def mark_used(self, key: str) -> None:
        if self.folder is not None:
            self.used.add(key)

    def get(self, key: str) -> tuple[str, tuple[tuple[str, str], ...]] | None:
        """(html, targets) kept for ``key``, or None."""
        if self.folder is None:
            return None
        self.used.add(key)
        data = read_cached(self.folder / f"{key}.json")
        if data is None:
            return None
        try:
            entry = json.loads(data)
            if entry["format"] != FORMAT or entry["key"] != key or not isinstance(entry["html"], str):
                return None
            targets = tuple((kind, target) for kind, target in entry["targets"])
        except (ValueError, KeyError, TypeError, RecursionError):   # not an entry this version wrote
            return None
        if not all(isinstance(kind, str) and isinstance(target, str) for kind, target in targets):
            return None
        return entry["html"], targets

    def put(self, key: str, html: str, targets: tuple[tuple[str, str], ...]) -> None:
        if self.folder is None:
            return
        self.used.add(key)
        entry = {"format": FORMAT, "key": key, "html": html, "targets": [list(t) for t in targets]}
        write_atomically(self.folder / f"{key}.json", json.dumps(entry).encode("ascii"))

    def forget_the_rest(self) -> None:
        """Drop the entries this build did not use (texts changed or gone), then start afresh."""
        if self.folder is not None:
            prune(self.folder, {f"{key}.json" for key in self.used}, ("*.json",))
        self.used = set()
