"""MkDocs adapter for the handbook features."""
from __future__ import annotations

from mkdocs.plugins import BasePlugin, get_plugin_logger

from .config import HandbookConfig

log = get_plugin_logger(__name__)


class HandbookPlugin(BasePlugin[HandbookConfig]):
    pass
