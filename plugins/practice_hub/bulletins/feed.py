"""An Atom feed of published editions; dates come from the editions' months, never the clock."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from ..routes import BULLETINS_ARCHIVE, BULLETINS_FEED, absolute_url
from .model import Edition

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(edition: Edition) -> str:
    return f"{edition.month}-01T09:00:00Z"


def atom_feed(editions: list[Edition], *, site_url: str, site_name: str) -> bytes:
    published = [e for e in editions if not e.is_draft]
    host = urlsplit(site_url).hostname or "practice-hub.invalid"
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"{site_name}: Practice and Learning Bulletin"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"tag:{host},2026:bulletins"
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=absolute_url(site_url, BULLETINS_FEED))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=absolute_url(site_url, BULLETINS_ARCHIVE))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(published[0]) if published else "2026-01-01T00:00:00Z"
    for edition in published:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = edition.title
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"tag:{host},{edition.month}-01:bulletin-{edition.month}"
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html",
                      href=absolute_url(site_url, edition.src_uri))
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(edition)
        ET.SubElement(entry, f"{{{ATOM}}}published").text = _stamp(edition)
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        ET.SubElement(author, f"{{{ATOM}}}name").text = edition.editor.name
        contents = "; ".join(a.title for a in edition.articles)
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = (
            f"Practice focus: {edition.practice_focus.title}. In this edition: {contents}.")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
