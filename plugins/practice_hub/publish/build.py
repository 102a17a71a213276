"""Run the strict site build in a child process and keep what it said about problems.

The build runs as `python -m mkdocs build --strict`, exactly as `make site` does, so publishing
uses the same checks as every other build and this module needs no MkDocs import.

The child must never outlive publish: on Linux it asks the kernel to kill it when its parent
dies (even by SIGKILL), and it runs in its own process group so every process it starts can be
stopped together when publish is interrupted.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..engine import UnknownEngine, engine_command

# MkDocs log lines start with their level; INFO and DEBUG lines are progress, not problems.
_QUIET_LEVELS = ("INFO", "DEBUG")
# The live release folder, for plugins that must stay above what was published (calendar SEQUENCE).
PREVIOUS_SITE_ENV = "PRACTICE_HUB_PREVIOUS_SITE"
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class BuildResult:
    ok: bool
    report: str  # the warnings and errors the build printed, for people to read
    notes: tuple[str, ...] = ()   # what the build told the author on the way (not problems)


def build_command(config_file: Path, out_dir: Path) -> list[str]:
    """The one place that says which program builds the site (MkDocs, or the engine chosen)."""
    return [*engine_command(), "build", "--strict", "--clean", "-f", str(config_file), "-d", str(out_dir)]


def build_site(config_file: Path, out_dir: Path, previous_site: Path | None = None,
               on_start: Callable[[int], None] = lambda pid: None) -> BuildResult:
    """Build the site of ``config_file`` strictly into ``out_dir`` (created by MkDocs).

    ``previous_site`` is the live release folder, if any; ``on_start`` gets the child's pid
    (which is also its process group).
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop(PREVIOUS_SITE_ENV, None)
    if previous_site is not None:
        env[PREVIOUS_SITE_ENV] = str(previous_site)
    try:
        child = subprocess.Popen(build_command(config_file, out_dir), cwd=config_file.parent, env=env,
                                 text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 start_new_session=True, preexec_fn=_die_with_parent(os.getpid()))
    except OSError as err:
        return BuildResult(False, f"The site builder could not be started: {err}")
    except UnknownEngine as err:
        return BuildResult(False, str(err))
    try:
        on_start(child.pid)
        log = child.stdout.read()
    finally:
        # Before reaping the child, so its pid (the group id) cannot have been reused yet.
        stop_process_group(child.pid)  # also the helpers it started (e.g. PDF workers)
        child.stdout.close()
        child.wait()
    return BuildResult(child.returncode == 0, problems_in(log), author_notes(log))


def stop_process_group(group: int) -> None:
    try:
        os.killpg(group, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _die_with_parent(parent_pid: int):
    """preexec_fn for the child: ask Linux to SIGKILL it when publish dies (no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes
    prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up before fork: the child only calls it

    def arrange() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent_pid:  # the parent died before prctl took effect
            os._exit(1)
    return arrange


# Progress lines our plugins write for the author: e.g. a session removed from the calendar that
# is published as cancelled so it leaves people's calendars.
_NOTE = re.compile(r"^INFO\s+-\s+(?:practice_hub: )?"
                   r"((?:Training calendar|Bulletins|Handbook|Governance|Plain English): .*)$")


def author_notes(log: str) -> tuple[str, ...]:
    return tuple(match.group(1) for match in map(_NOTE.match, log.splitlines()) if match)


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
