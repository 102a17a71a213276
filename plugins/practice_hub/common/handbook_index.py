"""A light index of the handbook pages (title, summary, topics) read from their front matter.

Training, bulletins and governance all need to know which guidance exists and what it is
about; this module reads it once, with no MkDocs import, so every feature shares one answer.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .frontmatter import split_front_matter


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


def load_handbook_index(docs_dir: Path, skip_dirs: tuple[str, ...] = ("assets", "training", "bulletins")
                        ) -> dict[str, HandbookPage]:
    """Every Markdown page under ``docs_dir`` keyed by src_uri, sorted for stable output.

    Front matter errors raise SourceError (file and line) like every other source.
    """
    paths = [p for p in sorted(docs_dir.rglob("*.md"))
             if p.relative_to(docs_dir).parts[0] not in skip_dirs]
    # Several plugins ask for the index in one build: parse again only when a file has changed.
    signature = (str(docs_dir), tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths))
    if _last_index.get("signature") != signature:
        _last_index.update(signature=signature, pages=_parse_pages(docs_dir, paths))
    return dict(_last_index["pages"])


_last_index: dict = {}


def _parse_pages(docs_dir: Path, paths: list[Path]) -> dict[str, HandbookPage]:
    pages: dict[str, HandbookPage] = {}
    for path in paths:
        src_uri = path.relative_to(docs_dir).as_posix()
        meta, body, _ = split_front_matter(path.read_text(encoding="utf-8"), src_uri)
        topics = meta.get("topics") or ()
        pages[src_uri] = HandbookPage(
            src_uri=src_uri,
            title=_title_from(meta, body, src_uri),
            summary=str(meta.get("summary") or ""),
            topics=tuple(str(t) for t in topics) if isinstance(topics, list) else (),
            meta=meta,   # a LineDict: keeps the line of each key for messages
        )
    return pages


def pages_by_topic(pages: dict[str, HandbookPage]) -> dict[str, list[HandbookPage]]:
    """topic id -> handbook pages tagged with it, in page order."""
    index: dict[str, list[HandbookPage]] = {}
    for page in pages.values():
        for topic in page.topics:
            index.setdefault(topic, []).append(page)
    return index
