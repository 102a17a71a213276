"""Each edition's email copies (``email.html`` and the ``.eml``) reused from a cache, like the PDFs.

Inlining the CSS and assembling the message take longer than the rest of an edition's outputs,
and each month only the new edition changes. A cached pair is reused only when everything that
shapes its bytes is unchanged; the key covers:

- the edition's print copy (``EmailCopy.print_html``): the same template filled from the same
  sources as the email copy (welcome, articles and figures commentary as converted with the
  site's Markdown settings and glossary, the training this month, the figures, the guidance
  updates, the handbook titles, the organisation), differing only in how images are addressed
  and how the figures are drawn, both of which follow from the site address and our code below;
- the plain-text alternative (``EmailCopy.text``), the site address and the To line;
- our code and templates (every file of the practice_hub package, read on every build, so an
  edited template is never hidden by the cache) and the versions of Python and of the libraries
  that shape the bytes (css-inline, Jinja, MarkupSafe, Python-Markdown, PyMdown Extensions).

The output is the same bytes either way (tests/bulletins/test_email_cache.py checks each input).
``PRACTICE_HUB_CACHE_DIR`` moves the cache, ``off`` turns it off (common/cache.py).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..common.cache import prune, read_cached, write_atomically
from ..common.fingerprint import code_digest, library_versions

LIBRARIES = ("css-inline", "jinja2", "markupsafe", "markdown", "pymdown-extensions")
SUFFIXES = (".html", ".eml")


class EmailCache:
    """Email copies by key in ``folder`` (None: no cache, every copy made afresh)."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.environment = f"{library_versions(LIBRARIES)}; code {code_digest()}" if folder else ""
        self.used: set[str] = set()

    def key(self, *, print_html: str, text: str, site_url: str, to_address: str) -> str:
        digest = hashlib.sha256()
        for part in (self.environment, site_url, to_address, print_html, text):
            digest.update(part.encode("utf-8") + b"\0")
        return digest.hexdigest()

    def copies(self, key: str, make) -> tuple[bytes, bytes]:
        """(email.html, .eml) for ``key``: from the cache, or ``make()`` and kept for next time."""
        if self.folder is None:
            return make()
        self.used.add(key)
        html, eml = (read_cached(self.folder / f"{key}{suffix}") for suffix in SUFFIXES)
        if html is not None and eml is not None:
            return html, eml
        html, eml = make()
        for suffix, data in zip(SUFFIXES, (html, eml)):
            write_atomically(self.folder / f"{key}{suffix}", data)
        return html, eml

    def forget_the_rest(self) -> None:
        """Drop copies of editions that have since changed or gone, so the cache stays small."""
        if self.folder is not None:
            prune(self.folder, keep={f"{key}{suffix}" for key in self.used for suffix in SUFFIXES},
                  patterns=tuple(f"*{suffix}" for suffix in SUFFIXES))
