"""`practice-hub check`: every source checked the way the build checks it, without building.

A front end of its own (no MkDocs): it reads mkdocs.yml, loads the hub and reports every
problem at once, with the same messages `mkdocs build` and `practice-hub build` print.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from .common.errors import SourceError
from .common.site_config import read_settings_file
from .hub import Hub, HubSettings


def load_hub(config_file: Path, *, include_drafts: bool = False) -> Hub:
    """The hub for the project whose settings are ``config_file``; SourceError lists every problem."""
    settings = read_settings_file(config_file, config_file.name)
    return Hub.load(HubSettings.from_mkdocs_settings(settings, config_file.parent.resolve(),
                                                     include_drafts=include_drafts))


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check", help="check every source (handbook, glossary, topics, training calendar, bulletins) without building",
        description="Read and check every source the site is built from and list every problem at once, "
                    "with the file, the line and how to fix it. Nothing is built or changed.")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the settings file (default: mkdocs.yml)")
    parser.add_argument("--drafts", action="store_true", help="check draft bulletins too, as the preview shows them")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if not args.config.is_file():
        print(f"There is no {args.config} here: run this in the project folder, or name the file with --config.")
        return 1
    try:
        hub = load_hub(args.config, include_drafts=args.drafts)
    except SourceError as err:
        print(f"{err.report()}\nNothing was built or published.")
        return 1
    sessions = len(hub.calendar.sessions()) if hub.calendar is not None else 0
    print(f"Everything checks out: {len(hub.handbook)} handbook pages, {len(hub.terms)} glossary entries, "
          f"{len(hub.topics)} topics, {sessions} training sessions, {len(hub.editions)} bulletin editions.")
    return 0
