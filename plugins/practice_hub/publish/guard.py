"""Refuse any TARGET that publish did not make, before anything is created, moved or built.

Publish only ever replaces its own link, so a folder of someone's files, the project's sources
or a system folder is refused with a message saying why and what to do instead.
"""
from __future__ import annotations

import os
import pwd
import re
from enum import Enum
from pathlib import Path

from .errors import PublishError
from .layout import RELEASE_MARKER, RELEASES_MARKER, Layout, looks_like_earlier_site

SYSTEM_FOLDERS = {"/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib64", "/media", "/mnt", "/opt",
                  "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var", "/var/www"}
NEW_FOLDER_HINT = "Publish into a new or empty folder instead, for example {suggestion}."


class TargetRefused(PublishError):
    """The message says why TARGET is refused and what to do; nothing was changed."""


class TargetState(Enum):
    NEW = "nothing there yet"
    EMPTY_FOLDER = "an empty folder"
    PUBLISHED = "our link to a release"
    EARLIER_VERSION = "a plain folder published by an earlier version"


def check_target(layout: Layout, config_file: Path | None) -> TargetState:
    """What TARGET is now; refuse it unless publish made it (``config_file`` None: project unknown)."""
    target = layout.target
    suggestion = target.with_name(target.name + "-site") if target.name else Path("/srv/practice-hub")
    hint = NEW_FOLDER_HINT.format(suggestion=suggestion)
    _refuse_protected(target, config_file, NEW_FOLDER_HINT.format(suggestion="/srv/practice-hub"))
    if not target.parent.is_dir():
        raise TargetRefused(f"The folder {target.parent} does not exist, so {target} cannot be created there. "
                            "Check the path, or create that folder first.")
    _refuse_foreign_releases(layout)
    if target.is_symlink():
        if layout.live_release() is None or not (layout.releases / RELEASES_MARKER).is_file():
            raise TargetRefused(f"{target} is a link to {os.readlink(target)}, which publish did not make. "
                                f"Publish never replaces what it did not create. {hint}")
        return TargetState.PUBLISHED
    if not target.exists():
        return TargetState.NEW
    if not target.is_dir():
        raise TargetRefused(f"{target} is a file, not a folder. Publish never replaces what it did not create. {hint}")
    if os.stat(target).st_dev != os.stat(target.parent).st_dev:
        raise TargetRefused(f"{target} is a separate drive (a mount point), so publish cannot switch it in one step. "
                            f"Publish to a folder inside it instead, for example {target / 'practice-hub'}, "
                            "and serve that folder.")
    if not any(target.iterdir()):
        return TargetState.EMPTY_FOLDER
    if looks_like_earlier_site(target):
        return TargetState.EARLIER_VERSION
    raise TargetRefused(_foreign_folder_message(target, hint))


def _refuse_protected(target: Path, config_file: Path, hint: str) -> None:
    resolved = target.parent.resolve() / target.name  # not the link itself: it resolves into a release
    followed = target.resolve()  # where a link someone else made leads
    if {resolved, followed} & _home_folders():
        raise TargetRefused(f"{target} is someone's home folder; publish never replaces personal files. {hint}")
    if {str(resolved), str(followed), str(target)} & SYSTEM_FOLDERS:
        raise TargetRefused(f"{target} is a system folder; publishing there could replace files the computer needs. {hint}")
    inside = resolved.parents if target.is_symlink() else (resolved, *resolved.parents)
    for folder in inside:
        if (folder / RELEASE_MARKER).is_file() or (folder / RELEASES_MARKER).is_file():
            raise TargetRefused(f"{target} is inside a folder publish manages ({folder}). "
                                f"Give the live path itself (the link), not a folder inside it. {hint}")
    if config_file is None:
        return
    project = config_file.parent.resolve()
    if resolved == project or project in resolved.parents or resolved in project.parents:
        raise TargetRefused(f"{target} holds the project's own files (its sources are in {project}). "
                            f"Publish to a separate folder, such as the web server's folder. {hint}")
    docs = _docs_dir(config_file)
    if docs is not None and (resolved == docs or docs in resolved.parents or resolved in docs.parents):
        raise TargetRefused(f"{target} holds the handbook's source pages ({docs}). {hint}")


def _refuse_foreign_releases(layout: Layout) -> None:
    releases = layout.releases
    if releases.is_symlink() or (releases.exists() and not releases.is_dir()):
        raise TargetRefused(f"{releases} is not a folder publish made (publish keeps the site's releases there). "
                            "Move it away or choose another TARGET name.")
    if releases.is_dir() and any(releases.iterdir()) and not (releases / RELEASES_MARKER).is_file():
        raise TargetRefused(f"{releases} already holds files that publish did not put there (publish keeps the "
                            "site's releases in that folder). Move them away or choose another TARGET name.")


def _foreign_folder_message(target: Path, hint: str) -> str:
    names = sorted(entry.name for entry in target.iterdir())
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return (f"{target} already holds files that publish did not put there ({shown}). Publish only replaces "
            f"sites it published itself, and never moves or deletes anyone's files, so nothing was changed. {hint}")


def _home_folders() -> set[Path]:
    homes = {Path.home().resolve()}
    for entry in pwd.getpwall():  # people's accounts (uid 1000 up) and root; not service accounts
        if entry.pw_dir not in ("/", "") and (entry.pw_uid >= 1000 or entry.pw_uid == 0):
            homes.add(Path(entry.pw_dir).resolve())
    return homes


def _docs_dir(config_file: Path) -> Path | None:
    """The handbook's source folder, read without MkDocs (docs_dir, default `docs`)."""
    try:
        text = config_file.read_text(encoding="utf-8")
    except OSError:
        return None
    found = re.search(r"^docs_dir:\s*['\"]?([^'\"#\n]+?)['\"]?\s*(#.*)?$", text, re.MULTILINE)
    return (config_file.parent / (found.group(1) if found else "docs")).resolve()
