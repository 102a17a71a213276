"""`practice-hub publish TARGET`: build strictly, then swap the new site into TARGET in one step."""
from __future__ import annotations

import argparse
from pathlib import Path

from .publisher import PublishError, publish, rollback


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "publish", help="build the site strictly and, only if it passes, swap it into TARGET (old copy kept)",
        description="Build the site into a fresh folder beside TARGET with every check switched on. Only when "
                    "the build passes is it swapped into TARGET; the version it replaces is kept in "
                    "TARGET.previous. A failed build leaves TARGET exactly as it was.")
    parser.add_argument("target", type=Path, help="the live folder the site is served from")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"),
                        help="the site settings file (default: mkdocs.yml here)")
    parser.add_argument("--rollback", action="store_true",
                        help="put TARGET.previous back in place (run it again to undo)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        if args.rollback:
            print(rollback(args.target))
        else:
            def announce() -> None:
                print(f"Building the site from {args.config} and checking every page, link and source file...",
                      flush=True)
            print(publish(args.target, args.config, on_build_start=announce))
    except PublishError as err:
        print(err)
        return 1
    return 0
