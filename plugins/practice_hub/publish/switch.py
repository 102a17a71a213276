"""The switch itself: make TARGET show another release in one atomic step.

A new link is made under a scratch name in TARGET.releases and renamed over TARGET with
os.replace(): rename() replaces the old link atomically, so every open() of TARGET/... finds
either the old release or the new one. Only a real folder at TARGET (an empty folder, or an
earlier version's plain live folder) needs more: renameat2(RENAME_EXCHANGE) swaps it with the
link in one step on Linux; elsewhere it takes two renames and TARGET is missing for an instant.
"""
from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
from datetime import datetime
from pathlib import Path

from .durable import fsync_path, fsync_tree, write_durably
from .errors import PublishError
from .faults import checkpoint
from .layout import BUILDING, LINK, MIGRATING, RELEASE_MARKER, Layout, Release, count_files, release_marker_text, \
    release_name

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_NO_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP}
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL, errno.EIO}


def point_live_at(layout: Layout, release: str, progress) -> None:
    """Make TARGET show ``release``: one rename of a new link over the old one."""
    if layout.target.is_dir() and not layout.target.is_symlink():
        replace_folder_with_link(layout, release, was_empty=True)  # an empty folder given for a first publish
    else:
        link = layout.releases / f"{LINK}{os.getpid()}"
        _remove_link(link)
        os.symlink(layout.link_text(release), link)
        checkpoint("link-created")
        try:
            os.replace(link, layout.target)
        except OSError:
            _remove_link(link)
            raise
    progress.live_changed = True
    checkpoint("switched")
    fsync_path(layout.target.parent)


def replace_folder_with_link(layout: Layout, release: str, was_empty: bool = False) -> bool:
    """Put a link to ``release`` where a real folder is now (its files are already in ``release``,
    or it was empty). The folder ends up as TARGET.releases/.migrating-<release> and is deleted.
    False if that took two renames, with TARGET missing for an instant."""
    aside = layout.releases / f"{MIGRATING}{release}"
    os.symlink(layout.link_text(release), aside)
    checkpoint("link-created")
    try:
        swapped = exchange(aside, layout.target)
    except OSError:
        _remove_link(aside)
        raise
    if not swapped:
        link = layout.releases / f"{LINK}{os.getpid()}"
        os.rename(aside, link)
        os.rename(layout.target, aside)
        checkpoint("folder-moved-aside")  # TARGET is missing until the next line; the next run restores it
        os.replace(link, layout.target)
    checkpoint("folder-replaced")
    fsync_path(layout.target.parent)
    if was_empty:
        os.rmdir(aside)  # fails, keeping them, if someone put files in it meanwhile
    else:
        shutil.rmtree(aside, ignore_errors=True)
    return swapped


def copy_in_place_as_release(layout: Layout, number: int, published: datetime) -> str:
    """Make a release of the earlier version's live folder by hard links (instant, no extra space)."""
    name = release_name(number, published)
    copy = layout.releases / f"{BUILDING}{os.getpid()}"
    shutil.copytree(layout.target, copy, symlinks=True, copy_function=_link_or_copy)
    note = f"the live folder {layout.target.name} of an earlier version of publish"
    write_durably(copy / RELEASE_MARKER, release_marker_text(
        Release(name, copy, published.isoformat(timespec="seconds"), None, count_files(copy), note)))
    fsync_tree(copy)
    os.rename(copy, layout.releases / name)
    fsync_path(layout.releases)
    checkpoint("migration-copied")
    return name


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system or drive cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _NO_EXCHANGE:
        return False
    raise OSError(code, os.strerror(code), str(second))


def check_same_drive(layout: Layout) -> None:
    if device_of(layout.releases) != device_of(layout.target.parent):
        raise PublishError(
            f"{layout.releases} is on a different drive from {layout.target.parent}, so the site cannot be switched "
            f"in one step. Nothing was published. Make {layout.releases.name} a plain folder beside "
            f"{layout.target.name} (not a link to, or mount of, another drive).")


def check_links_work(layout: Layout) -> None:
    """Publish needs symbolic links; some network shares cannot store them."""
    probe = layout.releases / f"{LINK}probe-{os.getpid()}"
    _remove_link(probe)
    try:
        os.symlink("probe", probe)
    except OSError as err:
        if err.errno not in _NO_LINKS:
            raise
        raise PublishError(
            f"The drive holding {layout.target} cannot store symbolic links ({err.strerror}), which publish needs "
            "to switch the site in one step so nobody ever sees half of it. Nothing was published. Publish to "
            "a folder on the web server's own disk, or to a share mounted with link support (see "
            "'Network shares' under 'Publishing safely' in the README).") from None
    probe.unlink(missing_ok=True)  # a concurrent run's clean-up may have removed it


def device_of(path: Path) -> int:
    return os.stat(path).st_dev


def _link_or_copy(source: str, dest: str) -> None:
    try:
        os.link(source, dest)
    except OSError:
        shutil.copy2(source, dest)


def _remove_link(path: Path) -> None:
    if path.is_symlink():
        path.unlink()
