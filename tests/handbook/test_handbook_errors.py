"""Bad handbook inputs stop the build with a clear message and no traceback."""
from __future__ import annotations

from helpers import build_site, make_fixture_site

GOOD = ("---\ntitle: Page\nsummary: S.\nowner: PSW\napproved_by: Board\nlast_reviewed: 2026-06-01\n"
        "review_by: 2027-06-01\n---\n# Page\n\nSigns of Safety and Signs of Safety again. CP work.\n")


def test_fixture_site_builds_and_marks_first_mention(tmp_path):
    config = make_fixture_site(tmp_path / "repo", {"page.md": GOOD})
    result = build_site(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "page.html").read_text()
    assert "Signs of Safety® and Signs of Safety again" in html
    assert '<abbr title="Child Protection">CP</abbr>' in html


def test_briefing_missing_a_section_or_question(tmp_path):
    body = ("---\ntitle: B\nsummary: S.\ntype: briefing\nowner: PSW\napproved_by: Board\nlast_reviewed: 2026-06-01\n"
            "review_by: 2027-06-01\n---\n# B\n\n## Background\nx\n\n## What happened\nx\n\n## What to do differently\nx\n\n"
            "## Questions for your team\n1. One?\n2. Two?\n")
    config = make_fixture_site(tmp_path / "repo", {"b.md": body})
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert 'content/b.md, line 10: this 7-minute briefing has no "## What we learned" section' in result.stderr
    assert "exactly three questions for a team meeting; this one has 2" in result.stderr
    assert not (tmp_path / "site").exists()


def test_missing_accessibility_contact_is_a_clear_message(tmp_path):
    config = make_fixture_site(tmp_path / "repo", {"page.md": GOOD})
    config.write_text(config.read_text().replace("    contact_email: a11y@example.org\n", ""))
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "mkdocs.yml: the accessibility statement needs `contact_email`" in result.stderr


def test_malformed_glossary_line(tmp_path):
    config = make_fixture_site(tmp_path / "repo", {"page.md": GOOD})
    (tmp_path / "repo" / "includes" / "abbreviations.md").write_text("*[CP]: Child Protection\nCiN = Child in Need\n")
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0
    assert "includes/abbreviations.md, line 2: this line is not a glossary entry" in result.stderr
