"""Where builds keep caches (the bulletin PDFs and email copies): beside mkdocs.yml unless told otherwise.

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


# A cache only saves time: if it cannot be read or written (a read-only share), carry on without it.

def read_cached(path: Path) -> bytes | None:
    """The bytes kept at ``path``, or None when there are none (or they cannot be read)."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def write_atomically(path: Path, data: bytes) -> None:
    """Keep ``data`` at ``path``: written beside it and renamed, so never half-written."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass


def prune(folder: Path, keep: set[str], patterns: tuple[str, ...]) -> None:
    """Delete the files in ``folder`` matching ``patterns`` whose names are not in ``keep``."""
    try:
        for pattern in patterns:
            for old in folder.glob(pattern):
                if old.name not in keep:
                    old.unlink(missing_ok=True)
    except OSError:
        pass
