"""A live folder published by an earlier version (a plain folder, with TARGET.previous beside it)
is moved to the new layout once, on the next publish or rollback, without losing a byte."""
from __future__ import annotations

import io
import os
from contextlib import redirect_stdout

import pytest
from helpers import make_fixture_site
from publish_support import assert_no_leftovers, fake_build, release_names, site_files, snapshot, write_tree

from practice_hub.cli import main
from practice_hub.publish import publisher, switch


@pytest.fixture
def earlier(tmp_path, monkeypatch):
    """tmp_path/live and live.previous as the earlier version left them, plus a killed run's folder."""
    config = make_fixture_site(tmp_path / "repo", {})
    write_tree(tmp_path / "live", site_files(2, {"extra/hand-made.html": "kept"}))
    write_tree(tmp_path / "live.previous", site_files(1))
    write_tree(tmp_path / "live.rollback-4242", site_files(7))
    monkeypatch.setattr(publisher, "build_site", fake_build(site_files(3)))
    return config, tmp_path / "live"


def cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["publish", *map(str, args)])
    return code, out.getvalue()


def test_publish_migrates_the_earlier_layout_keeping_both_sites_for_rollback(earlier):
    config, live = earlier
    old_live, old_previous = snapshot(live), snapshot(live.with_name("live.previous"))
    leftover = snapshot(live.with_name("live.rollback-4242"))

    code, out = cli(live, "--config", config, "--yes")  # the new build drops extra/hand-made.html

    assert code == 0, out
    assert live.is_symlink() and (live / "index.html").read_text() == "version 3 of index.html\n"
    first, second, third = release_names(live)
    releases = live.with_name("live.releases")
    assert snapshot(releases / first) == old_previous and snapshot(releases / second) == old_live
    assert "is now a link to release" in out and "live.previous (the site an earlier version kept" in out
    assert f"{live.with_name('live.rollback-4242')} was left by a publish of an earlier version" in out
    assert snapshot(live.with_name("live.rollback-4242")) == leftover, "reported, never touched"
    assert_no_leftovers(live, {"repo", "live.rollback-4242"})

    assert cli(live, "--rollback")[0] == 0
    assert snapshot(live) == old_live
    assert cli(live, "--rollback")[0] == 0
    assert snapshot(live) == old_previous
    code, out = cli(live, "--list")
    assert "kept as live.previous by an earlier version of publish" in out
    assert "the live folder live of an earlier version of publish" in out


def test_rollback_alone_migrates_then_goes_back(earlier):
    _, live = earlier
    old_previous = snapshot(live.with_name("live.previous"))
    assert cli(live, "--rollback")[0] == 0
    assert live.is_symlink() and snapshot(live) == old_previous


def test_without_one_step_exchange_it_still_migrates_and_warns(earlier, monkeypatch):
    config, live = earlier
    monkeypatch.setattr(switch, "exchange", lambda first, second: False)
    code, out = cli(live, "--config", config, "--yes")
    assert code == 0 and "missing for an instant" in out
    assert (live / "index.html").read_text() == "version 3 of index.html\n"
    assert_no_leftovers(live, {"repo", "live.rollback-4242"})


def test_a_target_left_missing_by_an_earlier_rollback_gets_its_previous_site_back(earlier):
    """The earlier two-rename rollback, killed halfway, left no TARGET at all."""
    _, live = earlier
    os.rename(live, live.with_name("live.rollback-99"))
    old_previous = snapshot(live.with_name("live.previous"))
    assert cli(live, "--rollback")[0] == 0
    assert snapshot(live) == old_previous


def test_a_previous_folder_that_is_not_a_site_is_left_alone(tmp_path, monkeypatch):
    config = make_fixture_site(tmp_path / "repo", {})
    write_tree(tmp_path / "live", site_files(2))
    write_tree(tmp_path / "live.previous", {"notes.txt": "not a site"})
    monkeypatch.setattr(publisher, "build_site", fake_build(site_files(3)))
    code, out = cli(tmp_path / "live", "--config", config)
    assert code == 0 and "live.previous was left as it is" in out
    assert (tmp_path / "live.previous" / "notes.txt").read_text() == "not a site"
