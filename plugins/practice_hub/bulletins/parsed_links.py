"""Every link and image in an author's Markdown, found by the Markdown parser itself.

A pattern over the text misses reference-style links (`[OARS][o]` with `[o]: oars.md`) and
links written in HTML; reading the Markdown as the page will be read finds them all.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown

# The Markdown the articles are read with, to find every link as the page will have it.
_READING_EXTENSIONS = ["tables", "attr_list", "admonition", "def_list", "footnotes", "md_in_html"]


@dataclass(frozen=True)
class FoundLink:
    image: bool
    text: str       # the link text, or the image's description
    target: str
    line: int       # in the source file


def links_in(body: str, first_line: int) -> list[FoundLink]:
    """Every link and image in ``body`` as the Markdown parser sees them: inline, reference-style
    (`[text][id]` with `[id]: target`) and written in HTML, each with the line it is written on."""
    collector = _Collector()
    collector.feed(_reader().reset().convert(body))
    lines = body.splitlines()
    return [FoundLink(image, text, target, first_line + _line_of(lines, target))
            for image, text, target in collector.found if not target.startswith("#")]


@functools.cache
def _reader() -> markdown.Markdown:
    """One parser, reset before each text: setting up the extensions costs more than most articles."""
    return markdown.Markdown(extensions=_READING_EXTENSIONS)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[list] = []
        self._open_link: list | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "img" and values.get("src") is not None:
            self.found.append([True, values.get("alt") or "", values["src"]])
        elif tag == "a" and values.get("href") is not None:
            self._open_link = [False, "", values["href"]]
            self.found.append(self._open_link)

    def handle_data(self, data):
        if self._open_link is not None:
            self._open_link[1] += data

    def handle_endtag(self, tag):
        if tag == "a":
            self._open_link = None


def _line_of(lines: list[str], target: str) -> int:
    for index, line in enumerate(lines):
        if target in line:
            return index
    return 0
