"""Generated lists of links ("Upcoming training on this topic", "From the bulletin", a course's
guidance) and tables (What's new) handed to Python-Markdown finished instead of as Markdown to parse.

Python-Markdown reads a line like ``- [Title](../page.md): summary`` slowly (its inline
patterns run over every character), and a course page can list fifty handbook pages: on a
large site these lists were a third of all Markdown conversion. ``markdown_list(items)`` puts
one short marker paragraph in the page's Markdown instead, and this module's Markdown extension
swaps the list in as elements, after the inline patterns and before everything that still
applies: the glossary's ``<abbr>`` explanations, and MkDocs' link checks and relative links
(so a link to a page that is gone still fails ``--strict``). Text stays text: it is never read
as Markdown or HTML, and the serializer escapes it.

The marker carries a digest of the list, so a page whose list changes has different Markdown
(what build_cache.py keys a kept conversion by), and the same list always gives the same HTML.
Plain Python-Markdown, no MkDocs: any front that converts with Python-Markdown can use it.
"""
from __future__ import annotations

import hashlib
import logging
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import Sequence, Union

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

#: The name to list in Markdown's extensions (how mkdocs_support.py adds it to a build).
EXTENSION = "practice_hub.common.link_lists"
# After attr_list (8), so "{...}" in a title is never read as attributes; before abbr (7), so
# the glossary explains abbreviations in the lists as anywhere else; MkDocs' links run at 0.
PRIORITY = 7.5
_BREAKS = re.compile(r"\s*[\r\n]+\s*")
# An "&" Python-Markdown's serializer leaves alone, taking it for a character reference.
_REFERENCE_AMPERSAND = re.compile(r"&(?=(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);)", re.IGNORECASE)
_MARKER = re.compile(r"practicehublist([0-9a-f]{24})\Z")
# MkDocs' own logger: a warning fails `mkdocs build --strict`.
log = logging.getLogger("mkdocs.plugins.practice_hub.link_lists")


@dataclass(frozen=True)
class Link:
    """A link in a list item: ``href`` as Markdown would take it (a .md path or an address),
    ``text`` shown, and ``hidden`` words after it for screen readers only."""
    href: str
    text: str
    hidden: str = ""


Item = Sequence[Union[str, Link]]   # one list item: its text and links, in reading order

# Lists and tables by marker digest, for this process's conversions. A digest always stands for
# the same one, so nothing here goes stale; `forget()` empties it between builds (the preview's too).
_lists: dict[str, tuple] = {}


def markdown_list(items: Sequence[Item]) -> str:
    """The Markdown paragraph standing for a bulleted list of ``items`` ("" for no items)."""
    if not items:
        return ""
    return _marker(("list", tuple(_kept(item) for item in items)))


def markdown_table(head: Sequence[str], rows: Sequence[Sequence[Item]]) -> str:
    """The Markdown paragraph standing for a table (as Python-Markdown's tables extension makes
    one) with the column headings ``head`` and ``rows`` of cells, each cell an item."""
    return _marker(("table", tuple(map(str, head)), tuple(tuple(_kept(cell) for cell in row) for row in rows)))


def _kept(item: Item) -> tuple:
    return _trimmed(tuple(map(_one_line, item)))


def _marker(kept: tuple) -> str:
    digest = hashlib.sha256(repr(kept).encode("utf-8")).hexdigest()[:24]
    _lists[digest] = kept
    return f"practicehublist{digest}"


def _one_line(part):
    # Line breaks in author text (a YAML block) become spaces, as in any generated Markdown line;
    # "&" that would start a character reference is written as one, so "&copy;" shows as typed
    # (the serializer escapes every other "&", and leaves references alone).
    if isinstance(part, Link):
        return Link(part.href, _text(part.text), _text(part.hidden))
    return _text(str(part))


def _text(value: str) -> str:
    return _REFERENCE_AMPERSAND.sub("&amp;", _BREAKS.sub(" ", value))


def _trimmed(item: tuple) -> tuple:
    # As a Markdown list item: no spaces before its first word or after its last.
    if item and isinstance(item[0], str):
        item = (item[0].lstrip(), *item[1:])
    if item and isinstance(item[-1], str):
        item = (*item[:-1], item[-1].rstrip())
    return item


def forget() -> None:
    _lists.clear()


def _element(kept: tuple) -> etree.Element:
    # The elements Python-Markdown makes for a tight list or a table, with the line breaks its
    # prettify step (which has already run) would add.
    if kept[0] == "list":
        listing = _block("ul")
        for item in kept[1]:
            _fill(_block("li", listing, text=None), item)
        return listing
    _, head, rows = kept
    table = _block("table")
    heading = _block("tr", _block("thead", table))
    for name in head:
        _block("th", heading, text=name)
    body = _block("tbody", table)
    for row in rows:
        line = _block("tr", body)
        for cell in row:
            _fill(_block("td", line, text=None), cell)
    return table


def _block(tag: str, parent: etree.Element | None = None, text: str | None = "\n") -> etree.Element:
    element = etree.Element(tag) if parent is None else etree.SubElement(parent, tag)
    element.text, element.tail = text, "\n"
    return element


def _fill(entry: etree.Element, item: tuple) -> None:
    last = None
    for part in item:
        if isinstance(part, Link):
            last = etree.SubElement(entry, "a", {"href": part.href})
            last.text = part.text
            if part.hidden:
                hidden = etree.SubElement(last, "span", {"class": "md-visually-hidden"})
                hidden.text = part.hidden
        elif last is None:
            entry.text = (entry.text or "") + part
        else:
            last.tail = (last.tail or "") + part


class _ListTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        found = [(parent, index, match.group(1)) for parent in root.iter() for index, child in enumerate(parent)
                 if child.tag == "p" and not len(child) and child.text
                 and (match := _MARKER.match(child.text.strip())) is not None]
        for parent, index, digest in found:
            kept = _lists.get(digest)
            if kept is None:
                log.warning("A generated list was not found (practicehublist%s): build the site again.", digest)
                continue
            element = _element(kept)
            element.tail = parent[index].tail
            parent[index] = element


class LinkListExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(_ListTreeprocessor(md), "practice_hub_link_lists", PRIORITY)


def makeExtension(**kwargs) -> LinkListExtension:   # Python-Markdown loads extensions by this name
    return LinkListExtension(**kwargs)
