"""The accessibility statement, generated from `extra.accessibility` in mkdocs.yml and following
the structure of the GOV.UK model statement for public sector websites."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import jinja2

from ..common.errors import Problems
from ..common.yamlsource import parse_date

PAGE = "accessibility.md"
REQUIRED = ("contact_email", "prepared", "last_reviewed")
STATUSES = {"full": "fully compliant", "partial": "partially compliant", "not": "not compliant"}

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
                          autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)


def check_settings(settings, config_name: str = "mkdocs.yml") -> dict:
    """The settings with dates parsed; every missing or wrong value is a clear problem."""
    problems = Problems()
    fix = ("add it under `extra: accessibility:` in mkdocs.yml, for example:\n"
           "      extra:\n        accessibility:\n          contact_email: web@example.gov.uk\n"
           "          prepared: 2026-09-01\n          last_reviewed: 2026-11-01")
    if not isinstance(settings, dict):
        problems.add(config_name, None, "the accessibility statement settings are missing.", fix)
        problems.raise_if_any()
    for key in REQUIRED:
        if not settings.get(key):
            problems.add(config_name, None, f"the accessibility statement needs `{key}`.", fix)
    parsed = dict(settings)
    for key in ("prepared", "last_reviewed", "tested"):
        if settings.get(key):
            value = parse_date(str(settings[key]))
            if value is None:
                problems.add(config_name, None, f'`accessibility: {key}:` "{settings[key]}" is not a real date.',
                             "write it as year-month-day, like 2026-11-01.")
            parsed[key] = value
    status = settings.get("compliance", "partial")
    if status not in STATUSES:
        problems.add(config_name, None, f'`accessibility: compliance:` "{status}" is not one of {", ".join(STATUSES)}.',
                     "use full, partial or not.")
    problems.raise_if_any()
    parsed["compliance"] = status
    return parsed


def _long(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def statement_markdown(settings: dict, *, site_name: str, organisation: str, reading_grade: float = 9) -> str:
    return _env.get_template("accessibility.md").render(
        s=settings, site_name=site_name, organisation=organisation, status=STATUSES[settings["compliance"]],
        reading_grade=f"{reading_grade:g}",
        prepared=_long(settings.get("prepared")), reviewed=_long(settings.get("last_reviewed")),
        tested=_long(settings.get("tested") or settings.get("last_reviewed")),
        issues=settings.get("known_issues") or [], phone=settings.get("contact_phone", ""),
        formats_email=settings.get("formats_email") or settings["contact_email"],
        response_days=settings.get("response_days", 10))
