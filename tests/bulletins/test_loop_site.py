"""A fixture site with known figures and known handbook changes, built for real: "How we are doing
for children" and "Guidance updated this month" in the web page, the email copy, the .eml and the PDF."""
from __future__ import annotations

import email
import re
from email import policy

import pytest
from bs4 import BeautifulSoup
from bulletin_support import BRIEFING
from helpers import build_site, make_fixture_site, normalised
from pypdf import PdfReader

TODAY = "2027-02-10"
VISITS = dict(zip(["2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10",
                   "2026-11", "2026-12", "2027-01"], [80, 82, 81, 84, 85, 83, 86, 87, 88, 86, 89, 92]))
WAITS = {"2026-11": 25, "2026-12": 22, "2027-01": 19}
MONTH_NAMES = ["February 2026", "March 2026", "April 2026", "May 2026", "June 2026", "July 2026", "August 2026",
               "September 2026", "October 2026", "November 2026", "December 2026", "January 2027"]


def figures_yml() -> str:
    head = """\
measures:
  - id: visits
    label: Visits on time
    unit: percent
    target: 90
    meaning: Visits on time mean children are seen & safe.
  - id: waits
    label: Days waiting <em>for</em> a plan
    unit: days
    target: 20
    direction: lower-is-better
    meaning: A shorter wait means help arrives sooner.
months:
"""
    rows = []
    for month, value in VISITS.items():
        rows.append(f"  - month: {month}\n    visits: {value}\n" + (f"    waits: {WAITS[month]}\n" if month in WAITS else ""))
    return head + "".join(rows)


def handbook_page(title, changes, *, owner="Principal Social Worker", extra="", body="Body text.\n"):
    lines = "".join(f"  - date: {day}\n    note: {note}\n" for day, note in changes)
    return (f"---\ntitle: {title}\nsummary: About {title.lower()}.\nowner: {owner}\napproved_by: Practice Quality Board\n"
            f"last_reviewed: 2026-06-01\ntopics: [supervision]\n{extra}changes:\n{lines}---\n# {title}\n\n{body}")


PAGES = {
    "visits.md": handbook_page("Visits", [("2027-01-12", '"Added seeing children alone & what to record."'),
                                          ("2026-06-01", "First version.")], owner="Head of Safeguarding"),
    "plans.md": handbook_page("Plans", [("2027-01-20", "Clarified review timescales."),
                                        ("2026-12-15", "Fixed the template link.")]),
    "learning/audit.md": handbook_page("Learning from the visits audit", [("2027-01-05", "First published after the audit.")],
                                       extra="type: briefing\n", body=BRIEFING),
}


def edition_index(month, *, status="published", extra=""):
    return (f"---\ntitle: Bulletin {month}\nmonth: {month}\nstatus: {status}\npractice_focus:\n  title: Supervision\n"
            f"editor:\n  name: A Editor\n  role: PSW\n  email: psw@example.org\n{extra}---\nHello.\n")


