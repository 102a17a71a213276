"""Search quality on the query set in tests/search_queries.yml, typed into the real search box
in headless Chromium, over http and from file://: the right page first for at least 80% of the
queries and in the first three for at least 90%, the same results both ways. A query with no
answer in the handbook must show no result and the plain "nothing found" help instead."""
from __future__ import annotations

import collections
import time
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import yaml

QUERIES_FILE = Path(__file__).resolve().parents[1] / "search_queries.yml"
TOP1_GOAL, TOP3_GOAL = 0.80, 0.90
RESULT_LINK = ".md-search-result__item > a.md-search-result__link:first-child"


def load_queries() -> list[dict]:
    queries = yaml.safe_load(QUERIES_FILE.read_text(encoding="utf-8"))
    for q in queries:
        expect = q["expect"]
        q["expect"] = None if expect == "none" else ([expect] if isinstance(expect, str) else list(expect))
    return queries


def test_query_set_is_broad_and_points_at_real_pages(built_site):
    queries = load_queries()
    assert len(queries) >= 60
    kinds = collections.Counter(q["kind"] for q in queries)
    for kind in ("term", "question", "abbreviation", "word-form", "misspelling", "number", "phrase", "none"):
        assert kinds[kind] >= 3, f"fewer than 3 {kind} queries"
    assert len({q["query"].lower() for q in queries}) == len(queries), "a query is listed twice"
    for q in queries:
        for expected in q["expect"] or []:
            assert (built_site / expected).is_file(), f"{q['query']!r} expects {expected}, which is not built"


def run_queries(page, start_url: str, queries: list[dict]) -> dict[str, list[str]]:
    """Type each query into the search box; return the pages of the results, best first."""
    page.goto(start_url)
    box = page.locator("input.md-search__input")
    box.click()
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_text="Type to start searching").wait_for(timeout=15000)
    found = {}
    for q in queries:
        # Empty the box first, so the results read below are this query's, never the last one's.
        box.fill("")
        box.press("End")   # Material reads the box on keyup, as when a reader types
        meta.filter(has_text="Type to start searching").wait_for(timeout=15000)
        box.fill(q["query"])
        box.press("End")
        found[q["query"]] = settled_results(page, start_url)
    return found


def settled_results(page, base: str) -> list[str]:
    """The result pages once this query's results have arrived and stopped changing."""
    last, stable, deadline = None, 0, time.monotonic() + 15
    while time.monotonic() < deadline:
        now = page.evaluate("""sel => [document.querySelector('.md-search-result__meta').textContent.trim(),
                                      [...document.querySelectorAll(sel)].slice(0, 5).map(a => a.getAttribute('href'))]""",
                            RESULT_LINK)
        stable = stable + 1 if now == last else 0
        last = now
        if stable >= 2 and "Type to start" not in now[0] and "Initializing" not in now[0]:
            break
        time.sleep(0.05)
    else:
        raise AssertionError(f"search results did not settle: {last}")
    return [urlparse(urljoin(base, href)).path for href in last[1]]


def score(queries, found, root_path: str) -> tuple[float, float, list[str]]:
    hits1 = hits3 = 0
    lines = []
    by_kind = collections.defaultdict(lambda: [0, 0, 0])
    for q in queries:
        pages = [p[len(root_path):] if p.startswith(root_path) else p for p in found[q["query"]]]
        if q["expect"] is None:
            ok1 = ok3 = not pages
        else:
            ok1 = bool(pages) and pages[0] in q["expect"]
            ok3 = any(p in q["expect"] for p in pages[:3])
        hits1 += ok1
        hits3 += ok3
        stats = by_kind[q["kind"]]
        stats[0] += 1
        stats[1] += ok1
        stats[2] += ok3
        if not ok1:
            lines.append(f"  {'top-3' if ok3 else 'MISS '} {q['query']!r}: got {pages[:3]}, want {q['expect'] or 'no result'}")
    n = len(queries)
    report = [f"search quality: top-1 {hits1}/{n} = {hits1 / n:.0%}, top-3 {hits3}/{n} = {hits3 / n:.0%}"]
    report += [f"  {kind:<13} {s[1]}/{s[0]} first, {s[2]}/{s[0]} in first three" for kind, s in sorted(by_kind.items())]
    return hits1 / n, hits3 / n, report + lines


def test_search_finds_what_practitioners_type_over_http_and_file(browser, site_url, built_site):
    queries = load_queries()
    results = {}
    for mode, start in (("http", site_url + "index.html"), ("file", (built_site / "index.html").as_uri())):
        context = browser.new_context()
        page = context.new_page()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        try:
            results[mode] = run_queries(page, start, queries)
        finally:
            context.close()
        root = urlparse(start).path.rsplit("/", 1)[0] + "/"
        results[mode] = {k: [p[len(root):] if p.startswith(root) else p for p in v] for k, v in results[mode].items()}
        outside = [u for u in requests if not (u.startswith(site_url) or u.startswith("file://") or u.startswith("data:"))]
        assert not outside, f"{mode}: requests outside the site: {outside[:5]}"
    top1, top3, report = score(queries, results["http"], "")
    print("\n" + "\n".join(report))
    different = [q["query"] for q in queries if results["http"][q["query"]] != results["file"][q["query"]]]
    assert not different, f"results differ between http and file:// for {different}"
    assert top1 >= TOP1_GOAL and top3 >= TOP3_GOAL, "\n".join(report)
