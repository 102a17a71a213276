"""Governance front matter of handbook pages: who owns each page, when it was reviewed, what changed.

Problems name the file and line. A missing `review_by` is filled from `last_reviewed` plus the
site's review interval, so owners only have to write one date.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..common.errors import Problems
from ..common.handbook_index import HandbookPage
from ..common.vocabulary import check_terms, did_you_mean
from ..common.yamlsource import parse_date

CURRENT, DUE, OVERDUE = "current", "due", "overdue"
STATUS_LABELS = {CURRENT: "Current", DUE: "Due for review soon", OVERDUE: "Overdue for review"}


@dataclass(frozen=True)
class Change:
    date: date
    note: str


@dataclass(frozen=True)
class PageRecord:
    src_uri: str
    title: str
    summary: str
    owner: str
    approved_by: str
    last_reviewed: date
    review_by: date
    version: str = ""
    changes: tuple[Change, ...] = ()
    topics: tuple[str, ...] = ()
    due_days: int = 30      # "due for review soon" this many days before `review_by`

    def status(self, today: date) -> str:
        if self.review_by < today:
            return OVERDUE
        if (self.review_by - today).days <= self.due_days:
            return DUE
        return CURRENT


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


@dataclass(frozen=True)
class Rules:
    """The organisation's governance settings (from mkdocs.yml)."""
    review_months: int = 12          # `review_by` defaults to `last_reviewed` plus this
    due_days: int = 30
    roles: tuple[str, ...] = ()      # owners must be one of these roles (no check when empty)
    today: date | None = None        # dates after this are refused (no check when None)


def read_records(pages: dict[str, HandbookPage], *, topics: dict | None, rules: Rules = Rules(),
                 docs_name: str = "content") -> tuple[list[PageRecord], Problems]:
    """A record per handbook page with usable dates, and every problem found on the way."""
    records, problems = [], Problems()
    for page in pages.values():
        record = _read_one(page, topics, rules, f"{docs_name}/{page.src_uri}", problems)
        if record is not None:
            records.append(record)
    return records, problems


def _line(meta, key) -> int:
    return meta.line_of(key) if hasattr(meta, "line_of") else 1


def _read_one(page: HandbookPage, topics, rules: Rules, file: str, problems: Problems) -> PageRecord | None:
    meta = page.meta
    fix_role = "write a role, not a person's name, like `owner: Principal Social Worker`."
    for key, fix in (("owner", fix_role), ("approved_by", "name the group that approved the page, like `approved_by: Practice Quality Board`.")):
        if not str(meta.get(key) or "").strip():
            problems.add(file, 1, f"the page has no `{key}:`.", fix)
    owner = str(meta.get("owner") or "").strip()
    if owner and rules.roles and owner not in rules.roles:
        problems.add(file, _line(meta, "owner"),
                     f'"{owner}" is not one of the roles that own guidance.{did_you_mean(owner, rules.roles)}',
                     f"use one of: {'; '.join(rules.roles)} — or ask for the role to be added under "
                     "`roles:` of practice-hub/governance in mkdocs.yml. Pages are owned by roles, never by named people.")
    if "last_reviewed" not in meta:
        problems.add(file, 1, "the page has no `last_reviewed:` date.", "add the date the page was last checked, like `last_reviewed: 2026-06-12`.")
        return None
    last = parse_date(meta["last_reviewed"])
    if last is None:
        problems.add(file, _line(meta, "last_reviewed"), f'`last_reviewed:` "{meta["last_reviewed"]}" is not a real date.',
                     "write it as year-month-day, like `last_reviewed: 2026-06-12`.")
        return None
    if "review_by" in meta:
        review_by = parse_date(meta["review_by"])
        if review_by is None:
            problems.add(file, _line(meta, "review_by"), f'`review_by:` "{meta["review_by"]}" is not a real date.',
                         "write it as year-month-day, like `review_by: 2027-06-12`.")
            return None
        if review_by < last:
            problems.add(file, _line(meta, "review_by"), f"the next review ({review_by}) is before the last review ({last}).",
                         "set `review_by:` to a date after `last_reviewed:` (usually a year later).")
    else:
        review_by = _add_months(last, rules.review_months)
    if rules.today is not None and last > rules.today:
        problems.add(file, _line(meta, "last_reviewed"), f"`last_reviewed:` {last} is in the future.",
                     "write the date the page was actually last reviewed (today or earlier).")
    changes = _changes(meta, file, problems, rules.today)
    page_topics = tuple(page.topics)
    if topics is not None:
        check_terms(page_topics, topics, "topic", file, _line(meta, "topics"), problems, "topics.yml")
    return PageRecord(src_uri=page.src_uri, title=page.title, summary=page.summary,
                      owner=str(meta.get("owner") or ""), approved_by=str(meta.get("approved_by") or ""),
                      last_reviewed=last, review_by=review_by, version=str(meta.get("version") or ""),
                      changes=changes, topics=page_topics, due_days=rules.due_days)


def _changes(meta, file: str, problems: Problems, today: date | None) -> tuple[Change, ...]:
    raw = meta.get("changes")
    if raw is None:
        return ()
    fix = "list each change as `- date: 2026-06-12` with `note: What changed.` under it."
    if not isinstance(raw, list):
        problems.add(file, _line(meta, "changes"), "`changes:` must be a list of dated notes.", fix)
        return ()
    found = []
    for index, item in enumerate(raw):
        line = raw.line_of(index) if hasattr(raw, "line_of") else _line(meta, "changes")
        if not isinstance(item, dict) or not item.get("note"):
            problems.add(file, line, "each change needs a `date:` and a `note:`.", fix)
            continue
        day = parse_date(item.get("date"))
        if day is None:
            problems.add(file, line, f'the change date "{item.get("date")}" is not a real date.', fix)
            continue
        if today is not None and day > today:
            problems.add(file, line, f"the change dated {day} is in the future.",
                         "date each change on the day it was made (today or earlier).")
            continue
        found.append(Change(day, str(item["note"]).strip()))
    return tuple(sorted(found, key=lambda c: c.date, reverse=True))
