"""MkDocs adapter for the handbook: offline search, glossary, search ranking, trademarks,
the accessibility statement, 7-minute briefings and the plain-English build report."""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from .. import routes
from ..common.cache import cache_dir
from ..mkdocs_support import HubPlugin, add_generated
from . import accessibility, glossary, pages, readability, search
from .config import HandbookConfig

log = get_plugin_logger(__name__)
ASSETS = Path(__file__).parent / "assets"
SHIM = "assets/javascripts/iframe-worker-shim.js"
SHIM_LICENCE = "assets/javascripts/iframe-worker-LICENSE.txt"
GLOSSARY_PAGE = routes.GLOSSARY
SCORES_CACHE = ".cache/practice-hub/readability"   # relative to mkdocs.yml, like the PDF cache


class HandbookPlugin(HubPlugin[HandbookConfig]):

    @event_priority(100)   # before Material's offline plugin, which would add a CDN copy otherwise
    def on_config(self, config):
        if not self.config.enabled:
            return config
        # Search from file:// needs the iframe-worker shim; ship our copy, never unpkg.com.
        config.extra["polyfills"] = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in p]
        config.extra["polyfills"].append(SHIM)
        hub = self.hub(config)
        self.terms, self.statement, self.pages = hub.terms, hub.statement, hub.handbook
        self.briefing_links = pages.briefing_links(hub.handbook, hub.editions)
        self.readability = []
        # Pages' plain-English scores kept between builds (readability.ScoreCache).
        self.scores = readability.ScoreCache(cache_dir(hub.settings.root, SCORES_CACHE, "readability"))
        return config

    def on_files(self, files, *, config):
        if not self.config.enabled:
            return files
        self.search_facts = search.SearchFacts()
        add_generated(files, config, SHIM, (ASSETS / "iframe-worker-shim.js").read_bytes())
        add_generated(files, config, SHIM_LICENCE, (ASSETS / "iframe-worker-LICENSE.txt").read_bytes())
        add_generated(files, config, GLOSSARY_PAGE, glossary.glossary_markdown(self.terms), in_nav=True)
        add_generated(files, config, accessibility.PAGE, accessibility.statement_markdown(
            self.statement, site_name=config.site_name,
            organisation=config.extra.get("organisation", config.site_name),
            reading_grade=self.config.reading_grade), in_nav=True)
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        if not self.config.enabled:
            return markdown
        src = page.file.src_uri
        if page.file.generated_by is None:   # an author's page (as `practice-hub readability` checks)
            self.readability.append(self.scores.score(markdown, self._shown_path(src, config)))
        boost = self.config.search_boost.get(src)
        if boost:
            page.meta.setdefault("search", {})["boost"] = boost
        return pages.handbook_markdown(markdown, src, mark_trademarks=self.config.trademarks,
                                       links=self.briefing_links)

    def on_env(self, env, *, config, files):
        # Every page's Markdown has been read, nothing is written yet: report plain English once.
        if not self.config.enabled:
            return env
        self.scores.save()
        message, over = readability.build_report(self.readability, self.config.reading_grade)
        if over and self.config.reading_grade_strict:
            raise PluginError(f"{message}\nThe build stops because `reading_grade_strict: true` is set for "
                              "practice-hub/handbook in mkdocs.yml: rewrite these pages in plainer English, or "
                              "set a higher `reading_grade`.")
        log.info(message)   # a report, not a warning: --strict builds do not fail on it
        return env

    @staticmethod
    def _shown_path(src_uri: str, config) -> str:
        """The page as authors know it, from the project folder: content/x.md."""
        docs = Path(config.docs_dir)
        try:
            return (docs / src_uri).relative_to(Path(config.config_file_path).parent).as_posix()
        except ValueError:
            return src_uri

    def on_page_content(self, html, *, page, config, files):
        if page.meta.get("type") == "briefing":
            return f'<div class="ph-briefing-page">{html}</div>'
        return html

    @event_priority(50)   # before Material's search plugin indexes the page
    def on_page_context(self, context, *, page, config, nav):
        if not self.config.enabled:
            return context
        page.content = search.mark_unsearchable(page.content or "")
        meta_search = page.meta.get("search") or {}
        self.search_facts.pages[page.url] = search.PageFacts(
            summary=str(page.meta.get("summary") or ""),
            generated=page.file.generated_by is not None,
            boost=meta_search.get("boost") if isinstance(meta_search, dict) else None)
        return context

    def on_post_build(self, *, config):
        # After Material's search plugin writes search_index.json, before its offline plugin
        # copies it into search_index.js (priority -100).
        if not self.config.enabled:
            return
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.is_file():
            index.write_text(search.enrich_index(
                index.read_text(encoding="utf-8"), self.search_facts,
                [(t.abbreviation, t.meaning) for t in self.terms]), encoding="utf-8")
