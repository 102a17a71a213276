"""Benchmark: how long a PSW waits, in `mkdocs serve`, between saving an edit and seeing it.

    .venv/bin/python bench/preview.py          # the demo site (this repository's own content)

It copies the project's sources (not the venv, site or caches) into a temporary folder, starts
`mkdocs serve` there as `make serve` does, waits for the first build, then, several times each,
appends a sentence to a handbook page and to a bulletin article and polls the served page every
20 ms until the sentence is there. The time is from the file's save to the first response that
shows it: the file watcher (it polls every 0.1 s, plugins/practice_hub/preview.py), the rebuild
and the server together.

A benchmark, not a test: it reports the figures and never fails on them (the serve tests in
tests/test_hub.py and tests/test_preview.py check that edits show up, without timing them).
"""
from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_SOURCES = (".venv", "node_modules", "site", ".git", "__pycache__", "*.egg-info", ".cache", ".pytest_cache",
               "build", "out", ".publish-staging*")
TODAY = "2026-11-23"
# (what is edited, the file, the page that shows it)
EDITS = (("handbook page", "content/practice-standards/case-recording.md", "practice-standards/case-recording.html"),
         ("bulletin article", "bulletins/2026-11/01-three-houses-story.md", "bulletins/2026/11/index.html"))
POLL = 0.02


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, server: subprocess.Popen, seconds: float) -> float:
    began = time.perf_counter()
    while time.perf_counter() - began < seconds:
        if server.poll() is not None:
            raise RuntimeError("mkdocs serve stopped")
        if text in _fetch(url):
            return time.perf_counter() - began
        time.sleep(POLL)
    raise RuntimeError(f"{text!r} never appeared on {url} within {seconds:.0f} s")


def measure(rounds: int = 5, source: Path = ROOT) -> dict:
    """{"first build": seconds, "<what is edited>": [seconds per edit, ...], ...} on the demo site."""
    with tempfile.TemporaryDirectory(prefix="practice-hub-preview-") as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(source, repo, ignore=shutil.ignore_patterns(*NOT_SOURCES))
        port = _free_port()
        base = f"http://127.0.0.1:{port}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PRACTICE_HUB_TODAY": TODAY,
               "PRACTICE_HUB_CACHE_DIR": str(Path(tmp) / "cache")}
        began = time.perf_counter()
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", "mkdocs.yml", "-a", f"127.0.0.1:{port}"],
                                  cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        try:
            _wait_for(base + EDITS[0][2], "<html", server, 300)
            results: dict = {"first build": time.perf_counter() - began}
            for label, _, _ in EDITS:
                results[label] = []
            for n in range(rounds):
                for label, path, page in EDITS:
                    file = repo / path
                    sentence = f"Edited while previewing, round {n}."
                    time.sleep(1.0)   # the watcher settles after the last rebuild
                    file.write_text(file.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
                    results[label].append(_wait_for(base + page, sentence, server, 120))
            return results
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def summary(results: dict) -> list[str]:
    lines = [f"first build (serve starting): {results['first build']:.1f} s"]
    for label, _, _ in EDITS:
        times = results[label]
        lines.append(f"{label}: median {statistics.median(times):.2f} s, worst {max(times):.2f} s "
                     f"over {len(times)} edits")
    return lines


if __name__ == "__main__":
    print("\n".join(summary(measure())))
