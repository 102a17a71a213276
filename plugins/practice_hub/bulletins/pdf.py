"""The printable PDF of an edition, made with WeasyPrint: tagged, A4, branded, page numbers,
working links. It never fetches anything from the network.

WeasyPrint 70 tags the running header, footer and page numbers as content left out of the
structure tree; ``pdf_tags.mark_page_furniture`` (a WeasyPrint finisher) makes them pagination
artifacts before the file is written. The file still makes no PDF/UA-1 claim: only the
requirements the tests read back are checked (tests/browser/test_print_and_email.py, listed in
the accessibility statement), not all of PDF/UA-1."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from . import pdf_tags


PRINT_CSS = """
/* Part of the cache key (pdf_batch): a tagged PDF without the PDF/UA claim. */
@page {
  size: A4; margin: 20mm 18mm 22mm;
  font-family: "DejaVu Sans", Arial, sans-serif;   /* the running header and footer too, not the serif default */
  @top-left { content: "%(organisation)s"; font-size: 9pt; color: #3d4852; }
  @top-right { content: "Practice and Learning Bulletin, %(month)s"; font-size: 9pt; color: #3d4852; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 9pt; color: #3d4852; }
}
body { background: #ffffff; font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; }
.outer, .sheet { width: 100%% !important; background: #ffffff; }
h2 { break-after: avoid; } h3 { break-after: avoid; }
tr, li, blockquote { break-inside: avoid; }
caption { break-after: avoid; }   /* a caption stays with its table: never a table of a caption alone */
a { color: #1d4e6b; }
"""


_fonts = {}   # this process's FontConfiguration (pid -> it): made in each PDF worker, not shared across fork


def _font_config():
    """One font set-up for every PDF this process renders, instead of one per PDF: WeasyPrint
    makes a new one when given none, which is a tenth of a small edition's time. The bytes are
    the same (the print stylesheet loads no fonts of its own, so the set-up never changes)."""
    from weasyprint.text.fonts import FontConfiguration

    pid = os.getpid()
    if pid not in _fonts:
        _fonts.clear()
        _fonts[pid] = FontConfiguration()
    return _fonts[pid]


def _css_string(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def pdf_bytes(html: str, *, folder: Path, organisation: str, month_label: str, identifier: str) -> bytes:
    """Render ``html`` (the edition's un-inlined email HTML) to a tagged PDF."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    allowed = folder.resolve().as_uri()

    class LocalOnly(URLFetcher):
        # Images beside the edition only; anything remote or elsewhere on disk is refused.
        def fetch(self, url, headers=None):
            if not url.startswith(allowed + "/"):
                raise ValueError(f"not fetched while printing: {url}")
            return super().fetch(url, headers)

    fonts = _font_config()
    css = CSS(string=PRINT_CSS % {"organisation": _css_string(organisation), "month": _css_string(month_label)},
              font_config=fonts)
    document = HTML(string=html, base_url=allowed + "/", url_fetcher=LocalOnly(allowed_protocols=["file"]))
    return document.write_pdf(stylesheets=[css], pdf_tags=True, finisher=pdf_tags.mark_page_furniture,
                              font_config=fonts,
                              pdf_identifier=hashlib.sha256(identifier.encode()).hexdigest()[:32].encode())


