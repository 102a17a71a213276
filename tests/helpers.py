"""Helpers every test module may import: the repository root, a real `mkdocs build`, a scratch copy."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
# The demo content is written around this date; pinning it keeps tests independent of the clock.
DEMO_TODAY = "2026-11-23"
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))


def build_site(config_file: Path, site_dir: Path, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` as a user would; return the finished process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    return subprocess.run(
        [MKDOCS, "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        cwd=config_file.parent, env=env, capture_output=True, text=True)


def copy_repo(dest: Path) -> Path:
    """A scratch copy of the sources (no venv, node_modules or site) for tests that edit them."""
    ignore = shutil.ignore_patterns(".venv", "node_modules", "site", ".git", "__pycache__", "*.egg-info")
    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest
