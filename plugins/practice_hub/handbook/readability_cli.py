"""`practice-hub readability`: the plain-English check for handbook pages, without building.

The target grade is the one every build reports against: `reading_grade` of practice-hub/handbook
in mkdocs.yml (default 9); `--grade` overrides it for one run."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..common.errors import SourceError
from ..common.site_config import read_settings_file, setting
from ..hub import _plugin_options
from . import readability


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "readability", help="reading grade, long sentences and passive voice for every handbook page")
    parser.add_argument("pages", nargs="*", type=Path, help="pages to check (default: every page in --docs-dir)")
    parser.add_argument("--root", type=Path, default=Path("."), help="the folder holding mkdocs.yml (default: here)")
    parser.add_argument("--docs-dir", default=None, help="the handbook pages' folder (default: docs_dir in mkdocs.yml)")
    parser.add_argument("--grade", type=float, default=None,
                        help="the highest reading grade a page may have (default: reading_grade of "
                             f"practice-hub/handbook in mkdocs.yml, or {readability.DEFAULT_GRADE:g})")
    parser.add_argument("--report", type=Path, help="also write the report to this file")
    parser.add_argument("--brief", action="store_true", help="the table only, without each page's long sentences")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        settings = _settings(args.root / "mkdocs.yml")
        grade = args.grade if args.grade is not None else _configured_grade(settings)
    except SourceError as err:
        print(err)
        return 2
    except ValueError as err:
        print(f"{args.root / 'mkdocs.yml'}: reading_grade of practice-hub/handbook: {err}")
        return 2
    docs = (args.root / (args.docs_dir or setting(settings, "docs_dir", "docs" if settings else "content"))).resolve()
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
    text = readability.report_text(reports, grade, details=not args.brief)
    print(text, end="")
    if args.report:
        args.report.write_text(text, encoding="utf-8")
    over = readability.summary(reports, grade)["over_target"]
    return 1 if over else 0


def _settings(config_file: Path) -> dict:
    """mkdocs.yml as plain data, or nothing when there is none (pages checked on their own)."""
    return read_settings_file(config_file) if config_file.is_file() else {}


def _configured_grade(settings: dict) -> float:
    handbook = _plugin_options(settings.get("plugins") or []).get("practice-hub/handbook", {})
    return readability.reading_grade(handbook.get("reading_grade", readability.DEFAULT_GRADE))