BULLETINS = {
    "figures.yml": figures_yml(),
    "2025-12/index.md": edition_index("2025-12", extra="figures: true\n"),
    "2026-11/index.md": edition_index("2026-11"),
    # December 2026 has no edition: January's covers its changes too.
    "2027-01/index.md": edition_index("2027-01", extra="figures:\n  commentary: |\n    Visits are **above target**."
                                      " <script>alert(1)</script>\n\n    Read [the visits guidance](visits.md).\n"),
    "2027-01/01-a.md": "---\ntitle: An article\nauthor: B Writer\norder: 1\n---\nText.\n",
    "2027-02/index.md": edition_index("2027-02", extra="figures: true\n"),
    "2027-03/index.md": edition_index("2027-03", status="draft", extra="figures: true\n"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("loop")
    config = make_fixture_site(tmp / "repo", PAGES, bulletins=BULLETINS)
    result = build_site(config, tmp / "site", {"PRACTICE_HUB_TODAY": TODAY})
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "site"


def soup(site, path) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def text_of(node) -> str:
    return normalised(node.get_text(" ")).replace(" .", ".").replace(" ,", ",").replace(" :", ":")


def own_rows(table) -> list:
    """A table's own rows, not those of the tables inside its cells (css-inline adds tbody)."""
    body = table.find("tbody", recursive=False) or table
    return body.find_all("tr", recursive=False)


def whats_new_rows(site) -> list[tuple[str, str, str]]:
    """(date, page title, note) rows of the What's new page, in its order."""
    rows = soup(site, "whats-new.html").select("table tbody tr")
    return [tuple(normalised(td.get_text()) for td in tr.select("td")) for tr in rows]


# Web page -------------------------------------------------------------------------------------

def test_figures_block_shows_latest_month_change_trend_and_target(site):
    html = soup(site, "bulletins/2027/01/index.html")
    measures = html.select("#how-we-are-doing ~ .ph-figures .ph-measure")
    assert [text_of(m.h3) for m in measures] == ["Visits on time", "Days waiting <em>for</em> a plan"]
    visits, waits = (text_of(m) for m in measures)
    assert "January 2027: 92%. On target (target 90% or more)." in visits
    assert "Up 3 percentage points since December 2026 (better)." in visits
    assert "Over the last 12 months: improving, from 80% in February 2026 to 92% in January 2027." in visits
    assert "Visits on time mean children are seen & safe." in visits
    assert "January 2027: 19 days. On target (target 20 days or fewer)." in waits
    assert "Down 3 days since December 2026 (better)." in waits
    assert "improving, from 25 days in November 2026" in waits


def test_same_figures_in_the_table_oldest_first_and_gaps_say_no_figures_yet(site):
    tables = soup(site, "bulletins/2027/01/index.html").select(".ph-figures-table")
    visits = [[normalised(c.get_text()) for c in tr.select("th, td")] for tr in tables[0].select("tbody tr")]
    assert [row[0] for row in visits] == MONTH_NAMES
    assert [row[1] for row in visits] == [f"{v}%" for v in VISITS.values()]
    assert [row[2] for row in visits][-2:] == ["below target", "on target"]
    waits = [[normalised(c.get_text()) for c in tr.select("th, td")] for tr in tables[1].select("tbody tr")]
    assert [row[1] for row in waits] == ["no figures yet"] * 9 + ["25 days", "22 days", "19 days"]
    assert all(row[1] != "0 days" for row in waits)


def test_chart_is_an_accessible_svg_image_with_text_labels(site):
    html = soup(site, "bulletins/2027/01/index.html")
    charts = html.select(".ph-chart svg")
    assert len(charts) == 2
    first = charts[0]
    assert first["role"] == "img"
    title = html.find(id=first["aria-labelledby"])
    assert title.name == "title" and title.get_text() == "Visits on time: Feb 2026 to Jan 2027"
    description = html.find(id=first["aria-describedby"]).get_text()
    assert description.startswith("Chart of the figure for each month, on a scale from 80% to 95%.")
    assert "January 2027: 92%, on target" in description and "improving" in description
    labels = [t.get_text() for t in first.find_all("text")]
    assert "Target 90%" in labels and "Feb 2026" in labels and "92%" in labels
    months = [t for t in labels if re.fullmatch(r"[A-Z][a-z]{2} \d{4}", t)]
    assert months == [m[:3] + m[-5:] for m in MONTH_NAMES]                  # oldest at the top
    waits_labels = [t.get_text() for t in charts[1].find_all("text")]
    assert waits_labels.count("no figures yet") == 9 and "0 days" not in waits_labels
    assert html.find(id=charts[1]["aria-labelledby"]).get_text() == "Days waiting <em>for</em> a plan: Feb 2026 to Jan 2027"


def test_author_text_is_escaped_never_run(site):
    raw = (site / "bulletins/2027/01/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in raw and "&lt;script&gt;alert(1)" in raw
    assert "<em>for</em>" not in raw and "&lt;em&gt;for&lt;/em&gt;" in raw
    html = soup(site, "bulletins/2027/01/index.html")
    commentary = html.select_one("#how-we-are-doing + p")
    assert commentary.strong.get_text() == "above target"
    assert html.select_one('#how-we-are-doing ~ p a[href="../../../visits.html"]') is not None


def test_edition_lists_figures_and_guidance_in_its_contents(site):
    contents = [a["href"] for a in soup(site, "bulletins/2027/01/index.html").select("#in-this-edition + ul a")]
    assert contents.index("#how-we-are-doing") < contents.index("#guidance-updated") < contents.index("#training-this-month")
    feb = [a["href"] for a in soup(site, "bulletins/2026/11/index.html").select("#in-this-edition + ul a")]
    assert "#how-we-are-doing" not in feb and "#guidance-updated" in feb


def test_edition_before_any_figures_says_no_figures_yet(site):
    html = soup(site, "bulletins/2025/12/index.html")
    assert "No figures yet" in text_of(html.select_one(".ph-figures"))
    assert not html.select(".ph-chart")


def test_later_edition_without_new_figures_shows_the_latest_before_it(site):
    html = soup(site, "bulletins/2027/02/index.html")
    assert "January 2027: 92%" in text_of(html.select_one(".ph-figures"))


def test_edition_that_does_not_ask_for_figures_has_no_block(site):
    assert soup(site, "bulletins/2026/11/index.html").select_one("#how-we-are-doing") is None
    assert not (site / "bulletins/2027/03").exists()   # drafts never published


# Guidance updated this month -------------------------------------------------------------------

def guidance_items(site, month_path):
    html = soup(site, f"bulletins/{month_path}/index.html")
    return html, [text_of(li) for li in html.select(".ph-guidance-updates li")]


def test_guidance_updated_lists_every_change_since_the_last_edition_newest_first(site):
    html, items = guidance_items(site, "2027/01")
    intro = text_of(html.select_one("#guidance-updated + p"))
    assert intro.startswith("Handbook pages changed in 1 December 2026 to 31 January 2027, newest first")
    assert items == [
        "Plans: Clarified review timescales. Owner: Principal Social Worker. 20 January 2027.",
        "Visits: Added seeing children alone & what to record. Owner: Head of Safeguarding. 12 January 2027.",
        "New 7-minute briefing: Learning from the visits audit: First published after the audit. "
        "Owner: Principal Social Worker. 5 January 2027.",
        "Plans: Fixed the template link. Owner: Principal Social Worker. 15 December 2026.",
    ]
    links = [a["href"] for a in html.select(".ph-guidance-updates li a")]
    assert links == ["../../../plans.html", "../../../visits.html", "../../../learning/audit.html", "../../../plans.html"]


def test_guidance_updated_and_whats_new_come_from_the_same_records(site):
    rows = whats_new_rows(site)
    _, items = guidance_items(site, "2027/01")
    in_window = [(title, note) for day, title, note in rows if day.endswith(("December 2026", "January 2027"))]
    from_bulletin = [re.match(r"(?:New 7-minute briefing: )?(.+?): (.+?) Owner:", item).groups() for item in items]
    assert from_bulletin == in_window and len(in_window) == 4
    _, november = guidance_items(site, "2026/11")   # covers January to November 2026 (no edition in between)
    assert [re.match(r"(.+?): (.+?) Owner:", i).groups() for i in november] == [
        (title, note) for day, title, note in rows if day.endswith("2026") and not day.endswith("December 2026")]


def test_no_guidance_changed_is_said_plainly(site):
    html, items = guidance_items(site, "2027/02")
    assert items == [] and text_of(html.select_one("#guidance-updated + p")) == "No handbook pages changed in February 2027."


# Email, .eml and PDF ---------------------------------------------------------------------------

def test_email_copy_has_table_cell_dots_for_outlook_and_no_svg(site):
    html = soup(site, "bulletins/2027/01/email.html")
    assert html.find("svg") is None
    tables = html.select("table.figures")
    assert [normalised(t.caption.get_text()) for t in tables] == [
        "Visits on time, month by month (target 90% or more)",
        "Days waiting <em>for</em> a plan, month by month (target 20 days or fewer)"]
    rows = own_rows(tables[0])
    header = [normalised(th.get_text()) for th in rows[0].find_all("th")]
    assert header == ["Month", "Figure", "Against target", "Chart (80% to 95%)"]
    body = rows[1:]
    assert [normalised(r.find("th").get_text()) for r in body] == MONTH_NAMES
    assert [normalised(r.find_all("td")[0].get_text()) for r in body] == [f"{v}%" for v in VISITS.values()]
    dots = [r.select_one("td.dot") for r in body]
    assert all(d is not None and d.get("bgcolor") for d in dots)
    waits_rows = own_rows(tables[1])[1:]
    assert [normalised(r.find_all("td")[0].get_text()) for r in waits_rows][:9] == ["no figures yet"] * 9
    assert waits_rows[0].select_one("td.dot") is None
    text = text_of(html)
    assert "Up 3 percentage points since December 2026 (better)." in text
    assert "Over the last 12 months: improving, from 80% in February 2026 to 92% in January 2027." in text
    assert "Over the last 12 months: improving, from 25 days in November 2026 to 19 days in January 2027." in text
    assert "New 7-minute briefing: Learning from the visits audit" in text
    assert html.find("a", string="Plans")["href"] == "https://hub.example.org/plans.html"


def test_eml_text_part_tells_the_same_story(site):
    raw = (site / "bulletins/2027/01/practice-and-learning-bulletin-2027-01.eml").read_bytes()
    message = email.message_from_bytes(raw, policy=policy.default)
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert "How we are doing for children\n-----" in text
    assert "Visits on time: 92%, on target (target 90% or more)" in text
    assert "Up 3 percentage points since December 2026 (better)." in text
    assert "Over the last 12 months: improving, from 80% in February 2026 to 92% in January 2027." in text
    assert "Month by month: February 2026 80%; March 2026 82%" in text
    assert "Days waiting <em>for</em> a plan: 19 days" in text
    assert "- New 7-minute briefing: Learning from the visits audit: First published after the audit." in text
    assert "https://hub.example.org/learning/audit.html" in text
    html = message.get_body(("html",)).get_content()
    assert "<svg" not in html and "Chart (80% to 95%)" in html and "<script>alert" not in html


def tagged(node, found: list) -> list:
    """(structure type, alternative text) of every element in a tagged PDF's structure tree."""
    node = node.get_object()
    if isinstance(node, list):
        for child in node:
            tagged(child, found)
    elif isinstance(node, dict):
        if "/S" in node:
            found.append((node["/S"], node.get("/Alt")))
        if "/K" in node:
            tagged(node["/K"], found)
    return found


def test_pdf_charts_are_tagged_figures_named_like_on_the_web(site):
    reader = PdfReader(site / "bulletins/2027/01/practice-and-learning-bulletin-2027-01.pdf")
    elements = tagged(reader.trailer["/Root"]["/StructTreeRoot"], [])
    assert [alt for kind, alt in elements if kind == "/Figure"] == [
        "Visits on time: Feb 2026 to Jan 2027", "Days waiting <em>for</em> a plan: Feb 2026 to Jan 2027"]
    assert sum(kind == "/Caption" for kind, _ in elements) == 2


def test_pdf_has_the_chart_the_table_and_the_guidance_in_order(site):
    reader = PdfReader(site / "bulletins/2027/01/practice-and-learning-bulletin-2027-01.pdf")
    text = normalised(" ".join(page.extract_text() for page in reader.pages))
    start = text.index("How we are doing for children", text.index("An article"))
    block = text[start:]
    assert "January 2027: 92%. On target (target 90% or more)." in block
    assert "Up 3 percentage points since December 2026 (better)." in block
    assert "Over the last 12 months: improving, from 80% in February 2026 to 92% in January 2027." in block
    assert block.index("Visits on time") < block.index("Days waiting <em>for</em> a plan")
    assert "Target 90%" in block and "Feb 2026" in block   # the chart's own labels
    assert "February 2026 80% below target" in block          # the table
    guidance = block[block.index("Guidance updated this month"):]
    assert guidance.index("Clarified review timescales.") < guidance.index("Fixed the template link.")
    assert "New 7-minute briefing: Learning from the visits audit" in guidance
