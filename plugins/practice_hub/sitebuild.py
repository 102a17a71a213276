"""`practice-hub build` (what `make site` runs): build into a fresh folder, put it in place only
when the build passes, so a failed build never damages the site that was there before.

Plain `mkdocs build` empties `site/` first and writes pages as it goes: a problem found late
(MkDocs' own strict-mode warnings come after the pages are written) leaves a half-built site.
Here the build runs, strictly, into a hidden folder beside `site/`; only a clean build is
swapped in, in one step where Linux allows (renameat2 RENAME_EXCHANGE), and the old copy is
then removed. Folders left by a build that was killed are removed by the next one.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from .common.errors import SourceError
from .common.site_config import read_settings_file, setting
from .publish.build import build_site
from .publish.lock import process_alive
from .publish.switch import exchange


class SiteBuildFailed(Exception):
    """The build stopped; the message says why, and the earlier site is as it was."""


def read_settings(config_file: Path) -> dict:
    """mkdocs.yml, checked with line numbers before MkDocs reads it."""
    try:
        return read_settings_file(config_file, config_file.name)
    except SourceError as err:
        raise SiteBuildFailed(err.report() + "\nNothing was built; the site was not changed.") from None


def build(config_file: Path, site_dir: Path | None = None, settings: dict | None = None,
          notes: list[str] | None = None) -> Path:
    """Build the site of ``config_file`` into ``site_dir`` (default: its `site_dir` setting).

    ``notes`` gets what the build told the author (such as the plain-English report)."""
    config_file = config_file.resolve()
    settings = settings if settings is not None else read_settings(config_file)
    site_dir = (site_dir or config_file.parent / setting(settings, "site_dir", "site")).absolute()
    if site_dir.exists() and not site_dir.is_dir():
        raise SiteBuildFailed(f"{site_dir} is a file, not a folder: move it away, then build again.")
    _remove_leftovers(site_dir)
    fresh = site_dir.with_name(f".{site_dir.name}.building-{os.getpid()}")
    result = build_site(config_file, fresh)
    if not result.ok:
        shutil.rmtree(fresh, ignore_errors=True)
        raise SiteBuildFailed((result.report or "The build failed.") + f"\n\nThe site in {site_dir} was not changed.")
    _put_in_place(fresh, site_dir)
    if notes is not None:
        notes.extend(result.notes)
    return site_dir


def _put_in_place(fresh: Path, site_dir: Path) -> None:
    if not site_dir.exists():
        os.rename(fresh, site_dir)
        return
    if not exchange(fresh, site_dir):
        # No atomic exchange here (not Linux, or an old kernel): two renames, a moment apart.
        old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
        os.rename(site_dir, old)
        os.rename(fresh, site_dir)
        fresh = old
    shutil.rmtree(fresh, ignore_errors=True)   # now the previous site


def _remove_leftovers(site_dir: Path) -> None:
    """Folders of builds that were killed before they finished (their process is gone)."""
    for pattern in (f".{site_dir.name}.building-*", f".{site_dir.name}.old-*"):
        for leftover in site_dir.parent.glob(pattern):
            pid = leftover.name.rsplit("-", 1)[-1]
            if pid.isdigit() and not process_alive(int(pid)):
                shutil.rmtree(leftover, ignore_errors=True)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "build", help="build the site strictly; replace site/ only if the build passes",
        description="Check mkdocs.yml and every source, build the whole site strictly into a fresh folder, and "
                    "only if the build passes put it in place of the site folder. A failed build leaves the "
                    "earlier site exactly as it was.")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the settings file (default: mkdocs.yml)")
    parser.add_argument("--site-dir", type=Path, default=None, help="where the site goes (default: site_dir in mkdocs.yml)")
    parser.set_defaults(handler=run)


def run(args) -> int:
    if not args.config.is_file():
        print(f"There is no {args.config} here: run this in the project folder, or name the file with --config.")
        return 1
    try:
        settings = read_settings(args.config)
        notes: list[str] = []
        site = build(args.config, args.site_dir, settings, notes)
    except SiteBuildFailed as err:
        print(err)
        return 1
    except OSError as err:
        print(f"The new site could not be put in place ({err.strerror}: {err.filename}). "
              "The earlier site was not changed; check the disk has space and you may write there.")
        return 1
    print(f"The site is built in {site}.")
    for note in notes:   # from the build's log: the plain-English report, sessions published as cancelled...
        print(note)
    return 0
