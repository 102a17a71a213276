"""Read and check bulletin editions: ``bulletins/YYYY-MM/index.md`` plus one file per article.

Links from an article to the handbook are written as the page's path inside ``content/``, as if
the article sat at the top of the handbook: ``[OARS](motivational-interviewing/oars.md)``.
They are checked here and rewritten for each place the edition is published (web page, email,
PDF). Images sit beside the Markdown and are referenced by file name: ``![Alt text](photo.jpg)``.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..common.briefing import check_briefing
from ..common.errors import Problems, SourceError
from ..common.frontmatter import split_front_matter
from ..common.vocabulary import check_terms, did_you_mean
from ..common.yamlsource import LineDict
from .model import DRAFT, PUBLISHED, Article, Edition, Editor, FiguresChoice, PracticeFocus
from .parsed_links import links_in

EDITION_KEYS = ("title", "month", "status", "practice_focus", "editor", "quote", "quote_source", "summary", "figures")
FIGURES_KEYS = ("month", "commentary")
EDITION_REQUIRED = ("title", "month", "status", "practice_focus", "editor")
FOCUS_KEYS = ("title", "topics", "pages")
EDITOR_KEYS = ("name", "role", "email")
ARTICLE_KEYS = ("title", "author", "order", "topics", "type", "summary")
ARTICLE_REQUIRED = ("title", "author", "order")
ARTICLE_TYPES = ("article", "briefing")
IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")

_FOLDER = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")   # ASCII digits only: "２０２６-11" is not a month
# A Markdown link or image: [text](target "optional title"). Enough for the links people write.
LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(\s+\"[^\"]*\")?\s*\)")


def load_editions(bulletins_dir: Path, *, include_drafts: bool, handbook_pages: set[str] | None = None,
                  topics: dict | None = None, display_root: Path | None = None) -> list[Edition]:
    """Every edition (drafts only when asked), newest first; SourceError lists every problem."""
    root = display_root or bulletins_dir.parent
    problems = Problems()
    editions = []
    if not bulletins_dir.is_dir():
        return []
    for folder in sorted(p for p in bulletins_dir.iterdir() if p.is_dir()):
        name = folder.relative_to(root).as_posix()
        if not _FOLDER.match(folder.name):
            problems.add(name, None, f'the folder name "{folder.name}" is not a month.',
                         "name each edition's folder by its month as year-month, like `2026-12`.")
            continue
        edition = _EditionReader(folder, name, root, handbook_pages, topics, problems).read()
        if edition is not None and (include_drafts or not edition.is_draft):
            editions.append(edition)
    problems.raise_if_any()
    return sorted(editions, key=lambda e: e.month, reverse=True)


class _EditionReader:
    def __init__(self, folder, name, root, handbook_pages, topics, problems: Problems):
        self.folder, self.name, self.root = folder, name, root
        self.handbook_pages, self.topics, self.problems = handbook_pages, topics, problems

    def add(self, file, line, what, fix=""):
        self.problems.add(file, line, what, fix)

    def front_matter(self, path: Path):
        file = path.relative_to(self.root).as_posix()
        try:
            meta, body, body_line = split_front_matter(path.read_text(encoding="utf-8"), file)
        except SourceError as err:
            self.problems.extend(err.problems)
            return None
        except UnicodeDecodeError:
            self.add(file, None, "the file is not saved as UTF-8 text.", "save it again with UTF-8 encoding.")
            return None
        return file, meta, body, body_line

    def unknown_keys(self, meta: LineDict, known, file: str, what: str) -> None:
        for key in meta:
            if key not in known:
                self.add(file, meta.line_of(key), f'"{key}" is not a setting {what} can have.' + did_you_mean(key, known),
                         f"use one of: {', '.join(known)}.")

    def text(self, meta: LineDict, key: str, file: str, required: bool = False) -> str:
        value = meta.get(key)
        if value is None or value == "":
            if required:
                self.add(file, meta.line or 1, f"`{key}:` is missing.", f"add a `{key}:` line to the front matter.")
            return ""
        if isinstance(value, (dict, list)):
            self.add(file, meta.line_of(key), f"`{key}:` must be a line of text.", f"write it on one line, like `{key}: Some text`.")
            return ""
        return str(value).strip()

    def word_list(self, meta: LineDict, key: str, file: str) -> tuple[str, ...]:
        value = meta.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.add(file, meta.line_of(key), f"`{key}:` must be a list.", f"write it in square brackets, like `{key}: [first, second]`.")
            return ()
        return tuple(str(v) for v in value)

    def read(self) -> Edition | None:
        index = self.folder / "index.md"
        if not index.is_file():
            self.add(self.name, None, "this edition has no index.md.",
                     "add index.md with the edition's front matter and welcome (`practice-hub new-bulletin` makes one).")
            return None
        parsed = self.front_matter(index)
        if parsed is None:
            return None
        file, meta, welcome, body_line = parsed
        self.unknown_keys(meta, EDITION_KEYS, file, "an edition")
        for key in EDITION_REQUIRED:
            if key not in meta:
                self.add(file, 1, f"`{key}:` is missing from the edition's front matter.", f"add a `{key}:` line.")
        title = self.text(meta, "title", file)
        month = self.text(meta, "month", file)
        if month and not _FOLDER.match(month):
            self.add(file, meta.line_of("month"), f'`month:` "{month}" is not a month.', "write it as year-month, like `month: 2026-12`.")
        elif month and month != self.folder.name:
            self.add(file, meta.line_of("month"), f'`month:` says {month} but the folder is {self.folder.name}.',
                     "make the folder name and `month:` the same.")
        status = self.text(meta, "status", file) or DRAFT
        if status not in (DRAFT, PUBLISHED):
            self.add(file, meta.line_of("status"), f'`status:` "{status}" is not draft or published.' + did_you_mean(status, (DRAFT, PUBLISHED)),
                     "write `status: draft` while you work on it and `status: published` when it is ready.")
        focus = self.practice_focus(meta, file)
        editor = self.editor(meta, file)
        self.check_links(welcome, file, body_line)
        figures = self.figures(meta, file, month)
        articles = self.articles(file)
        images = self.images()
        if not (title and month and focus and editor) or articles is None:
            return None
        return Edition(month=self.folder.name, title=title, status=status, practice_focus=focus, editor=editor,
                       welcome=welcome, articles=articles, folder=self.folder, quote=self.text(meta, "quote", file),
                       quote_source=self.text(meta, "quote_source", file), summary=self.text(meta, "summary", file),
                       images=images, figures=figures)

    def figures(self, meta: LineDict, file: str, month: str) -> FiguresChoice | None:
        """``figures: true``, or ``figures:`` with an optional ``month:`` and Markdown ``commentary:``."""
        raw = meta.get("figures")
        line = meta.line_of("figures")
        if raw is None or raw is False:
            return None
        if raw is True:
            return FiguresChoice(source_file=file, line=line)
        if not isinstance(raw, LineDict):
            self.add(file, line, "`figures:` must be `true`, `false`, or have `month:` and `commentary:` under it.",
                     "write `figures: true` to show the latest figures, or leave the line out.")
            return None
        self.unknown_keys(raw, FIGURES_KEYS, file, "the figures block")
        chosen = self.text(raw, "month", file)
        if chosen and not _FOLDER.match(chosen):
            self.add(file, raw.line_of("month"), f'`month:` "{chosen}" is not a month.',
                     "write it as year-month, like `month: 2026-10`, or leave it out for the latest figures.")
            chosen = ""
        elif chosen and month and chosen > month:
            self.add(file, raw.line_of("month"), f"the figures month {chosen} is after the edition's month {month}.",
                     "choose a month on or before the edition's month, or leave `month:` out.")
            chosen = ""
        commentary = raw.get("commentary") or ""
        if not isinstance(commentary, str):
            self.add(file, raw.line_of("commentary"), "`commentary:` must be text (Markdown).",
                     "write `commentary: |` and the text indented on the lines under it.")
            commentary = ""
        self.check_links(commentary, file, raw.line_of("commentary") + 1)
        return FiguresChoice(month=chosen, commentary=commentary.strip(), source_file=file, line=line)

    def practice_focus(self, meta: LineDict, file: str) -> PracticeFocus | None:
        raw = meta.get("practice_focus")
        if raw is None:
            return None
        if isinstance(raw, str):
            return PracticeFocus(raw.strip())
        if not isinstance(raw, LineDict):
            self.add(file, meta.line_of("practice_focus"), "`practice_focus:` must have a `title:` (and optional `topics:` and `pages:`).",
                     "write it as `practice_focus:` with `title: ...` indented under it.")
            return None
        self.unknown_keys(raw, FOCUS_KEYS, file, "the practice focus")
        title = self.text(raw, "title", file, required=True)
        topics = self.word_list(raw, "topics", file)
        if self.topics is not None:
            check_terms(topics, self.topics, "topic", file, raw.line_of("topics"), self.problems, "topics.yml")
        pages = self.word_list(raw, "pages", file)
        for page in pages:
            if self.handbook_pages is not None and page not in self.handbook_pages:
                self.add(file, raw.line_of("pages"), f'the practice focus page "{page}" is not in the handbook.' + did_you_mean(page, self.handbook_pages or ()),
                         "use the page's path inside content/, like `motivational-interviewing/oars.md`.")
        return PracticeFocus(title, topics, pages) if title else None

    def editor(self, meta: LineDict, file: str) -> Editor | None:
        raw = meta.get("editor")
        if raw is None:
            return None
        if not isinstance(raw, LineDict):
            self.add(file, meta.line_of("editor"), "`editor:` must have `name:`, `role:` and `email:` under it.",
                     "write `editor:` and indent `name: ...`, `role: ...` and `email: ...` under it.")
            return None
        self.unknown_keys(raw, EDITOR_KEYS, file, "the editor")
        values = [self.text(raw, key, file, required=True) for key in EDITOR_KEYS]
        if values[2] and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", values[2]):
            self.add(file, raw.line_of("email"), f'"{values[2]}" is not an email address.', "write it like `email: psw@eastmere.example.gov.uk`.")
            return None
        return Editor(*values) if all(values) else None

    def articles(self, index_file: str) -> tuple[Article, ...] | None:
        found, orders, ok = [], {}, True
        for path in sorted(self.folder.glob("*.md")):
            if path.name == "index.md":
                continue
            parsed = self.front_matter(path)
            if parsed is None:
                ok = False
                continue
            file, meta, body, body_line = parsed
            self.unknown_keys(meta, ARTICLE_KEYS, file, "an article")
            values = {key: self.text(meta, key, file, required=True) for key in ("title", "author")}
            order = meta.get("order")
            if isinstance(order, bool) or not isinstance(order, int):
                self.add(file, meta.line_of("order") if "order" in meta else 1,
                         "`order:` must be a whole number saying where the article goes (1 first).", "add a line like `order: 2`.")
                ok = False
                continue
            if order in orders:
                self.add(file, meta.line_of("order"), f"`order: {order}` is already used by {orders[order]}.",
                         "give each article in the edition its own order number.")
                ok = False
            orders[order] = file
            kind = self.text(meta, "type", file) or "article"
            if kind not in ARTICLE_TYPES:
                self.add(file, meta.line_of("type"), f'`type:` "{kind}" is not an article type.' + did_you_mean(kind, ARTICLE_TYPES),
                         "use `type: article` (the default) or `type: briefing` for a 7-minute briefing.")
            if kind == "briefing":
                self.problems.extend(check_briefing(body, file, body_line))
            topics = self.word_list(meta, "topics", file)
            if self.topics is not None:
                check_terms(topics, self.topics, "topic", file, meta.line_of("topics"), self.problems, "topics.yml")
            if body.lstrip().startswith("# "):
                self.add(file, body_line, "an article must not start with a `# ` title: the edition adds the title from the front matter.",
                         "remove the first `# ...` line; use `##` for sections inside the article.")
            self.check_links(body, file, body_line)
            if not all(values.values()):
                ok = False
                continue
            found.append(Article(slug=_slug(path.stem), title=values["title"], author=values["author"], order=order,
                                 body=body, topics=topics, type=kind, source_file=file, body_line=body_line))
        return tuple(sorted(found, key=lambda a: a.order)) if ok else None

    def check_links(self, body: str, file: str, body_line: int) -> None:
        for link in links_in(body, body_line):
            if link.image:
                self.check_image(link.text, link.target, file, link.line)
            elif _is_local(link.target):
                page = link.target.split("#", 1)[0]
                if page and self.handbook_pages is not None and page not in self.handbook_pages:
                    self.add(file, link.line, f'the link to "{page}" does not match a handbook page.' + did_you_mean(page, self.handbook_pages),
                             "write links to the handbook as the page's path inside content/, like `[OARS](motivational-interviewing/oars.md)`.")

    def check_image(self, alt: str, target: str, file: str, line: int) -> None:
        if not _is_local(target):
            self.add(file, line, f'the image "{target}" is on another website.',
                     "save the image in the edition's folder and use its file name: staff may have no internet.")
            return
        if "/" in target or "\\" in target:
            # Another edition's folder, or anywhere else on disk: only this edition's own files are published.
            self.add(file, line, f'the image "{target}" is outside this edition\'s folder {self.name}.',
                     "copy the image into the folder and use just its file name, like `![A description](photo.jpg)`.")
        elif not (self.folder / target).is_file():
            self.add(file, line, f'the image "{target}" is not in the folder {self.name}.', "check the file name, or copy the image into the folder.")
        if not alt.strip():
            self.add(file, line, f'the image "{target}" has no description (alt text).',
                     "describe the image between the square brackets, like `![Two social workers at a desk](photo.jpg)`.")

    def images(self) -> tuple[str, ...]:
        return tuple(sorted(p.name for p in self.folder.iterdir() if p.suffix.lower() in IMAGE_TYPES))


def _is_local(target: str) -> bool:
    return not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) and not target.startswith("//")


def _slug(stem: str) -> str:
    return re.sub(r"^\d+[-_]", "", stem).lower().replace("_", "-")
