"""MkDocs adapter for the bulletins."""
from __future__ import annotations

from mkdocs.plugins import BasePlugin, get_plugin_logger

from .config import BulletinsConfig

log = get_plugin_logger(__name__)


class BulletinsPlugin(BasePlugin[BulletinsConfig]):
    def on_files(self, files, *, config):
        from ..mkdocs_support import add_generated
        add_generated(files, config, "bulletins/index.md",
                      "---\ntitle: Bulletins\n---\n# Bulletins\n\nBulletins coming soon.\n",
                      in_nav=True)
        return files
