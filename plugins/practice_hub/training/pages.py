"""The training pages as Markdown (with autoescaped HTML blocks): home, courses, subscribe, past.

Nothing from the YAML reaches a page unescaped: HTML comes from Jinja templates with
autoescape on, and Markdown headings escape their text before MkDocs sees it.
"""
from __future__ import annotations

import html
import itertools
import re
from datetime import date, timedelta
from pathlib import Path

import jinja2
import yaml

from ..common.handbook_index import HandbookPage
from ..common.text import plain
from .formatting import describe_when, page_path, relative_url, short_date
from .ics import feed_specs, session_file_path
from .model import Calendar, Course, Session

HOME = "training/index.md"
SUBSCRIBE = "training/subscribe.md"
PAST = "training/past.md"

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
                          autoescape=True, trim_blocks=True, lstrip_blocks=True,
                          undefined=jinja2.StrictUndefined)


@jinja2.pass_context
def _label_audience(context, audience: str) -> str:
    return context["audiences"].get(audience, audience)


# One environment for every page, so each template is compiled once per build.
_env.filters["label_audience"] = _label_audience


def course_page(course: Course) -> str:
    return f"training/courses/{course.id}.md"


def compact_date(session: Session) -> str:
    """The first day, short: 'Mon 23 Nov' (the month heading above gives the year)."""
    day = session.first_start.date()
    return f"{day:%a} {day.day} {day:%b}"


def compact_time(session: Session) -> str:
    """'09:30 to 12:30'; a multi-day session: '5 days to Fri 11 Dec, 09:30 to 16:30 each day'."""
    first = session.days[0]
    hours = f"{first.start:%H:%M} to {first.end:%H:%M}"
    if not session.is_multi_day:
        return hours
    last = session.days[-1].start.date()
    same = len({(d.start.strftime('%H:%M'), d.end.strftime('%H:%M')) for d in session.days}) == 1
    return f"{len(session.days)} days to {last:%a} {last.day} {last:%b}" + (f", {hours} each day" if same else "")


def this_week(sessions, today: date):
    """Sessions running on any day from today to Sunday of this week, and the week's label."""
    sunday = today + timedelta(days=6 - today.weekday())
    week = [s for s in sessions if any(today <= d.start.date() <= sunday for d in s.days)]
    label = (f"{today.day} to {sunday.day} {sunday:%B}" if today.month == sunday.month
             else f"{today.day} {today:%B} to {sunday.day} {sunday:%B}")
    return week, label


def by_month(sessions, newest_first=False):
    ordered = sorted(sessions, key=lambda s: (s.first_start, s.slug), reverse=newest_first)
    return [(month, list(items)) for month, items in
            itertools.groupby(ordered, key=lambda s: s.first_start.date().replace(day=1))]


# Session lists can run to thousands of HTML tags, which Python-Markdown parses slowly and gains
# nothing from. Given a ``blocks`` dict, a page carries a placeholder instead and the front end
# puts the HTML back after Markdown (``expand_html_blocks``); without one, pages hold the HTML.
_PLACEHOLDER = "<!-- practice-hub:html {} -->"
_PLACEHOLDER_PATTERN = re.compile(r"<!-- practice-hub:html (\d+) -->")


def expand_html_blocks(page_html: str, blocks: dict[str, str]) -> str:
    return _PLACEHOLDER_PATTERN.sub(lambda m: blocks.get(m.group(1), m.group(0)), page_html)


def _html(template: str, src_uri: str, calendar: Calendar, blocks: dict[str, str] | None = None, **values) -> str:
    """Render a template for the page at ``src_uri``; blank lines dropped so Markdown keeps it as one block."""
    text = _render(template, src_uri, calendar, **values)
    if blocks is None:
        return text
    key = str(len(blocks))
    blocks[key] = text
    return _PLACEHOLDER.format(key)


