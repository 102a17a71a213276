"""7-minute briefings in the handbook: pages whose front matter says ``type: briefing``."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ..common.briefing import check_briefing
from ..common.errors import Problem
from ..common.handbook_index import HandbookPage
from ..common.text import plain

LIST_MARKER = "<!-- practice-hub:briefings -->"


@dataclass(frozen=True)
class BriefingLink:
    title: str
    summary: str
    src_uri: str          # page (and anchor) the list links to, from the docs root
    source: str           # "Handbook" or the bulletin edition's month label


def handbook_briefings(pages: dict[str, HandbookPage]) -> list[HandbookPage]:
    return [p for p in pages.values() if p.meta.get("type") == "briefing"]


def check_handbook_briefings(pages: dict[str, HandbookPage], docs_dir) -> list[Problem]:
    from ..common.frontmatter import split_front_matter
    problems = []
    for page in handbook_briefings(pages):
        path = docs_dir / page.src_uri
        _, body, body_line = split_front_matter(path.read_text(encoding="utf-8"), f"content/{page.src_uri}")
        problems += check_briefing(body, f"content/{page.src_uri}", body_line)
    return problems


def briefing_list_markdown(links: list[BriefingLink], from_src: str) -> str:
    if not links:
        return "No briefings have been published yet."
    up = posixpath.relpath(".", posixpath.dirname(from_src) or ".")
    rows = []
    for link in links:
        target = link.src_uri if up == "." else f"{up}/{link.src_uri}"
        rows.append(f"| [{plain(link.title)}]({target}) | {plain(link.summary)} | {plain(link.source)} |")
    return "| Briefing | What it covers | Where |\n| --- | --- | --- |\n" + "\n".join(rows)
