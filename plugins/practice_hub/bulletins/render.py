"""An edition's Markdown (welcome, articles, figures commentary) rendered once, with the site's
own Markdown settings, for the email copy, the .eml and the PDF.

Each text is converted once; the email copy (absolute addresses) and the print copy (images by
file name) then differ only in where links point, which is filled in afterwards. Using the site's
extensions (from mkdocs.yml) means footnotes, abbreviations from the glossary, tables, admonitions
and the rest look the same in the email as on the web page, which MkDocs renders with the same
settings (so it keeps checking links and anchors and lists article sections in the page's
contents).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown
from markupsafe import Markup, escape

from .links import rewrite_links, shift_headings

# Without mkdocs.yml (a caller of the core alone): the common extensions.
DEFAULT_EXTENSIONS = ("tables", "attr_list", "admonition", "def_list", "footnotes", "md_in_html", "sane_lists")
_TOKEN = re.compile(r"practice-hub-target-(\d+)-")
SNIPPET_MARK = "8<"   # in every snippets marker (--8<--): the text includes a file
_COMMENT = re.compile(r"<!--.*?-->\s*", re.DOTALL)   # notes to authors (the glossary has one) stay out


@dataclass(frozen=True)
class MarkdownSettings:
    """mkdocs.yml's `markdown_extensions`, as names and their settings."""
    extensions: tuple = DEFAULT_EXTENSIONS
    configs: dict = field(default_factory=dict)

    @classmethod
    def from_mkdocs_list(cls, entries) -> "MarkdownSettings":
        """From the list as written in mkdocs.yml: names, or one-key mappings of name -> settings."""
        names, configs = [], {}
        for entry in entries or ():
            if isinstance(entry, str):
                names.append(entry)
            elif isinstance(entry, dict):
                for name, options in entry.items():
                    names.append(str(name))
                    configs[str(name)] = dict(options or {})
        return cls(tuple(names), configs) if names else cls()


@dataclass(frozen=True)
class Rendered:
    """One text as HTML, with its link and image targets left to fill in."""
    html: str
    targets: tuple[tuple[str, str], ...]   # ("page" | "image", target as the author wrote it)

    def with_links(self, page_url, image_url) -> Markup:
        def fill(match: re.Match) -> str:
            kind, target = self.targets[int(match.group(1))]
            return str(escape(page_url(target) if kind == "page" else image_url(target)))
        return Markup(_TOKEN.sub(fill, self.html))


class Renderer:
    def __init__(self, settings: MarkdownSettings | None = None, project_root: Path | None = None):
        settings = settings or MarkdownSettings()
        # No heading anchors: several articles share headings ("What happened"), and an email or
        # a printout has no use for them (the web page keeps MkDocs' own).
        extensions = [name for name in settings.extensions if name != "toc"]
        configs = {name: dict(options) for name, options in settings.configs.items() if name in extensions}
        if "footnotes" in extensions:
            configs.setdefault("footnotes", {})["UNIQUE_IDS"] = True   # each article's footnotes apart
        if "pymdownx.snippets" in configs and project_root is not None:
            configs["pymdownx.snippets"].setdefault("base_path", [str(project_root)])   # the glossary, wherever we run
        self._markdown = markdown.Markdown(extensions=extensions, extension_configs=configs)
        self._done: dict[str, Rendered] = {}

    def render(self, text: str) -> Rendered:
        """``text`` converted once; asking again gives the same rendering."""
        if text not in self._done:
            targets: list[tuple[str, str]] = []

            def token(kind: str):
                def record(target: str) -> str:
                    targets.append((kind, target))
                    return f"practice-hub-target-{len(targets) - 1}-"
                return record
            source = shift_headings(rewrite_links(text, token("page"), token("image")))
            self._markdown.reset()
            rendered = Rendered(_COMMENT.sub("", self._markdown.convert(source)), tuple(targets))
            if SNIPPET_MARK in text:
                return rendered   # includes a file: converted again each time, never kept
            self._done[text] = rendered
        return self._done[text]
