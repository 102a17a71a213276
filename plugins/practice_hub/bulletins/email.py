"""The email-ready copy: one self-contained HTML file (CSS inlined by css-inline, table layout for
Outlook desktop, absolute links back to the intranet), a plain-text alternative, and an .eml
(multipart/alternative) the editor opens in Outlook and sends."""
from __future__ import annotations

import functools
import re
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import css_inline
import jinja2
from markupsafe import Markup

from .. import routes
from ..training.formatting import describe_when, short_date
from ..training.ics import session_file_path
from ..training.model import Calendar
from .compose import DEFAULT_CALL
from .figures_chart import DOT_RADIUS, PLOT_LEFT, TOP, VALUE_X, WIDTH
from .figures_report import month_label, with_unit
from .guidance_updates import long_date
from .links import absolute_targets
from .loader import LINK
from .loop import FIGURES_HEADING, GUIDANCE_HEADING, LoopSections, arrow, safe_markdown
from .model import Edition
from .render import Renderer
from .training_month import Limits, training_this_month

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
                          autoescape=True, trim_blocks=True, lstrip_blocks=True,
                          undefined=jinja2.StrictUndefined)
_INLINER = css_inline.CSSInliner(keep_style_tags=False, keep_link_tags=False, load_remote_stylesheets=False)


