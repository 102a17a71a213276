"""Governance on a fixture site with a fixed "today": banner, notice, dates, table, CSV,
What's new and its feed, and cross-links between handbook, training and bulletins."""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from helpers import build_site, make_fixture_site

TODAY = "2026-11-23"


def page(title, *, owner="Principal Social Worker", last="2026-06-12", review="2027-06-12", topics="[supervision]",
         changes="", extra=""):
    review_line = f"review_by: {review}\n" if review else ""
    return (f"---\ntitle: {title}\nsummary: About {title.lower()}.\nowner: {owner}\napproved_by: Practice Quality Board\n"
            f"last_reviewed: {last}\n{review_line}topics: {topics}\n{changes}{extra}---\n# {title}\n\nBody text about {title}.\n")


CALENDAR = """\
courses:
  - id: supervision-skills
    title: Supervision skills
    category: practice-focus
    topics: [supervision]
    booking_url: https://learning.example.org/1
    sessions:
      - date: 2026-11-02
        start: "10:00"
        end: "12:00"
      - date: 2026-12-03
        start: "10:00"
        end: "12:00"
"""

BULLETIN = {
    "2026-11/index.md": "---\ntitle: November bulletin\nmonth: 2026-11\nstatus: published\npractice_focus:\n  title: Supervision\n"
                        "editor:\n  name: A Editor\n  role: PSW\n  email: psw@example.org\n---\nHello.\n",
    "2026-11/01-groups.md": "---\ntitle: Group supervision that works\nauthor: B Writer\norder: 1\ntopics: [supervision]\n---\nText.\n",
    "2026-12/index.md": "---\ntitle: December draft\nmonth: 2026-12\nstatus: draft\npractice_focus:\n  title: Supervision\n"
                        "editor:\n  name: A Editor\n  role: PSW\n  email: psw@example.org\n---\nHello.\n",
    "2026-12/01-secret.md": "---\ntitle: Draft article on supervision\nauthor: B Writer\norder: 1\ntopics: [supervision]\n---\nText.\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gov")
    config = make_fixture_site(tmp / "repo", {
        "supervision.md": page("Supervision", changes="changes:\n  - date: 2026-06-12\n    note: Added the 4x4x4 model.\n"
                                                      "  - date: 2026-01-05\n    note: First version.\n"),
        "old.md": page("Old guidance", last="2025-09-01", review="2026-09-01", topics="[]",
                       changes="changes:\n  - date: 2025-09-01\n    note: Reviewed, no change.\n"),
        "soon.md": page("Due soon", last="2025-12-10", review="2026-12-10", topics="[]",
                        changes="changes:\n  - date: 2026-11-20\n    note: Fixed a broken link.\n"),
        "interval.md": page("Interval page", last="2026-02-01", review=None, topics="[]"),
    }, calendar=CALENDAR, bulletins=BULLETIN)
    result = build_site(config, tmp / "site", {"PRACTICE_HUB_TODAY": TODAY})
    assert result.returncode == 0, result.stderr
    return tmp / "site"


def soup(site, path):
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_owner_line_under_the_title(site):
    html = soup(site, "supervision.html")
    line = html.select_one("h1 + p.ph-governance-line")
    assert line.get_text() == "Owner: Principal Social Worker · Last reviewed: 12 June 2026 · Next review: 12 June 2027"


def test_overdue_page_shows_an_accessible_notice_and_current_pages_do_not(site):
    notice = soup(site, "old.html").select_one(".ph-overdue[role=note]")
    assert notice is not None and "reviewed by 1 September 2026" in notice.get_text()
    assert soup(site, "supervision.html").select_one(".ph-overdue") is None
    assert soup(site, "soon.html").select_one(".ph-overdue") is None


