"""Governance output: the line under each title, the overdue notice, NHS-style page dates,
cross-links to training and the bulletin, the governance table and CSV, What's new and its
Atom feed, and the topic index. Plain functions of the records; no MkDocs here."""
from __future__ import annotations

import csv
import html
import io
import re
import xml.etree.ElementTree as ET
from datetime import date
from urllib.parse import urlsplit

from ..common.link_lists import Link, markdown_list, markdown_table
from ..common.text import plain
from ..routes import GOVERNANCE, GOVERNANCE_CSV, TOPICS, WHATS_NEW, WHATS_NEW_FEED, absolute_url  # noqa: F401 (paths live in routes)
from ..training.formatting import describe_when, relative_url
from .metadata import DUE, OVERDUE, STATUS_LABELS, PageRecord

SORT_SCRIPT = "assets/javascripts/practice-hub-sort.js"
HOME_MARKER = "<!-- practice-hub:whats-new -->"
esc = plain   # author text in generated Markdown: shown as text, never markup
_H1 = re.compile(r"^# .*$", re.MULTILINE)


def with_governance(markdown: str, record: PageRecord, *, today: date, upcoming_by_topic: "UpcomingByTopic",
                    articles: "ArticlesByTopic") -> str:
    """A handbook page with what governance adds to it: the owner line and any overdue notice
    under its title, related training and bulletin articles and the page dates at its end.

    ``upcoming_by_topic`` and ``articles`` are found once per build (``UpcomingByTopic``,
    ``ArticlesByTopic``), not once per page."""
    head = "\n\n" + title_line(record) + "\n\n" + overdue_notice(record, today) + "\n\n"
    match = _H1.search(markdown)
    markdown = markdown[:match.end()] + head + markdown[match.end():] if match else head + markdown
    related = [upcoming_training(record, upcoming_by_topic), from_the_bulletin(record, articles)]
    extra = [related_block([part for part in related if part]), page_dates(record)]
    return markdown.rstrip() + "\n\n" + "\n\n".join(part for part in extra if part) + "\n"


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def title_line(record: PageRecord) -> str:
    return (f'<p class="ph-governance-line">Owner: {esc(record.owner)} · Last reviewed: '
            f'{long_date(record.last_reviewed)} · Next review: {long_date(record.review_by)}</p>')


def overdue_notice(record: PageRecord, today: date) -> str:
    if record.status(today) != OVERDUE:
        return ""
    return ('<div class="admonition warning ph-overdue" role="note" aria-label="Due for review">'
            '<p class="admonition-title">This page is due for review</p>'
            f"<p>It should have been reviewed by {long_date(record.review_by)}. The guidance may still be "
            f"right, but check anything important with the page owner ({esc(record.owner)}) or your manager.</p></div>")


def related_block(parts: list[str]) -> str:
    """Training and bulletin links in one block, so print styles can leave them off a briefing."""
    if not parts:
        return ""
    return '<div class="ph-related" markdown="1">\n\n' + "\n\n".join(parts) + "\n\n</div>"


def page_dates(record: PageRecord) -> str:
    return (f'<div class="ph-page-dates"><p>Page last reviewed: {long_date(record.last_reviewed)}<br>'
            f"Next review due: {long_date(record.review_by)}</p></div>")


def sessions_by_topic(sessions) -> dict[str, list]:
    """Running sessions grouped by their course's topics, each list in the order given (start order)."""
    grouped: dict[str, list] = {}
    for session in sessions:
        if not session.is_cancelled:
            for topic in session.course.topics:
                grouped.setdefault(topic, []).append(session)
    return grouped


class UpcomingByTopic:
    """The running sessions by their course's topics (``sessions_by_topic``), grouped once per
    build, and the words of each session's line under "Upcoming training on this topic", written
    once however many pages list the session (only the link to its course differs by page)."""

    def __init__(self, sessions):
        self.sessions = sessions_by_topic(sessions)
        self._words: dict[int, tuple[object, tuple]] = {}   # id -> (the session, kept alive; the words)

    def words(self, session) -> tuple:
        """What follows the link to the course: when, and the booking link."""
        known = self._words.get(id(session))
        if known is None or known[0] is not session:
            rest: tuple = (f": {describe_when(session)}",)
            if session.booking_url:
                rest += (". ", Link(session.booking_url, "Book a place", hidden=f" on {session.course.title}"))
            known = self._words[id(session)] = (session, rest)
        return known[1]


