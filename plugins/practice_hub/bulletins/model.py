"""A bulletin edition and its articles, as plain immutable data."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

DRAFT = "draft"
PUBLISHED = "published"


@dataclass(frozen=True)
class Editor:
    name: str
    role: str
    email: str


@dataclass(frozen=True)
class PracticeFocus:
    title: str
    topics: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()         # handbook src_uris


@dataclass(frozen=True)
class Article:
    slug: str                            # anchor on the edition page
    title: str
    author: str
    order: int
    body: str                            # Markdown; links to handbook pages written from the docs root
    topics: tuple[str, ...] = ()
    type: str = "article"                # article | briefing
    source_file: str = ""
    body_line: int = 1

    @property
    def is_briefing(self) -> bool:
        return self.type == "briefing"


@dataclass(frozen=True)
class FiguresChoice:
    """The edition shows "How we are doing for children" (front matter ``figures:``)."""
    month: str = ""                      # "" = the latest month with figures on or before the edition's
    commentary: str = ""                 # the editor's Markdown (no HTML)
    source_file: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Edition:
    month: str                           # "2026-09"
    title: str
    status: str
    practice_focus: PracticeFocus
    editor: Editor
    welcome: str                         # Markdown
    articles: tuple[Article, ...]
    folder: Path = field(compare=False)
    quote: str = ""
    quote_source: str = ""
    summary: str = ""
    images: tuple[str, ...] = ()         # file names beside the Markdown, copied with the page
    figures: FiguresChoice | None = None # None: no figures block in this edition

    @property
    def first_day(self) -> date:
        year, month = map(int, self.month.split("-"))
        return date(year, month, 1)

    @property
    def is_draft(self) -> bool:
        return self.status == DRAFT

    @property
    def month_label(self) -> str:
        return self.first_day.strftime("%B %Y")

    @property
    def base_path(self) -> str:
        """Folder of the edition on the site: bulletins/2026/09."""
        return f"bulletins/{self.month[:4]}/{self.month[5:]}"

    @property
    def src_uri(self) -> str:
        return f"{self.base_path}/index.md"

    @property
    def file_stem(self) -> str:
        return f"practice-and-learning-bulletin-{self.month}"
