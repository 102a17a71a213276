"""Flush files and folders to disk, so a power cut after the switch cannot leave a live link
pointing at files the disk never received."""
from __future__ import annotations

import errno
import os
from pathlib import Path

# Some network drives cannot fsync a folder; the files themselves are still flushed.
_FSYNC_UNSUPPORTED = {errno.EINVAL, errno.ENOTSUP, errno.EBADF}


def fsync_tree(root: Path) -> None:
    """fsync every file, then every folder from the deepest up (a folder lists its new entries)."""
    for folder, _, files in os.walk(root, topdown=False):
        for name in files:
            fsync_path(Path(folder, name))
        fsync_path(Path(folder))


def fsync_path(path: Path) -> None:
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    except OSError as err:
        if err.errno not in _FSYNC_UNSUPPORTED:
            raise
    finally:
        os.close(handle)


def write_durably(path: Path, text: str) -> None:
    """Write a small file and flush it; the caller flushes the folder holding it."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(handle, text.encode("utf-8"))
        os.fsync(handle)
    finally:
        os.close(handle)