def _render(template: str, src_uri: str, calendar: Calendar, **values) -> str:
    text = _env.get_template(template).render(
        link=lambda path: relative_url(src_uri, page_path(path) if path.endswith(".md") else path),
        course_page=course_page, ics_path=session_file_path, when=describe_when,
        short=lambda s: short_date(s.first_start.date()), compact_date=compact_date, compact_time=compact_time,
        categories=calendar.categories,
        audiences=calendar.audiences, **{"by_date": False, "id_prefix": "", "past": False, "level": 3, **values})
    return "\n".join(line for line in text.splitlines() if line.strip())


def _front_matter(**values) -> str:
    return "---\n" + yaml.safe_dump(values, sort_keys=False, allow_unicode=True) + "---\n"


def home_page(calendar: Calendar, today: date, blocks: dict[str, str] | None = None) -> str:
    upcoming = calendar.upcoming(today)
    week, week_label = this_week(upcoming, today)
    by_category: dict[str, list[Course]] = {}
    for course in calendar.courses:
        if any(s.last_end.date() >= today for s in course.sessions):
            by_category.setdefault(course.category, []).append(course)
    for courses in by_category.values():
        courses.sort(key=lambda c: c.title.lower())
    return "\n\n".join([
        # Listings stay out of the search index: every session is on its course page, which search finds,
        # and a year of sessions would otherwise swell the index every reader downloads.
        # The list is wide: Material's side columns (one link each here) are hidden to give it room.
        _front_matter(title="Training", summary="Upcoming training sessions, with booking and calendar links.",
                      search={"exclude": True}, hide=["navigation", "toc"]),
        "# Training",
        f"There are {len(upcoming)} upcoming sessions. Each one has a booking link and an "
        "**Add to calendar** file. To have every new date appear in your own calendar "
        "automatically, [subscribe to a training calendar](subscribe.md). Sessions that have "
        "already run are on the [past sessions](past.md) page.",
        "## Upcoming sessions",
        _html("home.html", HOME, calendar, blocks, months=by_month(upcoming), id_prefix="",
              week=week, week_label=week_label,
              empty="No sessions are scheduled yet. Check back soon."),
        "## Courses",
        "Every course with sessions still to come, by category. Each course page has the full details.",
        _html("courses.html", HOME, calendar, blocks, by_category=by_category),
    ]) + "\n"


def course_markdown(course: Course, calendar: Calendar, today: date,
                    guidance: list[HandbookPage], topic_labels: dict[str, str],
                    blocks: dict[str, str] | None = None) -> str:
    src = course_page(course)
    upcoming = [s for s in course.sessions if s.last_end.date() >= today]
    parts = [
        # Material prints page titles unescaped (<title>, nav), so the title goes in pre-escaped.
        _front_matter(title=html.escape(course.title), summary=html.escape(course.summary), course_id=course.id,
                      topics=list(course.topics)),
        f"# {plain(course.title)}",
        _html("course.html", src, calendar, blocks, course=course),
        "## Upcoming sessions",
    ]
    if upcoming:
        parts.append(_html("session_list.html", src, calendar, blocks, months=by_month(upcoming),
                           by_date=True, id_prefix="sessions-", empty=""))
    else:
        parts.append("No sessions of this course are scheduled at the moment. "
                     "[See all upcoming training](../index.md).")
    parts += _guidance_section(course, guidance, topic_labels)
    return "\n\n".join(parts) + "\n"


def _guidance_section(course: Course, guidance: list[HandbookPage], topic_labels) -> list[str]:
    if not guidance:
        return []
    lines = [f"- [{plain(p.title)}](../../{p.src_uri})" + (f": {plain(p.summary)}" if p.summary else "")
             for p in guidance]
    topics = ", ".join(topic_labels.get(t, t) for t in course.topics)
    intro = f"Handbook guidance related to this course{f' ({plain(topics)})' if topics else ''}:"
    return ["## Guidance on this topic", intro, "\n".join(lines)]


def guidance_for(course: Course, handbook: dict[str, HandbookPage],
                 topic_pages: dict[str, list[HandbookPage]]) -> list[HandbookPage]:
    """Explicit `related:` pages first, then pages sharing a topic, each once."""
    chosen: list[HandbookPage] = [handbook[p] for p in course.related if p in handbook]
    for topic in course.topics:
        chosen += topic_pages.get(topic, [])
    seen, unique = set(), []
    for page in chosen:
        if page.src_uri not in seen:
            seen.add(page.src_uri)
            unique.append(page)
    return unique


