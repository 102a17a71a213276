"""`practice-hub build` (the README's `make site`): a failed build, for any reason, leaves the
earlier site exactly as it was; a good one replaces it whole; nothing is left lying about."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import DEMO_TODAY, make_fixture_site

PRACTICE_HUB = str(Path(sys.executable).with_name("practice-hub"))
PAGE = ("---\ntitle: Guide\nsummary: A guide.\nowner: Principal Social Worker\napproved_by: Practice Quality Board\n"
        "last_reviewed: 2026-06-12\ntopics: [supervision]\n---\n# Guide\n\nSome guidance.\n")
NAV = "nav:\n  - index.md\n  - guide.md\n"


def run_build(config: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([PRACTICE_HUB, "build", "--config", str(config), "--site-dir", str(site)],
                          env={**os.environ, "PRACTICE_HUB_TODAY": DEMO_TODAY}, capture_output=True, text=True)


def files_in(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture()
def project(tmp_path):
    config = make_fixture_site(tmp_path / "repo", {"guide.md": PAGE}, config_extra=NAV)
    site = tmp_path / "out" / "site"
    first = run_build(config, site)
    assert first.returncode == 0, first.stdout + first.stderr
    return config, site


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# (case, how to break it, what the message says)
FAILURES = [
    # MkDocs finds this only after writing pages (a strict-mode warning): the classic half-built site.
    ("broken-link", lambda c: edit(c.parent / "content" / "guide.md", "Some guidance.", "See [the missing page](missing.md)."),
     "missing.md"),
    ("impossible-date-in-mkdocs-yml", lambda c: edit(c, "prepared: 2026-09-01", "prepared: 2026-09-31"),
     'mkdocs.yml, line 15: "2026-09-31" is not a real date'),
    ("duplicate-setting", lambda c: edit(c, "site_name: Fixture Hub\n", "site_name: Fixture Hub\nsite_name: Another\n"),
     "mkdocs.yml, line 2: `site_name:` is written twice"),
    ("unreadable-yaml", lambda c: edit(c, "site_name: Fixture Hub\n", "site_name: [Fixture Hub\n"),
     "mkdocs.yml, line"),
    ("bad-page", lambda c: edit(c.parent / "content" / "guide.md", "title: Guide", "title: [Guide, Two]"),
     "content/guide.md, line 2"),
    ("bad-calendar", lambda c: (c.parent / "training_calendar" / "courses.yml").write_text("courses:\n  - id: x\n    title: [\n"),
     "courses.yml, line"),
    ("calendar-key-twice", lambda c: (c.parent / "training_calendar" / "courses.yml").write_text(
        "courses: []\ncourses: []\n"), "training_calendar/courses.yml, line 2: `courses:` is written twice"),
    ("topic-id-twice", lambda c: (c.parent / "topics.yml").write_text("topics:\n  supervision: A\n  supervision: B\n"),
     "topics.yml, line 3: `supervision:` is written twice"),
    ("glossary-comment-never-closed", lambda c: (c.parent / "includes" / "abbreviations.md").write_text(
        "<!-- notes\n*[CP]: Child Protection\n"), "includes/abbreviations.md, line 1: this comment"),
    ("owner-not-a-role", lambda c: edit(c, "  - practice-hub/governance\n",
                                        "  - practice-hub/governance:\n      roles: [Head of Service]\n"),
     'content/guide.md, line 4: "Principal Social Worker" is not one of the roles'),
    ("symlink-out-of-the-project", lambda c: (c.parent / "training_calendar" / "secrets.yml").symlink_to("/etc/passwd"),
     "training_calendar/secrets.yml: this is a link to something outside the project folder"),
    ("calendar-outside-the-project", lambda c: edit(c, "  - practice-hub/training\n",
                                                    "  - practice-hub/training:\n      calendar_dir: /etc\n"),
     "`calendar_dir` points outside the project folder"),
    ("directory-urls", lambda c: edit(c, "use_directory_urls: false", "use_directory_urls: true"),
     "set `use_directory_urls: false`"),
]


@pytest.mark.parametrize("case, breaks, message", FAILURES, ids=[f[0] for f in FAILURES])
def test_a_failed_build_leaves_the_earlier_site_as_it_was(project, case, breaks, message):
    config, site = project
    before = files_in(site)
    breaks(config)
    result = run_build(config, site)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert message in output, output
    assert "Traceback" not in output
    assert files_in(site) == before
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]   # no half-built folder left


def test_a_good_build_replaces_the_whole_site(project):
    config, site = project
    (site / "stale.html").write_text("from an older build")
    edit(config.parent / "content" / "guide.md", "Some guidance.", "Newer guidance.")
    result = run_build(config, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Newer guidance." in (site / "guide.html").read_text(encoding="utf-8")
    assert not (site / "stale.html").exists()
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]


def test_folders_left_by_a_killed_build_are_removed(project):
    config, site = project
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()   # a pid that no longer runs
    for leftover in (f".site.building-{dead.pid}", f".site.old-{dead.pid}"):
        (site.parent / leftover).mkdir()
        (site.parent / leftover / "index.html").write_text("half")
    result = run_build(config, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]
