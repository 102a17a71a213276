"""The training pages as Markdown (with autoescaped HTML blocks): home, months, courses, subscribe, past.

Which sessions go on which page is :mod:`.listings`' business: every page stays small however
many sessions the calendar holds.

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

from .. import routes
from ..common.handbook_index import HandbookPage
from ..common.link_lists import Link, markdown_list
from ..common.text import plain
from .formatting import describe_when, page_path, relative_url, short_date
from .ics import feed_specs, session_file_path
from .listings import COURSE_PAST_SESSIONS, SESSIONS_PER_PAGE, MonthListing, Plan, SessionPage, add_months, plan
from .model import Calendar, Course, Session

HOME = routes.TRAINING_HOME
SUBSCRIBE = routes.TRAINING_SUBSCRIBE
PAST = routes.TRAINING_PAST
HOME_MONTHS = 3

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
                          autoescape=True, trim_blocks=True, lstrip_blocks=True,
                          undefined=jinja2.StrictUndefined)


@jinja2.pass_context
def _label_audience(context, audience: str) -> str:
    return context["audiences"].get(audience, audience)


# One environment for every page, so each template is compiled once per build.
_env.filters["label_audience"] = _label_audience


course_page = routes.course_page


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
# A block is kept as the means to render it, not the HTML: it is rendered when its page is, so
# the HTML of every page is never in memory at once.
_PLACEHOLDER = "<!-- practice-hub:html {} -->"
_PLACEHOLDER_PATTERN = re.compile(r"<!-- practice-hub:html (\d+) -->")


def expand_html_blocks(page_html: str, blocks: dict, strip: re.Pattern | None = None, cache=None) -> str:
    """The page with its blocks put back (each with ``strip``'s matches taken out, if given).

    Given ``cache`` (a :class:`~.list_cache.ListCache`), a block is taken from it when nothing
    that shapes its HTML has changed since it was kept."""
    def block(match: re.Match) -> str:
        value = blocks.get(match.group(1))
        if value is None:
            return match.group(0)
        if cache is not None and callable(value):
            return cache.html(value, strip)
        html = value() if callable(value) else value
        return strip.sub("", html) if strip is not None else html
    return _PLACEHOLDER_PATTERN.sub(block, page_html)


class Block:
    """A session list, rendered when its page is built: the template, the page it is for and
    the values the template is given."""

    def __init__(self, template: str, src_uri: str, calendar: Calendar, values: dict):
        self.template, self.src_uri, self.calendar, self.values = template, src_uri, calendar, values

    def __call__(self) -> str:
        return _render(self.template, self.src_uri, self.calendar, **self.values)

    def cache_description(self, describe) -> str:
        """Everything the template is given besides our code (what list_cache.py keys the HTML by)."""
        return ",".join(map(describe, (self.template, self.src_uri, self.calendar.categories,
                                       self.calendar.audiences, self.values)))


def _html(template: str, src_uri: str, calendar: Calendar, blocks: dict | None = None, **values) -> str:
    """Render a template for the page at ``src_uri``; blank lines dropped so Markdown keeps it as one block."""
    if blocks is None:
        return _render(template, src_uri, calendar, **values)
    key = str(len(blocks))
    blocks[key] = Block(template, src_uri, calendar, values)
    return _PLACEHOLDER.format(key)


def _render(template: str, src_uri: str, calendar: Calendar, **values) -> str:
    text = _env.get_template(template).render(
        link=lambda path: relative_url(src_uri, page_path(path) if path.endswith(".md") else path),
        course_page=course_page, ics_path=session_file_path, when=describe_when,
        short=lambda s: short_date(s.first_start.date()), compact_date=compact_date, compact_time=compact_time,
        categories=calendar.categories,
        audiences=calendar.audiences, **{"by_date": False, "id_prefix": "", "past": False, "level": 3,
                                   "row_link": lambda s: f"#{values.get('id_prefix', '')}session-{s.slug}", **values})
    return "\n".join(line for line in text.splitlines() if line.strip())


def _front_matter(**values) -> str:
    return "---\n" + yaml.safe_dump(values, sort_keys=False, allow_unicode=True) + "---\n"


def home_page(calendar: Calendar, today: date, blocks: dict | None = None, *,
              home_months: int = HOME_MONTHS, listing: Plan | None = None) -> str:
    listing = listing or plan(calendar, today, home_months)
    upcoming = calendar.upcoming(today)
    week, week_label = this_week(upcoming, today)
    by_category: dict[str, list[Course]] = {}
    for course in calendar.courses:
        if any(s.last_end.date() >= today for s in course.sessions):
            by_category.setdefault(course.category, []).append(course)
    for courses in by_category.values():
        courses.sort(key=lambda c: c.title.lower())
    first = today.replace(day=1)
    last_month = add_months(first, home_months)
    span = (f"{first:%B %Y}" if home_months == 0 else
            f"{first:%B %Y} and the {'next month' if home_months == 1 else f'next {home_months} months'} "
            f"(to {last_month:%B %Y})")
    intro = (f"There are {len(upcoming):,} upcoming sessions. Each one has a booking link and an "
             "**Add to calendar** file. To have every new date appear in your own calendar "
             "automatically, [subscribe to a training calendar](subscribe.md). Sessions that have "
             "already run are on the [past sessions](past.md) page.")
    if listing.later:
        intro += f" This page lists the sessions in {span}; [later months](#later-months) each have their own page."
    parts = [
        # Listings stay out of the search index: every session is on its course page, which search finds,
        # and a year of sessions would otherwise swell the index every reader downloads.
        # The list is wide: Material's side columns (one link each here) are hidden to give it room.
        _front_matter(title="Training", summary="Upcoming training sessions, with booking and calendar links.",
                      search={"exclude": True}, hide=["navigation", "toc"]),
        "# Training",
        intro,
        "## Upcoming sessions",
        _html("home.html", HOME, calendar, blocks, months=by_month(listing.home), id_prefix="",
              week=week, week_label=week_label, row_link=_row_link(HOME, listing),
              empty=("No sessions are scheduled yet. Check back soon." if not upcoming else
                     f"No sessions are scheduled in {span}. See the later months below.")),
    ]
    if listing.home_cut is not None:
        cut = listing.home_cut
        parts.append(f"This page lists the first {len(listing.home):,} of them. The rest of {cut.month:%B %Y} "
                     f"is on the [{cut.month:%B %Y} page]({_md_link(HOME, cut.src)}).")
    if listing.later:
        parts += ["## Later months {#later-months}",
                  "Each month's sessions are on their own page:",
                  "\n".join(f"- [{m.month:%B %Y}]({_md_link(HOME, m.src)}): {_count(m.total)}"
                            for m in listing.later)]
    parts += [
        "## Courses",
        "Every course with sessions still to come, by category. Each course page has the full details.",
        _html("courses.html", HOME, calendar, blocks, by_category=by_category),
    ]
    return "\n\n".join(parts) + "\n"


def _count(number: int) -> str:
    return f"{number:,} session{'s' if number != 1 else ''}"


def _md_link(from_src: str, to_src: str) -> str:
    """A Markdown link between two pages (MkDocs checks it and turns it into .html)."""
    return relative_url(from_src, to_src)


class _RowLink:
    """The link to a session's row: on this page, or on the month page that lists it."""

    def __init__(self, src: str, where: dict[str, str]):
        self.src, self.where = src, where

    def __call__(self, session: Session) -> str:
        target = self.where.get(session.slug, self.src)
        page = "" if target == self.src else relative_url(self.src, page_path(target))
        return f"{page}#session-{session.slug}"

    def cache_description(self, describe) -> str:
        return describe(self.src) + describe(self.where)


def _row_link(src: str, listing: Plan) -> _RowLink:
    return _RowLink(src, listing.where)


def month_pages(calendar: Calendar, listing: Plan, blocks: dict | None = None) -> dict[str, str]:
    """A page per month with sessions to come (in parts of SESSIONS_PER_PAGE when long)."""
    pages = {}
    months = listing.months
    for index, month in enumerate(months):
        for page in month.pages:
            pages[page.src] = _month_page(calendar, month, page, months[index - 1] if index else None,
                                          months[index + 1] if index + 1 < len(months) else None, blocks)
    return pages


def _month_page(calendar: Calendar, month: MonthListing, page: SessionPage, before: MonthListing | None,
                after: MonthListing | None, blocks) -> str:
    label = f"{month.month:%B %Y}"
    title = f"Training in {label}" + (f", page {page.number} of {page.count}" if page.count > 1 else "")
    links = [f"[All upcoming training]({_md_link(page.src, HOME)})"]
    if before is not None:
        links.append(f"[Earlier: {before.month:%B %Y}]({_md_link(page.src, before.src)})")
    if after is not None:
        links.append(f"[Later: {after.month:%B %Y}]({_md_link(page.src, after.src)})")
    parts = [
        _front_matter(title=title, summary=f"Training sessions in {label}, with booking and calendar links.",
                      search={"exclude": True}, hide=["navigation", "toc"]),
        f"# {title}",
        f"{_count(month.total)} still to come in {label}. Each one has a booking link and an "
        "**Add to calendar** file.",
        " · ".join(links),
    ]
    pager = _pager(page, month.pages, "Previous page", "Next page")
    if pager:
        parts.append(pager)
    parts.append(_html("month.html", page.src, calendar, blocks, months=by_month(page.sessions),
                       id_prefix="", level=2, empty="No sessions are left this month."))
    if pager:
        parts.append(pager)
    return "\n\n".join(parts) + "\n"


def _pager(page: SessionPage, pages: tuple[SessionPage, ...], back: str, on: str) -> str:
    """'Page 2 of 5 · Previous page · Next page', as Markdown links; empty for a single page."""
    if page.count <= 1:
        return ""
    items = [f"Page {page.number} of {page.count}"]
    if page.number > 1:
        items.append(f"[{back}]({_md_link(page.src, pages[page.number - 2].src)})")
    if page.number < page.count:
        items.append(f"[{on}]({_md_link(page.src, pages[page.number].src)})")
    return " · ".join(items)


def course_markdown(course: Course, calendar: Calendar, today: date,
                    guidance: list[HandbookPage], topic_labels: dict[str, str],
                    blocks: dict | None = None) -> str:
    src = course_page(course)
    upcoming = [s for s in course.sessions if s.last_end.date() >= today]
    past = [s for s in reversed(course.sessions) if s.last_end.date() < today]   # newest first
    later = len(upcoming) - SESSIONS_PER_PAGE
    upcoming = upcoming[:SESSIONS_PER_PAGE]
    parts = [
        # Material prints page titles unescaped (<title>, nav), so the title goes in pre-escaped.
        _front_matter(title=html.escape(course.title), summary=html.escape(course.summary), course_id=course.id,
                      topics=list(course.topics)),
        f"# {plain(course.title)}",
        # In the Markdown itself, not a block: it is short, and search must read it (the
        # course's facts, summary and description are what a course page is found by).
        _html("course.html", src, calendar, None, course=course),
        # The session lists stay out of search (the page is found by its title, summary and
        # description): at a few thousand courses they were most of the index every reader downloads.
        '## Upcoming sessions { #upcoming-sessions data-search-exclude="1" }',
    ]
    if upcoming:
        parts.append(_html("session_list.html", src, calendar, blocks, months=by_month(upcoming),
                           by_date=True, id_prefix="sessions-", empty=""))
        if later > 0:
            parts.append(f"The next {len(upcoming):,} sessions are listed. {_count(later)} more, after "
                         f"{upcoming[-1].first_start:%B %Y}, are on the [training page's later months]"
                         "(../index.md#later-months).")
    else:
        parts.append("No sessions of this course are scheduled at the moment. "
                     "[See all upcoming training](../index.md).")
    if past:
        parts.append('## Past sessions { #past-sessions data-search-exclude="1" }')
        parts.append(_html("course_past.html", src, calendar, blocks, sessions=past[:COURSE_PAST_SESSIONS],
                           older=max(0, len(past) - COURSE_PAST_SESSIONS), archive=PAST))
    parts += _guidance_section(course, guidance, topic_labels)
    return "\n\n".join(parts) + "\n"


def _guidance_section(course: Course, guidance: list[HandbookPage], topic_labels) -> list[str]:
    if not guidance:
        return []
    items = [(Link(f"../../{p.src_uri}", p.title), *((f": {p.summary}",) if p.summary else ())) for p in guidance]
    topics = ", ".join(topic_labels.get(t, t) for t in course.topics)
    intro = f"Handbook guidance related to this course{f' ({plain(topics)})' if topics else ''}:"
    return ["## Guidance on this topic", intro, markdown_list(items)]


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


def subscribe_page(calendar: Calendar, site_url: str, site_name: str, feed_past_days: int | None = None) -> str:
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
        "everything, one category, or the training for your role."
        + (f" Each calendar holds every session still to come and the sessions of the last {feed_past_days} "
           "days; older sessions drop out of it (they stay on the course pages and the "
           "[past sessions](past.md) page)." if feed_past_days is not None else ""),
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


def past_pages(calendar: Calendar, listing: Plan, blocks: dict | None = None) -> dict[str, str]:
    """The past-sessions archive, newest first, SESSIONS_PER_PAGE sessions to a page."""
    return {page.src: past_page(calendar, listing, page, blocks) for page in listing.past}


def past_page(calendar: Calendar, listing: Plan, page: SessionPage, blocks: dict | None = None) -> str:
    title = "Past training sessions" + (f", page {page.number} of {page.count}" if page.number > 1 else "")
    parts = [
        _front_matter(title=title, summary="Training sessions that have already run.", search={"exclude": True}),
        f"# {title}",
        "Sessions that have already run, newest first, kept for your records and for "
        f"continuing professional development logs. [Upcoming training]({_md_link(page.src, HOME)}) "
        "is on the training page.",
    ]
    pager = _pager(page, listing.past, "Newer sessions", "Older sessions")
    if pager:
        parts.append(pager)
    parts.append(_html("session_list.html", page.src, calendar, blocks, months=by_month(page.sessions, newest_first=True),
                       id_prefix="past-", past=True, level=2, empty="No sessions have run yet."))
    if pager:
        parts += [pager, "## Every page of past sessions {#every-page}",
                  "\n".join(f"{p.number}. " + (f"{_range(p)} (this page)" if p is page else
                                                f"[{_range(p)}]({_md_link(page.src, p.src)})")
                            for p in listing.past)]
    return "\n\n".join(parts) + "\n"


def _range(page: SessionPage) -> str:
    """'3 Nov 2026 back to 2 Sep 2026' for a page of the archive (newest first)."""
    newest, oldest = page.sessions[0].first_start.date(), page.sessions[-1].first_start.date()
    return short_date(newest)[4:] if newest == oldest else f"{short_date(newest)[4:]} back to {short_date(oldest)[4:]}"


def all_pages(calendar: Calendar, today: date, *, site_url: str, site_name: str,
              handbook: dict[str, HandbookPage], topic_pages: dict[str, list[HandbookPage]],
              topic_labels: dict[str, str], blocks: dict | None = None,
              home_months: int = HOME_MONTHS, feed_past_days: int | None = None) -> dict[str, str]:
    """src_uri -> Markdown for every training page (with placeholders for ``blocks``, if given)."""
    listing = plan(calendar, today, home_months)
    pages = {HOME: home_page(calendar, today, blocks, home_months=home_months, listing=listing),
             SUBSCRIBE: subscribe_page(calendar, site_url, site_name, feed_past_days)}
    pages.update(month_pages(calendar, listing, blocks))
    pages.update(past_pages(calendar, listing, blocks))
    for course in calendar.courses:
        pages[course_page(course)] = course_markdown(
            course, calendar, today, guidance_for(course, handbook, topic_pages), topic_labels, blocks)
    return pages
