"""MkDocs adapter for handbook governance and the web of topics."""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.plugins import BasePlugin, get_plugin_logger

from ..common.clock import build_today
from ..common.handbook_index import load_handbook_index
from ..common.vocabulary import load_topics
from ..mkdocs_support import add_generated, source_errors_as_build_errors
from . import pages
from .config import GovernanceConfig
from .metadata import Rules, read_records

log = get_plugin_logger(__name__)
_H1 = re.compile(r"^# .*$", re.MULTILINE)


class GovernancePlugin(BasePlugin[GovernanceConfig]):

    def on_config(self, config):
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path).parent
        with source_errors_as_build_errors("Governance"):
            self.topics = load_topics(root / self.config.topics_file, self.config.topics_file)
            handbook = load_handbook_index(Path(config.docs_dir))
            handbook = {k: v for k, v in handbook.items() if k not in self.config.exclude}
            rules = Rules(review_months=self.config.review_months, due_days=self.config.due_days,
                          roles=tuple(self.config.roles), today=build_today())
            records, problems = read_records(handbook, topics=self.topics, rules=rules,
                                             docs_name=Path(config.docs_dir).name)
            # Raised here, before MkDocs empties site/: a warning would only fail the build after
            # the pages were written.
            problems.raise_if_any()
        self.records = {r.src_uri: r for r in records}
        self.today = build_today()
        return config

    def _others(self, config):
        training = config.plugins.get("practice-hub/training")
        bulletins = config.plugins.get("practice-hub/bulletins")
        calendar = getattr(training, "calendar", None)
        return calendar, list(getattr(bulletins, "editions", []) or [])

    def on_files(self, files, *, config):
        if not self.config.enabled:
            return files
        calendar, editions = self._others(config)
        self.upcoming_by_topic = pages.sessions_by_topic(calendar.upcoming(self.today) if calendar else [])
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
        head = "\n\n" + pages.title_line(record) + "\n\n" + pages.overdue_notice(record, self.today) + "\n\n"
        match = _H1.search(markdown)
        markdown = markdown[:match.end()] + head + markdown[match.end():] if match else head + markdown
        _, editions = self._others(config)
        related = [pages.upcoming_training(record, self.upcoming_by_topic),
                   pages.from_the_bulletin(record, editions)]
        extra = [pages.related_block([part for part in related if part]), pages.page_dates(record)]
        return markdown.rstrip() + "\n\n" + "\n\n".join(part for part in extra if part) + "\n"
