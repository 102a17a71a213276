"""A light index of the handbook pages (title, summary, topics) read from their front matter.

Training, bulletins and governance all need to know which guidance exists and what it is
about; this module reads it once, with no MkDocs import, so every feature shares one answer.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problems, SourceError
from .frontmatter import split_front_matter
from .sources import read_source_text


@dataclass(frozen=True)
class HandbookPage:
    src_uri: str                       # path under docs_dir, "/"-separated, e.g. "signs-of-safety/mapping.md"
    title: str
    summary: str = ""
    topics: tuple[str, ...] = ()
    meta: dict = field(default_factory=dict, compare=False, hash=False, repr=False)


def _title_from(meta: dict, body: str, src_uri: str) -> str:
    if isinstance(meta.get("title"), str):
        return meta["title"]
    for line in body.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return Path(src_uri).stem.replace("-", " ").capitalize()


def load_handbook_index(docs_dir: Path, skip_dirs: tuple[str, ...] = ("assets", "training", "bulletins"),
                        project_root: Path | None = None, keep_going: Problems | None = None
                        ) -> dict[str, HandbookPage]:
    """Every Markdown page under ``docs_dir`` keyed by src_uri, sorted for stable output.

    Every problem in every page (file and line) is raised together as one SourceError, or, given
    ``keep_going``, added to it while the pages that could be read are returned.
    """
    paths = [p for p in sorted(docs_dir.rglob("*.md"))
             if p.relative_to(docs_dir).parts[0] not in skip_dirs]
    # Several plugins ask for the index in one build: parse again only when a file has changed.
    signature = (str(docs_dir), tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths))
    if _last_index.get("signature") != signature:
        pages, problems = _parse_pages(docs_dir, paths, project_root or docs_dir.parent)
        _last_index.update(signature=signature, pages=pages, problems=problems)
    if keep_going is not None:
        keep_going.extend(_last_index["problems"])
    else:
        _last_index["problems"].raise_if_any()
    return dict(_last_index["pages"])


_last_index: dict = {}


def _parse_pages(docs_dir: Path, paths: list[Path], project_root: Path) -> tuple[dict[str, HandbookPage], Problems]:
    pages: dict[str, HandbookPage] = {}
    problems = Problems()
    for path in paths:
        src_uri = path.relative_to(docs_dir).as_posix()
        name = f"{docs_dir.name}/{src_uri}"
        text = read_source_text(path, name, project_root, problems)
        if text is None:
            continue
        try:
            meta, body, _ = split_front_matter(text, name)
        except SourceError as err:
            problems.extend(err.problems)
            continue
        _check_shapes(meta, name, problems)
        topics = meta.get("topics") or ()
        pages[src_uri] = HandbookPage(
            src_uri=src_uri,
            title=_title_from(meta, body, src_uri),
            summary=str(meta.get("summary") or ""),
            topics=tuple(str(t) for t in topics) if isinstance(topics, list) else (),
            meta=meta,   # a LineDict: keeps the line of each key for messages
        )
    return pages, problems


# Front matter keys that hold one line of plain text, and what each is for (for the message).
_TEXT_KEYS = {"title": "the page title", "summary": "a one-line summary", "owner": "a role",
              "approved_by": "the group that approved the page", "version": "a version label"}


def _check_shapes(meta, name: str, problems: Problems) -> None:
    """Text where text belongs (one line), a list where a list belongs."""
    for key, meaning in _TEXT_KEYS.items():
        if key not in meta or meta[key] is None:
            continue
        value = meta[key]
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            problems.add(name, meta.line_of(key), f"`{key}:` should be {meaning} on one line, not a list or a block.",
                         f"write it as `{key}: Some text` on a single line.")
        elif "\n" in str(value).strip():
            problems.add(name, meta.line_of(key), f"`{key}:` runs over several lines.",
                         f"write {meaning} on one line after `{key}:` (no `|` or `>` block).")
    topics = meta.get("topics")
    if topics is not None and not isinstance(topics, list):
        problems.add(name, meta.line_of("topics"), "`topics:` should be a list, in square brackets.",
                     f"write it as `topics: [{topics}]`, or `topics: [first-topic, second-topic]`.")
    elif isinstance(topics, list) and not all(isinstance(t, str) for t in topics):
        problems.add(name, meta.line_of("topics"), "each topic should be a topic id, like `supervision`.",
                     "list topic ids from topics.yml in square brackets: `topics: [supervision]`.")


def pages_by_topic(pages: dict[str, HandbookPage]) -> dict[str, list[HandbookPage]]:
    """topic id -> handbook pages tagged with it, in page order."""
    index: dict[str, list[HandbookPage]] = {}
    for page in pages.values():
        for topic in page.topics:
            index.setdefault(topic, []).append(page)
    return index
