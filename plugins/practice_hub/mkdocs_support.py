"""The few MkDocs-specific helpers every plugin shares (adapter side only).

Core modules raise :class:`~practice_hub.common.errors.SourceError`; plugins turn it into a
MkDocs ``PluginError`` so ``mkdocs build`` prints the plain-English report and stops, without
a traceback. Load and check sources in ``on_config``/``on_pre_build``: that runs before MkDocs
cleans ``site/``, so bad input never damages what was built before.
"""
from __future__ import annotations

import contextlib

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from .common.errors import SourceError


@contextlib.contextmanager
def source_errors_as_build_errors(feature: str):
    """Turn SourceError raised inside the block into a clean MkDocs build error."""
    try:
        yield
    except SourceError as err:
        raise PluginError(f"[{feature}] {err.report()}") from None


def add_generated(files: Files, config, src_uri: str, content: str | bytes,
                  in_nav: bool = False) -> File:
    """Add (or replace) a generated page or asset in the MkDocs file collection."""
    inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
    existing = files.get_file_from_path(src_uri)
    if existing is not None:
        files.remove(existing)
    file = File.generated(config, src_uri, content=content, inclusion=inclusion)
    files.append(file)
    return file
