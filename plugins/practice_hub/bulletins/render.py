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

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown
from markupsafe import Markup, escape

from .links import rewrite_links, shift_headings
from .texts_cache import FOOTNOTE_MARK, ConvertedTexts, shared

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
    def __init__(self, settings: MarkdownSettings | None = None, project_root: Path | None = None,
                 cache_dir: Path | None = None):
        """``cache_dir``: where conversions are kept between builds (texts_cache.py); None: not kept."""
        settings = settings or MarkdownSettings()
        # No heading anchors: several articles share headings ("What happened"), and an email or
        # a printout has no use for them (the web page keeps MkDocs' own).
        extensions = [name for name in settings.extensions if name != "toc"]
        configs = {name: dict(options) for name, options in settings.configs.items() if name in extensions}
        if "footnotes" in extensions:
            configs.setdefault("footnotes", {})["UNIQUE_IDS"] = True   # each article's footnotes apart
        if "pymdownx.snippets" in configs and project_root is not None:
            configs["pymdownx.snippets"].setdefault("base_path", [str(project_root)])   # the glossary, wherever we run
        self._extensions, self._configs = extensions, configs
        self._markdown: markdown.Markdown | None = None   # made for the first text not kept on disk
        self._done: dict[str, tuple[str, Rendered]] = {}   # text -> (its key on disk, its rendering)
        # Footnote ids (UNIQUE_IDS) number the conversions this renderer has made: a text with
        # footnotes is kept for its place in that order (the same on every build of the same
        # editions), and the parser is reset once for every conversion the disk saved, so the
        # numbers are the ones converting every text would give.
        self._footnotes = "footnotes" in extensions
        self._conversions = 0   # made so far, or found on disk in their place
        self._resets = 0        # conversions the parser has been reset for
        self.kept = ConvertedTexts(cache_dir, shared(extensions, configs) if cache_dir else None)

    def render(self, text: str) -> Rendered:
        """``text`` converted once; asking again gives the same rendering."""
        done = self._done.get(text)
        if done is not None:
            self.kept.mark_used(done[0])
            return done[1]
        self._conversions += 1
        if SNIPPET_MARK in text:
            return self._convert(text)[0]   # includes a file: converted again each time, never kept
        numbered = self._footnotes and (FOOTNOTE_MARK in text or self.kept.inputs_have_footnotes)
        key = self.kept.key(text, self._conversions if numbered else None)
        found = self.kept.get(key)
        if found is not None:
            rendered = Rendered(*found)
        else:
            rendered, logged = self._convert(text)
            if not logged:   # a conversion that warned is made again, so the warning is seen again
                self.kept.put(key, rendered.html, rendered.targets)
        self._done[text] = (key, rendered)
        return rendered

    def forget_the_rest(self) -> None:
        """Drop the conversions kept on disk that no text since the last call used."""
        self.kept.forget_the_rest()

    def _convert(self, text: str) -> tuple[Rendered, bool]:
        """``text`` converted, and whether the conversion logged anything."""
        targets: list[tuple[str, str]] = []

        def token(kind: str):
            def record(target: str) -> str:
                targets.append((kind, target))
                return f"practice-hub-target-{len(targets) - 1}-"
            return record
        source = shift_headings(rewrite_links(text, token("page"), token("image")))
        if self._markdown is None:
            self._markdown = markdown.Markdown(extensions=self._extensions, extension_configs=self._configs)
        while self._resets < self._conversions:
            self._markdown.reset()
            self._resets += 1
        watcher = _Logged()
        logging.getLogger().addHandler(watcher)
        try:
            html = self._markdown.convert(source)
        finally:
            logging.getLogger().removeHandler(watcher)
        return Rendered(_COMMENT.sub("", html), tuple(targets)), watcher.count > 0


class _Logged(logging.Handler):
    """Counts what Python-Markdown and its extensions log (they log to loggers of their own)."""

    def __init__(self):
        super().__init__()
        self.count = 0

    def emit(self, record):
        self.count += 1
