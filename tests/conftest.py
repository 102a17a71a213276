"""Shared fixtures: one strict build of the real demo site per test run; a guard that tests never
write into the project (caches and builds go to temporary folders)."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from helpers import DEMO_TODAY, ROOT, build_site, files_written_in_tree  # noqa: E402


def pytest_configure(config):
    # Every build in the run (in-process or `mkdocs build` children) caches into a temporary folder.
    config._practice_hub_cache = tempfile.mkdtemp(prefix="practice-hub-test-cache-")
    os.environ["PRACTICE_HUB_CACHE_DIR"] = config._practice_hub_cache


def pytest_sessionstart(session):
    session._tree_before = files_written_in_tree()


def pytest_sessionfinish(session, exitstatus):
    written = sorted(set(files_written_in_tree().items()) - set(session._tree_before.items()))
    if written:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        reporter.write_line("Tests wrote into the project folder (they must use temporary folders):", red=True)
        for path, _ in written:
            reporter.write_line(f"  {path}", red=True)
        session.exitstatus = 1


def pytest_unconfigure(config):
    shutil.rmtree(getattr(config, "_practice_hub_cache", ""), ignore_errors=True)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real demo site, built once in strict mode into a temporary folder.

    Set PRACTICE_HUB_TEST_SITE to an already-built site folder to iterate on tests without rebuilding.
    """
    if os.environ.get("PRACTICE_HUB_TEST_SITE"):
        return Path(os.environ["PRACTICE_HUB_TEST_SITE"])
    site = tmp_path_factory.mktemp("site")
    result = build_site(ROOT / "mkdocs.yml", site, {"PRACTICE_HUB_TODAY": DEMO_TODAY})
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site
