"""What the handbook feature adds to each page's Markdown: plain functions, no MkDocs."""
from __future__ import annotations

from . import briefings, trademarks

ABOUT_PAGE = "about.md"


def briefing_links(handbook: dict, editions: list) -> list[briefings.BriefingLink]:
    """Every 7-minute briefing: handbook pages first, then articles of published bulletins."""
    links = [briefings.BriefingLink(p.title, p.summary, p.src_uri, "Handbook")
             for p in briefings.handbook_briefings(handbook)]
    for edition in editions:
        if edition.is_draft:
            continue
        for article in edition.articles:
            if article.is_briefing:
                links.append(briefings.BriefingLink(article.title, f"From the {edition.month_label} bulletin.",
                                                    f"{edition.src_uri}#{article.slug}", f"Bulletin, {edition.month_label}"))
    return links


def handbook_markdown(markdown: str, src_uri: str, *, mark_trademarks: bool,
                      links: list[briefings.BriefingLink]) -> str:
    """A page's Markdown with ® and ™ on first mentions, the list of briefings where it is asked
    for, and the trademark acknowledgement on the About page."""
    if mark_trademarks and not src_uri.startswith("training/"):
        markdown = trademarks.mark_first_mentions(markdown)
    if briefings.LIST_MARKER in markdown:
        markdown = markdown.replace(briefings.LIST_MARKER, briefings.briefing_list_markdown(links, src_uri))
    if src_uri == ABOUT_PAGE:
        markdown += "\n\n## Trademarks\n\n" + trademarks.ACKNOWLEDGEMENT + "\n"
    return markdown
