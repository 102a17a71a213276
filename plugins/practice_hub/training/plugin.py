"""MkDocs adapter for the training calendars."""
from __future__ import annotations

from mkdocs.plugins import BasePlugin, get_plugin_logger

from .config import TrainingConfig

log = get_plugin_logger(__name__)


class TrainingPlugin(BasePlugin[TrainingConfig]):
    def on_files(self, files, *, config):
        from ..mkdocs_support import add_generated
        add_generated(files, config, "training/index.md",
                      "---\ntitle: Training\n---\n# Training\n\nTraining calendar coming soon.\n",
                      in_nav=True)
        return files