def subscribe_page(calendar: Calendar, site_url: str, site_name: str) -> str:
    base = site_url.rstrip("/") + "/"
    rows = []
    for spec in feed_specs(calendar, site_name):
        https = base + spec.path
        webcal = "webcal://" + https.split("://", 1)[1]
        label = spec.name.split(": ", 1)[-1]
        rows.append(f"| {plain(label[0].upper() + label[1:])} | [Subscribe in your calendar app]({webcal}) "
                    f"| `{https}` | [Download]({relative_url(SUBSCRIBE, spec.path)}) |")
    table = "\n".join(["| Calendar | Subscribe | Address to copy | File |", "| --- | --- | --- | --- |", *rows])
    return "\n\n".join([
        _front_matter(title="Subscribe to training calendars",
                      summary="Add the training calendars to Outlook, Google Calendar or Apple Calendar once; they then keep themselves up to date."),
        "# Subscribe to training calendars",
        "Subscribing means new sessions, changed times and cancellations appear in your own "
        "calendar automatically, usually within a few hours. Choose the calendar that suits you: "
        "everything, one category, or the training for your role.",
        table,
        "## Outlook on your work computer (desktop)",
        "1. Copy the address of the calendar you want from the table above.\n"
        "2. In Outlook, open **Calendar**, then choose **Add calendar** and **From internet**.\n"
        "3. Paste the address and choose **OK**, then **Yes** to subscribe.",
        "## Outlook on the web",
        "1. Copy the address from the table.\n"
        "2. In Outlook on the web, open the calendar and choose **Add calendar**, then **Subscribe from web**.\n"
        "3. Paste the address, give the calendar a name and choose **Import**.",
        "## Google Calendar",
        "1. Copy the address from the table.\n"
        "2. In Google Calendar on a computer, next to **Other calendars** choose **+** and then **From URL**.\n"
        "3. Paste the address and choose **Add calendar**.",
        "## Apple Calendar (iPhone, iPad and Mac)",
        "1. On an iPhone or iPad, select the **Subscribe in your calendar app** link; Calendar asks you to confirm.\n"
        "2. On a Mac, open Calendar and choose **File**, then **New Calendar Subscription**, and paste the address.",
        "!!! note \"Just one session?\"\n    Every session on the [training page](index.md) has an **Add to calendar** "
        "file that adds only that session. It will not update if the session changes, so subscribe if you can.",
    ]) + "\n"


def past_page(calendar: Calendar, today: date, blocks: dict[str, str] | None = None) -> str:
    past = calendar.past(today)
    return "\n\n".join([
        _front_matter(title="Past training sessions", summary="Training sessions that have already run.",
                      search={"exclude": True}),
        "# Past training sessions",
        "Sessions that have already run, newest first, kept for your records and for "
        "continuing professional development logs. [Upcoming training](index.md) is on the training page.",
        _html("session_list.html", PAST, calendar, blocks, months=by_month(past, newest_first=True),
              id_prefix="past-", past=True, level=2, empty="No sessions have run yet."),
    ]) + "\n"


def all_pages(calendar: Calendar, today: date, *, site_url: str, site_name: str,
              handbook: dict[str, HandbookPage], topic_pages: dict[str, list[HandbookPage]],
              topic_labels: dict[str, str], blocks: dict[str, str] | None = None) -> dict[str, str]:
    """src_uri -> Markdown for every training page (with placeholders for ``blocks``, if given)."""
    pages = {HOME: home_page(calendar, today, blocks), SUBSCRIBE: subscribe_page(calendar, site_url, site_name),
             PAST: past_page(calendar, today, blocks)}
    for course in calendar.courses:
        pages[course_page(course)] = course_markdown(
            course, calendar, today, guidance_for(course, handbook, topic_pages), topic_labels, blocks)
    return pages
