"""Every site path and absolute URL the hub makes, in one place.

Paths are source paths as MkDocs knows them (`training/index.md`); the page each one becomes is
the same path ending in `.html`, because the site is built with `use_directory_urls: false` so
that it works when opened from disk or a network share (`file://`), where a folder address
does not open its index.html. Any other setting is refused (see `check_url_style`).
"""
from __future__ import annotations

from .common.errors import Problem

# Handbook pages made from sources.
GLOSSARY = "glossary.md"
ACCESSIBILITY = "accessibility.md"
# Governance and the web of topics.
GOVERNANCE = "governance.md"
GOVERNANCE_CSV = "governance.csv"
WHATS_NEW = "whats-new.md"
WHATS_NEW_FEED = "whats-new.xml"
TOPICS = "topics/index.md"
# Training.
TRAINING_HOME = "training/index.md"
TRAINING_SUBSCRIBE = "training/subscribe.md"
TRAINING_PAST = "training/past.md"
TRAINING_PAGES = (TRAINING_HOME, TRAINING_SUBSCRIBE, TRAINING_PAST)
CALENDARS = "training/calendars"
TRAINING_MONTHS = "training/months"      # one page (or a few) per month after the home's months
TRAINING_PAST_PAGES = "training/past"    # the older pages of the past-sessions archive
# Bulletins.
BULLETINS_ARCHIVE = "bulletins/index.md"
BULLETINS_FEED = "bulletins/feed.xml"

GENERATED_HANDBOOK_PAGES = (GLOSSARY, ACCESSIBILITY, GOVERNANCE, WHATS_NEW, TOPICS, *TRAINING_PAGES, BULLETINS_ARCHIVE)


def course_page(course) -> str:
    return f"training/courses/{course.id}.md"


def training_month_page(month, part: int = 1) -> str:
    """`training/months/2027-05.md`; a month too long for one page goes on in `2027-05-part-2.md`."""
    return f"{TRAINING_MONTHS}/{month:%Y-%m}" + (f"-part-{part}" if part > 1 else "") + ".md"


def training_past_page(number: int) -> str:
    """Page 1 of the past-sessions archive is `training/past.md` (newest); then `training/past/page-2.md`…"""
    return TRAINING_PAST if number == 1 else f"{TRAINING_PAST_PAGES}/page-{number}.md"


def html_path(src_uri: str) -> str:
    """The published file of a page: `training/index.md` -> `training/index.html`."""
    return src_uri[:-3] + ".html" if src_uri.endswith(".md") else src_uri


def absolute_url(site_url: str, path: str) -> str:
    """The full address of a page or file, for feeds, emails and calendars."""
    return site_url.rstrip("/") + "/" + html_path(path).lstrip("/")


def check_url_style(use_directory_urls: bool) -> list[Problem]:
    if use_directory_urls:
        return [Problem("mkdocs.yml", None, "`use_directory_urls: true` makes page addresses end in a folder, "
                        "which does not open from a network share or from disk.",
                        "set `use_directory_urls: false` in mkdocs.yml (Practice Hub's pages end in .html).")]
    return []
