"""Helpers every test module may import: the repository root, a real `mkdocs build`, a scratch copy."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import unicodedata
import urllib.request
from pathlib import Path

import pytest


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


# Installs, builds and caches: never part of a copy of the sources, and never written by tests.
NOT_SOURCES = (".venv", "node_modules", "site", ".git", "__pycache__", "*.egg-info", ".cache", ".pytest_cache",
               "build")
# What tests may leave in the project: Python's own bytecode and the installs `make test` makes.
INSTALLS = {".venv", "node_modules", ".git", "__pycache__"}


def files_written_in_tree() -> dict[str, tuple[int, int]]:
    """Every file in the project outside the installs, with its size and modification time."""
    found = {}
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in INSTALLS and not name.endswith(".egg-info")]
        for name in names:
            path = Path(folder, name)
            try:
                info = path.lstat()
            except OSError:
                continue
            found[path.relative_to(ROOT).as_posix()] = (info.st_size, info.st_mtime_ns)
    return found


def normalised(text: str) -> str:
    """Text as a reader sees it: ligatures and other compatibility forms unfolded (NFKC, so "ﬀ"
    reads "ff" whatever font a PDF was set in) and runs of whitespace made single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def copy_repo(dest: Path) -> Path:
    """A scratch copy of the sources (no venv, node_modules or site) for tests that edit them."""
    skip = shutil.ignore_patterns(*NOT_SOURCES)

    def ignore(folder, names):
        ignored = set(skip(folder, names))
        if Path(folder) == ROOT / "bench":
            ignored.add("out")   # the benchmark's generated site
        return ignored
    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest


FIXTURE_CONFIG = """\
site_name: Fixture Hub
site_url: https://hub.example.org/
docs_dir: content
use_directory_urls: false
strict: true
theme:
  name: material
  custom_dir: {overrides}
  font: false
  features: [navigation.prune]
extra:
  organisation: Fixture Children's Services
  accessibility:
    contact_email: a11y@example.org
    prepared: 2026-09-01
    last_reviewed: 2026-11-01
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.snippets:
      auto_append: [includes/abbreviations.md]
      check_paths: true
plugins:
  - search
  - offline
  - practice-hub/handbook
  - practice-hub/training
  - practice-hub/bulletins
  - practice-hub/governance
"""

FIXTURE_VOCABULARY = """\
categories:
  practice-focus: Practice focus workshops
audiences:
  social-workers: Social workers
"""


def make_fixture_site(root: Path, pages: dict[str, str], *, calendar: str = "courses: []\n",
                      bulletins: dict[str, str] | None = None, topics: dict[str, str] | None = None,
                      config_extra: str = "") -> Path:
    """A small, complete Practice Hub project in ``root``; returns its mkdocs.yml."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(FIXTURE_CONFIG.format(overrides=ROOT / "overrides") + config_extra, encoding="utf-8")
    topic_lines = "".join(f"  {k}: {v}\n" for k, v in (topics or {"supervision": "Supervision"}).items())
    (root / "topics.yml").write_text("topics:\n" + topic_lines, encoding="utf-8")
    (root / "includes").mkdir(exist_ok=True)
    (root / "includes" / "abbreviations.md").write_text("*[CP]: Child Protection\n*[IRO]: Independent Reviewing Officer\n")
    (root / "training_calendar").mkdir(exist_ok=True)
    (root / "training_calendar" / "vocabulary.yml").write_text(FIXTURE_VOCABULARY, encoding="utf-8")
    (root / "training_calendar" / "courses.yml").write_text(calendar, encoding="utf-8")
    for path, text in {"index.md": "# Home\n\n<!-- practice-hub:whats-new -->\n", **pages}.items():
        target = root / "content" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for path, text in (bulletins or {}).items():
        target = root / "bulletins" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root / "mkdocs.yml"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (for a test server)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    """The page at ``url`` as text, or "" while the server cannot answer."""
    try:
        return urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, server: subprocess.Popen, seconds: float = 60) -> float:
    """Seconds until ``text`` is on the page at ``url``; fails if the preview stops or never shows it."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        assert server.poll() is None, "the preview stopped"
        if text in fetch(url):
            return time.monotonic() - started
        time.sleep(0.3)
    pytest.fail(f"{text!r} never appeared on {url}")


@contextlib.contextmanager
def serving(repo: Path):
    """`mkdocs serve` of ``repo`` on a free port (as `make serve` runs it): yields (server, base address)."""
    port = free_port()
    server = subprocess.Popen([MKDOCS, "serve", "-a", f"127.0.0.1:{port}"], cwd=repo,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PRACTICE_HUB_TODAY": DEMO_TODAY},
                              stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        yield server, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=20)
