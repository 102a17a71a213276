"""Kill publish and rollback with SIGKILL at every step (as a power cut or `kill -9` would) and
check that the live path always serves a complete earlier or newer site, and that the next
publish and rollback work and leave nothing behind."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import DEMO_TODAY, make_fixture_site
from publish_support import PAGE, assert_no_leftovers, site_files, snapshot, write_tree

from practice_hub.publish.faults import KILL_AT_ENV
from practice_hub.publish.layout import SITE_SIGNATURE

DRIVER = Path(__file__).with_name("publish_driver.py")
PUBLISH_STEPS = ["build-running", "built", "release-ready", "link-created", "switched", "pruning"]
ROLLBACK_STEPS = ["link-created", "switched"]
MIGRATION_STEPS = ["migrated-previous", "migration-copied", "link-created", "folder-replaced", "switched"]


def drive(*args: str, kill_at: str | None = None, no_exchange: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, KILL_AT_ENV: kill_at or "", "PUBLISH_DRIVER_NO_EXCHANGE": "1" if no_exchange else "",
           "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, str(DRIVER), *map(str, args)], env=env, capture_output=True, text=True,
                          cwd=DRIVER.parent, timeout=120)


def version_shown(live: Path, tmp_path: Path) -> int:
    """The version the live path serves, checking every file of it is there and whole."""
    shown = snapshot(live)
    for version in range(0, 10):
        expected = tmp_path / "expected" / str(version)
        if not expected.exists():
            write_tree(expected, site_files(version))
        if shown == snapshot(expected):
            return version
    raise AssertionError(f"{live} serves no complete version: {sorted(shown)}")


@pytest.fixture
def setup(tmp_path):
    config = make_fixture_site(tmp_path / "repo", {})
    live = tmp_path / "live"
    for version in (1, 2):
        assert drive("publish", live, config, version).returncode == 0
    return config, live


@pytest.mark.parametrize("step", PUBLISH_STEPS)
def test_publish_killed_at_any_step_loses_nothing(setup, tmp_path, step):
    config, live = setup
    killed = drive("publish", live, config, 3, kill_at=step)
    assert killed.returncode == -signal.SIGKILL, f"never reached {step}: {killed.stdout}{killed.stderr}"

    assert version_shown(live, tmp_path) in (2, 3)
    expect_next_runs_to_recover(config, live, tmp_path)


@pytest.mark.parametrize("step", ROLLBACK_STEPS)
def test_rollback_killed_at_any_step_loses_nothing(setup, tmp_path, step):
    config, live = setup
    killed = drive("rollback", live, kill_at=step)
    assert killed.returncode == -signal.SIGKILL, f"never reached {step}: {killed.stdout}{killed.stderr}"

    assert version_shown(live, tmp_path) in (1, 2)
    expect_next_runs_to_recover(config, live, tmp_path)


@pytest.mark.parametrize("step, no_exchange", [(step, False) for step in MIGRATION_STEPS] + [
    # where renameat2 cannot swap a folder and a link, two renames do it (the README says so)
    (step, True) for step in ("link-created", "folder-moved-aside", "folder-replaced")])
def test_migration_from_an_earlier_version_killed_at_any_step_loses_nothing(tmp_path, step, no_exchange):
    config = make_fixture_site(tmp_path / "repo", {})
    live = tmp_path / "live"
    write_tree(live, site_files(2))              # as the earlier version left it
    write_tree(tmp_path / "live.previous", site_files(1))

    killed = drive("publish", live, config, 3, kill_at=step, no_exchange=no_exchange)
    assert killed.returncode == -signal.SIGKILL, f"never reached {step}: {killed.stdout}{killed.stderr}"

    if step == "folder-moved-aside":
        assert not live.exists(), "the documented instant of the two-rename fallback"
    else:
        assert version_shown(live, tmp_path) in (2, 3)
    expect_next_runs_to_recover(config, live, tmp_path, earliest=1)


def expect_next_runs_to_recover(config: Path, live: Path, tmp_path: Path, earliest: int = 1) -> None:
    done = drive("publish", live, config, 4)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert version_shown(live, tmp_path) == 4
    assert_no_leftovers(live, {"repo", "expected"})

    back = drive("rollback", live)
    assert back.returncode == 0, back.stdout + back.stderr
    assert earliest <= version_shown(live, tmp_path) <= 3
    assert_no_leftovers(live, {"repo", "expected"})


def test_a_killed_publish_takes_its_build_with_it(tmp_path):
    """A real build: SIGKILL publish while MkDocs runs; the build process must die too."""
    config = make_fixture_site(tmp_path / "repo", {"supervision.md": PAGE})
    live = tmp_path / "live"
    env = {**os.environ, "PRACTICE_HUB_TODAY": DEMO_TODAY}
    command = [str(Path(sys.executable).with_name("practice-hub")), "publish", str(live), "--config", str(config)]
    first = subprocess.run(command, env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stdout + first.stderr
    before = snapshot(live)

    killed = subprocess.run(command, env={**env, KILL_AT_ENV: "build-running"}, capture_output=True, text=True)
    assert killed.returncode == -signal.SIGKILL

    holder = json.loads((live.with_name("live.releases") / ".publish.lock").read_text())
    build_pid = holder["build_group"]
    assert wait_until_gone(build_pid), f"the build (pid {build_pid}) outlived publish"
    assert snapshot(live) == before

    again = subprocess.run(command, env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "was stopped before it finished" in again.stdout
    assert_no_leftovers(live, {"repo"})
    assert all((live / name).is_file() for name in SITE_SIGNATURE)


def wait_until_gone(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state == "Z":  # a zombie is dead; it only waits for its (new) parent to reap it
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT])
def test_stopping_publish_during_the_build_stops_the_build_and_tidies_up(tmp_path, signal_number):
    """SIGTERM (a service stopping) or Ctrl-C: the build dies, its folder goes, the lock is free."""
    config = make_fixture_site(tmp_path / "repo", {"supervision.md": PAGE})
    live = tmp_path / "live"
    write_tree(tmp_path / "live.releases", {".practice-hub-releases": "made by publish\n"})
    command = [str(Path(sys.executable).with_name("practice-hub")), "publish", str(live), "--config", str(config)]
    running = subprocess.Popen(command, env={**os.environ, "PRACTICE_HUB_TODAY": DEMO_TODAY},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lock = tmp_path / "live.releases" / ".publish.lock"
    build_pid = wait_for_build(lock)
    running.send_signal(signal_number)
    out, err = running.communicate(timeout=60)

    assert running.returncode == 130, out + err
    assert "Stopped." in out and "Traceback" not in out + err
    assert wait_until_gone(build_pid), "the build outlived publish"
    assert not live.exists()
    assert sorted(p.name for p in (tmp_path / "live.releases").iterdir()) == [".practice-hub-releases",
                                                                               ".publish.lock"]
    assert lock.read_text() == "", "the lock was released cleanly"


def wait_for_build(lock: Path, seconds: float = 60) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            holder = json.loads(lock.read_text() or "{}")
        except (OSError, ValueError):
            holder = {}
        if "build_group" in holder:
            return holder["build_group"]
        time.sleep(0.01)
    raise AssertionError("the build never started")
