"""`practice-hub publish`: a passing build becomes a new release and TARGET switches to it; a
failing one changes nothing; releases are listed, rolled back one at a time and pruned."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import DEMO_TODAY, make_fixture_site
from publish_support import (PAGE, assert_no_leftovers, fake_build, release_names, site_files, snapshot,
                             write_tree)

from practice_hub.cli import main
from practice_hub.publish import build as build_module
from practice_hub.publish import publisher
from practice_hub.publish.build import BuildResult


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("PRACTICE_HUB_TODAY", DEMO_TODAY)


@pytest.fixture
def project(tmp_path) -> Path:
    """A small project in tmp_path/repo (its mkdocs.yml)."""
    return make_fixture_site(tmp_path / "repo", {"supervision.md": PAGE})


def publish_cli(config: Path, target: Path, *extra: str) -> int:
    return main(["publish", str(target), "--config", str(config), *extra])


def publish_version(project: Path, live: Path, version: int, **options) -> str:
    return publisher.publish(live, project, build=fake_build(site_files(version)), say=lambda note: None, **options)


def test_first_publish_makes_a_link_to_the_first_release(project, capsys):
    live = project.parent.parent / "live"
    assert publish_cli(project, live) == 0

    assert live.is_symlink() and os.readlink(live).startswith("live.releases/0001-")
    assert "Reflective supervision every month." in (live / "supervision.html").read_text(encoding="utf-8")
    out = capsys.readouterr().out
    assert f"Published {sum(1 for p in live.rglob('*') if p.is_file()) - 1} files to {live}" in out
    assert_no_leftovers(live, {"repo"})


@pytest.mark.parametrize("break_it, expected", [
    pytest.param(lambda repo: (repo / "training_calendar" / "courses.yml").write_text("courses: [ {id: x\n"),
                 "training_calendar/courses.yml, line 2: this is not valid YAML", id="bad-training-yaml"),
    pytest.param(lambda repo: (repo / "content" / "supervision.md").write_text(PAGE + "\nSee [the form](missing.md).\n"),
                 "contains a link 'missing.md', but the target is not found", id="broken-link"),
])
def test_a_failing_build_leaves_everything_exactly_as_it_was(project, capsys, break_it, expected):
    root = project.parent.parent
    publish_version(project, root / "live", 1)
    break_it(project.parent)
    before = snapshot(root / "live.releases"), os.readlink(root / "live")

    assert publish_cli(project, root / "live") == 1

    assert (snapshot(root / "live.releases"), os.readlink(root / "live")) == before
    assert_no_leftovers(root / "live", {"repo"})
    out = capsys.readouterr().out
    assert f"Nothing was published: the site did not build. {root / 'live'} is exactly as it was." in out
    assert expected in out
    assert "INFO" not in out, "progress lines are left out of the report"


def test_each_publish_keeps_the_one_it_replaced_and_rollback_goes_back_one_at_a_time(project):
    live = project.parent.parent / "live"
    for version in (1, 2, 3):
        publish_version(project, live, version)
    assert snapshot(live) == snapshot_of(site_files(3), project.parent.parent / "expected3")

    message = publisher.rollback(live, say=lambda note: None)
    assert (live / "index.html").read_text() == "version 2 of index.html\n"
    assert "--to 0003-" in message, "says how to return to the newer release"
    publisher.rollback(live, say=lambda note: None)
    assert (live / "index.html").read_text() == "version 1 of index.html\n"
    with pytest.raises(publisher.PublishError, match="no earlier release to go back to"):
        publisher.rollback(live, say=lambda note: None)
    assert (live / "index.html").read_text() == "version 1 of index.html\n"

    publisher.rollback(live, to="3", say=lambda note: None)
    assert (live / "index.html").read_text() == "version 3 of index.html\n"
    assert_no_leftovers(live, {"repo", "expected3"})


def snapshot_of(files: dict[str, str], folder: Path) -> dict:
    write_tree(folder, files)
    return snapshot(folder)


def test_list_shows_each_release_with_its_date_and_source_commit(project, capsys):
    repo = project.parent
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=T", "-c", "user.email=t@example.org",
                    "commit", "-q", "--allow-empty", "-m", "sources"], check=True)
    head = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    live = repo.parent / "live"
    publish_version(project, live, 1)
    publish_version(project, live, 2)

    assert main(["publish", str(live), "--list"]) == 0
    out = capsys.readouterr().out
    first, second = release_names(live)
    assert out.index(second) < out.index(first), "newest first"
    assert f"{second}  published 20" in out and f"commit {head[:12]}" in out
    assert "built with uncommitted changes" in out, "the fixture's files are not committed"
    assert out.count("<- live") == 1 and f"{second}  published" in out.split("<- live")[0].splitlines()[-1]


def test_only_the_newest_releases_are_kept_and_never_the_live_one_deleted(project):
    live = project.parent.parent / "live"
    for version in (1, 2, 3):
        publish_version(project, live, version, keep=2)
    assert [name[:4] for name in release_names(live)] == ["0002", "0003"]

    publisher.rollback(live, say=lambda note: None)  # live is now release 2
    publish_version(project, live, 4, keep=1)
    assert [name[:4] for name in release_names(live)] == ["0004"]
    assert_no_leftovers(live, {"repo"})


def test_an_empty_folder_is_a_fine_first_target(project):
    live = project.parent.parent / "live"
    live.mkdir()
    publish_version(project, live, 1)
    assert live.is_symlink() and (live / "index.html").read_text() == "version 1 of index.html\n"
    assert_no_leftovers(live, {"repo"})


def test_a_build_without_a_home_page_is_not_published(project):
    live = project.parent.parent / "live"
    publish_version(project, live, 1)
    before = snapshot(live.with_name("live.releases")), os.readlink(live)

    def build_without_home_page(config, out_dir, **_):
        write_tree(out_dir, {"other.html": "<p>half a site</p>"})
        return BuildResult(True, "")

    with pytest.raises(publisher.PublishError, match="made no home page"):
        publisher.publish(live, project, build=build_without_home_page)
    assert (snapshot(live.with_name("live.releases")), os.readlink(live)) == before
    assert_no_leftovers(live, {"repo"})


def test_the_build_is_told_which_release_is_live(project, monkeypatch):
    """PRACTICE_HUB_PREVIOUS_SITE is the live release folder (e.g. for calendar SEQUENCE numbers)."""
    live = project.parent.parent / "live"
    publish_version(project, live, 1)
    write = ("import os, pathlib, sys; out = pathlib.Path(sys.argv[1]); out.mkdir(); "
             "(out / 'index.html').write_text(os.environ.get('PRACTICE_HUB_PREVIOUS_SITE', 'unset'))")
    monkeypatch.setattr(build_module, "build_command", lambda config, out_dir: [sys.executable, "-c", write, str(out_dir)])
    monkeypatch.setenv("PRACTICE_HUB_PREVIOUS_SITE", "/somewhere/else")
    first_release = live.resolve()

    publisher.publish(live, project, yes=True, say=lambda note: None)

    assert (live / "index.html").read_text() == str(first_release)


def test_keep_is_an_option_of_the_command(project, monkeypatch, capsys):
    live = project.parent.parent / "live"
    for version in (1, 2, 3):
        monkeypatch.setattr(publisher, "build_site", fake_build(site_files(version)))
        assert publish_cli(project, live, "--keep", "2", "--yes") == 0
    assert [name[:4] for name in release_names(live)] == ["0002", "0003"]
    assert "Deleted old releases (keeping the newest 2): 0001-" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        publish_cli(project, live, "--keep", "0")
    assert "keep at least 1 release" in capsys.readouterr().err


def test_what_the_build_tells_the_author_is_shown_when_publishing(tmp_path, monkeypatch):
    """A session deleted from the calendar is published again as cancelled; publish says so."""
    calendar = ("courses:\n  - id: supervision-skills\n    title: Supervision skills\n    category: practice-focus\n"
                "    sessions:\n      - {date: 2026-12-09, start: \"09:30\", end: \"12:30\"}\n"
                "      - {date: 2026-12-16, start: \"09:30\", end: \"12:30\"}\n")
    config = make_fixture_site(tmp_path / "repo", {"supervision.md": PAGE}, calendar=calendar)
    live, said = tmp_path / "live", []
    publisher.publish(live, config, say=said.append)
    courses = config.parent / "training_calendar" / "courses.yml"
    courses.write_text(calendar.replace("      - {date: 2026-12-16, start: \"09:30\", end: \"12:30\"}\n", ""))
    publisher.publish(live, config, say=said.append)
    notes = [line for line in said if line.startswith("Training calendar:")]
    assert notes and "Supervision skills" in notes[0] and "16 Dec" in " ".join(notes), said
