"""A site with bulletins and the training calendar together, built for real."""
from __future__ import annotations

import email
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from email import policy

import pytest
from bs4 import BeautifulSoup
from bulletin_support import BRIEFING, PNG, article, edition
from helpers import ROOT, build_site, copy_repo, normalised
from pypdf import PdfReader

MONTHS = {"January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
          "August": 8, "September": 9, "October": 10, "November": 11, "December": 12}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bulletins")
    repo = copy_repo(tmp / "repo")
    folder = edition(repo, "2027-01", title="Practice and Learning Bulletin: January 2027", articles={
        "01-first.md": article("Closing the loop", 1, "Read [OARS](motivational-interviewing/oars.md).\n\n"
                               "![Two practitioners talking](team.png)\n", topics="[motivational-interviewing]"),
        "02-second.md": article("What good looks like", 2),
        "03-brief.md": article("Children seen alone", 3, BRIEFING, kind="briefing")},
        extra='quote: "Curiosity <script>x</script> first"\n')
    (folder / "team.png").write_bytes(PNG)
    edition(repo, "2027-02", title="Practice and Learning Bulletin: February 2027",
            articles={"01-a.md": article("February article", 1)})
    edition(repo, "2027-03", title="Practice and Learning Bulletin: March 2027 (draft)", status="draft",
            articles={"01-a.md": article("Unfinished", 1)})
    result = build_site(repo / "mkdocs.yml", tmp / "site", {"PRACTICE_HUB_TODAY": "2026-11-23"})
    assert result.returncode == 0, result.stderr
    return tmp / "site"


def page(site, path) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_edition_page_has_contents_list_and_articles_in_order(site):
    html = page(site, "bulletins/2027/01/index.html")
    contents = [a.get_text() for a in html.select("#in-this-edition + ul a")]
    assert contents[:3] == ["Closing the loop", "What good looks like", "Children seen alone"]
    headings = [h.get_text().replace("¶", "") for h in html.select("h2.ph-article")]
    assert headings == ["Closing the loop", "What good looks like", "7-minute briefing: Children seen alone"]
    assert html.select_one("#brief.ph-briefing") is not None
    # Shown as text (however it is escaped), never run.
    assert "Curiosity <script>x</script> first" in html.select_one(".ph-edition-quote").get_text()
    assert "<script>x" not in (site / "bulletins/2027/01/index.html").read_text() and "<script>x" not in str(html)
    assert html.select_one('a[href="../../../motivational-interviewing/oars.html"]') is not None
    assert (site / "bulletins/2027/01/team.png").read_bytes() == PNG


def test_training_this_month_comes_from_the_calendar_and_stays_in_the_month(site):
    html = page(site, "bulletins/2027/01/index.html")
    block = html.select_one(".ph-bulletin-training")
    assert block is not None
    sessions = block.select(".ph-session")
    assert len(sessions) >= 3
    for item in sessions:
        text = item.get_text(" ")
        # The first date shown is the session's first day ("Wednesday 6 January 2027" or "Wed 6 Jan 2027").
        day, month, year = re.search(r"(\d{1,2}) ([A-Z][a-z]{2})[a-z]* (\d{4})", text).groups()
        when = date(int(year), [m[:3] for m in MONTHS].index(month) + 1, int(day))
        assert date(2027, 1, 1) <= when <= date(2027, 2, 7), text
    # Category headings (a first mention may carry its ® mark).
    assert {h.get_text().rstrip("®™") for h in block.select("h3")} <= {
        "Practice focus workshops", "Induction", "Signs of Safety", "Court skills", "Managers and supervisors", "Research in practice"}


def test_cancelled_session_never_shows_as_running(site):
    # The demo calendar cancels the 27 January 2027 research workshop; January's edition must say so.
    cancelled = page(site, "bulletins/2027/01/index.html").select(".ph-session--cancelled")
    assert cancelled
    for item in cancelled:
        assert "Cancelled" in item.get_text() and not item.select("a[download]")


def test_drafts_stay_out_of_the_build_archive_and_feed(site):
    assert not (site / "bulletins/2027/03").exists()
    assert "March 2027" not in (site / "bulletins/index.html").read_text()
    feed = ET.parse(site / "bulletins/feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert "Practice and Learning Bulletin: February 2027" in titles
    assert titles[0] == "Practice and Learning Bulletin: February 2027"  # newest first
    assert not any("March 2027" in t for t in titles)


def test_archive_groups_by_year_and_features_the_latest(site):
    html = page(site, "bulletins/index.html")
    assert "2027" in [h.get_text().replace("¶", "") for h in html.select("h2")]
    latest = html.select_one("#latest-edition + p a")
    assert latest["href"] == "2027/02/index.html"


def test_email_copy_is_inlined_and_absolute(site):
    text = (site / "bulletins/2027/01/email.html").read_text(encoding="utf-8")
    html = BeautifulSoup(text, "html.parser")
    assert not html.find_all(["style", "link", "script"])
    assert html.select("[style]") and html.find("table", attrs={"role": "presentation"})
    for tag, attr in (("a", "href"), ("img", "src")):
        for node in html.find_all(tag):
            assert node[attr].startswith(("https://", "mailto:")), node
    assert all(img.get("alt") for img in html.find_all("img"))
    assert html.find("a", string="Accessibility statement")["href"] == "https://practicehub.eastmere.example/accessibility.html"


def test_eml_has_html_and_text_parts(site):
    raw = (site / "bulletins/2027/01/practice-and-learning-bulletin-2027-01.eml").read_bytes()
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["Subject"] == "Practice and Learning Bulletin: January 2027"
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Closing the loop" in text and "https://practicehub.eastmere.example/motivational-interviewing/oars.html" in text
    assert "Closing the loop" in html


def test_pdf_is_tagged_and_has_the_edition_text(site):
    reader = PdfReader(site / "bulletins/2027/01/practice-and-learning-bulletin-2027-01.pdf")
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    text = normalised(" ".join(p.extract_text() for p in reader.pages))
    assert "Closing the loop" in text and "Page 1 of" in text
    links = [a.get_object() for p in reader.pages for a in p.get("/Annots", [])]
    assert any(a.get("/A", {}).get("/URI", "").startswith("https://practicehub.eastmere.example/") for a in links)


def test_edition_page_links_to_every_copy(site):
    html = page(site, "bulletins/2027/01/index.html")
    hrefs = {a["href"] for a in html.select(".ph-edition-copies a")}
    assert hrefs == {"email.html", "practice-and-learning-bulletin-2027-01.eml", "practice-and-learning-bulletin-2027-01.pdf"}
    for href in hrefs:
        assert (site / "bulletins/2027/01" / href).is_file()


def test_new_bulletin_command_scaffolds_a_draft_and_never_overwrites(tmp_path):
    cmd = [sys.executable, "-m", "practice_hub.cli", "new-bulletin", "2027-04", "--bulletins-dir", str(tmp_path)]
    first = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert first.returncode == 0, first.stdout + first.stderr
    index = (tmp_path / "2027-04" / "index.md").read_text()
    assert "month: 2027-04" in index and "status: draft" in index
    assert (tmp_path / "2027-04" / "01-first-article.md").is_file()
    again = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert again.returncode == 1 and "already exists" in again.stdout
