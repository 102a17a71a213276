"""The benchmark's site generator: a tiny generated site builds strictly with all our plugins,
the same seed gives the same files, and the plain-Material config really leaves our plugins out."""
from __future__ import annotations

import csv
import sys

import yaml
from helpers import DEMO_TODAY, ROOT, build_site

sys.path.insert(0, str(ROOT / "bench"))

from generate import generate_site  # noqa: E402


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_tiny_generated_site_builds_strictly_with_our_plugins(tmp_path):
    project = tmp_path / "project"
    sizes = generate_site(project, pages=5, editions=2, sessions=20)
    result = build_site(project / "mkdocs.yml", tmp_path / "site", {"PRACTICE_HUB_TODAY": DEMO_TODAY})
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    site = tmp_path / "site"
    home = project / "content" / "index.md"
    handbook = sorted(p.relative_to(project / "content").with_suffix(".html").as_posix()
                      for p in (project / "content").rglob("*.md") if p != home)
    assert len(handbook) == sizes.pages == 5
    assert all((site / page).is_file() for page in handbook)
    # Every generated page has governance front matter the governance plugin accepted.
    with open(site / "governance.csv", encoding="utf-8") as table:
        rows = list(csv.DictReader(table))
    assert len(rows) == 5
    assert (site / "bulletins/2026/11/index.html").is_file() and (site / "bulletins/2026/10/index.html").is_file()
    sessions = list((site / "training/calendars/sessions").glob("*.ics"))
    assert len(sessions) == sizes.sessions == 20


def test_same_seed_same_files_and_plain_config_has_none_of_our_plugins(tmp_path):
    for name in ("a", "b"):
        generate_site(tmp_path / name, pages=5, editions=2, sessions=20)
    first, second = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert first == second
    plain = yaml.safe_load(first["mkdocs-plain.yml"])
    names = [p if isinstance(p, str) else next(iter(p)) for p in plain["plugins"]]
    assert "search" in names and not [n for n in names if n.startswith("practice-hub/")]
    assert "navigation.prune" in plain["theme"]["features"] and "nav" not in plain
    assert any(n.startswith("practice-hub/") for n in
               (p if isinstance(p, str) else next(iter(p)) for p in yaml.safe_load(first["mkdocs.yml"])["plugins"]))
