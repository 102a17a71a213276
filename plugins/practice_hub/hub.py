"""The hub: every source read and checked once, in one place, before anything is written.

`Hub.load(settings)` reads mkdocs.yml's extras, topics.yml, the glossary, every handbook
page's front matter, the governance records, the training calendar and every bulletin edition
and its figures, and raises one :class:`SourceError` listing every problem in all of them.
Front ends (the MkDocs plugins, the `practice-hub check` command) read what they need from the
loaded hub; no feature reads another feature's state. No MkDocs import here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, TypeVar

from .common.clock import build_today
from .common.errors import Problem, Problems, SourceError
from .common.handbook_index import HandbookPage, load_handbook_index
from .common.sources import links_outside, outside_project
from .common.vocabulary import load_topics
from .governance.metadata import PageRecord, Rules, read_records
from .handbook import accessibility, briefings, glossary
from .bulletins.render import MarkdownSettings
from .bulletins.training_month import Limits as BulletinTrainingLimits
from .handbook.boosts import check_boosts
from .routes import GENERATED_HANDBOOK_PAGES, TRAINING_PAGES, course_page

T = TypeVar("T")
PLUGIN_NAMES = ("practice-hub/handbook", "practice-hub/training", "practice-hub/bulletins", "practice-hub/governance")


@dataclass(frozen=True)
class HubSettings:
    """Where the sources are and the organisation's rules: the parts of mkdocs.yml the hub uses."""
    root: Path                                   # the folder holding mkdocs.yml
    docs_dir: Path
    site_url: str = "http://localhost/"
    site_name: str = "Practice Hub"
    extra: dict = field(default_factory=dict)
    topics_file: str = "topics.yml"
    glossary_file: str = "includes/abbreviations.md"
    search_boost: dict = field(default_factory=dict)
    calendar_dir: str | None = "training_calendar"   # None: the training feature is off
    timezone: str = "Europe/London"
    feed_past_days: int = 90                         # past sessions kept in the training feeds
    home_months: int = 3                             # months after this one on the training home
    bulletins_dir: str | None = "bulletins"          # None: the bulletins feature is off
    bulletin_training: BulletinTrainingLimits = BulletinTrainingLimits()   # a big month's training, summarised
    include_drafts: bool = False                     # drafts are shown only while previewing
    governance: bool = True
    rules: Rules = Rules()
    exclude_from_governance: tuple[str, ...] = ("index.md",)
    markdown: MarkdownSettings = MarkdownSettings()   # mkdocs.yml's markdown_extensions

    @property
    def organisation(self) -> str:
        return str(self.extra.get("organisation") or self.site_name)

    def watched_paths(self) -> list[Path]:
        """Every file and folder the hub reads: what a live preview must watch."""
        paths = [self.docs_dir, self.root / self.topics_file, self.root / self.glossary_file]
        paths += [self.root / folder for folder in (self.calendar_dir, self.bulletins_dir) if folder]
        return [path for path in paths if path.exists()]

    @classmethod
    def from_mkdocs_settings(cls, settings: dict, root: Path, *, include_drafts: bool = False,
                             today: date | None = None) -> "HubSettings":
        """From mkdocs.yml's settings as plain data (what any front end can read)."""
        plugins = _plugin_options(settings.get("plugins") or [])
        handbook = plugins.get("practice-hub/handbook", {})
        training = plugins.get("practice-hub/training")
        bulletins = plugins.get("practice-hub/bulletins")
        governance = plugins.get("practice-hub/governance")
        gov = governance or {}
        return cls(
            root=root, docs_dir=root / str(settings.get("docs_dir") or "docs"),
            site_url=str(settings.get("site_url") or "http://localhost/"),
            site_name=str(settings.get("site_name") or "Practice Hub"), extra=dict(settings.get("extra") or {}),
            topics_file=handbook.get("topics_file", "topics.yml"),
            glossary_file=handbook.get("glossary_file", "includes/abbreviations.md"),
            search_boost=dict(handbook.get("search_boost") or {}),
            calendar_dir=training.get("calendar_dir", "training_calendar") if _enabled(training) else None,
            timezone=(training or {}).get("timezone", "Europe/London"),
            feed_past_days=(training or {}).get("feed_past_days", 90),
            home_months=(training or {}).get("home_months", 3),
            bulletins_dir=bulletins.get("bulletins_dir", "bulletins") if _enabled(bulletins) else None,
            bulletin_training=BulletinTrainingLimits(
                sessions=(bulletins or {}).get("training_sessions", BulletinTrainingLimits.sessions),
                courses=(bulletins or {}).get("training_courses", BulletinTrainingLimits.courses)),
            include_drafts=include_drafts, governance=_enabled(governance),
            rules=Rules(review_months=gov.get("review_months", 12), due_days=gov.get("due_days", 30),
                        roles=tuple(gov.get("roles") or ()), today=today or build_today()),
            exclude_from_governance=tuple(gov.get("exclude") or ("index.md",)),
            markdown=MarkdownSettings.from_mkdocs_list(settings.get("markdown_extensions")))


def _plugin_options(entries) -> dict[str, dict]:
    """mkdocs.yml's `plugins:` list (names, or one-key mappings of name -> options) as name -> options."""
    options = {}
    for entry in entries:
        if isinstance(entry, str):
            options[entry] = {}
        elif isinstance(entry, dict):
            for name, value in entry.items():
                options[str(name)] = dict(value or {})
    return options


