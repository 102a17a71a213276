"""mkdocs.yml checked the way every other source is, before MkDocs reads it.

MkDocs stops with a Python traceback on some mistakes in its own settings file (an impossible
date such as 2026-09-31, a line YAML cannot read); front ends run this check first so the
author gets the file, the line and how to fix it instead.
"""
from __future__ import annotations

import re
from pathlib import Path

from .errors import Problems
from .sources import read_source_text
from .yamlsource import LineDict, LineList, SettingsLoader, load_yaml_text, parse_date

_LOOKS_LIKE_A_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def read_settings_file(path: Path, display_name: str = "mkdocs.yml") -> dict:
    """mkdocs.yml as plain data (MkDocs' own tags as placeholders), checked: a SourceError lists
    every problem with its line."""
    problems = Problems()
    text = read_source_text(path, display_name, path.parent, problems)
    problems.raise_if_any()
    settings = load_yaml_text(text, display_name, loader_class=SettingsLoader)
    if not isinstance(settings, dict):
        problems.add(display_name, 1, "the settings file should be a list of `name: value` lines.",
                     "start again from the example mkdocs.yml in the README.")
    else:
        _check_dates(settings, display_name, problems)
    problems.raise_if_any()
    return settings


def setting(settings: dict, name: str, default: str) -> str:
    """A folder setting such as `docs_dir` or `site_dir`, or MkDocs' default when it is not set."""
    value = settings.get(name)
    return value if isinstance(value, str) and value.strip() else default


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
