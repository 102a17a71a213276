"""`practice-hub check-calendar`: check the training calendars without building the site."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..common.errors import SourceError
from . import service


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check-calendar", help="check the training calendar files and report every problem at once")
    parser.add_argument("--root", type=Path, default=Path("."), help="the folder holding mkdocs.yml (default: here)")
    parser.add_argument("--calendar-dir", default="training_calendar")
    parser.add_argument("--docs-dir", default="content")
    parser.add_argument("--topics", default="topics.yml")
    parser.add_argument("--timezone", default="Europe/London")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    sources = service.Sources(root=root, calendar_dir=root / args.calendar_dir,
                              docs_dir=root / args.docs_dir, topics_file=root / args.topics,
                              timezone=args.timezone)
    try:
        calendar, _ = service.load(sources)
    except SourceError as err:
        print(f"The training calendar has problems. Nothing was published.\n{err.report()}")
        return 1
    sessions = calendar.sessions()
    cancelled = sum(s.is_cancelled for s in sessions)
    print(f"The training calendar is fine: {len(calendar.courses)} courses, {len(sessions)} sessions "
          f"({cancelled} cancelled).")
    return 0
