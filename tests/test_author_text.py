"""Text from authors is text: a hostile value in every author field of the demo shows as text in
every page, email and feed — never a live link, image, script, emphasis, header or formula."""
from __future__ import annotations

import email
import email.policy
import os
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from helpers import DEMO_TODAY, copy_repo

HOSTILE = ("[x](javascript:alert(1)) <script>alert(2)</script> *loud* ![i](data:image/png;base64,AAAA) "
           "<b onmouseover=alert(3)>b</b> {: .big} a|b")
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))


def replace(root: Path, path: str, old: str, new: str) -> None:
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert old in text, (path, old)
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# (file, what is there, what goes instead): one author field each.
FIELDS = [
    ("topics.yml", "practice-model: Our practice model", f"practice-model: {quoted('Model ' + HOSTILE)}"),
    ("content/practice-model/supervision.md", "\nsummary:", f"\nsummary: {quoted('Summary ' + HOSTILE)}\nx_old_summary:"),
    ("content/practice-model/supervision.md", "changes:\n", f"changes:\n  - date: 2026-11-01\n    note: {quoted('Note ' + HOSTILE)}\n"),
    ("training_calendar/practice-focus.yml", 'title: "Practice focus: motivational interviewing"',
     f"title: {quoted('Course ' + HOSTILE)}"),
    ("training_calendar/practice-focus.yml", 'location: "Online (Microsoft Teams)"', f"location: {quoted('Place ' + HOSTILE)}"),
    ("training_calendar/practice-focus.yml", "provider: Workforce Development", f"provider: {quoted('Provider ' + HOSTILE)}"),
    ("bulletins/2026-11/index.md", 'title: "Practice and Learning Bulletin: November 2026"', f"title: {quoted('Edition ' + HOSTILE)}"),
    ("bulletins/2026-11/index.md", "  name: Amara Okafor", f"  name: {quoted('Editor ' + HOSTILE)}"),
    ("bulletins/2026-11/index.md", "  role: Principal Social Worker", '  role: "PSW\\r\\nBcc: someone@example.com"'),
    ("bulletins/2026-11/01-three-houses-story.md", "title: \"Lily's three houses: a practitioner's story\"",
     f"title: {quoted('Article ' + HOSTILE)}"),
    ("bulletins/2026-11/01-three-houses-story.md", "author: Ellie Brennan, Social Worker, Family Safeguarding Team",
     f"author: {quoted('Author ' + HOSTILE)}"),
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    root = copy_repo(tmp / "repo")
    for path, old, new in FIELDS:
        replace(root, path, old, new)
    site = tmp / "site"
    result = subprocess.run([MKDOCS, "build", "--strict", "-d", str(site)], cwd=root, capture_output=True, text=True,
                            env={**os.environ, "PRACTICE_HUB_TODAY": DEMO_TODAY, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_no_author_text_becomes_markup_in_any_page(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    seen = 0
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        where = page.relative_to(hostile_site).as_posix()
        for link in soup.find_all(href=True):
            assert not link["href"].strip().lower().startswith(("javascript:", "data:")), where
        for image in soup.find_all(src=True):
            assert not image["src"].strip().lower().startswith(("javascript:", "data:")), where
        for script in soup.find_all("script"):
            assert "alert(" not in script.get_text(), where
        assert not soup.find_all(attrs={"onmouseover": True}), where
        assert not [em for em in soup.find_all(["em", "strong"]) if em.get_text() == "loud"], where
        assert not soup.select(".big"), where
        seen += "alert(1)" in soup.get_text()
    assert seen >= 10, "the hostile text should be shown, as text, on many pages"


def test_the_email_headers_carry_one_line_and_the_right_address(hostile_site):
    raw = next(hostile_site.glob("bulletins/2026/11/*.eml")).read_bytes()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Bcc"] is None
    (sender,) = message["From"].addresses
    assert sender.addr_spec == "psw@eastmere.example.gov.uk"
    assert sender.display_name == "Editor " + HOSTILE
    assert message["Subject"] == "Edition " + HOSTILE


def test_plain_keeps_text_as_text_through_markdown():
    from practice_hub.common.text import plain
    samples = [HOSTILE, "# Not a heading", "1. Not a list", "- Not a list", "> Not a quote", "== not setext",
               "A | B | C", "Line one\nLine two", "Tom & Jerry's \"quote\"", "CP-IS and strengths-based work"]
    for sample in samples:
        html = markdown.markdown(plain(sample), extensions=["abbr", "attr_list", "tables", "md_in_html", "def_list"])
        soup = BeautifulSoup(html, "html.parser")
        assert [tag.name for tag in soup.find_all(True)] == ["p"], (sample, html)
        assert soup.get_text() == " ".join(sample.split()), (sample, html)
