"""`practice-hub new-bulletin YYYY-MM`: scaffold the next edition."""
from __future__ import annotations

import argparse
from pathlib import Path

from .scaffold import ScaffoldError, latest_editor, new_edition


def register(subparsers) -> None:
    parser = subparsers.add_parser("new-bulletin", help="start a new bulletin edition as a draft")
    parser.add_argument("month", help="the edition's month as year-month, e.g. 2027-01")
    parser.add_argument("--bulletins-dir", type=Path, default=Path("bulletins"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        folder = new_edition(args.bulletins_dir, args.month, **latest_editor(args.bulletins_dir))
    except ScaffoldError as err:
        print(err)
        return 1
    print(f"Created {folder}/ with index.md (status: draft) and 01-first-article.md.\n"
          "Preview it with `make serve`; set `status: published` when it is ready.")
    return 0
