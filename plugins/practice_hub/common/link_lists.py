"""Generated lists of links ("Upcoming training on this topic", "From the bulletin", a course's
guidance) handed to Python-Markdown as a finished list instead of Markdown to parse.

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

# Lists by marker digest, for this process's conversions. A digest always stands for the same
# list, so nothing here goes stale; `forget()` empties it between builds (the preview's too).
_lists: dict[str, tuple[tuple[Union[str, Link], ...], ...]] = {}


def markdown_list(items: Sequence[Item]) -> str:
    """The Markdown paragraph standing for a bulleted list of ``items`` ("" for no items)."""
    if not items:
        return ""
    kept = tuple(_trimmed(tuple(map(_one_line, item))) for item in items)
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


def _element(items) -> etree.Element:
    # The elements Python-Markdown makes for a tight list, with the line breaks its prettify
    # step (which has already run) would add.
    listing = etree.Element("ul")
    listing.text = "\n"
    for item in items:
        entry = etree.SubElement(listing, "li")
        entry.tail = "\n"
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
    return listing


class _ListTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        found = [(parent, index, match.group(1)) for parent in root.iter() for index, child in enumerate(parent)
                 if child.tag == "p" and not len(child) and child.text
                 and (match := _MARKER.match(child.text.strip())) is not None]
        for parent, index, digest in found:
            items = _lists.get(digest)
            if items is None:
                log.warning("A generated list was not found (practicehublist%s): build the site again.", digest)
                continue
            listing = _element(items)
            listing.tail = parent[index].tail
            parent[index] = listing


class LinkListExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(_ListTreeprocessor(md), "practice_hub_link_lists", PRIORITY)


def makeExtension(**kwargs) -> LinkListExtension:   # Python-Markdown loads extensions by this name
    return LinkListExtension(**kwargs)