def upcoming_training(record: PageRecord, by_topic: UpcomingByTopic, limit: int = 5) -> str:
    """Markdown list of upcoming sessions of courses sharing a topic with the page."""
    candidates = {s.slug: s for topic in record.topics for s in by_topic.sessions.get(topic, [])[:limit]}
    chosen = sorted(candidates.values(), key=lambda s: (s.first_start, s.slug))[:limit]
    if not chosen:
        return ""
    items = [(Link(relative_url(record.src_uri, f"training/courses/{s.course.id}.md"), s.course.title),
              *by_topic.words(s)) for s in chosen]
    return "## Upcoming training on this topic\n\n" + markdown_list(items)


def bulletin_articles(topics, editions) -> list[tuple]:
    """(edition, article) pairs on any of ``topics``, newest edition first; drafts never."""
    return [(e, a) for e in editions if not e.is_draft for a in e.articles if set(a.topics) & set(topics)]


class ArticlesByTopic:
    """``bulletin_articles`` for any topics, from one pass over the editions (newest first)."""

    def __init__(self, editions):
        self._by_topic: dict[str, list[tuple[int, object, object]]] = {}
        for order, (e, a) in enumerate((e, a) for e in editions if not e.is_draft for a in e.articles):
            for topic in dict.fromkeys(a.topics):
                self._by_topic.setdefault(topic, []).append((order, e, a))

    def on(self, topics) -> list[tuple]:
        found = {order: (e, a) for topic in dict.fromkeys(topics) for order, e, a in self._by_topic.get(topic, ())}
        return [found[order] for order in sorted(found)]


def from_the_bulletin(record: PageRecord, articles: ArticlesByTopic, limit: int = 5) -> str:
    found = articles.on(record.topics)[:limit]
    if not found:
        return ""
    items = [(Link(f"{relative_url(record.src_uri, e.src_uri)}#{a.slug}", a.title), f", {e.month_label} bulletin")
             for e, a in found]
    return "## From the bulletin\n\n" + markdown_list(items)


def governance_markdown(records: list[PageRecord], today: date) -> str:
    rows = []
    for r in sorted(records, key=lambda r: (r.review_by, r.src_uri)):
        status = r.status(today)
        rows.append(
            f'<tr class="ph-status--{status}"><td><a href="{html.escape(r.src_uri[:-3])}.html">{esc(r.title)}</a></td>'
            f"<td>{esc(r.owner)}</td><td>{esc(r.approved_by)}</td>"
            f'<td data-sort="{r.last_reviewed.isoformat()}">{long_date(r.last_reviewed)}</td>'
            f'<td data-sort="{r.review_by.isoformat()}">{long_date(r.review_by)}</td>'
            f"<td>{STATUS_LABELS[status]}</td></tr>")
    counts = {s: sum(r.status(today) == s for r in records) for s in STATUS_LABELS}
    headers = "".join(f'<th scope="col" aria-sort="none">{name}</th>' for name in
                      ("Page", "Owner", "Approved by", "Last reviewed", "Next review", "Status"))
    return "\n\n".join([
        "---\ntitle: Page ownership and review dates\nsummary: Every handbook page with its owner, review dates and status.\n---",
        "# Page ownership and review dates",
        f"On {long_date(today)}: {counts['current']} pages current, {counts[DUE]} due for review within 30 days, "
        f"{counts[OVERDUE]} overdue. Select a column heading to sort. The quality team can "
        f"[download this table as a spreadsheet (CSV)]({GOVERNANCE_CSV}).",
        f'<table class="ph-governance" data-ph-sortable><thead><tr>{headers}</tr></thead><tbody>'
        + "".join(rows) + "</tbody></table>",
    ]) + "\n"


