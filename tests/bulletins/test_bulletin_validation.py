"""Bad bulletin sources stop the build with file, line and how to fix it."""
from __future__ import annotations

import pytest
from bulletin_support import BRIEFING, PNG, article, edition

from practice_hub.bulletins.loader import load_editions
from practice_hub.common.errors import SourceError

PAGES = {"motivational-interviewing/oars.md", "signs-of-safety/mapping.md"}
TOPICS = {"motivational-interviewing": "MI", "supervision": "Supervision"}


def load(tmp_path, include_drafts=False):
    return load_editions(tmp_path / "bulletins", include_drafts=include_drafts, handbook_pages=PAGES,
                         topics=TOPICS, display_root=tmp_path)


def report(tmp_path) -> str:
    with pytest.raises(SourceError) as caught:
        load(tmp_path)
    return caught.value.report()


def test_a_good_edition_loads_with_articles_in_order(tmp_path):
    edition(tmp_path, "2027-01", title="January", articles={
        "b.md": article("Second", 2), "a.md": article("First", 1, "See [OARS](motivational-interviewing/oars.md).\n")})
    (loaded,) = load(tmp_path)
    assert [a.title for a in loaded.articles] == ["First", "Second"]
    assert loaded.src_uri == "bulletins/2027/01/index.md"


def test_folder_that_is_not_a_month(tmp_path):
    edition(tmp_path, "2027-13", title="Bad")
    assert 'the folder name "2027-13" is not a month' in report(tmp_path)


def test_month_must_match_folder(tmp_path):
    folder = edition(tmp_path, "2027-01", title="January")
    text = (folder / "index.md").read_text().replace("month: 2027-01", "month: 2027-02")
    (folder / "index.md").write_text(text)
    assert "bulletins/2027-01/index.md, line 3: `month:` says 2027-02 but the folder is 2027-01" in report(tmp_path)


def test_missing_title(tmp_path):
    edition(tmp_path, "2027-01", title=None)
    assert "bulletins/2027-01/index.md, line 1: `title:` is missing" in report(tmp_path)


def test_article_order_clash(tmp_path):
    edition(tmp_path, "2027-01", title="January", articles={"a.md": article("One", 1), "b.md": article("Two", 1)})
    assert "bulletins/2027-01/b.md, line 4: `order: 1` is already used by bulletins/2027-01/a.md" in report(tmp_path)


def test_link_to_a_handbook_page_that_does_not_exist(tmp_path):
    edition(tmp_path, "2027-01", title="January", articles={
        "a.md": article("One", 1, "Intro.\n\nRead [OARS](motivational-interviewing/oar.md).\n")})
    text = report(tmp_path)
    assert "bulletins/2027-01/a.md, line 10: the link to \"motivational-interviewing/oar.md\" does not match a handbook page" in text
    assert 'Did you mean "motivational-interviewing/oars.md"?' in text


def test_missing_image_and_missing_alt_text(tmp_path):
    folder = edition(tmp_path, "2027-01", title="January", articles={
        "a.md": article("One", 1, "![](team.png)\n\n![A team meeting](missing.png)\n")})
    (folder / "team.png").write_bytes(PNG)
    text = report(tmp_path)
    assert 'line 8: the image "team.png" has no description (alt text)' in text
    assert 'line 10: the image "missing.png" is not in the folder bulletins/2027-01' in text


def test_unknown_setting_gets_a_suggestion(tmp_path):
    edition(tmp_path, "2027-01", title="January", articles={"a.md": article("One", 1).replace("author:", "auther:")})
    assert '"auther" is not a setting an article can have. Did you mean "author"?' in report(tmp_path)


def test_briefing_needs_every_section_and_three_questions(tmp_path):
    broken = BRIEFING.replace("## What we learned\nThe learning.\n\n", "").replace("3. Third question?\n", "")
    edition(tmp_path, "2027-01", title="January", articles={"a.md": article("Audit", 1, broken, kind="briefing")})
    text = report(tmp_path)
    assert 'has no "## What we learned" section' in text
    assert "exactly three questions for a team meeting; this one has 2" in text


def test_drafts_only_when_asked(tmp_path):
    edition(tmp_path, "2027-01", title="January")
    edition(tmp_path, "2027-02", title="February", status="draft")
    assert [e.month for e in load(tmp_path)] == ["2027-01"]
    assert [e.month for e in load(tmp_path, include_drafts=True)] == ["2027-02", "2027-01"]
