"""The bulletin's web pages as Markdown: each edition, the archive, the home-page feature.

Text from front matter reaches HTML only through autoescaped Jinja templates or html.escape;
article bodies are Markdown the editor wrote, published as written.
"""
from __future__ import annotations

import html
import itertools
from pathlib import Path

import jinja2
import yaml

from .. import routes
from ..common.handbook_index import HandbookPage
from ..common.text import plain
from ..training.formatting import describe_when, page_path, relative_url, short_date
from ..training.ics import session_file_path
from ..training.model import Calendar
from .figures_chart import DOT_RADIUS, PLOT_LEFT, TOP, VALUE_X, WIDTH
from .figures_report import month_label, with_unit
from .guidance_updates import long_date
from .links import rewrite_links, shift_headings, web_targets
from .loop import FIGURES_HEADING, FIGURES_ID, GUIDANCE_HEADING, GUIDANCE_ID, LoopSections, arrow, safe_markdown
from .model import Edition
from .training_month import Limits, training_this_month

ARCHIVE = "bulletins/index.md"
FEED = "bulletins/feed.xml"
STYLESHEET = "assets/stylesheets/practice-hub-bulletins.css"
HOME_MARKER = "<!-- practice-hub:latest-bulletin -->"

DEFAULT_CALL = ("Have you tried something that made a difference for a child or family? Learned "
                "something from a complaint, an audit or a case review? Tell us in a few hundred words "
                "and we will help you shape it into an article for a future edition.")

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
                          autoescape=True, trim_blocks=True, lstrip_blocks=True,
                          undefined=jinja2.StrictUndefined)


def _one_block(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if line.strip())


def _front_matter(**values) -> str:
    return "---\n" + yaml.safe_dump(values, sort_keys=False, allow_unicode=True) + "---\n"


def training_html(edition: Edition, calendar: Calendar | None, *, course_link, ics_link, training_home,
                  page_link=None, limits: Limits = Limits()) -> str:
    """``page_link(src_uri)``: the link to a training page from this one (the rest of a big month)."""
    summary = training_this_month(calendar, edition.first_day, session_limit=limits.sessions,
                                  course_limit=limits.courses)
    return _one_block(_env.get_template("training_month.html").render(
        groups=summary.groups, summary=summary, when=describe_when, short=lambda s: short_date(s.first_start.date()),
        day=lambda s: short_date(s.first_start.date())[:-5],
        course_link=course_link, ics_link=ics_link, training_home=training_home,
        more_link=page_link(summary.more_page) if summary.more_page and page_link else training_home,
        month_label=edition.month_label))


def contents_entries(edition: Edition) -> list[tuple[str, str, str]]:
    """(anchor, title, author) for the "In this edition" list."""
    return [(a.slug, a.title, a.author) for a in edition.articles]


def edition_markdown(edition: Edition, calendar: Calendar | None, *, handbook: dict[str, HandbookPage],
                     topic_pages: dict[str, list[HandbookPage]], call_for_contributions: str = DEFAULT_CALL,
                     loop: LoopSections | None = None, training_limits: Limits = Limits()) -> str:
    src = edition.src_uri
    page_link, image_link = web_targets(src)
    esc = plain   # author text in the page's Markdown: shown as text, never markup
    parts = [
        _front_matter(title=html.escape(edition.title), summary=html.escape(edition.summary or f"The {edition.month_label} edition."),
                      bulletin_month=edition.month),
        f"# {esc(edition.title)}",
        f'<p class="ph-edition-meta">{esc(edition.month_label)} · Edited by {esc(edition.editor.name)}, {esc(edition.editor.role)}</p>',
    ]
    if edition.is_draft:
        parts.append('!!! warning "Draft: not published"\n    This edition is a draft. It is shown only in the preview '
                     "(`mkdocs serve`) and is left out of the published site, the archive and the feed.")
    parts.append(_copies_links(edition))
    if edition.quote:
        source = f"<br>— {esc(edition.quote_source)}" if edition.quote_source else ""
        parts.append(f'<blockquote class="ph-edition-quote"><p>{esc(edition.quote)}{source}</p></blockquote>')
    parts += ["## Welcome", rewrite_links(edition.welcome.strip(), page_link, image_link)]
    parts += ["## In this edition", "\n".join(
        [f"- [{esc(title)}](#{anchor}), by {esc(author)}" for anchor, title, author in contents_entries(edition)]
        + [f"- [{heading}](#{anchor})" for anchor, heading in (loop.contents() if loop else [])]
        + ["- [Training this month](#training-this-month)", "- [Get involved](#get-involved)"])]
    parts += _focus_section(edition, handbook, page_link)
    for article in edition.articles:
        parts += _article_section(article, topic_pages, page_link, image_link)
    if loop and loop.figures:
        parts += figures_section(loop, edition, page_link, image_link)
    if loop and loop.guidance is not None:
        parts += guidance_section(loop, page_link)
    parts += ['## Training this month { #training-this-month data-search-exclude="1" }',
              f"Sessions in {esc(edition.month_label)} and the first week of the next month, from the training calendar.",
              training_html(edition, calendar,
                            course_link=lambda s: relative_url(src, page_path(routes.course_page(s.course))),
                            ics_link=lambda s: relative_url(src, session_file_path(s)),
                            training_home=relative_url(src, page_path(routes.TRAINING_HOME)),
                            page_link=lambda path: relative_url(src, page_path(path)), limits=training_limits)]
    parts += ["## Get involved {#get-involved}", esc(call_for_contributions),
              f"Email [{esc(edition.editor.email)}](mailto:{edition.editor.email}) to suggest an article or a practice focus.",
              f'<p class="ph-signoff">With thanks,<br><strong>{esc(edition.editor.name)}</strong><br>{esc(edition.editor.role)}</p>']
    return "\n\n".join(parts) + "\n"


