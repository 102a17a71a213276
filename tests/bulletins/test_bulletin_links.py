"""Links and images in bulletin articles, found by the Markdown parser (inline, reference-style
and HTML), reported against the article's own file and line; images only from the edition's folder."""
from __future__ import annotations

import os

import pytest
from bulletin_support import PNG, article, edition

from practice_hub.bulletins.links import rewrite_links
from practice_hub.bulletins.loader import load_editions
from practice_hub.bulletins.parsed_links import links_in
from practice_hub.common.errors import SourceError

PAGES = {"motivational-interviewing/oars.md", "signs-of-safety/mapping.md"}

# (case, article body, what the message says: file, line and problem)
CASES = [
    ("reference-link-to-nothing", "Read [OARS][o].\n\n[o]: motivational-interviewing/oarz.md\n",
     ['bulletins/2027-01/a.md, line 10: the link to "motivational-interviewing/oarz.md" does not match a handbook page',
      'Did you mean "motivational-interviewing/oars.md"?']),
    ("html-link-to-nothing", 'See <a href="practice/missing.md">this</a>.\n',
     ['bulletins/2027-01/a.md, line 8: the link to "practice/missing.md" does not match a handbook page']),
    ("image-from-another-edition", "Text.\n\n![Our team](../2026-12/photo.png)\n",
     ["bulletins/2027-01/a.md, line 10: the image \"../2026-12/photo.png\" is outside this edition's folder"]),
    ("image-from-anywhere-on-disk", "![Passwords](/etc/passwd)\n",
     ["bulletins/2027-01/a.md, line 8: the image \"/etc/passwd\" is outside this edition's folder"]),
    ("reference-image-missing", "![A chart][c]\n\n[c]: chart.png\n",
     ['bulletins/2027-01/a.md, line 10: the image "chart.png" is not in the folder']),
    ("link-to-another-edition", "As [last month](../2026-12/index.md) said.\n",
     ['bulletins/2027-01/a.md, line 8: the link to "../2026-12/index.md" does not match a handbook page']),
]


@pytest.mark.parametrize("case, body, expected", CASES, ids=[c[0] for c in CASES])
def test_bad_links_and_images_name_the_article_and_line(tmp_path, case, body, expected):
    edition(tmp_path, "2026-12", title="December", articles={"a.md": article("Earlier", 1)})
    (tmp_path / "bulletins" / "2026-12" / "photo.png").write_bytes(PNG)
    edition(tmp_path, "2027-01", title="January", articles={"a.md": article("Story", 1, body)})
    with pytest.raises(SourceError) as caught:
        load_editions(tmp_path / "bulletins", include_drafts=False, handbook_pages=PAGES, topics=None,
                      display_root=tmp_path)
    report = caught.value.report()
    for fragment in expected:
        assert fragment in report, f"{case}: {fragment!r} not in\n{report}"


def test_reference_links_are_checked_and_rewritten_like_inline_ones(tmp_path):
    body = "Read [OARS][o] and look at ![the map][m].\n\n[o]: motivational-interviewing/oars.md \"OARS\"\n[m]: map.png\n"
    folder = edition(tmp_path, "2027-01", title="January", articles={"a.md": article("Story", 1, body)})
    (folder / "map.png").write_bytes(PNG)
    (loaded,) = load_editions(tmp_path / "bulletins", include_drafts=False, handbook_pages=PAGES, topics=None,
                              display_root=tmp_path)
    assert [(l.image, l.target) for l in links_in(body, 1)] == [(False, "motivational-interviewing/oars.md"), (True, "map.png")]
    rewritten = rewrite_links(body, lambda page: "https://hub.example/" + page, lambda name: "https://hub.example/b/" + name)
    assert '[o]: https://hub.example/motivational-interviewing/oars.md "OARS"' in rewritten
    assert "[m]: https://hub.example/b/map.png" in rewritten
    assert rewrite_links("Note[^1].\n\n[^1]: A footnote, not a link.\n", str.upper, str.upper).endswith("A footnote, not a link.\n")


def test_a_month_folder_written_in_other_digits_is_not_a_month(tmp_path):
    edition(tmp_path, "２０２７-01", title="January")
    with pytest.raises(SourceError) as caught:
        load_editions(tmp_path / "bulletins", include_drafts=False, handbook_pages=PAGES, topics=None,
                      display_root=tmp_path)
    assert 'the folder name "２０２７-01" is not a month' in caught.value.report()