def _enabled(options: dict | None) -> bool:
    return options is not None and options.get("enabled", True) is not False


@dataclass
class Hub:
    settings: HubSettings
    topics: dict[str, str] | None
    terms: list
    statement: dict
    handbook: dict[str, HandbookPage]
    records: dict[str, PageRecord]
    calendar: object | None = None          # training.model.Calendar
    editions: list = field(default_factory=list)
    figures: object | None = None

    @classmethod
    def load(cls, settings: HubSettings) -> "Hub":
        """Read and check every source; raise one SourceError with every problem found."""
        problems: list[Problem] = []

        def attempt(load: Callable[[], T], fallback: T) -> T:
            try:
                return load()
            except SourceError as err:
                problems.extend(err.problems)
                return fallback
        root = settings.root
        outside = _sources_outside(settings)
        if outside:
            raise SourceError(outside)   # nothing outside the project is ever read
        topics = attempt(lambda: load_topics(root / settings.topics_file, settings.topics_file), None)
        terms = attempt(lambda: glossary.load_glossary(root / settings.glossary_file, settings.glossary_file, root), [])
        statement = attempt(lambda: accessibility.check_settings(settings.extra.get("accessibility")), {})
        handbook_problems = Problems()
        handbook = load_handbook_index(settings.docs_dir, project_root=root, keep_going=handbook_problems)
        problems.extend(handbook_problems.items)
        for folder in (settings.docs_dir, *[root / d for d in (settings.calendar_dir, settings.bulletins_dir) if d]):
            problems.extend(links_outside(folder, folder.relative_to(root).as_posix(), root).items)
        # With topics.yml unreadable, the rest is still checked, just not against the topic list.
        problems.extend(briefings.check_handbook_briefings(handbook, settings.docs_dir))
        problems.extend(check_boosts(settings.search_boost, set(handbook) | set(GENERATED_HANDBOOK_PAGES)))
        records = attempt(lambda: _records(settings, handbook, topics), {})
        calendar = attempt(lambda: _calendar(settings, handbook, topics), None)
        if settings.calendar_dir:
            problems.extend(_training_options(settings))
        editions, figures = attempt(lambda: _editions(settings, handbook, topics, calendar), ([], None))
        if settings.bulletins_dir:
            problems.extend(Problem("mkdocs.yml", None, problem) for problem in settings.bulletin_training.problems())
        if problems:
            raise SourceError(problems)
        return cls(settings, topics, terms, statement, handbook, records, calendar, editions, figures)

    def published_editions(self) -> list:
        return [edition for edition in self.editions if not edition.is_draft]


def _sources_outside(settings: HubSettings) -> list[Problem]:
    """A problem for each configured source folder or file that lies outside the project folder."""
    named = {"docs_dir": settings.docs_dir, "topics_file": settings.root / settings.topics_file,
             "glossary_file": settings.root / settings.glossary_file}
    named.update({name: settings.root / folder for name, folder in
                  (("calendar_dir", settings.calendar_dir), ("bulletins_dir", settings.bulletins_dir)) if folder})
    return [Problem("mkdocs.yml", None, f"`{name}` points outside the project folder ({path}).",
                    f"keep every source inside {settings.root} and set `{name}` to a path inside it.")
            for name, path in named.items() if outside_project(path, settings.root)]


def _records(settings: HubSettings, handbook: dict, topics: dict) -> dict[str, PageRecord]:
    if not settings.governance:
        return {}
    pages = {uri: page for uri, page in handbook.items() if uri not in settings.exclude_from_governance}
    records, problems = read_records(pages, topics=topics, rules=settings.rules, docs_name=settings.docs_dir.name)
    problems.raise_if_any()
    return {record.src_uri: record for record in records}


def _calendar(settings: HubSettings, handbook: dict, topics: dict):
    if not settings.calendar_dir:
        return None
    from .training.loader import load_calendar
    return load_calendar(settings.root / settings.calendar_dir, timezone=settings.timezone,
                         handbook_pages=set(handbook), topics=topics, display_root=settings.root)


def _training_options(settings: HubSettings) -> list[Problem]:
    """The training plugin's numbers: whole numbers in a range that makes sense."""
    problems = []
    for name, value, least, fix in (
            ("feed_past_days", settings.feed_past_days, 0,
             "set it to how many days of past sessions the calendar feeds keep, like `feed_past_days: 90`."),
            ("home_months", settings.home_months, 0,
             "set it to how many months after this one the training page lists, like `home_months: 3`.")):
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            problems.append(Problem("mkdocs.yml", None, f"the practice-hub/training setting `{name}: {value}` "
                                    f"must be a whole number, {least} or more.", fix))
    return problems


def _editions(settings: HubSettings, handbook: dict, topics: dict, calendar) -> tuple[list, object]:
    if not settings.bulletins_dir:
        return [], None
    from .bulletins import service
    training_pages = set(TRAINING_PAGES) | {course_page(c) for c in (calendar.courses if calendar else [])}
    return service.load_with_figures(settings.root / settings.bulletins_dir, include_drafts=settings.include_drafts,
                                     handbook=handbook, topics=topics, extra_pages=training_pages,
                                     display_root=settings.root)
