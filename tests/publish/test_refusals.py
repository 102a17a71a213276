"""Publish refuses every TARGET it did not make, says why and what to do, and changes nothing."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import make_fixture_site
from publish_support import fake_build, site_files, snapshot, write_tree

from practice_hub.cli import main
from practice_hub.publish import publisher

SOMEONES_FILES = {"Budget 2026.xlsx": "spreadsheet bytes \x00\x01", "reports/Q3 report.docx": "report",
                  "index.html": "<p>a page someone wrote by hand</p>", "notes.txt": "keep me"}


def everything_under(root: Path) -> dict:
    """Snapshot of root with each entry's mode and mtime too: untouched means byte for byte."""
    found = snapshot(root)
    for path in root.rglob("*"):
        stat = path.lstat()
        found[str(path.relative_to(root)) + " (stat)"] = (stat.st_mode, stat.st_mtime_ns, stat.st_size)
    return found


def setup_someones_folder(root: Path) -> Path:
    write_tree(root / "shared", SOMEONES_FILES)
    return root / "shared"


def setup_foreign_link(root: Path) -> Path:
    write_tree(root / "elsewhere", {"index.html": "theirs"})
    (root / "shared").symlink_to(root / "elsewhere")
    return root / "shared"


def setup_file(root: Path) -> Path:
    write_tree(root, {"site.html": "a file"})
    return root / "site.html"


def setup_foreign_releases_folder(root: Path) -> Path:
    write_tree(root / "live.releases", {"photos/a.jpg": "photo"})
    return root / "live"


def setup_inside_live_site(root: Path) -> Path:
    publisher.publish(root / "live", root / "repo" / "mkdocs.yml", build=fake_build(site_files(1)), say=print)
    return root / "live" / "assets"


@pytest.mark.parametrize("make_target, expected", [
    pytest.param(setup_someones_folder, "already holds files that publish did not put there (Budget 2026.xlsx",
                 id="someones-folder"),
    pytest.param(lambda root: root / "repo", "holds the project's own files", id="project-folder"),
    pytest.param(lambda root: root / "repo" / "content", "holds the project's own files", id="source-folder"),
    pytest.param(lambda root: root / "repo" / "site", "holds the project's own files", id="new-folder-inside-project"),
    pytest.param(lambda root: root, "holds the project's own files", id="folder-holding-the-project"),
    pytest.param(setup_foreign_link, "which publish did not make", id="someone-elses-link"),
    pytest.param(setup_file, "is a file, not a folder", id="a-file"),
    pytest.param(setup_foreign_releases_folder, "live.releases already holds files that publish did not put there",
                 id="foreign-releases-folder"),
    pytest.param(setup_inside_live_site, "is inside a folder publish manages", id="inside-the-live-site"),
    pytest.param(lambda root: root / "missing" / "live", "does not exist, so", id="missing-parent"),
])
def test_a_target_publish_did_not_make_is_refused_and_left_untouched(tmp_path, capsys, make_target, expected):
    config = make_fixture_site(tmp_path / "repo", {})
    target = make_target(tmp_path)
    capsys.readouterr()
    before = everything_under(tmp_path)

    assert main(["publish", str(target), "--config", str(config)]) == 1

    out = capsys.readouterr().out
    assert expected in out
    assert "Traceback" not in out and ("new or empty folder" in out or "does not exist" in out or "TARGET" in out
                                       or "choose another" in out)
    assert everything_under(tmp_path) == before, "nothing anywhere was created, moved or changed"


def test_a_folder_of_someones_files_is_refused_by_rollback_too(tmp_path, capsys):
    folder = setup_someones_folder(tmp_path)
    before = everything_under(tmp_path)
    assert main(["publish", str(folder), "--rollback"]) == 1
    assert "already holds files that publish did not put there" in capsys.readouterr().out
    assert everything_under(tmp_path) == before


@pytest.mark.parametrize("target, expected", [
    pytest.param("/", "is a system folder", id="root"),
    pytest.param("/etc", "is a system folder", id="system-folder"),
    pytest.param(str(Path.home()), "home folder", id="home-folder"),
])
def test_system_and_home_folders_are_refused_before_anything_is_made(tmp_path, capsys, target, expected):
    config = make_fixture_site(tmp_path / "repo", {})
    releases = Path(target.rstrip("/") + ".releases") if target != "/" else Path("/.releases")
    assert not releases.exists()
    assert main(["publish", target, "--config", str(config)]) == 1
    out = capsys.readouterr().out
    assert expected in out and "/srv/practice-hub" in out
    assert not releases.exists()


def test_a_home_folder_found_through_a_link_is_refused(tmp_path, capsys, monkeypatch):
    home = tmp_path / "home" / "sam"
    write_tree(home, {"Documents/plan.docx": "plan"})
    (tmp_path / "sams-files").symlink_to(home)
    monkeypatch.setenv("HOME", str(home))
    config = make_fixture_site(tmp_path / "repo", {})
    before = everything_under(tmp_path / "home")
    assert main(["publish", str(tmp_path / "sams-files" / "."), "--config", str(config)]) == 1
    assert "home folder" in capsys.readouterr().out
    assert everything_under(tmp_path / "home") == before


def test_a_source_folder_outside_the_project_is_refused(tmp_path, capsys):
    config = make_fixture_site(tmp_path / "repo", {})
    os.rename(tmp_path / "repo" / "content", tmp_path / "handbook-pages")
    config.write_text(config.read_text().replace("docs_dir: content", "docs_dir: ../handbook-pages"))
    before = everything_under(tmp_path / "handbook-pages")
    assert main(["publish", str(tmp_path / "handbook-pages"), "--config", str(config)]) == 1
    assert "holds the handbook's source pages" in capsys.readouterr().out
    assert everything_under(tmp_path / "handbook-pages") == before