class EmailCopy:
    def __init__(self, edition: Edition, calendar: Calendar | None, *, site_url: str, organisation: str,
                 handbook_titles: dict[str, str], call_for_contributions: str = DEFAULT_CALL,
                 loop: LoopSections | None = None, renderer: Renderer | None = None,
                 training_limits: Limits = Limits()):
        self.edition, self.calendar, self.organisation = edition, calendar, organisation
        self.training_limits = training_limits
        self.loop = loop or LoopSections(window=None)
        self.url = functools.partial(routes.absolute_url, site_url)   # every address from routes
        self.page_url, self.image_url = absolute_targets(site_url, edition.base_path)
        self.handbook_titles, self.call = handbook_titles, call_for_contributions
        self.renderer = renderer or Renderer()

    def _markdown_html(self, text: str, image_url) -> Markup:
        """The author's Markdown as HTML: converted once, links filled in for this copy."""
        return self.renderer.render(text).with_links(self.page_url, image_url)

    @functools.cached_property
    def training(self):
        """This month's training, as every copy shows it (summarised when the month is big)."""
        return training_this_month(self.calendar, self.edition.first_day,
                                   session_limit=self.training_limits.sessions,
                                   course_limit=self.training_limits.courses)

    @property
    def web_url(self) -> str:
        return self.url(self.edition.src_uri)

    def html(self) -> str:
        """The email copy: every style inlined, every link and image absolute."""
        return _INLINER.inline(self._render(self.image_url))

    def print_html(self) -> str:
        """The same layout for the PDF: images by file name, read from the edition's folder; the
        figures drawn as SVG charts (WeasyPrint draws them; Outlook gets table-cell dots)."""
        return self._render(lambda name: name, for_print=True)

    def _loop_context(self, image_url, for_print: bool) -> dict:
        loop = self.loop
        report = loop.figures
        commentary = report.commentary if report else ""
        return dict(
            sections=loop, report=report, items=loop.charts("print" if for_print else "mail"), for_print=for_print,
            commentary_html=self._markdown_html(safe_markdown(commentary), image_url) if commentary else "",
            guidance=[(u, self.page_url(u.src_uri)) for u in loop.guidance or ()],
            whats_new_url=self.page_url(loop.whats_new) if loop.whats_new else "",
            loop_contents=loop.contents(), figures_heading=FIGURES_HEADING, guidance_heading=GUIDANCE_HEADING,
            month_label=month_label, with_unit=with_unit, arrow=arrow, long_date=long_date, zip=zip,
            width=WIDTH, plot_left=PLOT_LEFT, top=TOP, dot_radius=DOT_RADIUS, value_x=VALUE_X,
            edition_month=self.edition.month_label)

    def _render(self, image_url, for_print: bool = False) -> str:
        e = self.edition
        return _env.get_template("email.html").render(
            **self._loop_context(image_url, for_print),
            edition=e, organisation=self.organisation, web_url=self.web_url,
            welcome_html=self._markdown_html(e.welcome, image_url),
            focus_pages=[(self.handbook_titles.get(p, p), self.page_url(p)) for p in e.practice_focus.pages],
            articles=[(a, self._markdown_html(a.body, image_url)) for a in e.articles],
            training=self.training, when=describe_when, day=lambda s: short_date(s.first_start.date())[:-5],
            training_more_url=self.url(self.training.more_page or routes.TRAINING_HOME),
            course_url=lambda s: self.url(routes.course_page(s.course)),
            ics_url=lambda s: self.url(session_file_path(s)), training_url=self.url(routes.TRAINING_HOME),
            call_for_contributions=self.call, accessibility_url=self.url(routes.ACCESSIBILITY),
            archive_url=self.url(routes.BULLETINS_ARCHIVE),
            pdf_url=self.url(f"{e.base_path}/{e.file_stem}.pdf"))

    def text(self) -> str:
        e = self.edition
        out = [e.title, "=" * len(e.title), "", f"{e.month_label}. Edited by {e.editor.name}, {e.editor.role}.",
               f"Read it on the intranet: {self.web_url}", ""]
        if e.quote:
            out += [f'"{e.quote}"' + (f" ({e.quote_source})" if e.quote_source else ""), ""]
        out += self._section("Welcome", e.welcome)
        out += ["In this edition", "---------------"] + [f"- {a.title}, by {a.author}" for a in e.articles]
        out += [f"- {heading}" for _, heading in self.loop.contents()] + [""]
        out += [f"Practice focus: {e.practice_focus.title}", "-" * (16 + len(e.practice_focus.title))]
        out += [f"- {self.handbook_titles.get(p, p)}: {self.page_url(p)}" for p in e.practice_focus.pages] + [""]
        for a in e.articles:
            out += self._section(("7-minute briefing: " if a.is_briefing else "") + a.title, f"By {a.author}\n\n{a.body}")
        out += self._figures_text() + self._guidance_text()
        out += ["Training this month", "-------------------"]
        groups = self.training
        if groups.summarised:
            out += [f"{groups.total:,} sessions are scheduled. The soonest {groups.shown} are below, a line per course; "
                    "each course page has the booking and calendar links.", ""]
        for group in groups:
            out.append(f"{group.label}:")
            for line in group.courses:
                dates = ", ".join(short_date(s.first_start.date())[:-5] + (" (cancelled)" if s.is_cancelled else
                                  " (full)" if s.is_full else "") for s in line.sessions)
                out.append(f"- {line.course.title}: {dates}")
                out.append(f"  {self.url(routes.course_page(line.course))}")
            for s in (() if groups.summarised else group.sessions):
                state = " (CANCELLED: this session will not run)" if s.is_cancelled else ""
                out.append(f"- {s.course.title}{state}: {describe_when(s)}" + (f", {s.location}" if s.location else ""))
                if not s.is_cancelled and s.booking_url:
                    out.append(f"  Book: {s.booking_url}")
            out.append("")
        if groups.summarised:
            out += [f"And {groups.more:,} more session{'s' if groups.more != 1 else ''} this month: see all "
                    f"{groups.month:%B %Y} training at {self.url(groups.more_page or routes.TRAINING_HOME)}", ""]
        if not groups:
            out += [f"No sessions this month. All training: {self.url(routes.TRAINING_HOME)}", ""]
        out += ["Get involved", "------------", self.call, f"Email {e.editor.email} to suggest an article.", "",
                "With thanks,", e.editor.name, e.editor.role, "",
                f"{self.organisation}. Accessibility statement: {self.url(routes.ACCESSIBILITY)}", ""]
        return "\n".join(out)

    def _figures_text(self) -> list[str]:
        report = self.loop.figures
        if report is None:
            return []
        out = [FIGURES_HEADING, "-" * len(FIGURES_HEADING)]
        if report.commentary:
            out += self._section("", report.commentary)[2:]
        if report.month is None:
            return out + [f"No figures yet: the performance team has no figures for {self.edition.month_label} "
                          "or the months before it.", ""]
        for r in report.measures:
            against = f", {r.target_status} (target {r.target_text})" if r.value is not None else ""
            out += [f"{r.measure.label}: {r.shown}{against}", f"  {r.measure.meaning}"]
            out += [f"  {text}" for text in (r.change_text, r.trend_text) if text]
            out += ["  Month by month: " + "; ".join(f"{month_label(p.month)} {with_unit(p.value, r.measure.unit)}"
                                                     for p in r.trend), ""]
        return out

    def _guidance_text(self) -> list[str]:
        loop = self.loop
        if loop.guidance is None:
            return []
        out = [GUIDANCE_HEADING, "-" * len(GUIDANCE_HEADING)]
        if not loop.guidance:
            return out + [f"No handbook pages changed in {loop.window.label}.", ""]
        out.append(f"Handbook pages changed in {loop.window.label}, newest first:")
        for u in loop.guidance:
            label = "New 7-minute briefing: " if u.new_briefing else ""
            out += [f"- {label}{u.title}: {u.note} Owner: {u.owner}. {long_date(u.date)}.", f"  {self.page_url(u.src_uri)}"]
        return out + [""]

    def _section(self, title: str, body: str) -> list[str]:
        def plain(match: re.Match) -> str:
            bang, label, target, _ = match.groups()
            if bang:
                return f"[Image: {label}]"
            if target.startswith(("http://", "https://", "mailto:")):
                return f"{label} ({target.removeprefix('mailto:')})"
            return f"{label} ({self.page_url(target)})"
        text = LINK.sub(plain, body.strip())
        text = re.sub(r"^#{2,6}\s+(.*)$", lambda m: m.group(1).upper(), text, flags=re.M)
        return [title, "-" * len(title), text, ""]

    def eml(self, *, to_address: str, html: str | None = None, text: str | None = None) -> bytes:
        """The .eml; ``html`` and ``text``, when given, are this copy's own ``html()`` and
        ``text()`` already made (so they are not made twice)."""
        e = self.edition
        # Headers unfolded up to the standard's 998 characters: Python drops the quotes round a
        # long display name when it folds it, and the From address is then misread.
        message = EmailMessage(policy=SMTP.clone(max_line_length=998))
        # Author text in headers: one line (no CR/LF can add a header), the name quoted as the
        # standard requires, so nothing in it is read as an address.
        message["Subject"] = one_line(e.title)
        message["From"] = Address(display_name=one_line(e.editor.name), addr_spec=one_line(e.editor.email))
        message["To"] = to_address
        # Fixed date and Message-ID from the edition, so rebuilding gives the same file.
        message["Date"] = format_datetime(datetime(e.first_day.year, e.first_day.month, 1, 9, tzinfo=timezone.utc))
        message["Message-ID"] = f"<bulletin-{e.month}@{urlsplit(self.url('')).hostname or 'practice-hub.invalid'}>"
        message["X-Unsent"] = "1"   # Outlook opens it as a draft ready to send
        message.set_content(self.text() if text is None else text)
        message.add_alternative(self.html() if html is None else html, subtype="html")
        message.set_boundary(f"==practice-hub-bulletin-{e.month}==")
        return message.as_bytes()


def one_line(text: str) -> str:
    """Header text on one line: line breaks and runs of spaces become single spaces."""
    return " ".join(str(text).split())
