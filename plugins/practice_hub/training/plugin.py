"""MkDocs adapter for the training calendars: load and check early, then hand pages to MkDocs."""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger

from .. import routes
from ..common.cache import cache_dir
from ..common.clock import build_today
from ..mkdocs_support import HubPlugin, MadeLater, add_generated, put_file
from . import service
from .config import TrainingConfig
from .list_cache import ListCache
from .pages import expand_html_blocks

log = get_plugin_logger(__name__)
# What Material's search plugin removes from every page it indexes (search/plugin.py).
_SEARCH_MARKS = re.compile(r'\s?data-search-\w+="[^"]+"')


class TrainingPlugin(HubPlugin[TrainingConfig]):
    calendar = None
    previous = None     # what the live site published (service.previous_feeds)
    html_blocks: dict | None = None   # session lists, rendered and put back after Markdown has run
    list_cache: ListCache | None = None   # session lists kept between builds (list_cache.py)
    later_files: list = []            # the per-session .ics files, made and written after the build
    _read_content: dict = {}          # src_uri -> the page's HTML with placeholders, while it is built

    def on_config(self, config):
        if not self.config.enabled:
            return config
        # Read and checked by the hub, before MkDocs empties site/.
        hub = self.hub(config)
        self.calendar = hub.calendar
        self._context = {"handbook": hub.handbook, "topics": hub.topics or {}}
        self._settings = hub.settings
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
        self.html_blocks, notes, self.later_files, self._read_content = {}, [], [], {}
        self.list_cache = ListCache(cache_dir(self._settings.root, LIST_CACHE, "session-lists"))
        pages, other = service.outputs(self.calendar, self._context, build_today(),
                                       site_url=config.site_url or "http://localhost/",
                                       site_name=config.site_name, html_blocks=self.html_blocks,
                                       previous=self.previous, notes=notes,
                                       feed_past_days=self._settings.feed_past_days,
                                       home_months=self._settings.home_months,
                                       later_files=self.later_files)
        for note in notes:
            log.info("Training calendar: %s", note)
        for src_uri, markdown in pages.items():
            add_generated(files, config, src_uri, markdown, in_nav=src_uri == routes.TRAINING_HOME)
        for path, content in other.items():
            if callable(content):           # a feed, made when MkDocs writes it
                put_file(files, MadeLater(config, path, content, generated_by="practice-hub/training"))
            else:
                add_generated(files, config, path, content)
        return files

    def on_post_build(self, *, config):
        # Every session's own .ics, written one at a time straight into the site (not MkDocs
        # files held in memory until the end: tens of thousands of them in a large service).
        site = Path(config.site_dir)
        made = set()
        for later in self.later_files:
            for path, content in later:
                target = site / path
                if target.parent not in made:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    made.add(target.parent)
                target.write_bytes(content)
        self.later_files = []
        if self.list_cache is not None:
            self.list_cache.forget_the_rest()

    # The session lists go in when the page is built, not when MkDocs reads it: MkDocs reads
    # every page before it builds any, and would otherwise hold every listing's HTML at once
    # (about 70 MB at 50,000 sessions). After Material's search plugin (priority 0) has indexed
    # the page: the lists are out of search anyway, and its HTML parser no longer reads them
    # (a sixth of a 50,000-session build). The marks that keep them out of search
    # (data-search-exclude, for a front end that indexes them) are taken off as Material does.
    @event_priority(-50)
    def on_page_context(self, context, *, page, config, nav):
        if self.html_blocks and page.file.src_uri.startswith("training/") and page.content:
            expanded = expand_html_blocks(page.content, self.html_blocks, strip=_SEARCH_MARKS, cache=self.list_cache)
            if expanded != page.content:
                self._read_content[page.file.src_uri] = page.content
                page.content = expanded
        return context

    @event_priority(-100)   # after every other plugin has seen the finished page
    def on_post_page(self, output, *, page, config):
        # Back to the placeholders: the page is written, its HTML need not stay in memory.
        read = self._read_content.pop(page.file.src_uri, None)
        if read is not None:
            page.content = read
        return output


LIST_CACHE = ".cache/practice-hub/session-lists"   # relative to mkdocs.yml, like the PDF cache
