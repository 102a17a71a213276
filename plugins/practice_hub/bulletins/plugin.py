"""MkDocs adapter for the bulletins: load and check early, hand pages and files to MkDocs."""
from __future__ import annotations

import functools
import os
from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger

from ..build_cache import conversion_inputs
from ..common.cache import cache_dir
from ..mkdocs_support import HubPlugin, MadeLater, add_generated, put_file
from ..preview import Kept
from ..routes import WHATS_NEW
from . import compose, service
from .config import BulletinsConfig
from .render import Renderer

log = get_plugin_logger(__name__)
TEXTS_CACHE = ".cache/practice-hub/bulletin-texts"   # relative to mkdocs.yml, like the PDF and email caches


class BulletinsPlugin(HubPlugin[BulletinsConfig]):
    editions: list = []
    figures = None
    serving = False     # mkdocs serve: the converted texts are kept between rebuilds
    pdfs = None         # the edition PDFs being rendered while MkDocs builds the pages (pdf_batch)

    def on_config(self, config):
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path).absolute().parent
        hub = self.hub(config)
        self.calendar, self.handbook, self.editions, self.figures = hub.calendar, hub.handbook, hub.editions, hub.figures
        self.records = list(hub.records.values()) if hub.settings.governance else None
        serving = hub.settings.include_drafts
        if compose.STYLESHEET not in config.extra_css:
            config.extra_css.append(compose.STYLESHEET)
        self.settings = service.Settings(
            site_url=config.site_url or "http://localhost/", site_name=config.site_name,
            organisation=config.extra.get("organisation", config.site_name), email_to=self.config.email_to,
            call_for_contributions=self.config.call_for_contributions,
            make_pdf=self.config.pdf_when_serving or not serving,
            pdf_cache_dir=cache_dir(root, self.config.pdf_cache_dir, "bulletin-pdfs"),
            email_cache_dir=cache_dir(root, self.config.email_cache_dir, "bulletin-emails"),
            texts_cache_dir=cache_dir(root, TEXTS_CACHE, "bulletin-texts"),
            markdown=hub.settings.markdown, project_root=root, training_limits=hub.settings.bulletin_training)
        self.serving = serving
        return config

    def _renderer(self):
        """While previewing, the articles' converted texts kept between rebuilds (preview.py), for
        as long as the Markdown settings and the files they read (the glossary) are the same."""
        if not self.serving:
            return None   # mkdocs build: service.outputs makes a new one
        if getattr(self, "_kept_renderer", None) is None:
            self._kept_renderer = Kept()
        markdown, root = self.settings.markdown, self.settings.project_root
        inputs = conversion_inputs(markdown.extensions, markdown.configs, base_path=[str(root)])
        key = None if inputs is None else (repr(markdown), str(root), repr(inputs))
        kept_on_disk = getattr(self.settings, "texts_cache_dir", None)   # (tests/test_preview.py's settings have none)
        return self._kept_renderer.get(key, lambda: Renderer(markdown, root, kept_on_disk))

    def on_files(self, files, *, config):
        if not self.config.enabled:
            return files
        # What's new and "Guidance updated this month" come from the same governance records.
        records = self.records
        self._stop_pdfs()   # a build that never finished (a preview rebuild after an error)
        later = []
        pages, other = service.outputs(self.editions, self.calendar, self.handbook, self.settings,
                                       records=records, figures=self.figures,
                                       whats_new=WHATS_NEW if records is not None else "",
                                       renderer=self._renderer(), later_pdfs=later)
        for src_uri, markdown in pages.items():
            add_generated(files, config, src_uri, markdown, in_nav=src_uri == compose.ARCHIVE)
        for path, content in other.items():
            add_generated(files, config, path, content)
        # The PDFs are rendered while MkDocs builds the pages, and written after them.
        self.pdfs = later[0] if later else None
        for path in self.pdfs.names if self.pdfs else ():
            put_file(files, MadeLater(config, path, functools.partial(_rendered, self.pdfs, path),
                                      generated_by="practice-hub/bulletins", written_by_plugin=True))
        return files

    @event_priority(-50)   # after the other plugins' own work: the PDFs have longer to render
    def on_post_build(self, *, config):
        if self.pdfs is None:
            return
        pdfs, self.pdfs = self.pdfs, None
        site = Path(config.site_dir)
        for path, data in pdfs.results().items():
            _write_whole(site / path, data)

    def on_build_error(self, *, error):
        self._stop_pdfs()

    def on_shutdown(self):
        self._stop_pdfs()

    def _stop_pdfs(self):
        if self.pdfs is not None:
            self.pdfs.cancel()
            self.pdfs = None

    def on_page_markdown(self, markdown, *, page, config, files):
        if page.file.src_uri == "index.md" and compose.HOME_MARKER in markdown:
            feature = compose.home_feature(self.editions, "index.md") or "No bulletin has been published yet."
            markdown = markdown.replace(compose.HOME_MARKER, feature)
        return markdown


def _rendered(pdfs, path: str) -> bytes:
    """One PDF's bytes, waiting for it if it is still rendering."""
    return pdfs.results()[path]


def _write_whole(path: Path, data: bytes) -> None:
    """Write ``data`` beside ``path`` and rename it into place: a build stopped midway leaves no
    half-written PDF in the site."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
