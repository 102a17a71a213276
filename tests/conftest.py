"""Shared fixtures: the repository root and one strict build of the real demo site per run."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))


def build_site(config_file: Path, site_dir: Path, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` as a user would; return the finished process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    return subprocess.run(
        [MKDOCS, "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        cwd=config_file.parent, env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real demo site, built once in strict mode into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    result = build_site(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site


def copy_repo(dest: Path) -> Path:
    """A scratch copy of the sources (no venv, node_modules or site) for tests that edit them."""
    ignore = shutil.ignore_patterns(".venv", "node_modules", "site", ".git", "__pycache__", "*.egg-info")
    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest
