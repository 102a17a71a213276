"""Publish a site so that nothing can be lost: build a new release, then switch one link.

TARGET is a symbolic link to a complete release folder in TARGET.releases (see layout.py).
A publish builds the new release beside the others, checks it, flushes it to disk, then
replaces the link with a single rename() — atomic on POSIX, so a reader or web server sees the
old site or the new one, never half of either. Rollback is the same switch to an older release.
A run that is killed leaves only scratch entries with their own prefixes, which the next run
removes before doing anything else.
"""
from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

from . import switch
from .build import BuildResult, build_site
from .changes import describe, what_disappears
from .durable import fsync_path, fsync_tree, write_durably
from .errors import PublishError
from .faults import checkpoint
from .guard import TargetState, check_target
from .layout import (BUILDING, DELETING, EARLIER_LEFTOVER, LINK, MIGRATING, RELEASE_MARKER, RELEASES_MARKER,
                     Layout, Release, complete_releases, count_files, is_release_name, looks_like_earlier_site,
                     release_marker_text, release_name, release_number)
from .lock import LockBusy, PublishLock

__all__ = ["DEFAULT_KEEP", "PublishError", "publish", "rollback", "list_releases"]

DEFAULT_KEEP = 5
Confirm = Callable[[str], bool]


@dataclass
class Progress:
    """How far a run got, so an error message can say truthfully what is live."""

    target: Path
    live_changed: bool = False

    def unchanged(self) -> str:
        if self.live_changed:
            return f"The new site is already live at {self.target}; only the tidying up after the switch failed."
        return f"Nothing was published: {self.target} is exactly as it was."


def publish(target: Path, config_file: Path, *, keep: int = DEFAULT_KEEP, yes: bool = False,
            confirm: Confirm | None = None, build: Callable[..., BuildResult] | None = None,
            on_build_start: Callable[[], None] = lambda: None, say: Callable[[str], None] = print) -> str:
    """Build ``config_file`` into a new release and make it live at ``target``; return what happened."""
    layout, config_file = _layout(target), Path(os.path.abspath(config_file))
    if not config_file.is_file():
        raise PublishError(f"Cannot find the site settings file {config_file}. Run the command in the "
                           "project folder, or name the file with --config.")
    state = check_target(layout, config_file)
    progress = Progress(layout.target)
    with _plain_errors(layout, progress), _locked(layout, say) as lock:
        _migrate_if_earlier_version(layout, state, say)
        previous = layout.live_release()
        on_build_start()
        building = layout.releases / f"{BUILDING}{os.getpid()}"
        try:
            for note in _build_into(building, layout, config_file, build or build_site, lock):
                say(note)
            _confirm_nothing_lost(layout, building, yes, confirm)
            release = _seal_release(layout, building, config_file.parent)
            try:
                switch.point_live_at(layout, release.name, progress)
            except BaseException:
                # Never live: not a release anyone can want back. Asks the link itself, since a
                # signal can land between the rename and the line after it.
                if layout.live_release() != release.name:
                    _delete_release(layout, release.path)
                raise
        finally:
            _remove_tree(building)
        for note in prune(layout, keep):
            say(note)
    return _published_message(layout, release, previous, target)


def rollback(target: Path, *, to: str | None = None, say: Callable[[str], None] = print) -> str:
    """Point TARGET at the release before the live one (or at release ``to``)."""
    layout = _layout(target)
    state = check_target(layout, None)
    if (state in (TargetState.NEW, TargetState.EMPTY_FOLDER) and not complete_releases(layout)
            and not looks_like_earlier_site(layout.earlier_previous)):
        raise PublishError(f"Nothing has been published to {layout.target} yet, so there is nothing to go back to.")
    progress = Progress(layout.target)
    with _plain_errors(layout, progress), _locked(layout, say):
        _migrate_if_earlier_version(layout, state, say)
        live = layout.live_release()
        chosen = _chosen_release(layout, live, to)
        switch.point_live_at(layout, chosen.name, progress)
    done = "Switched" if to is not None else "Rolled back"
    lines = [f"{done}: {layout.target} now shows release {_describe_release(chosen)}."]
    if live and live != chosen.name:
        lines.append(f"Release {live} is still kept; to return to it, run: practice-hub publish {target} --to {live}")
    lines.append("Run --rollback to go back one more; --list shows every release.")
    return "\n".join(lines)


def list_releases(target: Path) -> str:
    layout = _layout(target)
    releases = complete_releases(layout)
    if not releases:
        return f"No releases are kept for {layout.target}."
    live = layout.live_release()
    lines = [f"Releases of {layout.target} (kept in {layout.releases}), newest first:"]
    for release in reversed(releases):
        mark = "  <- live" if release.name == live else ""
        lines.append(f"  {_describe_release(release)}{mark}")
    lines.append(f"Go back one with --rollback, or to any of them with --to <release>, e.g. --to {releases[0].name}")
    return "\n".join(lines)


def prune(layout: Layout, keep: int) -> list[str]:
    """Delete all but the newest ``keep`` releases (never the live one)."""
    releases, live = complete_releases(layout), layout.live_release()
    kept = {release.name for release in releases[-keep:]} | {live}
    deleted = []
    for release in releases:
        if release.name not in kept:
            _delete_release(layout, release.path)
            deleted.append(release.name)
    return [f"Deleted old releases (keeping the newest {keep}): {', '.join(deleted)}."] if deleted else []


def _delete_release(layout: Layout, folder: Path) -> None:
    doomed = layout.releases / f"{DELETING}{folder.name}"  # never looks like a release again
    os.rename(folder, doomed)
    checkpoint("pruning")
    _remove_tree(doomed)


# --- the steps of a publish -------------------------------------------------------------------

def _build_into(building: Path, layout: Layout, config_file: Path, build, lock: PublishLock) -> tuple[str, ...]:
    """Build into ``building``; return what the build told the author on the way."""
    def started(pid: int) -> None:
        lock.record_build(pid, building)
        checkpoint("build-running")

    live = _live_folder(layout)
    result = build(config_file, building, previous_site=live, on_start=started)
    if not result.ok:
        raise PublishError(_build_failed(layout, result.report))
    if not (building / "index.html").is_file():
        raise PublishError(f"The build finished but made no home page (index.html), so nothing was "
                           f"published. {layout.target} is exactly as it was.")
    checkpoint("built")
    return result.notes


def _confirm_nothing_lost(layout: Layout, building: Path, yes: bool, confirm: Confirm | None) -> None:
    live = _live_folder(layout)
    if yes or live is None:
        return
    gone = what_disappears(live, building)
    if not gone:
        return
    listing = describe(gone)
    if confirm is not None and confirm(listing):
        return
    raise PublishError(f"Nothing was published: the new build would take things away from the live site.\n\n"
                       f"{listing}\n\nIf that is what you meant, run the same command again with --yes. "
                       f"{layout.target} is exactly as it was.")


def _seal_release(layout: Layout, building: Path, project: Path) -> Release:
    """Give the built site its marker, flush it all to disk and rename it to its release name."""
    now = datetime.now(timezone.utc)
    commit, note = _source_commit(project)
    name = release_name(_next_number(layout), now)
    release = Release(name, layout.releases / name, now.isoformat(timespec="seconds"), commit,
                      count_files(building), note)
    write_durably(building / RELEASE_MARKER, release_marker_text(release))
    fsync_tree(building)
    os.rename(building, release.path)
    fsync_path(layout.releases)
    checkpoint("release-ready")
    return release


def _chosen_release(layout: Layout, live: str | None, to: str | None) -> Release:
    releases = complete_releases(layout)
    if to is not None:
        for release in releases:
            if to in (release.name, release.name.split("-", 1)[0], release.name.split("-", 1)[0].lstrip("0")):
                return release
        raise PublishError(f"There is no release {to!r} for {layout.target}. {layout.target} is unchanged.\n"
                           + list_releases(layout.target))
    older = [release for release in releases if live is None or release.number < release_number(live)]
    if not older:
        raise PublishError(f"There is no earlier release to go back to. {layout.target} is unchanged.\n"
                           + list_releases(layout.target))
    return older[-1]


# --- making TARGET.releases, migrating an earlier version, tidying up ---------------------------

@contextlib.contextmanager
def _locked(layout: Layout, say: Callable[[str], None]) -> Iterator[PublishLock]:
    _prepare_releases(layout)
    lock = PublishLock(layout.lock_file)
    try:
        lock.acquire()
    except LockBusy as busy:
        holder = busy.holder
        who = f"process {holder.get('pid', '?')} on {holder.get('host', '?')}, since {holder.get('started', '?')}"
        raise PublishError(f"Someone else is publishing to {layout.target} right now ({who}). Wait for them to "
                           f"finish, then try again. {layout.target} is unchanged.") from None
    try:
        for note in clean_leftovers(layout, lock.stale):
            say(note)
        yield lock
    finally:
        lock.release()


def _prepare_releases(layout: Layout) -> None:
    """Create TARGET.releases with its marker, and check the drive can do what publish needs."""
    releases, created = layout.releases, False
    try:
        os.mkdir(releases)
        created = True
    except FileExistsError:
        pass
    try:
        if not (releases / RELEASES_MARKER).is_file():
            write_durably(releases / RELEASES_MARKER,
                          f"Releases of the site published at {layout.target} by practice-hub publish.\n")
            fsync_path(releases)
        if created:
            fsync_path(releases.parent)
        switch.check_same_drive(layout)
        switch.check_links_work(layout)
    except BaseException:
        if created:
            _remove_tree(releases)
        raise


def _migrate_if_earlier_version(layout: Layout, state: TargetState, say: Callable[[str], None]) -> None:
    """Once: turn an earlier version's plain folders (TARGET.previous, TARGET) into releases."""
    if state is TargetState.PUBLISHED or layout.target.is_symlink():
        return
    previous = layout.earlier_previous
    if looks_like_earlier_site(previous):  # also when a killed earlier rollback left no TARGET
        _adopt_earlier_previous(layout, previous)
        say(f"{previous} (the site an earlier version kept for rollback) is now a release in {layout.releases}.")
    elif previous.exists():
        say(f"{previous} was left as it is: it does not look like a site publish made.")
    if state is TargetState.EARLIER_VERSION:
        number = _next_number(layout)
        name = switch.copy_in_place_as_release(layout, number, _modified(layout.target / "index.html"))
        if not switch.replace_folder_with_link(layout, name):
            say(f"Warning: this drive cannot swap a folder for a link in one step, so {layout.target} was "
                "missing for an instant while it became a link. Later switches are one step.")
        say(f"{layout.target} was a plain folder published by an earlier version; it is now a link to release "
            f"{name} in {layout.releases} (same files), so every later switch happens in one step.")


def _adopt_earlier_previous(layout: Layout, previous: Path) -> None:
    """Not served, so a marker and one rename make it a release."""
    published = _modified(previous / "index.html")
    name = release_name(_next_number(layout), published)
    write_durably(previous / RELEASE_MARKER, release_marker_text(Release(
        name, previous, published.isoformat(timespec="seconds"), None, count_files(previous),
        f"kept as {previous.name} by an earlier version of publish")))
    fsync_tree(previous)
    os.rename(previous, layout.releases / name)
    fsync_path(layout.releases)
    fsync_path(layout.target.parent)
    checkpoint("migrated-previous")


def clean_leftovers(layout: Layout, stale: dict | None) -> list[str]:
    """Find what a killed run left behind and remove it (or say why it was left alone)."""
    notes = []
    if stale:
        notes.append(f"An earlier publish (process {stale.get('pid', '?')}, started {stale.get('started', '?')}) "
                     "was stopped before it finished; tidying up after it.")
        _stop_orphaned_build(stale)
    removed, left = [], []
    for entry in sorted(layout.releases.iterdir()):
        verdict = _leftover_verdict(layout, entry)
        if verdict == "remove":
            _remove_tree(entry)
            removed.append(entry.name)
        elif verdict:
            left.append(f"{entry} ({verdict})")
    if removed:
        notes.append(f"Removed what an interrupted run left in {layout.releases}: {', '.join(removed)}.")
    notes += [f"Left alone: {item}." for item in left]
    notes += _restore_missing_link(layout)
    for entry in sorted(layout.target.parent.glob(f"{layout.target.name}.*-*")):
        if EARLIER_LEFTOVER.fullmatch(entry.name[len(layout.target.name):]):
            notes.append(f"{entry} was left by a publish of an earlier version that was stopped; publish does "
                         "not use it. Look inside, then delete it or keep what you need.")
    return notes


def _leftover_verdict(layout: Layout, entry: Path) -> str | None:
    """'remove' for our own scratch entries, a reason for anything odd, None for what belongs."""
    name = entry.name
    if name.startswith((BUILDING, DELETING)):
        return "remove"
    if name.startswith(LINK):
        return "remove" if entry.is_symlink() else "not a link, though named like one"
    if name.startswith(MIGRATING):
        release = layout.releases / name[len(MIGRATING):]
        if entry.is_symlink() or (release / RELEASE_MARKER).is_file():
            return "remove"  # the earlier folder's files are all in that release
        return "an earlier live folder whose release copy is missing"
    if is_release_name(name) and not (entry / RELEASE_MARKER).is_file():
        return "named like a release but without its marker, so not used"
    return None


def _restore_missing_link(layout: Layout) -> list[str]:
    """A switch without one-step exchange stopped halfway: put the live link back."""
    if layout.target.is_symlink():
        if not layout.target.exists():
            return [f"{layout.target} points at {os.readlink(layout.target)}, which does not exist. "
                    "Publish again, or go to a kept release with --to."]
        return []
    releases = complete_releases(layout)
    if layout.target.exists() or not releases:
        return []
    switch.point_live_at(layout, releases[-1].name, Progress(layout.target))
    return [f"{layout.target} was missing (a switch was interrupted); it shows release {releases[-1].name} again."]


