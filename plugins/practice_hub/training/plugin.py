"""MkDocs adapter for the training calendars: load and check early, then hand pages to MkDocs."""
from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import BasePlugin, get_plugin_logger

from ..common.clock import build_today
from ..mkdocs_support import add_generated, source_errors_as_build_errors
from . import service
from .config import TrainingConfig
from .pages import expand_html_blocks

log = get_plugin_logger(__name__)


class TrainingPlugin(BasePlugin[TrainingConfig]):
    calendar = None
    previous = None     # what the live site published (service.previous_feeds)
    html_blocks: dict[str, str] | None = None   # session lists, put back after Markdown has run

    def on_config(self, config):
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path).parent
        sources = service.Sources(
            root=root, calendar_dir=root / self.config.calendar_dir, docs_dir=Path(config.docs_dir),
            topics_file=root / self.config.topics_file, timezone=self.config.timezone)
        # Checked here, before MkDocs empties site/, so bad YAML never damages the live site.
        with source_errors_as_build_errors("Training calendar"):
            self.calendar, self._context = service.load(sources)
        self.previous = service.previous_feeds()
        for problem in self.previous.problems:
            log.warning("Training calendar: the published calendar %s, so calendar updates may not reach "
                        "people. Check that the live site's training/calendars folder is readable.", problem)
        if service.FILTER_SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(service.FILTER_SCRIPT)
        log.debug("training: %d courses loaded", len(self.calendar.courses))
        return config

    def on_files(self, files, *, config):
        if self.calendar is None:
            return files
        self.html_blocks, notes = {}, []
        pages, other = service.outputs(self.calendar, self._context, build_today(),
                                       site_url=config.site_url or "http://localhost/",
                                       site_name=config.site_name, html_blocks=self.html_blocks,
                                       previous=self.previous, notes=notes)
        for note in notes:
            log.info("Training calendar: %s", note)
        for src_uri, markdown in pages.items():
            add_generated(files, config, src_uri, markdown, in_nav=src_uri == "training/index.md")
        for path, content in other.items():
            add_generated(files, config, path, content)
        return files

    def on_page_content(self, html, *, page, config, files):
        if self.html_blocks and page.file.src_uri.startswith("training/"):
            return expand_html_blocks(html, self.html_blocks)
        return html
