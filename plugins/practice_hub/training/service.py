"""Everything the training feature produces, from the sources alone (no MkDocs needed).

Front ends (the MkDocs plugin, the CLI, a future Zensical build) call these two functions.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from pathlib import Path

from .. import routes
from ..common.clock import source_date_epoch, source_stamp
from ..common.handbook_index import load_handbook_index, pages_by_topic
from ..common.vocabulary import load_topics
from . import pages
from .history import Published, previous_site_from_environment, read_published
from .ics import IcsWriter
from .loader import load_calendar
from .model import Calendar
from .removed import removal_notes

FILTER_SCRIPT = "assets/javascripts/practice-hub-training.js"


@dataclass(frozen=True)
class Sources:
    root: Path               # the folder holding mkdocs.yml
    calendar_dir: Path
    docs_dir: Path
    topics_file: Path
    timezone: str = "Europe/London"


def load(sources: Sources) -> tuple[Calendar, dict]:
    handbook = load_handbook_index(sources.docs_dir)
    topics = load_topics(sources.topics_file, sources.topics_file.name)
    calendar = load_calendar(sources.calendar_dir, timezone=sources.timezone,
                             handbook_pages=set(handbook), topics=topics, display_root=sources.root)
    return calendar, {"handbook": handbook, "topics": topics}


def ics_stamp(calendar: Calendar) -> datetime:
    """DTSTAMP: SOURCE_DATE_EPOCH, else the newest `updated:` date in the files, never the clock."""
    if source_date_epoch() is None and calendar.updated:
        return datetime.combine(calendar.updated, time(0), tzinfo=timezone.utc)
    return source_stamp()


def previous_feeds() -> Published:
    """The live site's feeds, when the build was told where it is (``PRACTICE_HUB_PREVIOUS_SITE``).

    Read before anything is written, so it works even when the live folder is the build's own.
    """
    return read_published(previous_site_from_environment())


def outputs(calendar: Calendar, context: dict, today: date, *, site_url: str, site_name: str,
            html_blocks: dict | None = None, previous: Published | None = None,
            notes: list[str] | None = None, feed_past_days: int = 90,
            home_months: int = pages.HOME_MONTHS,
            later_files: list | None = None) -> tuple[dict[str, str], dict[str, bytes]]:
    """(Markdown pages by src_uri, other files by path) for the whole training section.

    Given ``html_blocks``, the big HTML blocks are left out of the Markdown and collected there;
    the front end then calls ``pages.expand_html_blocks`` on each rendered page. ``previous`` is
    what the live site published (see :func:`previous_feeds`); what the author should hear about
    it (sessions that disappeared and are published as cancelled) is added to ``notes``.
    ``feed_past_days`` and ``home_months`` are the training plugin's settings of those names.
    Given ``later_files``, the per-session .ics files (one per session: tens of thousands for a
    large service) are left out of the files and a generator of them, (path, bytes) one at a
    time, is appended there instead, for the front end to write straight to the site; and each
    feed's value is a function that makes its bytes (called when the front end writes it), so
    no more than one feed is in memory at a time.
    """
    handbook = context["handbook"]
    course_url = lambda course: routes.absolute_url(site_url, routes.course_page(course))  # noqa: E731
    writer = IcsWriter(calendar, site_url=site_url, site_name=site_name, stamp=ics_stamp(calendar),
                       course_url=course_url, previous=previous, today=today, past_days=feed_past_days)
    if later_files is None:
        files = writer.files()
    else:
        files = writer.feed_makers()
        later_files.append(writer.session_files())
    if notes is not None:
        notes.extend(removal_notes(writer.removed_events()))
    files[FILTER_SCRIPT] = (Path(__file__).parent / "assets" / "training-filter.js").read_bytes()
    markdown = pages.all_pages(calendar, today, site_url=site_url, site_name=site_name,
                               handbook=handbook, topic_pages=pages_by_topic(handbook),
                               topic_labels=context["topics"], blocks=html_blocks, home_months=home_months,
                               feed_past_days=feed_past_days)
    return markdown, files
