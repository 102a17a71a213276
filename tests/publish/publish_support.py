"""Shared by the publish tests: small sites, quick stand-in builds and checks on the layout."""
from __future__ import annotations

import os
from pathlib import Path

from practice_hub.publish.build import BuildResult
from practice_hub.publish.layout import LOCK_NAME, RELEASE_MARKER, RELEASES_MARKER, SITE_SIGNATURE, is_release_name

PAGE = ("---\ntitle: Supervision\nsummary: About supervision.\nowner: Principal Social Worker\n"
        "approved_by: Practice Quality Board\nlast_reviewed: 2026-06-12\nreview_by: 2027-06-12\n"
        "topics: [supervision]\n---\n# Supervision\n\nReflective supervision every month.\n")


def write_tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def snapshot(root: Path) -> dict[str, bytes | str | None]:
    """Every entry under root with its exact bytes (None for folders, the text of links);
    a release's own marker is left out, so a site compares equal to the files it was built from."""
    found = {}
    for path in sorted(Path(root).rglob("*")):
        if path.name == RELEASE_MARKER:
            continue
        key = str(path.relative_to(root))
        found[key] = ("-> " + os.readlink(path)) if path.is_symlink() else (
            path.read_bytes() if path.is_file() else None)
    return found


def site_files(version: int, extra: dict[str, str] | None = None) -> dict[str, str]:
    """A small complete site; every file names its version, so a mix of two would show."""
    files = {name: f"version {version} of {name}\n" for name in SITE_SIGNATURE}
    files.update({"supervision.html": f"<p>version {version}</p>", "assets/app.js": f"v{version}();"})
    files.update(extra or {})
    return files


def fake_build(files: dict[str, str]):
    """Stands in for the strict MkDocs build where the build itself is not what is tested."""
    def build(config_file, out_dir, previous_site=None, on_start=lambda pid: None):
        on_start(os.getpid())
        write_tree(out_dir, files)
        return BuildResult(True, "")
    return build


def assert_no_leftovers(target: Path, others: set[str] = frozenset()) -> None:
    """Beside TARGET only its link and releases folder; inside that only releases and markers."""
    beside = {p.name for p in target.parent.iterdir()} - set(others)
    assert beside <= {target.name, target.name + ".releases"}, f"left beside the live path: {beside}"
    releases = target.with_name(target.name + ".releases")
    if releases.exists():
        odd = {p.name for p in releases.iterdir()} - {RELEASES_MARKER, LOCK_NAME}
        odd = {name for name in odd if not (is_release_name(name) and (releases / name / RELEASE_MARKER).is_file())}
        assert not odd, f"left in {releases}: {odd}"
        assert (releases / LOCK_NAME).read_text() in ("", None), "the lock says a publish is still running"


def release_names(target: Path) -> list[str]:
    releases = target.with_name(target.name + ".releases")
    return sorted(p.name for p in releases.iterdir() if is_release_name(p.name))
