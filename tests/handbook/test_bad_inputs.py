"""Every class of author mistake in the handbook's sources ends in a plain message naming the
file (and line, where there is one), never a traceback, and leaves the earlier site untouched.

Each case starts from a fixture site that builds, breaks one thing, builds again into the same
folder and checks the message and that every file of the earlier build is byte for byte the same.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import DEMO_TODAY, build_site, make_fixture_site



def page(title="Supervision", *, owner="Principal Social Worker", last="2026-06-12", extra="", front=None) -> str:
    meta = front if front is not None else (
        f"title: {title}\nsummary: About supervision.\nowner: {owner}\napproved_by: Practice Quality Board\n"
        f"last_reviewed: {last}\ntopics: [supervision]\n{extra}")
    return f"---\n{meta}---\n# Supervision\n\nGuidance about supervision.\n"


def with_roles(config: Path, extra: str = "") -> None:
    text = config.read_text(encoding="utf-8")
    text = text.replace("  - practice-hub/governance\n", "  - practice-hub/governance:\n      roles: [Principal Social Worker, "
                        "Workforce Development Manager]\n")
    text = text.replace("  - practice-hub/handbook\n", "  - practice-hub/handbook:\n" + extra if extra else "  - practice-hub/handbook\n")
    config.write_text(text, encoding="utf-8")


def write(root: Path, path: str, content: str | bytes) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")


def symlink(root: Path, path: str, to: str) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(to, target)


# (case id, how to break the project, what the message must say)
CASES = [
    ("title-is-a-list", lambda r: write(r, "content/guide.md", page(title="[One, Two]")),
     ["content/guide.md, line 2: `title:` should be the page title on one line"]),
    ("title-is-a-block", lambda r: write(r, "content/guide.md", page(front=(
        "title: |\n  Supervision\n  and more\nsummary: S.\nowner: Principal Social Worker\napproved_by: Board\n"
        "last_reviewed: 2026-06-12\n"))),
     ["content/guide.md, line 2: `title:` runs over several lines"]),
    ("summary-is-a-mapping", lambda r: write(r, "content/guide.md", page(extra="").replace(
        "summary: About supervision.\n", "summary:\n  text: About supervision.\n")),
     ["content/guide.md, line 3: `summary:` should be a one-line summary on one line"]),
    ("topic-without-brackets", lambda r: write(r, "content/guide.md", page().replace("topics: [supervision]", "topics: supervision")),
     ["content/guide.md, line 7: `topics:` should be a list", "`topics: [supervision]`"]),
    ("duplicate-title", lambda r: write(r, "content/guide.md", page(extra="title: Another title\n")),
     ["content/guide.md, line 8: `title:` is written twice in the same block (first on line 2)"]),
    ("duplicate-topic-id", lambda r: write(r, "topics.yml", "topics:\n  supervision: Supervision\n  supervision: Again\n"),
     ["topics.yml, line 3: `supervision:` is written twice"]),
    ("page-not-utf8", lambda r: write(r, "content/guide.md", page().encode("utf-8").replace(b"Guidance", b"Guidance caf\xe9")),
     ["content/guide.md, line 11: the file is not saved as UTF-8 text"]),
    ("front-matter-never-ends", lambda r: write(r, "content/guide.md", "---\ntitle: Supervision\n# Supervision\n"),
     ["content/guide.md, line 1: the front matter starts with `---` but never ends"]),
    ("page-links-outside", lambda r: symlink(r, "content/secret.md", "/etc/passwd"),
     ["content/secret.md: this is a link to a file outside the project folder"]),
    ("image-links-outside", lambda r: symlink(r, "content/images/photo.png", "/etc/passwd"),
     ["content/images/photo.png: this is a link to something outside the project folder"]),
    ("glossary-not-utf8", lambda r: write(r, "includes/abbreviations.md", b"*[CP]: Child Prot\xe9ction\n"),
     ["includes/abbreviations.md, line 1: the file is not saved as UTF-8 text"]),
    ("glossary-comment-never-closed", lambda r: write(r, "includes/abbreviations.md",
                                                      "*[CP]: Child Protection\n<!-- a note\n*[IRO]: Independent Reviewing Officer\n"),
     ["includes/abbreviations.md, line 2: this comment (`<!--`) is never closed"]),
    ("review-before-last-review", lambda r: write(r, "content/guide.md", page(extra="review_by: 2026-01-01\n")),
     ["content/guide.md, line 8: the next review (2026-01-01) is before the last review (2026-06-12)"]),
    ("impossible-date", lambda r: write(r, "content/guide.md", page(last="2026-02-30")),
     ['content/guide.md, line 6: `last_reviewed:` "2026-02-30" is not a real date']),
    ("review-in-the-future", lambda r: write(r, "content/guide.md", page(last="2027-03-01")),
     ["content/guide.md, line 6: `last_reviewed:` 2027-03-01 is in the future"]),
    ("change-in-the-future", lambda r: write(r, "content/guide.md", page(
        extra="changes:\n  - date: 2026-12-25\n    note: Not yet.\n")),
     ["content/guide.md, line 9: the change dated 2026-12-25 is in the future"]),
    ("owner-is-a-person", lambda r: write(r, "content/guide.md", page(owner="Jane Smith")),
     ['content/guide.md, line 4: "Jane Smith" is not one of the roles that own guidance',
      "Principal Social Worker; Workforce Development Manager"]),
    ("owner-misspelt", lambda r: write(r, "content/guide.md", page(owner="Principle Social Worker")),
     ['"Principle Social Worker" is not one of the roles', 'Did you mean "Principal Social Worker"?']),
    ("boost-for-missing-page", lambda r: with_roles(r / "mkdocs.yml", "      search_boost: {guides.md: 2}\n"),
     ['"guides.md" is not a handbook page, so its search boost does nothing. Did you mean "guide.md"?']),
    ("boost-not-a-number", lambda r: with_roles(r / "mkdocs.yml", "      search_boost: {guide.md: lots}\n"),
     ['the boost for "guide.md" should be a number above 0']),
    ("accessibility-impossible-date", lambda r: (r / "mkdocs.yml").write_text(
        (r / "mkdocs.yml").read_text().replace("prepared: 2026-09-01", 'prepared: "2026-09-31"')),
     ['mkdocs.yml: `accessibility: prepared:` "2026-09-31" is not a real date']),
]


def files_in(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture()
def project(tmp_path):
    config = make_fixture_site(tmp_path / "repo", {"guide.md": page()},
                               config_extra="nav:\n  - index.md\n  - guide.md\n")
    with_roles(config)
    site = tmp_path / "site"
    first = build_site(config, site, {"PRACTICE_HUB_TODAY": DEMO_TODAY})
    assert first.returncode == 0, first.stdout + first.stderr
    return config, site


@pytest.mark.parametrize("case, breaks, expected", CASES, ids=[c[0] for c in CASES])
def test_bad_handbook_input_gets_a_plain_message_and_leaves_the_site_alone(project, case, breaks, expected):
    config, site = project
    before = files_in(site)
    breaks(config.parent)
    result = build_site(config, site, {"PRACTICE_HUB_TODAY": DEMO_TODAY})
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{case}: the build passed\n{output}"
    assert "Traceback" not in output and 'File "/' not in output, output
    for fragment in expected:
        assert fragment in output, f"{case}: {fragment!r} not in\n{output}"
    assert files_in(site) == before, f"{case}: the earlier site was changed"


def test_every_problem_is_reported_at_once(project):
    config, site = project
    root = config.parent
    write(root, "content/guide.md", page(owner="Jane Smith", last="2026-02-30"))
    write(root, "content/other.md", page(title="[A, B]"))
    write(root, "includes/abbreviations.md", "*[CP]: Child Protection\nnot an entry\n")
    result = build_site(config, site, {"PRACTICE_HUB_TODAY": DEMO_TODAY})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for fragment in ("content/other.md, line 2", "includes/abbreviations.md, line 2"):
        assert fragment in output, output


def test_author_text_in_the_governance_spreadsheet_is_never_a_formula(tmp_path):
    from datetime import date

    from practice_hub.governance.metadata import PageRecord
    from practice_hub.governance.pages import governance_csv
    hostile = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab", "Plain title"]
    records = [PageRecord(src_uri=f"p{i}.md", title=t, summary="", owner=t, approved_by=t, last_reviewed=date(2026, 1, 1),
                          review_by=date(2027, 1, 1), version=t) for i, t in enumerate(hostile)]
    import csv
    import io
    rows = list(csv.reader(io.StringIO(governance_csv(records, date(2026, 6, 1), "https://x.example/").decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for index, cell in enumerate(row) if index in (0, 2, 3, 7)]
    assert cells and not [cell for cell in cells if cell[:1] in "=+-@\t"]
    assert "Plain title" in cells and "'=HYPERLINK(\"http://x\")" in cells
