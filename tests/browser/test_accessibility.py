"""axe-core (WCAG 2.0/2.1/2.2 A and AA) on every built page, in real Chromium, with zero violations.

Every page load is also recorded: only the site itself may be asked for anything.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from browser_support import search
from helpers import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary.split('\\n').slice(0, 2).join(' '))}));
}"""


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as paths relative to the site root."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def axe_violations(page) -> list[str]:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make test`, which runs `npm ci`.")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(RUN_AXE, WCAG_TAGS)
    return [f"{v['id']} ({v['help']}): " + " | ".join(v["nodes"]) for v in found]


def test_the_site_has_the_pages_we_expect_to_check(built_site):
    pages = site_pages(built_site)
    assert len(pages) > 60
    for expected in ("index.html", "practice-model/reflective-practice.html", "training/index.html",
                     "bulletins/index.html", "accessibility.html", "governance.html"):
        assert expected in pages
    assert any(p.endswith("email.html") for p in pages)


def test_every_page_meets_wcag_aa_and_asks_only_the_site(page, site_url, built_site):
    host = urlparse(site_url).netloc
    outside: set[str] = set()
    page.on("request", lambda request: outside.add(request.url)
            if urlparse(request.url).scheme in ("http", "https") and urlparse(request.url).netloc != host else None)
    pages_by_problem: dict[str, list[str]] = {}
    for path in site_pages(built_site):
        page.goto(site_url + path, wait_until="load")
        for violation in axe_violations(page):
            pages_by_problem.setdefault(violation, []).append(path)
    report = "\n".join(f"{problem}\n    on {len(paths)} page(s): {', '.join(paths[:5])}"
                       for problem, paths in pages_by_problem.items())
    assert not pages_by_problem, f"axe-core found WCAG A/AA problems:\n{report}"
    assert not outside, f"pages asked other hosts for: {sorted(outside)}"


def test_overdue_notice_page_meets_wcag_aa(page, site_url):
    page.goto(site_url + "practice-model/reflective-practice.html")
    notice = page.locator(".ph-overdue").first
    assert "review" in notice.inner_text().lower()
    assert axe_violations(page) == []


def test_open_search_results_meet_wcag_aa(page, site_url):
    page.goto(site_url + "index.html")
    search(page, "supervision")
    assert axe_violations(page) == []
