"""Two clean builds of the same sources give byte-identical sites: pages, search index, sitemap,
feeds, calendars, email copies, .eml files and PDFs.

The two builds run from two copies of the repository in different folders, so an absolute
path leaking into any output file shows up as a difference too. Each has its own empty cache,
so every PDF is rendered twice from scratch rather than copied from a cache.
"""
from __future__ import annotations

from pathlib import Path

from helpers import DEMO_TODAY, build_site, copy_repo

# 23 November 2026, 09:00 UTC: the instant a release build would pin.
PINNED_ENV = {"PRACTICE_HUB_TODAY": DEMO_TODAY, "SOURCE_DATE_EPOCH": "1795424400"}

# Every kind of output must be present, so the comparison cannot pass on a half-empty site.
EXPECTED_KINDS = ["index.html", "search/search_index.json", "sitemap.xml", "sitemap.xml.gz", "bulletins/feed.xml",
                  "whats-new.xml", "training/calendars/all.ics", "email.html", ".eml", ".pdf"]


def files_in(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_clean_builds_are_byte_identical(tmp_path):
    sites = []
    for name in ("first", "second"):
        repo = copy_repo(tmp_path / name / "repo")
        assert not (repo / ".cache").exists()
        cache = tmp_path / name / "cache"
        result = build_site(repo / "mkdocs.yml", tmp_path / name / "site", {**PINNED_ENV, "PRACTICE_HUB_CACHE_DIR": str(cache)})
        assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
        rendered = list(cache.rglob("*.pdf"))   # the cache was empty: each of these was rendered by this build
        assert rendered and len(rendered) == len(list((tmp_path / name / "site").rglob("*.pdf")))
        sites.append(files_in(tmp_path / name / "site"))
    first, second = sites

    missing = [kind for kind in EXPECTED_KINDS if not any(path.endswith(kind) for path in first)]
    assert not missing, f"the build made no {missing}"
    only_one = sorted(set(first) ^ set(second))
    assert not only_one, f"files made by only one of the two builds: {only_one}"
    differing = sorted(path for path in first if first[path] != second[path])
    assert not differing, f"files that differ between two builds of the same sources: {differing}"
