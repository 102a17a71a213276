"""`practice-hub publish`: a passing build is swapped in with the old site kept; a failing one
changes nothing at all; rollback puts the previous site back."""
from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest
from helpers import DEMO_TODAY, make_fixture_site

from practice_hub.cli import main
from practice_hub.publish import publisher
from practice_hub.publish.build import BuildResult

PAGE = ("---\ntitle: Supervision\nsummary: About supervision.\nowner: Principal Social Worker\n"
        "approved_by: Practice Quality Board\nlast_reviewed: 2026-06-12\nreview_by: 2027-06-12\n"
        "topics: [supervision]\n---\n# Supervision\n\nReflective supervision every month.\n")


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("PRACTICE_HUB_TODAY", DEMO_TODAY)


@pytest.fixture
def project(tmp_path) -> Path:
    """A small project in tmp_path/repo, publishing to tmp_path/live (which holds an old site)."""
    config = make_fixture_site(tmp_path / "repo", {"supervision.md": PAGE})
    write_tree(tmp_path / "live", {"index.html": "<p>old live site</p>", "assets/app.js": "old();"})
    return config


def write_tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every folder and file under root with its exact bytes (None for folders)."""
    return {str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None) for p in sorted(root.rglob("*"))}


def publish(config: Path, target: Path, *extra: str) -> int:
    return main(["publish", str(target), "--config", str(config), *extra])


def test_a_passing_build_replaces_the_live_folder_and_keeps_the_old_one(project, capsys):
    live = project.parent.parent / "live"
    write_tree(live.with_name("live.previous"), {"index.html": "an even older site"})
    old = snapshot(live)

    assert publish(project, live) == 0

    assert "Reflective supervision every month." in (live / "supervision.html").read_text(encoding="utf-8")
    assert snapshot(live.with_name("live.previous")) == old, "the replaced site is kept whole for rollback"
    assert sorted(p.name for p in live.parent.iterdir()) == ["live", "live.previous", "repo"]
    out = capsys.readouterr().out
    assert f"Published {sum(1 for p in live.rglob('*') if p.is_file())} files to {live}." in out
    assert "--rollback" in out


def test_first_publish_creates_the_folder(project):
    target = project.parent.parent / "new-site"
    assert publish(project, target) == 0
    assert (target / "index.html").is_file()
    assert not target.with_name("new-site.previous").exists()


@pytest.mark.parametrize("break_it, expected", [
    pytest.param(lambda repo: (repo / "training_calendar" / "courses.yml").write_text("courses: [ {id: x\n"),
                 "training_calendar/courses.yml, line 2: this is not valid YAML", id="bad-training-yaml"),
    pytest.param(lambda repo: (repo / "content" / "supervision.md").write_text(PAGE + "\nSee [the form](missing.md).\n"),
                 "contains a link 'missing.md', but the target is not found", id="broken-link"),
])
def test_a_failing_build_leaves_everything_exactly_as_it_was(project, capsys, break_it, expected):
    root = project.parent.parent
    write_tree(root / "live.previous", {"index.html": "the site before that"})
    break_it(project.parent)
    before = snapshot(root / "live"), snapshot(root / "live.previous")

    assert publish(project, root / "live") == 1

    assert (snapshot(root / "live"), snapshot(root / "live.previous")) == before
    assert sorted(p.name for p in root.iterdir()) == ["live", "live.previous", "repo"], "no half-built folder left"
    out = capsys.readouterr().out
    assert f"Nothing was published: the site did not build. {root / 'live'} is exactly as it was." in out
    assert expected in out
    assert "INFO" not in out, "progress lines are left out of the report"


def test_rollback_swaps_the_previous_site_back_and_can_be_undone(project, capsys):
    live = project.parent.parent / "live"
    old = snapshot(live)
    assert publish(project, live) == 0
    new = snapshot(live)

    assert publish(project, live, "--rollback") == 0
    assert snapshot(live) == old and snapshot(live.with_name("live.previous")) == new
    assert f"Rolled back: {live} now holds the version that was kept in" in capsys.readouterr().out

    assert publish(project, live, "--rollback") == 0
    assert snapshot(live) == new and snapshot(live.with_name("live.previous")) == old
    assert sorted(p.name for p in live.parent.iterdir()) == ["live", "live.previous", "repo"]


def test_rollback_without_a_previous_site_says_so_and_changes_nothing(project, capsys):
    live = project.parent.parent / "live"
    before = snapshot(live)
    assert publish(project, live, "--rollback") == 1
    assert "There is no earlier version to go back to" in capsys.readouterr().out
    assert snapshot(live) == before


def test_refuses_to_publish_over_the_project_itself(project, capsys):
    before = snapshot(project.parent)
    assert publish(project, project.parent) == 1
    assert "holds the project's own files" in capsys.readouterr().out
    assert snapshot(project.parent) == before


def test_a_build_without_a_home_page_is_not_published(project):
    live = project.parent.parent / "live"
    before = snapshot(live)

    def build_without_home_page(config, out_dir):
        write_tree(out_dir, {"other.html": "<p>half a site</p>"})
        return BuildResult(True, "")

    with pytest.raises(publisher.PublishError, match="made no home page"):
        publisher.publish(live, project, build=build_without_home_page)
    assert snapshot(live) == before
    assert sorted(p.name for p in live.parent.iterdir()) == ["live", "repo"]


def test_a_failed_swap_puts_the_live_and_previous_folders_back(project, monkeypatch):
    root = project.parent.parent
    live, previous = root / "live", root / "live.previous"
    write_tree(previous, {"index.html": "the site before that"})
    before = snapshot(live), snapshot(previous)

    def good_build(config, out_dir):
        write_tree(out_dir, {"index.html": "<p>new site</p>"})
        return BuildResult(True, "")

    real_rename = publisher.os.rename

    def rename_failing_on_the_new_site(source, dest):
        if Path(source).name.startswith("live.new-"):
            raise PermissionError(13, "Permission denied")
        real_rename(source, dest)

    monkeypatch.setattr(publisher.os, "rename", rename_failing_on_the_new_site)
    with pytest.raises(publisher.PublishError, match="could not be moved into"):
        publisher.publish(live, project, build=good_build)
    assert (snapshot(live), snapshot(previous)) == before
    assert sorted(p.name for p in root.iterdir()) == ["live", "live.previous", "repo"]


def test_a_second_publish_to_the_same_place_at_once_is_stopped(project, capsys):
    live = project.parent.parent / "live"
    before = snapshot(live)
    handle = os.open(live.parent, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)  # as a publish already running would hold it
        assert publish(project, live) == 1
    finally:
        os.close(handle)
    assert "Someone else is publishing to" in capsys.readouterr().out
    assert snapshot(live) == before
