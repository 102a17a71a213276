"""MkDocs adapter for handbook governance and the web of topics."""
from __future__ import annotations

from pathlib import Path

from ..mkdocs_support import HubPlugin, add_generated
from . import pages
from .config import GovernanceConfig


class GovernancePlugin(HubPlugin[GovernanceConfig]):

    def on_config(self, config):
        if not self.config.enabled:
            return config
        hub = self.hub(config)   # checked there, before MkDocs empties site/
        self.topics, self.records = hub.topics or {}, hub.records
        self.calendar, self.editions = hub.calendar, hub.editions
        self.today = hub.settings.rules.today
        return config

    def on_files(self, files, *, config):
        if not self.config.enabled:
            return files
        calendar, editions = self.calendar, self.editions
        self.upcoming_by_topic = pages.UpcomingByTopic(calendar.upcoming(self.today) if calendar else [])
        self.articles = pages.ArticlesByTopic(editions)
        records = list(self.records.values())
        site_url = config.site_url or "http://localhost/"
        add_generated(files, config, pages.GOVERNANCE, pages.governance_markdown(records, self.today), in_nav=True)
        add_generated(files, config, pages.GOVERNANCE_CSV, pages.governance_csv(records, self.today, site_url))
        add_generated(files, config, pages.WHATS_NEW, pages.whats_new_markdown(records), in_nav=True)
        add_generated(files, config, pages.WHATS_NEW_FEED,
                      pages.whats_new_feed(records, site_url=site_url, site_name=config.site_name))
        add_generated(files, config, pages.TOPICS, pages.topics_markdown(
            self.topics, records, calendar.courses if calendar else [], editions), in_nav=True)
        add_generated(files, config, pages.SORT_SCRIPT, (Path(__file__).parent / "assets" / "sort.js").read_bytes())
        if pages.SORT_SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(pages.SORT_SCRIPT)
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        if not self.config.enabled:
            return markdown
        src = page.file.src_uri
        if src == "index.md" and pages.HOME_MARKER in markdown:
            return markdown.replace(pages.HOME_MARKER, pages.whats_new_home(
                list(self.records.values()), src, self.config.latest_on_home))
        record = self.records.get(src)
        if record is None:
            return markdown
        return pages.with_governance(markdown, record, today=self.today, upcoming_by_topic=self.upcoming_by_topic,
                                     articles=self.articles)
