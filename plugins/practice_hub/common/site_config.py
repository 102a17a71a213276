"""mkdocs.yml checked the way every other source is, before MkDocs reads it.

MkDocs stops with a Python traceback on some mistakes in its own settings file (an impossible
date such as 2026-09-31, a line YAML cannot read); front ends run this check first so the
author gets the file, the line and how to fix it instead.
"""
from __future__ import annotations

import re
from pathlib import Path

from .errors import Problems, SourceError
from .sources import read_source_text
from .yamlsource import LineDict, LineList, SettingsLoader, load_yaml_text, parse_date

_LOOKS_LIKE_A_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def check_settings_file(path: Path, display_name: str = "mkdocs.yml") -> Problems:
    problems = Problems()
    text = read_source_text(path, display_name, path.parent, problems)
    if text is None:
        return problems
    try:
        settings = load_yaml_text(text, display_name, loader_class=SettingsLoader)
    except SourceError as err:
        problems.extend(err.problems)
        return problems
    if not isinstance(settings, dict):
        problems.add(display_name, 1, "the settings file should be a list of `name: value` lines.",
                     "start again from the example mkdocs.yml in the README.")
        return problems
    _check_dates(settings, display_name, problems)
    return problems


def _check_dates(node, name: str, problems: Problems, line: int | None = None) -> None:
    """Every value written like a date must be a real one (MkDocs would crash on 2026-09-31)."""
    if isinstance(node, LineDict):
        for key, value in node.items():
            _check_dates(value, name, problems, node.line_of(key))
    elif isinstance(node, LineList):
        for index, value in enumerate(node):
            _check_dates(value, name, problems, node.line_of(index))
    elif isinstance(node, str) and _LOOKS_LIKE_A_DATE.fullmatch(node) and parse_date(node) is None:
        problems.add(name, line, f'"{node}" is not a real date.',
                     "write the date as year-month-day with two-digit month and day, like 2026-09-30.")
