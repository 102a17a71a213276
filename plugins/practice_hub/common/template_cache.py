"""Compiled theme templates kept between builds (Jinja's bytecode cache), so a rebuild, and above
all every rebuild of the live preview, does not compile Material's templates again.

MkDocs makes a new Jinja environment for each build, and compiling Material's templates takes a
good share of a small site's build (about a sixth of a preview rebuild of the demo). Jinja reuses
compiled code only for the same template source (it checks a digest of it) and the same Jinja
and Python versions; the key here adds the environment's own compile-time settings (delimiters,
whitespace options, extensions, autoescape), so two environments never share code. The pages are
the same bytes either way. Kept in memory for the process (the preview) and, unless caching is
off, on disk under the project's cache folder (common/cache.py).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

_MEMORY: dict[str, bytes] = {}


def _settings(environment: jinja2.Environment) -> str:
    names = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
             "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
             "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
             "autoescape", "is_async")
    values = [f"{name}={getattr(environment, name, None)!r}" for name in names]
    values += sorted(f"{name}:{type(ext).__module__}.{type(ext).__qualname__}"
                     for name, ext in environment.extensions.items())
    return "\n".join(values)


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's file cache, keyed by the environment's settings too, with a copy in memory."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        if folder is not None:
            super().__init__(str(folder), "%s.jinja")

    def get_bucket(self, environment, name, filename, source) -> Bucket:
        key = hashlib.sha256(f"{_settings(environment)}\n{name}\n{filename}".encode()).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        data = _MEMORY.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)
            if bucket.code is not None:   # None: another source or version; compiled again
                return
        if self.folder is not None:
            try:
                super().load_bytecode(bucket)
            except OSError:
                pass

    def dump_bytecode(self, bucket: Bucket) -> None:
        _MEMORY[bucket.key] = bucket.bytecode_to_string()
        if self.folder is not None:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                super().dump_bytecode(bucket)   # written beside and renamed: never half-written
            except OSError:
                pass   # a cache that cannot be written only costs time
