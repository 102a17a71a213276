"""Each 7-minute briefing prints on one A4 page (Chromium's print-to-PDF with our print stylesheet)."""
from __future__ import annotations

import io

from helpers import normalised
from pypdf import PdfReader


def briefing_pages(site) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.glob("learning/*.html")
                  if 'class="ph-briefing-page"' in p.read_text(encoding="utf-8"))


def test_every_briefing_prints_on_one_a4_page_with_its_questions(page, site_url, built_site):
    briefings = briefing_pages(built_site)
    assert len(briefings) >= 2
    for path in briefings:
        page.goto(site_url + path)
        questions = page.locator(".ph-briefing-page h2:has-text('questions') + ol > li").all_inner_texts()
        assert len(questions) == 3, path
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
        text = normalised(pdf.pages[0].extract_text())
        assert len(pdf.pages) == 1, f"{path} prints on {len(pdf.pages)} A4 pages"
        for heading in ("Background", "What happened", "What we learned", "What to do differently"):
            assert heading in text, f"{path}: {heading!r} missing from the printout"
        assert normalised(questions[-1])[:40] in text
        assert "Upcoming training on this topic" not in text   # screen-only extras stay off the page
