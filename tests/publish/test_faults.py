"""Faults on the way give a plain message (never a traceback) and leave the live site untouched:
read-only drive, full disk, missing folder, releases on another drive, no links, a busy lock.

Tests may run as root, where chmod cannot stop writes; so each fault is injected as the OSError
the system would raise, at the step where it would happen. One real chmod test runs when not root.
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import make_fixture_site
from publish_support import assert_no_leftovers, fake_build, site_files, snapshot

from practice_hub.cli import main
from practice_hub.publish import lock as lock_module
from practice_hub.publish import guard, publisher, switch
from practice_hub.publish.build import BuildResult


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A project and a live site at tmp_path/live showing version 1; builds make version 2."""
    config = make_fixture_site(tmp_path / "repo", {})
    live = tmp_path / "live"
    publisher.publish(live, config, build=fake_build(site_files(1)), say=lambda note: None)
    monkeypatch.setattr(publisher, "build_site", fake_build(site_files(2)))
    return config, live


def run_publish(config: Path, live: Path, *extra: str) -> tuple[int, str]:
    import io
    from contextlib import redirect_stdout
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["publish", str(live), "--config", str(config), *extra])
    return code, out.getvalue()




def inject(monkeypatch, owner, name: str, code: int, when=lambda *args: True) -> None:
    """Make owner.name raise OSError(code) whenever ``when(*args)`` holds."""
    real = getattr(owner, name)

    def fail(*args, **kwargs):
        if when(*args):
            raise OSError(code, os.strerror(code), str(args[0]) if args else None)
        return real(*args, **kwargs)
    monkeypatch.setattr(owner, name, fail)


FAULTS = [
    pytest.param(lambda mp: inject(mp, publisher, "fsync_tree", errno.ENOSPC), "is full (no space left)",
                 id="disk-full-while-flushing"),
    pytest.param(lambda mp: inject(mp, publisher, "write_durably", errno.EDQUOT), "is full (no space left)",
                 id="quota-full-writing-the-marker"),
    pytest.param(lambda mp: mp.setattr(publisher, "build_site", lambda config, out, **kw: BuildResult(
        False, "OSError: [Errno 28] No space left on device: '/srv/x.releases/.building-1/a.pdf'")),
        "is full (no space left)", id="disk-full-during-the-build"),
    pytest.param(lambda mp: inject(mp, publisher, "fsync_tree", errno.EROFS), "is on a read-only drive",
                 id="read-only-drive"),
    pytest.param(lambda mp: mp.setattr(publisher, "build_site", lambda config, out, **kw: BuildResult(
        False, "OSError: [Errno 30] Read-only file system: '/srv/x.releases/.building-1'")),
        "is on a read-only drive", id="read-only-during-the-build"),
    pytest.param(lambda mp: inject(mp, switch.os, "symlink", errno.EACCES,
                                   when=lambda src, dst, *rest: ".link-" in str(dst) and "probe" not in str(dst)),
                 "is not allowed to change", id="permission-denied-at-the-switch"),
    pytest.param(lambda mp: inject(mp, switch.os, "replace", errno.EXDEV), "are on different drives",
                 id="rename-across-drives"),
    pytest.param(lambda mp: mp.setattr(switch, "device_of", lambda path: 2 if path.name.endswith(".releases") else 1),
                 "is on a different drive from", id="releases-on-another-drive"),
    pytest.param(lambda mp: inject(mp, switch.os, "symlink", errno.EPERM), "cannot store symbolic links",
                 id="share-without-links"),
]


@pytest.mark.parametrize("make_fault, expected", FAULTS)
def test_a_fault_gives_a_plain_message_and_leaves_the_live_site_untouched(site, monkeypatch, make_fault, expected):
    config, live = site
    before = snapshot(live.with_name("live.releases")), os.readlink(live)
    make_fault(monkeypatch)

    code, out = run_publish(config, live)

    assert code == 1
    assert expected in out and "Traceback" not in out
    assert f"{live} is exactly as it was" in out or f"{live} is unchanged" in out or "Nothing was published" in out
    assert (snapshot(live.with_name("live.releases")), os.readlink(live)) == before
    assert_no_leftovers(live, {"repo"})


@pytest.mark.parametrize("code, expected", [
    (errno.EROFS, "is on a read-only drive"), (errno.EACCES, "is not allowed to change"),
    (errno.ENOSPC, "is full"),
])
def test_a_first_publish_that_cannot_write_beside_the_target_creates_nothing(tmp_path, monkeypatch, code, expected):
    config = make_fixture_site(tmp_path / "repo", {})
    inject(monkeypatch, publisher.os, "mkdir", code, when=lambda path, *rest: str(path).endswith(".releases"))
    result, out = run_publish(config, tmp_path / "live")
    assert result == 1 and expected in out and "Traceback" not in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo"]