def test_nhs_style_page_dates_match_front_matter(site):
    dates = soup(site, "supervision.html").select_one(".ph-page-dates").get_text("|")
    assert dates == "Page last reviewed: 12 June 2026|Next review due: 12 June 2027"
    interval = soup(site, "interval.html").select_one(".ph-page-dates").get_text("|")
    assert interval == "Page last reviewed: 1 February 2026|Next review due: 1 February 2027"


def test_governance_table_and_csv(site):
    rows = {tr.select("td")[0].get_text(): [td.get_text() for td in tr.select("td")]
            for tr in soup(site, "governance.html").select("table.ph-governance tbody tr")}
    assert rows["Old guidance"][5] == "Overdue for review"
    assert rows["Due soon"][5] == "Due for review soon"
    assert rows["Supervision"][5] == "Current"
    assert soup(site, "governance.html").select_one("th[aria-sort]") is not None
    data = list(csv.DictReader(io.StringIO((site / "governance.csv").read_bytes().decode("utf-8-sig"))))
    by_page = {row["Page"]: row for row in data}
    assert by_page["Old guidance"]["Status"] == "Overdue for review"
    assert by_page["Interval page"]["Next review"] == "2027-02-01"
    assert by_page["Supervision"]["Address"] == "https://hub.example.org/supervision.html"


def test_whats_new_is_newest_first_with_a_feed(site):
    rows = [tr.select("td")[2].get_text() for tr in soup(site, "whats-new.html").select("table tbody tr")]
    assert rows == ["Fixed a broken link.", "Added the 4x4x4 model.", "First version.", "Reviewed, no change."]
    feed = ET.parse(site / "whats-new.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    updated = [e.findtext("a:updated", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert updated == sorted(updated, reverse=True) and len(updated) == 4
    home = soup(site, "index.html").get_text()
    assert "Fixed a broken link." in home


def test_handbook_page_links_to_upcoming_training_and_bulletin_articles(site):
    html = soup(site, "supervision.html")
    training = html.select("#upcoming-training-on-this-topic + ul li")
    assert len(training) == 1 and "3 December 2026" in training[0].get_text()   # 2 November has passed
    assert training[0].select_one("a")["href"] == "training/courses/supervision-skills.html"
    articles = [a["href"] for a in html.select("#from-the-bulletin + ul a")]
    assert articles == ["bulletins/2026/11/index.html#groups"]   # never the draft


def test_course_page_and_bulletin_article_link_back_to_guidance(site):
    course = [a["href"] for a in soup(site, "training/courses/supervision-skills.html").select("#guidance-on-this-topic ~ ul a")]
    assert "../../supervision.html" in course
    edition = soup(site, "bulletins/2026/11/index.html")
    assert edition.select_one('.ph-guidance-label + p a[href="../../../supervision.html"]') is not None


def test_topic_index_lists_guidance_training_and_articles(site):
    html = soup(site, "topics/index.html")
    section = html.select_one("#supervision")
    text = "".join(str(sib) for sib in section.find_next_siblings())
    for needed in ("../supervision.html", "../training/courses/supervision-skills.html", "../bulletins/2026/11/index.html#groups"):
        assert needed in text
    assert "Draft article" not in text


def test_bad_governance_front_matter_fails_strict_build_with_file_and_line(tmp_path):
    config = make_fixture_site(tmp_path / "repo", {
        "a.md": page("A", owner=""),
        "b.md": page("B", last="2026-02-30"),
        "c.md": page("C", last="2026-06-01", review="2026-01-01"),
        "d.md": page("D", topics="[supervison]"),
    })
    result = build_site(config, tmp_path / "site", {"PRACTICE_HUB_TODAY": TODAY})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    err = result.stderr
    assert "content/a.md, line 1: the page has no `owner:`" in err
    assert 'content/b.md, line 6: `last_reviewed:` "2026-02-30" is not a real date' in err
    assert "content/c.md, line 7: the next review (2026-01-01) is before the last review (2026-06-01)" in err
    assert '"supervison" is not a declared topic. Did you mean "supervision"?' in err
