"""Where publish keeps things, and how it recognises what it made.

    TARGET                    a symbolic link: releases-folder-name/<release>   (what is served)
    TARGET.releases/          the releases, with the marker file .practice-hub-releases
        0007-20261129-190205/ one complete site, with its marker .practice-hub-release.json
        .publish.lock         held while publish runs (pid inside, for messages and stale locks)
        .building-<pid>/      a site being built or copied (removed by the next run if left)
        .link-<pid>           the new link before it replaces TARGET (removed if left)
        .deleting-<name>/     a pruned release being deleted (removed if left)
        .migrating-<name>/    an earlier version's plain live folder after the switch (removed if left)

TARGET.releases sits beside TARGET, so one rename() of the link switches the site atomically.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

RELEASES_MARKER = ".practice-hub-releases"
RELEASE_MARKER = ".practice-hub-release.json"
LOCK_NAME = ".publish.lock"
BUILDING, LINK, DELETING, MIGRATING = ".building-", ".link-", ".deleting-", ".migrating-"
# Files every site built by Practice Hub has had since before publish existed: how a plain folder
# published by an earlier version is told apart from someone's own files.
SITE_SIGNATURE = ("index.html", "search/search_index.json", "training/calendars/all.ics",
                  "assets/javascripts/iframe-worker-shim.js")
_RELEASE_NAME = re.compile(r"^(\d{4,})-(\d{8}-\d{6})$")
# Scratch folders the earlier two-rename publish left beside TARGET when it was killed.
EARLIER_LEFTOVER = re.compile(r"\.(new|old|rollback)-\d+$")


@dataclass(frozen=True)
class Layout:
    target: Path  # absolute, not resolved: it is the link itself

    @property
    def releases(self) -> Path:
        return self.target.with_name(self.target.name + ".releases")

    @property
    def earlier_previous(self) -> Path:
        """Where earlier versions kept the site they replaced."""
        return self.target.with_name(self.target.name + ".previous")

    @property
    def lock_file(self) -> Path:
        return self.releases / LOCK_NAME

    def link_text(self, release: str) -> str:
        """Relative, so the site still works if the parent folder is moved or mounted elsewhere."""
        return f"{self.releases.name}/{release}"

    def live_release(self) -> str | None:
        """The release TARGET links to, or None if TARGET is not one of our links."""
        if not self.target.is_symlink():
            return None
        text = os.readlink(self.target)
        folder, _, name = text.partition("/")
        return name if folder == self.releases.name and is_release_name(name) else None


@dataclass(frozen=True)
class Release:
    name: str
    path: Path
    published: str  # ISO date and time, UTC
    commit: str | None
    files: int
    note: str = ""

    @property
    def number(self) -> int:
        return release_number(self.name)


def is_release_name(name: str) -> bool:
    return bool(_RELEASE_NAME.match(name))


def release_number(name: str) -> int:
    return int(name.split("-", 1)[0])


def release_name(number: int, when: datetime) -> str:
    return f"{number:04d}-{when.astimezone(timezone.utc):%Y%m%d-%H%M%S}"


def complete_releases(layout: Layout) -> list[Release]:
    """Every release with its marker, oldest first (a folder without one is not a release)."""
    found = []
    if layout.releases.is_dir():
        for entry in layout.releases.iterdir():
            if is_release_name(entry.name) and (entry / RELEASE_MARKER).is_file():
                found.append(read_release(entry))
    return sorted(found, key=lambda release: release.number)


def read_release(folder: Path) -> Release:
    try:
        data = json.loads((folder / RELEASE_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    return Release(folder.name, folder, str(data.get("published", "?")), data.get("commit"),
                   int(data.get("files", 0) or 0), str(data.get("note", "")))


def release_marker_text(release: Release) -> str:
    return json.dumps({"release": release.name, "published": release.published, "commit": release.commit,
                       "files": release.files, "note": release.note}, indent=2) + "\n"


def looks_like_earlier_site(folder: Path) -> bool:
    """A plain folder published by an earlier version of publish (our own site's files)."""
    return folder.is_dir() and not folder.is_symlink() and all((folder / f).is_file() for f in SITE_SIGNATURE)


def count_files(folder: Path) -> int:
    return sum(1 for path in folder.rglob("*") if path.is_file() and path.name != RELEASE_MARKER)