def spreadsheet_text(value: str) -> str:
    """Author text as a spreadsheet shows it, never runs it: a cell starting with = + - @ (or a tab
    or carriage return) would be read as a formula by Excel, so it gets a leading apostrophe."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def governance_csv(records: list[PageRecord], today: date, site_url: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Page", "Address", "Owner", "Approved by", "Last reviewed", "Next review", "Status", "Version"])
    for r in sorted(records, key=lambda r: (r.review_by, r.src_uri)):
        writer.writerow([spreadsheet_text(r.title), absolute_url(site_url, r.src_uri),
                         spreadsheet_text(r.owner), spreadsheet_text(r.approved_by), r.last_reviewed.isoformat(),
                         r.review_by.isoformat(), STATUS_LABELS[r.status(today)], spreadsheet_text(r.version)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")   # BOM: Excel opens UTF-8 correctly


def all_changes(records: list[PageRecord]) -> list[tuple]:
    """(change, record) pairs, newest first; ties in page order so output never churns."""
    pairs = [(c, r) for r in records for c in r.changes]
    return sorted(pairs, key=lambda p: (-p[0].date.toordinal(), p[1].src_uri, p[0].note))


def whats_new_markdown(records: list[PageRecord]) -> str:
    # A finished table (common/link_lists.py): a row per change of every page, thousands on a
    # large site, which Python-Markdown's table and inline parsing took a second over.
    rows = [((long_date(c.date),), (Link(r.src_uri, r.title),), (c.note,)) for c, r in all_changes(records)]
    return "\n\n".join([
        "---\ntitle: What's new\nsummary: Every change to the handbook, newest first.\n---",
        "# What's new in the handbook",
        f"Every amendment to a handbook page, newest first. Follow changes in your feed reader with the "
        f"[What's new feed]({WHATS_NEW_FEED}).",
        markdown_table(("Date", "Page", "What changed"), rows) if rows else "No changes recorded yet.",
    ]) + "\n"


def whats_new_home(records: list[PageRecord], page_src: str, limit: int = 5) -> str:
    items = [f"- {long_date(c.date)}: [{esc(r.title)}]({relative_url(page_src, r.src_uri)}): {esc(c.note)}"
             for c, r in all_changes(records)[:limit]]
    more = f"[All changes]({relative_url(page_src, WHATS_NEW)})"
    return ("\n".join(items) + "\n\n" + more) if items else "No changes recorded yet."


def whats_new_feed(records: list[PageRecord], *, site_url: str, site_name: str) -> bytes:
    atom = "http://www.w3.org/2005/Atom"
    host = urlsplit(site_url).hostname or "practice-hub.invalid"
    ET.register_namespace("", atom)
    feed = ET.Element(f"{{{atom}}}feed")
    changes = all_changes(records)
    ET.SubElement(feed, f"{{{atom}}}title").text = f"{site_name}: what's new in the handbook"
    ET.SubElement(feed, f"{{{atom}}}id").text = f"tag:{host},2026:whats-new"
    ET.SubElement(feed, f"{{{atom}}}link", rel="self", href=absolute_url(site_url, WHATS_NEW_FEED))
    ET.SubElement(feed, f"{{{atom}}}link", rel="alternate", type="text/html", href=absolute_url(site_url, WHATS_NEW))
    ET.SubElement(feed, f"{{{atom}}}updated").text = (
        f"{changes[0][0].date.isoformat()}T00:00:00Z" if changes else "2026-01-01T00:00:00Z")
    for change, record in changes:
        entry = ET.SubElement(feed, f"{{{atom}}}entry")
        ET.SubElement(entry, f"{{{atom}}}title").text = f"{record.title}: {change.note}"
        ET.SubElement(entry, f"{{{atom}}}id").text = f"tag:{host},{change.date.isoformat()}:{record.src_uri}#{change.note[:40]}"
        ET.SubElement(entry, f"{{{atom}}}link", rel="alternate", type="text/html", href=absolute_url(site_url, record.src_uri))
        ET.SubElement(entry, f"{{{atom}}}updated").text = f"{change.date.isoformat()}T00:00:00Z"
        author = ET.SubElement(entry, f"{{{atom}}}author")
        ET.SubElement(author, f"{{{atom}}}name").text = record.owner or site_name
        ET.SubElement(entry, f"{{{atom}}}summary").text = change.note
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def topics_markdown(topics: dict[str, str], records: list[PageRecord], courses, editions) -> str:
    parts = ["---\ntitle: Topics\nsummary: Guidance, training and bulletin articles on each topic.\n---",
             "# Topics",
             "Each topic brings together the handbook guidance, the training courses and the bulletin articles on it."]
    by_topic = ArticlesByTopic(editions)
    for topic, label in topics.items():
        guidance = [r for r in records if topic in r.topics]
        training = [c for c in courses if topic in c.topics]
        articles = by_topic.on([topic])
        if not (guidance or training or articles):
            continue
        parts.append(f"## {esc(label)} {{#{topic}}}")
        # In Markdown, not common/link_lists: the handbook marks trademarks' first mentions on this page.
        if guidance:
            parts.append("**Guidance**\n\n" + "\n".join(f"- [{esc(r.title)}](../{r.src_uri})" for r in guidance))
        if training:
            parts.append("**Training**\n\n" + "\n".join(f"- [{esc(c.title)}](../training/courses/{c.id}.md)" for c in training))
        if articles:
            parts.append("**From the bulletin**\n\n" + "\n".join(
                f"- [{esc(a.title)}](../{e.src_uri}#{a.slug}), {esc(e.month_label)}" for e, a in articles))
    return "\n\n".join(parts) + "\n"
