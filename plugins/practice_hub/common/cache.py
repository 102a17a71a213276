"""Where builds keep caches (today the bulletin PDFs): beside mkdocs.yml unless told otherwise.

``PRACTICE_HUB_CACHE_DIR`` moves every cache under another folder (the tests point it at a
temporary one so they never write into the project); set it to ``off`` to build with no cache.
"""
from __future__ import annotations

import os
from pathlib import Path

OVERRIDE = "PRACTICE_HUB_CACHE_DIR"


def cache_dir(project_root: Path, configured: str, name: str) -> Path | None:
    """The folder for the cache called ``name``, or None when caching is off."""
    override = os.environ.get(OVERRIDE, "").strip()
    if override.lower() == "off" or (not override and not configured):
        return None
    if override:
        return Path(override) / name
    return project_root / configured
