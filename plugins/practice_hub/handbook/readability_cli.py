"""`practice-hub readability`: the plain-English check for handbook pages, without building."""
from __future__ import annotations

import argparse
from pathlib import Path

from . import readability


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "readability", help="reading grade, long sentences and passive voice for every handbook page")
    parser.add_argument("pages", nargs="*", type=Path, help="pages to check (default: every page in --docs-dir)")
    parser.add_argument("--root", type=Path, default=Path("."), help="the folder holding mkdocs.yml (default: here)")
    parser.add_argument("--docs-dir", default="content")
    parser.add_argument("--grade", type=float, default=readability.DEFAULT_GRADE,
                        help=f"the highest reading grade a page may have (default {readability.DEFAULT_GRADE:g})")
    parser.add_argument("--report", type=Path, help="also write the report to this file")
    parser.add_argument("--brief", action="store_true", help="the table only, without each page's long sentences")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    docs = (args.root / args.docs_dir).resolve()
    if args.pages:
        reports = []
        for page in args.pages:
            if not page.is_file():
                print(f"{page}: no such page — give the path of a Markdown file.")
                return 2
            name = page.resolve().relative_to(docs).as_posix() if page.resolve().is_relative_to(docs) else str(page)
            reports.append(readability.check_text(page.read_text(encoding="utf-8"), name))
    else:
        if not docs.is_dir():
            print(f"{docs}: no such folder — run from the folder holding mkdocs.yml, or give --root.")
            return 2
        reports = readability.check_folder(docs)
    text = readability.report_text(reports, args.grade, details=not args.brief)
    print(text, end="")
    if args.report:
        args.report.write_text(text, encoding="utf-8")
    over = readability.summary(reports, args.grade)["over_target"]
    return 1 if over else 0


def build_summary(docs_dir: Path, target: float = readability.DEFAULT_GRADE) -> str:
    """The plain-English line `practice-hub build` prints after a build (it never fails a build)."""
    if not docs_dir.is_dir():
        return ""
    stats = readability.summary(readability.check_folder(docs_dir), target)
    head = f"Plain English: median reading grade {stats['median_grade']:.1f} over {stats['pages']} pages"
    if not stats["over_target"]:
        return f"{head}; every page at grade {target:g} or lower."
    return (f"{head}; {len(stats['over_target'])} over grade {target:g}: {', '.join(stats['over_target'])}. "
            "Run `practice-hub readability` for the sentences to shorten.")
