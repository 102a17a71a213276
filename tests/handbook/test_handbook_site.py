"""The real demo site: handbook pages, glossary tooltips, no external requests, trademarks,
the accessibility statement and briefings — checked in the built HTML."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from helpers import ROOT

from practice_hub.handbook.glossary import load_glossary


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def handbook_pages(site: Path) -> list[Path]:
    skip = ("training", "bulletins", "search", "assets", "topics")
    return [p for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in skip
            and p.name not in ("404.html", "index.html", "glossary.html", "accessibility.html", "governance.html",
                               "whats-new.html", "email.html")]


def test_at_least_thirty_substantial_handbook_pages(built_site):
    pages = handbook_pages(built_site)
    words = {p.relative_to(built_site).as_posix(): len(soup(p).select_one("article").get_text(" ").split()) for p in pages}
    substantial = [p for p, n in words.items() if n >= 300]
    assert len(substantial) >= 30, sorted(words.items(), key=lambda kv: kv[1])[:10]


def test_glossary_tooltips_on_pages_that_use_the_terms(built_site):
    terms = {t.abbreviation: t.meaning for t in load_glossary(ROOT / "includes/abbreviations.md", "glossary")}
    oars = soup(built_site / "motivational-interviewing/oars.html")
    titles = {a.get_text(): a["title"] for a in oars.select("article abbr")}
    assert titles.get("OARS") == terms["OARS"]
    mapping = soup(built_site / "signs-of-safety/mapping.html")
    assert any(a.get_text() in terms for a in mapping.select("article abbr"))


def test_glossary_page_lists_every_term(built_site):
    terms = load_glossary(ROOT / "includes/abbreviations.md", "glossary")
    rows = soup(built_site / "glossary.html").select("article table tbody tr")
    assert [r.select("td")[0].get_text() for r in rows] == [t.abbreviation for t in terms]
    assert len(terms) >= 12


RESOURCE_ATTRS = (("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"),
                  ("audio", "src"), ("embed", "src"), ("object", "data"), ("input", "src"))


def _external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme in ("http", "https")


def test_no_page_stylesheet_or_script_loads_anything_from_another_host(built_site):
    found = []
    for path in built_site.rglob("*.html"):
        html = soup(path)
        for tag, attr in RESOURCE_ATTRS:
            found += [(path.name, node[attr]) for node in html.find_all(tag) if node.get(attr) and _external(node[attr])]
        for link in html.find_all("link", href=True):
            rel = set(link.get("rel", []))
            if rel & {"stylesheet", "preload", "prefetch", "icon", "manifest", "modulepreload", "preconnect", "dns-prefetch"} \
                    and _external(link["href"]):
                found.append((path.name, link["href"]))
        for style in html.find_all(style=True):
            found += [(path.name, u) for u in re.findall(r"url\(['\"]?([^)'\"]+)", style["style"]) if _external(u)]
    for path in list(built_site.rglob("*.css")):
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [(path.name, u) for u in re.findall(r"url\(['\"]?([^)'\"]+)", text) if _external(u)]
        found += [(path.name, u) for u in re.findall(r"@import\s+['\"]([^'\"]+)", text) if _external(u)]
    for path in list(built_site.rglob("*.js")):
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [(path.name, u) for u in re.findall(r"(?:importScripts|fetch)\(\s*['\"](https?://[^'\"]+)", text)]
        if path.name.startswith("bundle."):
            continue   # Material's bundle: its CDN fallbacks (mermaid, an old-browser polyfill) are checked below
        assert "unpkg.com" not in text and "cdn.jsdelivr" not in text, path
    # Material fetches mermaid from unpkg only for a page with a mermaid diagram: we have none.
    assert not [p.name for p in built_site.rglob("*.html") if 'class="mermaid"' in p.read_text(encoding="utf-8")]
    assert found == []


def test_offline_search_uses_our_own_iframe_worker_shim(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "assets/javascripts/iframe-worker-shim.js" in html and "unpkg" not in html
    assert (built_site / "assets/javascripts/iframe-worker-shim.js").stat().st_size > 1000
    assert (built_site / "search/search_index.js").is_file()   # the inlined index for file://


def test_trademarks_marked_on_first_mention_only(built_site):
    text = soup(built_site / "signs-of-safety/principles.html").select_one("article").get_text(" ")
    assert text.count("Signs of Safety®") == 1
    footer = soup(built_site / "index.html").select_one(".md-copyright").get_text(" ")
    assert "Signs of Safety® is a registered trademark" in footer and "My Three Houses™" in footer
    assert "Signs of Safety® is a registered trademark" in soup(built_site / "about.html").select_one("article").get_text(" ")


GOV_UK_SECTIONS = ("How accessible this website is", "Feedback and contact information",
                   "Reporting accessibility problems with this website", "Enforcement procedure",
                   "Technical information about this website's accessibility", "Compliance status",
                   "Non-accessible content", "Preparation of this accessibility statement")


def test_accessibility_statement_has_every_section_and_is_linked_from_every_page(built_site):
    statement = soup(built_site / "accessibility.html")
    headings = [h.get_text().replace("¶", "").strip() for h in statement.select("article h2, article h3")]
    for section in GOV_UK_SECTIONS:
        assert section in headings
    text = statement.select_one("article").get_text(" ")
    assert "partially compliant" in text and "axe-core" in text and "20 November 2026" in text
    assert "Equality and Human Rights Commission" in text
    # The PDF checks are named, and PDF/UA-1 is claimed only for them (issue 14).
    text = " ".join(text.split())
    assert "marked as page furniture" in text and "reading order follows the page" in text
    assert "do not claim to meet PDF/UA-1 as a whole" in text
    assert "a reading grade of 9 or lower on every page, reported by every build" in text
    assert "running header, footer and page numbers are read out" not in text   # the old known issue
    for path in built_site.rglob("*.html"):
        if path.name == "email.html":
            continue
        links = [a["href"] for a in soup(path).select(".md-copyright a")]
        assert any(href.endswith("accessibility.html") for href in links), path


def test_briefings_have_their_sections_and_three_questions(built_site):
    from practice_hub.common.briefing import SECTIONS
    for name in ("cp-visits-children-seen-alone", "late-conference-minutes"):
        html = soup(built_site / f"learning/{name}.html")
        wrapper = html.select_one(".ph-briefing-page")
        assert wrapper is not None
        assert [h.get_text().replace("¶", "") for h in wrapper.select("h2")][:5] == list(SECTIONS)
        assert len(wrapper.select("#questions-for-your-team + ol > li")) == 3
    listed = soup(built_site / "learning/index.html").select("article table tbody tr")
    assert len(listed) >= 2


def test_every_handbook_page_shows_review_dates_from_its_front_matter(built_site):
    from practice_hub.common.handbook_index import load_handbook_index
    from practice_hub.common.yamlsource import parse_date

    def long_date(value) -> str:
        day = parse_date(value)
        return f"{day.day} {day:%B %Y}"

    pages = {uri: page for uri, page in load_handbook_index(ROOT / "content").items() if uri != "index.md"}
    assert len(pages) >= 30
    for uri, page in pages.items():
        dates = soup(built_site / (uri[:-3] + ".html")).select_one(".ph-page-dates")
        assert dates is not None, uri
        text = " ".join(dates.get_text(" ").split())
        assert f"Page last reviewed: {long_date(page.meta['last_reviewed'])}" in text, uri
        assert f"Next review due: {long_date(page.meta['review_by'])}" in text, uri
