"""Everything the bulletins feature produces, from the sources alone (no MkDocs needed)."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ..common.errors import SourceError
from ..common.handbook_index import HandbookPage, pages_by_topic
from ..governance.metadata import PageRecord
from ..training.model import Calendar
from . import compose
from .email import EmailCopy
from .email_cache import EmailCache
from .feed import atom_feed
from .figures import FIGURES_FILE, Figures, load_figures
from .loader import load_editions
from .loop import FoundOnce, check_figures_wanted, sections_for
from .model import Edition
from .pdf_batch import PdfJob, PendingPdfs
from .render import MarkdownSettings, Renderer
from .training_month import Limits

STYLESHEET_SOURCE = Path(__file__).parent / "assets" / "bulletins.css"


@dataclass(frozen=True)
class Settings:
    site_url: str
    site_name: str
    organisation: str
    email_to: str
    call_for_contributions: str = compose.DEFAULT_CALL
    make_pdf: bool = True
    pdf_cache_dir: Path | None = None     # unchanged editions' PDFs are reused from here
    email_cache_dir: Path | None = None   # and their email copies from here
    texts_cache_dir: Path | None = None   # and every text's conversion (texts_cache.py) from here
    markdown: MarkdownSettings = MarkdownSettings()   # the site's own Markdown settings (mkdocs.yml)
    project_root: Path | None = None      # where the glossary the Markdown settings append lives
    training_limits: Limits = Limits()    # how much of a big month's training every copy lists


def load(bulletins_dir: Path, *, include_drafts: bool, handbook: dict[str, HandbookPage], topics: dict,
         extra_pages: set[str], display_root: Path) -> list[Edition]:
    return load_editions(bulletins_dir, include_drafts=include_drafts, handbook_pages=set(handbook) | extra_pages,
                         topics=topics, display_root=display_root)


def load_with_figures(bulletins_dir: Path, *, include_drafts: bool, handbook: dict[str, HandbookPage], topics: dict,
                      extra_pages: set[str], display_root: Path) -> tuple[list[Edition], Figures | None]:
    """The editions and ``bulletins/figures.yml``, every problem in both reported together."""
    figures_name = (bulletins_dir / FIGURES_FILE).relative_to(display_root).as_posix()
    problems = []
    editions, figures = [], None
    try:
        editions = load(bulletins_dir, include_drafts=include_drafts, handbook=handbook, topics=topics,
                        extra_pages=extra_pages, display_root=display_root)
    except SourceError as err:
        problems += err.problems
    try:
        figures = load_figures(bulletins_dir / FIGURES_FILE, figures_name)
    except SourceError as err:
        problems += err.problems
    if not problems:
        problems += check_figures_wanted(editions, figures, figures_name).items
    if problems:
        raise SourceError(problems)
    return editions, figures


def outputs(editions: list[Edition], calendar: Calendar | None, handbook: dict[str, HandbookPage],
            settings: Settings, *, records: list[PageRecord] | None = None, figures: Figures | None = None,
            whats_new: str = "", renderer: Renderer | None = None,
            later_pdfs: list[PendingPdfs] | None = None) -> tuple[dict[str, str], dict[str, bytes]]:
    """(Markdown pages by src_uri, other files by path) for the archive, feed and every edition.

    ``records`` are the handbook's governance records (What's new's), for "Guidance updated this
    month"; ``figures`` the performance team's, for "How we are doing for children"; ``renderer``
    one kept between preview rebuilds (made with these settings), else a new one. Given
    ``later_pdfs``, the edition PDFs are not among the files: their rendering is started and
    appended to it, for the caller to collect (``results()``) once the rest is built."""
    topic_pages = pages_by_topic(handbook)
    titles = {uri: page.title for uri, page in handbook.items()}
    pages = {compose.ARCHIVE: compose.archive_markdown(editions)}
    files: dict[str, bytes] = {compose.FEED: atom_feed(editions, site_url=settings.site_url, site_name=settings.site_name),
                               compose.STYLESHEET: STYLESHEET_SOURCE.read_bytes()}
    # Each text converted once per build (or, given a renderer kept while previewing, once), and
    # not at all while its conversion is kept on disk.
    renderer = renderer or Renderer(settings.markdown, settings.project_root, settings.texts_cache_dir)
    emails = EmailCache(settings.email_cache_dir)   # unchanged editions' email copies reused
    # Each PDF starts rendering as soon as its print copy is made.
    pending = PendingPdfs(settings.pdf_cache_dir) if settings.make_pdf else None
    found = FoundOnce(records, handbook) if records is not None else None   # for every edition's loop
    try:
        for edition in editions:
            loop = sections_for(edition, editions, records=records, handbook=handbook, figures=figures,
                                whats_new=whats_new, found=found)
            pages[edition.src_uri] = compose.edition_markdown(
                edition, calendar, handbook=handbook, topic_pages=topic_pages,
                call_for_contributions=settings.call_for_contributions, loop=loop,
                training_limits=settings.training_limits)
            copy = EmailCopy(edition, calendar, site_url=settings.site_url, organisation=settings.organisation,
                             handbook_titles=titles, call_for_contributions=settings.call_for_contributions, loop=loop,
                             renderer=renderer, training_limits=settings.training_limits)
            base = edition.base_path
            print_html, text = copy.print_html(), copy.text()
            if pending is not None:
                pending.add(f"{base}/{edition.file_stem}.pdf", PdfJob(
                    print_html, folder=edition.folder, organisation=settings.organisation,
                    month_label=edition.month_label, identifier=f"{settings.site_url}{base}", images=edition.images))
            key = emails.key(print_html=print_html, text=text, site_url=settings.site_url, to_address=settings.email_to)
            files[f"{base}/email.html"], files[f"{base}/{edition.file_stem}.eml"] = emails.copies(
                key, functools.partial(_email_copies, copy, text, settings.email_to))
            for image in edition.images:
                files[f"{base}/{image}"] = (edition.folder / image).read_bytes()
    except BaseException:
        if pending is not None:
            pending.cancel()   # no worker left rendering for a build that failed
        raise
    emails.forget_the_rest()
    renderer.forget_the_rest()
    if pending is None:
        pass   # no PDFs (the preview): their cache is left as the last build left it
    elif later_pdfs is not None:
        later_pdfs.append(pending)
    else:
        files.update(pending.results())
    return pages, files


def _email_copies(copy: EmailCopy, text: str, to_address: str) -> tuple[bytes, bytes]:
    html = copy.html()
    return html.encode("utf-8"), copy.eml(to_address=to_address, html=html, text=text)
