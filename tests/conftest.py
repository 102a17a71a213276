"""Shared fixtures: one strict build of the real demo site per test run."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from helpers import DEMO_TODAY, ROOT, build_site  # noqa: E402


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
