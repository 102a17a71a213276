""""How we are doing for children" in a real browser: readable on a 320 px phone without the page
scrolling sideways, in print, and with no WCAG A/AA problems in the block or the email copy."""
from __future__ import annotations

import io

import pytest
from helpers import ROOT, normalised
from pypdf import PdfReader

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
EDITION = "bulletins/2026/11/index.html"
RUN_AXE_ON = """async ([selectors, tags]) => {
  const result = await axe.run({include: selectors.map(s => [s])},
                               {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => v.id + ' (' + v.help + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}"""


def axe_violations(page, *selectors: str) -> list[str]:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make test`, which runs `npm ci`.")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE_ON, [list(selectors), WCAG_TAGS])


@pytest.fixture()
def phone(browser):
    context = browser.new_context(viewport={"width": 320, "height": 640}, device_scale_factor=1)
    tab = context.new_page()
    yield tab
    context.close()


def test_figures_fit_a_320px_screen_without_sideways_scrolling(phone, site_url):
    phone.goto(site_url + EDITION)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    charts = phone.locator(".ph-chart svg")
    assert charts.count() == 4
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320 and box["height"] > 200
    for table in phone.locator(".ph-figures-table").all():
        box = table.bounding_box()
        assert box["x"] + box["width"] <= 320


def test_charts_have_accessible_names_and_descriptions(page, site_url):
    page.goto(site_url + EDITION)
    chart = page.get_by_role("img", name="Child protection visits on time: Nov 2025 to Oct 2026")
    assert chart.count() == 1 and chart.is_visible()
    description = page.evaluate("""() => {
      const svg = document.querySelector('.ph-chart svg');
      return document.getElementById(svg.getAttribute('aria-describedby')).textContent;
    }""")
    assert "October 2026: 91.2%, on target (target 90% or more)." in description


def test_figures_and_guidance_blocks_meet_wcag_aa(page, site_url):
    page.goto(site_url + EDITION)
    assert axe_violations(page, "#how-we-are-doing", ".ph-figures", "#guidance-updated", ".ph-guidance-updates") == []


def test_email_copy_figures_meet_wcag_aa(page, site_url):
    page.goto(site_url + "bulletins/2026/11/email.html")
    assert page.locator("table.figures").count() == 4
    assert axe_violations(page, "table.figures") == []


def test_figures_print_with_their_charts(page, site_url):
    page.goto(site_url + EDITION)
    page.emulate_media(media="print")
    chart = page.locator(".ph-chart svg").first
    assert chart.is_visible() and chart.bounding_box()["width"] > 200
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    text = normalised(" ".join(p.extract_text() for p in pdf.pages))
    assert "How we are doing for children" in text and "Target 90%" in text and "Oct 2026" in text
