"""The demo site: three published editions show "How we are doing for children" from
bulletins/figures.yml, and every edition lists the guidance changed in its month."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup
from helpers import ROOT, normalised
from pypdf import PdfReader

from practice_hub.bulletins.figures import load_figures

SHOWN = {"2026/09": "August 2026", "2026/10": "September 2026", "2026/11": "October 2026"}


def soup(site, path) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def text_of(node) -> str:
    return normalised(node.get_text(" ")).replace(" .", ".").replace(" ,", ",").replace(" :", ":")


def test_demo_figures_cover_at_least_twelve_months_with_believable_variation():
    figures = load_figures(ROOT / "bulletins" / "figures.yml", "bulletins/figures.yml")
    assert len(figures.months()) >= 12 and len(figures.measures) >= 3
    for measure in figures.measures:
        values = [figures.value(m, measure.id) for m in figures.months() if figures.value(m, measure.id) is not None]
        ups = sum(b > a for a, b in zip(values, values[1:]))
        downs = sum(b < a for a, b in zip(values, values[1:]))
        assert ups and downs, f"{measure.id} only ever moves one way"
        assert len(measure.meaning.split()) >= 8


def test_three_published_editions_show_the_figures_block(built_site):
    for month_path, figures_month in SHOWN.items():
        html = soup(built_site, f"bulletins/{month_path}/index.html")
        block = html.select_one("#how-we-are-doing ~ .ph-figures")
        assert block is not None, month_path
        assert text_of(block).startswith(f"Figures for {figures_month} from the performance team")
        assert len(block.select("svg[role=img]")) == len(block.select("table.ph-figures-table")) == 4
        for name in ("email.html", f"practice-and-learning-bulletin-{month_path.replace('/', '-')}.eml"):
            assert "How we are doing for children" in (built_site / "bulletins" / month_path / name).read_text(encoding="utf-8")


def test_november_edition_reports_october_against_target(built_site):
    html = soup(built_site, "bulletins/2026/11/index.html")
    measures = [text_of(m) for m in html.select(".ph-measure")]
    assert [text_of(h) for h in html.select(".ph-measure h3")] == [
        "Child protection visits on time", "Children seen alone on their last visit",
        "Assessments completed within 45 working days", "Children referred again within 12 months"]
    assert "October 2026: 91.2%. On target (target 90% or more)." in measures[0]
    assert "Up 2.1 percentage points since September 2026 (better)." in measures[0]
    assert "October 2026: 82%. Below target (target 85% or more)." in measures[1]
    assert "Up 0.6 percentage points since September 2026 (worse)." in measures[3]   # lower is better
    october = soup(built_site, "bulletins/2026/10/index.html").select(".ph-figures-table")[3]
    assert [normalised(td.get_text()) for td in october.select("tbody td")][:2] == ["no figures yet", "no figures yet"]
    pdf = PdfReader(built_site / "bulletins/2026/11/practice-and-learning-bulletin-2026-11.pdf")
    text = normalised(" ".join(page.extract_text() for page in pdf.pages))
    assert "October 2026: 91.2%. On target (target 90% or more)." in text


def test_november_guidance_list_is_november_on_whats_new(built_site):
    rows = [[normalised(td.get_text()) for td in tr.select("td")]
            for tr in soup(built_site, "whats-new.html").select("table tbody tr")]
    november = [(title, note) for day, title, note in rows if day.endswith("November 2026")]
    items = soup(built_site, "bulletins/2026/11/index.html").select(".ph-guidance-updates li")
    listed = []
    for item in items:
        title = text_of(item.a)
        listed.append((title, re.search(re.escape(title) + r": (.+?) Owner:", text_of(item)).group(1)))
    assert listed == november and len(november) >= 3
    items = [text_of(item) for item in items]
    assert any(item.startswith("New 7-minute briefing: ") for item in items)
