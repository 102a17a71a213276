"""Publish a site safely: build into a fresh folder, then swap it in with renames.

The live folder (TARGET) is only touched once the strict build has passed. The swap is two
renames inside one parent folder (so on one file system, where rename is atomic):
TARGET -> TARGET.previous, then the fresh folder -> TARGET. The version it replaced stays in
TARGET.previous for rollback. Any failure removes the fresh folder and leaves TARGET as it was.
"""
from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from .build import BuildResult, build_site

try:  # advisory lock so two people publishing at once cannot interleave their renames
    import fcntl
except ImportError:  # pragma: no cover - not on Windows
    fcntl = None


class PublishError(Exception):
    """Publishing stopped; the message says why in plain English and the live site is untouched."""


@dataclass(frozen=True)
class Folders:
    """The live folder and the folders kept beside it (same parent, so renames stay atomic)."""

    target: Path

    @property
    def previous(self) -> Path:
        return self.target.with_name(self.target.name + ".previous")

    def scratch(self, purpose: str) -> Path:
        return self.target.with_name(f"{self.target.name}.{purpose}-{os.getpid()}")


def publish(target: Path, config_file: Path, *,
            build: Callable[[Path, Path], BuildResult] = build_site,
            on_build_start: Callable[[], None] = lambda: None) -> str:
    """Build ``config_file`` and swap the result into ``target``; return what happened."""
    folders = Folders(Path(os.path.abspath(target)))
    config_file = Path(os.path.abspath(config_file))
    _check_places(folders, config_file)
    with _lock(folders):
        on_build_start()
        fresh = folders.scratch("new")
        try:
            result = build(config_file, fresh)
            if not result.ok:
                raise PublishError(_build_failed(folders.target, result.report))
            _check_built_site(fresh, folders.target)
            count = sum(1 for path in fresh.rglob("*") if path.is_file())
            had_previous_site = folders.target.exists()
            _swap_in(fresh, folders)
        finally:
            _remove(fresh)
    message = f"Published {count} files to {folders.target}."
    if had_previous_site:
        message += (f"\nThe version it replaced is kept in {folders.previous}."
                    f"\nTo go back to it, run: practice-hub publish {target} --rollback")
    return message


def rollback(target: Path) -> str:
    """Swap TARGET and TARGET.previous, so running it twice returns to where you started."""
    folders = Folders(Path(os.path.abspath(target)))
    previous, live = folders.previous, folders.target
    if not previous.is_dir():
        raise PublishError(f"There is no earlier version to go back to: {previous} does not exist. "
                           f"{live} is unchanged.")
    with _lock(folders):
        try:
            if live.exists():
                hold = folders.scratch("rollback")
                os.rename(live, hold)
                _rename_or_restore(previous, live, restore=(hold, live))
                os.rename(hold, previous)
            else:
                os.rename(previous, live)
        except OSError as err:
            raise PublishError(f"Could not roll back {live}: {err}. Nothing was changed.") from err
    return (f"Rolled back: {live} now holds the version that was kept in {previous}.\n"
            f"The version it replaced is kept there instead; run the same command again to undo this.")


def _check_places(folders: Folders, config_file: Path) -> None:
    target = folders.target
    if not config_file.is_file():
        raise PublishError(f"Cannot find the site settings file {config_file}. Run the command in the "
                           "project folder, or name the file with --config.")
    if not target.parent.is_dir():
        raise PublishError(f"The folder {target.parent} does not exist, so {target} cannot be created there. "
                           "Check the path, or create the folder first.")
    if target.exists() and not target.is_dir():
        raise PublishError(f"{target} is a file, not a folder. Give the folder the site should be published to.")
    project = config_file.parent.resolve()
    resolved = target.resolve()
    if resolved == project or resolved in project.parents:
        raise PublishError(f"{target} holds the project's own files. Publish to a separate folder, "
                           "for example the web server's folder or a folder on the shared drive.")


def _check_built_site(fresh: Path, target: Path) -> None:
    if not (fresh / "index.html").is_file():
        raise PublishError(f"The build finished but made no home page (index.html), so nothing was "
                           f"published. {target} is exactly as it was.")


def _swap_in(fresh: Path, folders: Folders) -> None:
    """Two renames: live -> previous, fresh -> live; undo the first if the second fails."""
    live, previous = folders.target, folders.previous
    discarded = None
    try:
        if live.exists():
            if previous.exists():
                discarded = folders.scratch("old")
                os.rename(previous, discarded)
            _rename_or_restore(live, previous, restore=(discarded, previous) if discarded else None)
            _rename_or_restore(fresh, live, restore=(previous, live))
        else:
            os.rename(fresh, live)
    except OSError as err:
        if discarded and discarded.exists() and not previous.exists():
            os.rename(discarded, previous)
        raise PublishError(f"The new site was built but could not be moved into {live}: {err}. "
                           f"{live} is exactly as it was; nothing was published.") from err
    if discarded:
        _remove(discarded)


def _rename_or_restore(source: Path, dest: Path, restore: tuple[Path, Path] | None) -> None:
    """Rename ``source`` to ``dest``; if that fails, put ``restore`` back before re-raising."""
    try:
        os.rename(source, dest)
    except OSError:
        if restore:
            os.rename(*restore)
        raise


def _build_failed(target: Path, report: str) -> str:
    detail = "\n".join("  " + line for line in (report or "(the build gave no details)").splitlines())
    return (f"Nothing was published: the site did not build. {target} is exactly as it was.\n\n"
            f"What the build reported:\n{detail}\n\n"
            "Fix the problems above, then run the same command again.")


def _remove(folder: Path) -> None:
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _lock(folders: Folders) -> Iterator[None]:
    """Hold an exclusive lock on the target's parent folder while building and swapping."""
    if fcntl is None:
        yield
        return
    handle = os.open(folders.target.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as err:
            raise PublishError(f"Someone else is publishing to {folders.target.parent} right now. "
                               "Wait for them to finish, then try again.") from err
        except OSError:
            pass  # some network file systems cannot lock; publish without it
        yield
    finally:
        os.close(handle)
