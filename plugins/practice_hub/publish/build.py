"""Run the strict site build in a child process and keep what it said about problems.

The build runs as `python -m mkdocs build --strict`, exactly as `make site` does, so publishing
uses the same checks as every other build and this module needs no MkDocs import.
"""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# MkDocs log lines start with their level; INFO and DEBUG lines are progress, not problems.
_QUIET_LEVELS = ("INFO", "DEBUG")


@dataclass(frozen=True)
class BuildResult:
    ok: bool
    report: str  # the warnings and errors the build printed, for people to read


def build_site(config_file: Path, out_dir: Path) -> BuildResult:
    """Build the site of ``config_file`` strictly into ``out_dir`` (created by MkDocs)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
               "-f", str(config_file), "-d", str(out_dir)]
    try:
        done = subprocess.run(command, cwd=config_file.parent, env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    except OSError as err:
        return BuildResult(False, f"The site builder could not be started: {err}")
    return BuildResult(done.returncode == 0, problems_in(done.stdout))


def problems_in(log: str) -> str:
    """The build log without its progress lines: every warning and error with its detail lines."""
    kept: list[str] = []
    keep_block = True
    for line in log.splitlines():
        if line[:1].strip():  # a new log record (not an indented continuation line)
            keep_block = not line.startswith(_QUIET_LEVELS)
        if keep_block and line.strip():
            kept.append(line.rstrip())
    return "\n".join(kept)
