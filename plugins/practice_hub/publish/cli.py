"""`practice-hub publish TARGET`: build strictly, then switch TARGET to the new release in one step."""
from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from .publisher import DEFAULT_KEEP, PublishError, list_releases, publish, rollback

_STOP_SIGNALS = ("SIGTERM", "SIGHUP")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "publish", help="build the site strictly and, only if it passes, make it live at TARGET in one step",
        description="Build the site with every check switched on into a new release beside TARGET "
                    "(in TARGET.releases). Only when the build passes, and takes nothing away that the live "
                    "site has (or you confirm with --yes), TARGET is switched to it in one atomic step. "
                    "TARGET must be new, empty, or made by publish.")
    parser.add_argument("target", type=Path, help="the live path the site is served from (publish makes it a link)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"),
                        help="the site settings file (default: mkdocs.yml here)")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--rollback", action="store_true", help="go back to the release before the live one "
                        "(run it again to go back further)")
    action.add_argument("--to", metavar="RELEASE", help="make a kept release live again (name or number from --list)")
    action.add_argument("--list", action="store_true", help="list the kept releases with date and source commit")
    parser.add_argument("--keep", type=_at_least_one, default=DEFAULT_KEEP,
                        help=f"how many releases to keep, the live one included (default {DEFAULT_KEEP})")
    parser.add_argument("--yes", action="store_true",
                        help="publish even if pages, feeds or calendar events would disappear")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    _stop_cleanly_on_signals()
    try:
        if args.list:
            print(list_releases(args.target))
        elif args.rollback or args.to:
            print(rollback(args.target, to=args.to))
        else:
            def announce() -> None:
                print(f"Building the site from {args.config} and checking every page, link and source file...",
                      flush=True)
            print(publish(args.target, args.config, keep=args.keep, yes=args.yes,
                          confirm=_ask if sys.stdin.isatty() else None, on_build_start=announce))
    except PublishError as err:
        print(err)
        return 1
    except OSError as err:  # anything the publisher did not put into words already
        print(f"Publishing stopped: {err}. Run --list to see which release is live, then try again.")
        return 1
    except KeyboardInterrupt:
        print(f"Stopped. {args.target} shows whatever it showed before the last complete switch.")
        return 130
    return 0


def _ask(listing: str) -> bool:
    print(f"{listing}\n")
    try:
        answer = input("Publish anyway? Type yes to go ahead: ")
    except EOFError:
        return False
    return answer.strip().lower() == "yes"


def _stop_cleanly_on_signals() -> None:
    """SIGTERM/SIGHUP stop publish like Ctrl-C: the build is killed and scratch folders removed."""
    def stop(signum, frame):
        raise KeyboardInterrupt
    for name in _STOP_SIGNALS:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)


def _at_least_one(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("keep at least 1 release (the live one)")
    return value
