"""The two sections that close the loop, worked out once per edition for every copy (web page,
email, .eml, PDF): "Guidance updated this month" and "How we are doing for children"."""
from __future__ import annotations

from dataclasses import dataclass

from ..common.errors import Problems
from ..common.handbook_index import HandbookPage
from ..governance.metadata import PageRecord
from ..handbook.briefings import handbook_briefings
from .figures import Figures
from .figures_chart import Chart, chart
from .figures_report import FiguresReport, MeasureReport, build_report
from .guidance_updates import GuidanceUpdate, GuidanceWindow, all_changes, guidance_updates, window
from .model import Edition

GUIDANCE_ID = "guidance-updated"
FIGURES_ID = "how-we-are-doing"
GUIDANCE_HEADING = "Guidance updated this month"
FIGURES_HEADING = "How we are doing for children"


@dataclass(frozen=True)
class LoopSections:
    window: GuidanceWindow | None                        # None: an email copy made without sections
    guidance: tuple[GuidanceUpdate, ...] | None = None   # None: no handbook records, section left out
    figures: FiguresReport | None = None                 # None: the edition does not show figures
    whats_new: str = ""                                  # src_uri of What's new, when the site has it

    def charts(self, id_prefix: str) -> list[tuple[MeasureReport, Chart]]:
        return [(r, chart(r, id_prefix)) for r in self.figures.measures] if self.figures else []

    def contents(self) -> list[tuple[str, str]]:
        """(anchor, heading) for the "In this edition" list, in page order."""
        found = []
        if self.figures is not None:
            found.append((FIGURES_ID, FIGURES_HEADING))
        if self.guidance is not None:
            found.append((GUIDANCE_ID, GUIDANCE_HEADING))
        return found


def sections_for(edition: Edition, editions: list[Edition], *, records: list[PageRecord] | None,
                 handbook: dict[str, HandbookPage], figures: Figures | None, whats_new: str = "",
                 found: "FoundOnce | None" = None) -> LoopSections:
    """``found``: the handbook's changes and briefings, found once for every edition of a build."""
    span = window(edition, editions)
    guidance = None
    if records is not None:
        found = found or FoundOnce(records, handbook)
        guidance = tuple(guidance_updates(records, found.briefings, span, changes=found.changes))
    report = None
    if edition.figures is not None and figures is not None:
        report = build_report(figures, edition.month, chosen=edition.figures.month,
                              commentary=edition.figures.commentary)
    return LoopSections(span, guidance, report, whats_new)


class FoundOnce:
    """What every edition's "Guidance updated this month" is chosen from, found once per build."""

    def __init__(self, records: list[PageRecord], handbook: dict[str, HandbookPage]):
        self.changes = all_changes(records)
        self.briefings = {page.src_uri for page in handbook_briefings(handbook)}


def check_figures_wanted(editions: list[Edition], figures: Figures | None, figures_file: str) -> Problems:
    """An edition that asks for figures when there is no figures file."""
    problems = Problems()
    if figures is None:
        for edition in editions:
            if edition.figures is not None:
                problems.add(edition.figures.source_file, edition.figures.line,
                             f"`figures:` asks for the figures, but there is no {figures_file}.",
                             f"ask the performance team for {figures_file}, or take the `figures:` line out.")
    return problems


def safe_markdown(text: str) -> str:
    """The editor's Markdown with any HTML shown as text: bold, lists and links work, tags never run."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


def arrow(report: MeasureReport) -> str:
    """▲ up, ▼ down, ▶ level: beside the words, never instead of them."""
    if report.change is None:
        return ""
    return "▲" if report.change > 0 else "▼" if report.change < 0 else "▶"