@pytest.mark.skipif(os.geteuid() == 0, reason="as root, chmod does not stop writes (the injected cases cover it)")
def test_a_really_read_only_folder_gives_a_plain_message(tmp_path):
    config = make_fixture_site(tmp_path / "repo", {})
    (tmp_path / "web").mkdir()
    (tmp_path / "web").chmod(0o555)
    try:
        result, out = run_publish(config, tmp_path / "web" / "live")
    finally:
        (tmp_path / "web").chmod(0o755)
    assert result == 1 and "is not allowed to change" in out and "Traceback" not in out
    assert list((tmp_path / "web").iterdir()) == []


def test_a_second_publish_to_the_same_place_at_once_is_stopped(site):
    config, live = site
    before = snapshot(live.with_name("live.releases")), os.readlink(live)
    lock_file = live.with_name("live.releases") / ".publish.lock"
    handle = os.open(lock_file, os.O_RDWR)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)  # as a publish already running holds it
        os.write(handle, json.dumps({"pid": 4242, "host": "web1", "started": "2026-11-29T10:00:00+00:00"}).encode())
        code, out = run_publish(config, live)
    finally:
        os.ftruncate(handle, 0)
        os.close(handle)
    assert code == 1
    assert f"Someone else is publishing to {live} right now (process 4242 on web1, since 2026-11-29T10:00" in out
    assert (snapshot(live.with_name("live.releases")), os.readlink(live)) == before


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_lock_left_by_a_killed_publish_is_noticed_and_does_not_block(site):
    config, live = site
    lock_file = live.with_name("live.releases") / ".publish.lock"
    lock_file.write_text(json.dumps({"pid": dead_pid(), "host": socket.gethostname(), "started": "earlier"}))
    code, out = run_publish(config, live)
    assert code == 0, out
    assert "An earlier publish (process" in out and "was stopped before it finished" in out
    assert (live / "index.html").read_text() == "version 2 of index.html\n"
    assert_no_leftovers(live, {"repo"})


@pytest.mark.parametrize("holder_alive", [True, False])
def test_without_flock_the_pid_in_the_lock_decides(site, monkeypatch, holder_alive):
    """Some network drives cannot flock: a live holder blocks, a dead one is stale."""
    config, live = site
    inject(monkeypatch, lock_module.fcntl, "flock", errno.ENOLCK)
    pid = os.getppid() if holder_alive else dead_pid()
    lock_file = live.with_name("live.releases") / ".publish.lock"
    lock_file.write_text(json.dumps({"pid": pid, "host": socket.gethostname(), "started": "earlier"}))
    code, out = run_publish(config, live)
    if holder_alive:
        assert code == 1 and f"Someone else is publishing to {live} right now (process {pid}" in out
        assert (live / "index.html").read_text() == "version 1 of index.html\n"
    else:
        assert code == 0 and "was stopped before it finished" in out
        assert (live / "index.html").read_text() == "version 2 of index.html\n"


def test_a_build_left_running_by_a_killed_publish_is_stopped_by_the_next_run(site, tmp_path):
    """Where the kernel could not take the build down with publish (e.g. its helpers), the next run does."""
    config, live = site
    releases = live.with_name("live.releases")
    building = releases / ".building-999999"
    orphan = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)", str(building)],
                              start_new_session=True)
    bystander = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"], start_new_session=True)
    try:
        (releases / ".publish.lock").write_text(json.dumps({
            "pid": dead_pid(), "host": socket.gethostname(), "started": "earlier",
            "build_group": orphan.pid, "building": str(building)}))
        code, out = run_publish(config, live)
        assert code == 0, out
        assert orphan.wait(timeout=10) == -9, "the orphaned build was stopped"
        assert bystander.poll() is None, "an unrelated process is never touched"
    finally:
        for process in (orphan, bystander):
            process.kill()
            process.wait()


def test_a_target_that_is_a_mount_point_is_refused(tmp_path, monkeypatch, capsys):
    config = make_fixture_site(tmp_path / "repo", {})
    (tmp_path / "share").mkdir()
    real_stat = os.stat
    monkeypatch.setattr(guard.os, "stat", lambda path, *a, **k: os.stat_result(
        (*real_stat(path)[:2], 999, *real_stat(path)[3:])) if str(path).endswith("share") else real_stat(path))
    code, out = run_publish(config, tmp_path / "share")
    assert code == 1 and "is a separate drive (a mount point)" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo", "share"]
