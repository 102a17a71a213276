"""Search: what goes into Material's search index, and the glossary our search worker reads.

Plain Python (no MkDocs import). The worker (``overrides/assets/javascripts/workers/
practice-hub-search.js``) replaces Material's: it ranks pages with stems, one-typo matching,
the glossary and field weights. This module shapes its input:

- ``mark_unsearchable`` keeps the lines every handbook page repeats (owner and review dates,
  "Upcoming training" and "From the bulletin" lists) out of the index: they say nothing about
  the page, and they made "review" or "PLO" match every page;
- ``enrich_index`` adds the glossary to the index config, each page's front-matter summary
  to its entry, and a lower boost to generated pages (listings, what's new, governance,
  glossary), so guidance comes first unless the query is about them.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

# Material drops elements with this attribute from the index and strips the attribute from the
# page afterwards (it must have a non-empty value for that).
EXCLUDE = ' data-search-exclude="1"'
# Lines and lists other features repeat on every page, by their CSS class.
UNSEARCHABLE_CLASSES = ("ph-governance-line", "ph-page-dates", "ph-related")
# A generated page ranks at this share of the score it would otherwise get: it still comes
# first when the query is about it ("training calendar", "what's new"), after the guidance
# it points to when it merely lists it.
GENERATED_BOOST = 0.25

_OPEN_TAG = re.compile(r'<(p|div|section|aside|nav)\b([^>]*\bclass="([^"]*)"[^>]*)>')
_HEADING = re.compile(r"<(h[1-6])\b")


@dataclass
class PageFacts:
    summary: str = ""
    generated: bool = False
    boost: float | None = None


@dataclass
class SearchFacts:
    """What the handbook plugin learns about each page while MkDocs builds it (by page URL)."""
    pages: dict[str, PageFacts] = field(default_factory=dict)


def mark_unsearchable(html: str) -> str:
    """Add Material's ``data-search-exclude`` to the repeated lines and lists, and to any
    heading inside them (a heading starts a new index entry, so it must be excluded too)."""
    out, pos = [], 0
    for match in _OPEN_TAG.finditer(html):
        classes = match.group(3).split()
        if not any(c in UNSEARCHABLE_CLASSES for c in classes) or "data-search-exclude" in match.group(2):
            continue
        end = _element_end(html, match.group(1), match.end())
        inner = _HEADING.sub(lambda h: f"<{h.group(1)}{EXCLUDE}", html[match.end():end])
        out.append(html[pos:match.start()])
        out.append(f"<{match.group(1)}{EXCLUDE}{match.group(2)}>{inner}")
        pos = end
    out.append(html[pos:])
    return "".join(out)


def _element_end(html: str, tag: str, start: int) -> int:
    """Where the element opened just before ``start`` closes (counting nested same tags)."""
    depth, pattern = 1, re.compile(rf"<(/?){tag}\b[^>]*>")
    for m in pattern.finditer(html, start):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.start()
    return len(html)


def enrich_index(index_json: str, facts: SearchFacts, glossary: list[tuple[str, str]]) -> str:
    """Material's search_index.json with the glossary, page summaries and generated-page boosts."""
    data = json.loads(index_json)
    data["config"]["glossary"] = [{"abbr": abbr, "meaning": meaning} for abbr, meaning in glossary]
    for doc in data["docs"]:
        location = doc["location"]
        page = facts.pages.get(location.split("#")[0])
        if page is None or "#" in location:
            continue
        if page.summary:
            doc["summary"] = page.summary
        boost = page.boost if page.boost is not None else (GENERATED_BOOST if page.generated else None)
        if boost is not None:
            doc["boost"] = boost
        else:
            doc.pop("boost", None)
    return json.dumps(data, separators=(",", ":"))
