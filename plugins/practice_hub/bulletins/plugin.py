"""MkDocs adapter for the bulletins: load and check early, hand pages and files to MkDocs."""
from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import BasePlugin, get_plugin_logger

from ..common.cache import cache_dir
from ..common.handbook_index import load_handbook_index
from ..common.vocabulary import load_topics
from ..governance.pages import WHATS_NEW
from ..mkdocs_support import add_generated, source_errors_as_build_errors
from . import compose, service
from .config import BulletinsConfig

log = get_plugin_logger(__name__)
TRAINING_PAGES = {"training/index.md", "training/subscribe.md", "training/past.md"}


class BulletinsPlugin(BasePlugin[BulletinsConfig]):
    editions: list = []
    figures = None
    serving = False

    def on_startup(self, *, command, dirty):
        # Drafts are previewed under `mkdocs serve` and never published by `mkdocs build`.
        self.serving = command == "serve"

    def on_config(self, config):
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path).parent
        training = config.plugins.get("practice-hub/training")
        self.calendar = getattr(training, "calendar", None)
        extra = set(TRAINING_PAGES)
        if self.calendar is not None:
            extra |= {f"training/courses/{c.id}.md" for c in self.calendar.courses}
        with source_errors_as_build_errors("Bulletins"):
            self.handbook = load_handbook_index(Path(config.docs_dir))
            topics = load_topics(root / self.config.topics_file, self.config.topics_file)
            self.editions, self.figures = service.load_with_figures(
                root / self.config.bulletins_dir, include_drafts=self.serving, handbook=self.handbook,
                topics=topics, extra_pages=extra, display_root=root)
        if compose.STYLESHEET not in config.extra_css:
            config.extra_css.append(compose.STYLESHEET)
        self.settings = service.Settings(
            site_url=config.site_url or "http://localhost/", site_name=config.site_name,
            organisation=config.extra.get("organisation", config.site_name), email_to=self.config.email_to,
            call_for_contributions=self.config.call_for_contributions,
            make_pdf=self.config.pdf_when_serving or not self.serving,
            pdf_cache_dir=cache_dir(root, self.config.pdf_cache_dir, "bulletin-pdfs"))
        return config

    def on_files(self, files, *, config):
        if not self.config.enabled:
            return files
        # What's new and "Guidance updated this month" share the governance plugin's records.
        governance = config.plugins.get("practice-hub/governance")
        records = getattr(governance, "records", None)
        pages, other = service.outputs(self.editions, self.calendar, self.handbook, self.settings,
                                       records=list(records.values()) if records is not None else None,
                                       figures=self.figures, whats_new=WHATS_NEW if records is not None else "")
        for src_uri, markdown in pages.items():
            add_generated(files, config, src_uri, markdown, in_nav=src_uri == compose.ARCHIVE)
        for path, content in other.items():
            add_generated(files, config, path, content)
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        if page.file.src_uri == "index.md" and compose.HOME_MARKER in markdown:
            feature = compose.home_feature(self.editions, "index.md") or "No bulletin has been published yet."
            markdown = markdown.replace(compose.HOME_MARKER, feature)
        return markdown