def _stop_orphaned_build(stale: dict) -> None:
    """Stop build processes a killed publish left running (only ones working on its folder)."""
    group, building = stale.get("build_group"), stale.get("building")
    if not group or not building or not Path("/proc").is_dir():
        return
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            in_group = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[2]) == int(group)
            ours = building.encode() in (proc / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if in_group and ours:
            with contextlib.suppress(OSError):
                os.kill(int(proc.name), signal.SIGKILL)


# --- small helpers ------------------------------------------------------------------------------

def _layout(target: Path) -> Layout:
    return Layout(Path(os.path.abspath(target)))


def _live_folder(layout: Layout) -> Path | None:
    """The release folder TARGET shows, if it shows one."""
    return layout.target.resolve() if layout.live_release() and layout.target.exists() else None


def _next_number(layout: Layout) -> int:
    numbers = [release_number(entry.name.removeprefix(DELETING)) for entry in layout.releases.iterdir()
               if is_release_name(entry.name.removeprefix(DELETING))]
    return max(numbers, default=0) + 1


def _source_commit(project: Path) -> tuple[str | None, str]:
    """The project's git commit, and a note if the working tree had changes."""
    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() if done.returncode == 0 else None
    commit = git("rev-parse", "HEAD")
    if commit is None:  # not a git checkout, or no git: the list says "no commit recorded"
        return None, ""
    return commit, ("built with uncommitted changes" if git("status", "--porcelain") else "")


def _modified(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).replace(microsecond=0)


def _describe_release(release: Release) -> str:
    when = release.published.replace("T", " ").replace("+00:00", " UTC")
    commit = f"commit {release.commit[:12]}" if release.commit else "no commit recorded"
    extra = f", {release.note}" if release.note else ""
    return f"{release.name}  published {when}  {commit}  {release.files} files{extra}"


def _published_message(layout: Layout, release: Release, previous: str | None, target: Path) -> str:
    lines = [f"Published {release.files} files to {layout.target} (release {release.name}"
             + (f", commit {release.commit[:12]}" if release.commit else "") + ")."]
    if previous:
        lines.append(f"The version it replaced is kept as release {previous}.\n"
                     f"To go back to it, run: practice-hub publish {target} --rollback")
    return "\n".join(lines)


def _build_failed(layout: Layout, report: str) -> str:
    for code, words in ((errno.ENOSPC, "No space left on device"), (errno.EROFS, "Read-only file system")):
        if words in report:
            return plain_os_error(OSError(code, os.strerror(code), str(layout.releases)), layout, Progress(layout.target))
    detail = "\n".join("  " + line for line in (report or "(the build gave no details)").splitlines())
    return (f"Nothing was published: the site did not build. {layout.target} is exactly as it was.\n\n"
            f"What the build reported:\n{detail}\n\n"
            "Fix the problems above, then run the same command again.")


def _remove_tree(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def _plain_errors(layout: Layout, progress: Progress) -> Iterator[None]:
    """Turn a failing file operation into a message people can act on (never a traceback)."""
    try:
        yield
    except OSError as err:
        raise PublishError(plain_os_error(err, layout, progress)) from err


def plain_os_error(err: OSError, layout: Layout, progress: Progress) -> str:
    where = err.filename or layout.target.parent
    after = progress.unchanged()
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return (f"The drive holding {where} is full (no space left). {after} Free some space (older releases "
                f"are in {layout.releases}; keep fewer with --keep), then run the same command again.")
    if err.errno == errno.EROFS:
        return (f"{where} is on a read-only drive, so publish cannot write there. {after} "
                "Ask IT to make it writable, or publish to a folder on a writable drive.")
    if err.errno in (errno.EACCES, errno.EPERM):
        return (f"Publish is not allowed to change {where} (permission denied). {after} Run it as the user that "
                "owns the site folder, or ask IT for write access to it.")
    if err.errno == errno.EXDEV:
        return (f"{layout.releases} and {layout.target} are on different drives, so the site cannot be switched "
                f"in one step. {after} Keep {layout.releases.name} as a plain folder beside {layout.target.name}.")
    if err.errno == errno.ENOENT:
        return (f"{where} does not exist (was it moved or deleted while publish ran?). {after} "
                "Check the path, then run the same command again.")
    return f"Publishing stopped: {err.strerror or err} ({where}). {after}"