def figures_section(loop: LoopSections, edition: Edition, page_link, image_link) -> list[str]:
    """"How we are doing for children": commentary, then per measure the headline, chart and table."""
    report = loop.figures
    parts = [f"## {FIGURES_HEADING} {{#{FIGURES_ID}}}"]
    if report.commentary:
        parts.append(rewrite_links(safe_markdown(report.commentary), page_link, image_link))
    parts.append(_one_block(_env.get_template("figures_web.html").render(
        report=report, items=loop.charts("chart"), edition_month=edition.month_label, month_label=month_label,
        with_unit=with_unit, arrow=arrow, width=WIDTH, plot_left=PLOT_LEFT, top=TOP, dot_radius=DOT_RADIUS,
        value_x=VALUE_X)))
    return parts


def guidance_section(loop: LoopSections, page_link) -> list[str]:
    """"Guidance updated this month": every handbook change in the edition's window, newest first."""
    span = loop.window.label
    parts = [f"## {GUIDANCE_HEADING} {{#{GUIDANCE_ID}}}"]
    if not loop.guidance:
        return parts + [f"No handbook pages changed in {span}."]
    source = f" They are also on [What's new]({page_link(loop.whats_new)})." if loop.whats_new else ""
    parts.append(f"Handbook pages changed in {span}, newest first, from each page's own record of changes.{source}")
    items = []
    for update in loop.guidance:
        label = "**New 7-minute briefing:** " if update.new_briefing else ""
        items.append(f'- {label}[{plain(update.title)}]({page_link(update.src_uri)}): {plain(update.note)}'
                     f' <span class="ph-guidance-owner">Owner: {plain(update.owner)}. '
                     f"{long_date(update.date)}.</span>")
    parts.append('<div class="ph-guidance-updates" markdown="1">\n\n' + "\n".join(items) + "\n\n</div>")
    return parts


def _copies_links(edition: Edition) -> str:
    stem = edition.file_stem
    return ('<p class="ph-edition-copies">Other copies of this edition: '
            '<a href="email.html">email version (web page)</a> · '
            f'<a href="{stem}.eml" download>email to open in Outlook (.eml)</a> · '
            f'<a href="{stem}.pdf">printable PDF</a></p>')


def _focus_section(edition: Edition, handbook, page_link) -> list[str]:
    focus = edition.practice_focus
    lines = [f"## Practice focus: {plain(focus.title)}"]
    pages = [handbook[p] for p in focus.pages if p in handbook]
    if pages:
        lines.append("This month's practice focus in the handbook:")
        lines.append("\n".join(f"- [{plain(p.title)}]({page_link(p.src_uri)})" for p in pages))
    return lines


def _article_section(article, topic_pages, page_link, image_link) -> list[str]:
    css = "ph-article ph-briefing" if article.is_briefing else "ph-article"
    kind = "7-minute briefing: " if article.is_briefing else ""
    body = shift_headings(rewrite_links(article.body.strip(), page_link, image_link))
    section = [f"## {plain(kind + article.title)} {{#{article.slug} .{css.replace(' ', ' .')}}}",
               f'<p class="ph-byline">By {plain(article.author)}</p>', body]
    guidance = []
    for topic in article.topics:
        guidance += [p for p in topic_pages.get(topic, []) if p not in guidance]
    if guidance:
        links = ", ".join(f"[{plain(p.title)}]({page_link(p.src_uri)})" for p in guidance[:4])
        section.append(f'<p class="ph-guidance-label">Guidance on this topic:</p>\n\n{links}')
    return section


def archive_markdown(editions: list[Edition]) -> str:
    published = [e for e in editions if not e.is_draft]
    parts = [_front_matter(title="Bulletins", summary="Every edition of the Practice and Learning Bulletin."),
             "# Practice and Learning Bulletin",
             "The monthly bulletin from the Principal Social Worker: practice focus, articles, learning "
             "from practice and the month's training. Follow new editions with the [bulletin feed](feed.xml)."]
    if not published:
        return "\n\n".join(parts + ["No editions have been published yet."]) + "\n"
    latest = published[0]
    parts += ["## Latest edition", f"**[{plain(latest.title)}]({relative_url(ARCHIVE, latest.src_uri)})**",
              plain(latest.summary or f"Practice focus: {latest.practice_focus.title}.")]
    for year, items in itertools.groupby(published, key=lambda e: e.month[:4]):
        parts.append(f"## {year}")
        parts.append("\n".join(f"- [{plain(e.month_label)}: {plain(e.practice_focus.title)}]"
                               f"({relative_url(ARCHIVE, e.src_uri)})" for e in items))
    return "\n\n".join(parts) + "\n"


def home_feature(editions: list[Edition], page_src: str) -> str:
    published = [e for e in editions if not e.is_draft]
    if not published:
        return ""
    latest = published[0]
    titles = ", ".join(plain(a.title) for a in latest.articles[:3])
    return (f"**[{plain(latest.title)}]({relative_url(page_src, latest.src_uri)})**: practice focus "
            f"{plain(latest.practice_focus.title.lower())}. Also in this edition: {titles}. "
            f"[All editions]({relative_url(page_src, ARCHIVE)}).")
