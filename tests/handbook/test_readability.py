"""The plain-English check (handbook/readability.py, `practice-hub readability`) and the demo pages meeting it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import DEMO_TODAY, ROOT, build_site, make_fixture_site
from practice_hub.cli import main
from practice_hub.handbook import readability


@pytest.mark.parametrize(("word", "count"), [
    ("child", 1), ("social", 2), ("worker", 2), ("family", 3), ("supervision", 4), ("mediation", 4),
    ("needed", 2), ("planned", 1), ("people", 2), ("table", 2), ("quality", 3), ("makes", 1), ("2026", 4)])
def test_syllables(word, count):
    assert readability.syllables(word) == count


def test_only_what_a_reader_reads_is_measured():
    page = """---
title: A very long title with many polysyllabic administrative considerations
summary: Not read as body text.
---
# A heading is not a sentence

The plan is short. [Read the standard](../standards/visits.md){: .md-button } today.

| Table | Cells |
| --- | --- |
| are left | out entirely |

```
code_is_left_out = "yes, indeed, completely and utterly"
```

- A list item without a full stop
- Another item, e.g. this one, with an abbreviation

*[CLA]: Child looked after, an abbreviation definition that is not body text.

!!! tip "Plan ahead"
    Book early.
"""
    text = readability.readable_text(page)
    joined = " ".join(text)
    for left_out in ("title", "heading", "Table", "code_is", "../standards", "abbreviation definition", "!!!", "md-button"):
        assert left_out not in joined
    report = readability.check_text(page)
    sentences = [s.text for s in report.sentences]
    assert sentences == ["The plan is short.", "Read the standard today.", "A list item without a full stop",
                         "Another item, e.g. this one, with an abbreviation", "Plan ahead", "Book early."]


def test_grade_ease_long_sentences_and_passive_voice():
    plain = readability.check_text("We visit the child. We talk to the child alone. We write it down the same day.\n")
    assert plain.grade < 3 and plain.ease > 90 and not plain.long_sentences and not plain.passive
    hard = readability.check_text(
        "Notwithstanding the considerable organisational complexities inherent in multi-agency "
        "collaboration, comprehensive safeguarding documentation was systematically reviewed by the "
        "independent reviewing officer, whose recommendations were subsequently implemented across "
        "the directorate following extensive consultation with practitioners and managers.\n")
    assert hard.grade > 15 and hard.ease < 30
    assert [s.words for s in hard.long_sentences] == [hard.words] and hard.words > 25
    assert hard.passive == ["was systematically reviewed", "were subsequently implemented"]
    # Words ending in -ed that are not the passive, and the active voice, are not flagged.
    assert readability.check_text("The parent is worried. We are concerned. She was tired.\n").passive == []
    assert readability.check_text("The record is written up within five days.\n").passive == ["is written"]


def test_report_names_pages_over_the_target_with_what_to_look_at(tmp_path):
    docs = tmp_path / "content"
    (docs / "guide").mkdir(parents=True)
    (docs / "guide" / "easy.md").write_text("# Easy\n\nWe visit the child. We see the child alone.\n")
    (docs / "guide" / "hard.md").write_text(
        "# Hard\n\nComprehensive safeguarding documentation was systematically reviewed by the independent "
        "reviewing officer, whose recommendations were subsequently implemented across the directorate "
        "following extensive consultation with practitioners and managers about organisational priorities.\n")
    reports = readability.check_folder(docs)
    assert [r.path for r in reports] == ["guide/easy.md", "guide/hard.md"]
    text = readability.report_text(reports, target=9)
    assert "guide/hard.md" in text and "<- over target" in text and "long sentence (" in text
    assert "passive voice: was systematically reviewed" in text
    assert readability.summary(reports, 9)["over_target"] == ["guide/hard.md"]
    assert readability.summary(reports, 40)["over_target"] == []


def test_the_command_exits_1_over_the_target_and_writes_a_report(tmp_path, capsys):
    docs = tmp_path / "content"
    docs.mkdir()
    (docs / "page.md").write_text("# Page\n\nSupervision conversations consider organisational responsibilities.\n")
    report = tmp_path / "readability.txt"
    assert main(["readability", "--root", str(tmp_path), "--report", str(report)]) == 1
    out = capsys.readouterr().out
    assert "page.md" in out and "over target" in out and report.read_text() == out
    assert main(["readability", "--root", str(tmp_path), "--grade", "60", "--brief"]) == 0
    assert main(["readability", "--root", str(tmp_path / "missing")]) == 2


def test_the_module_has_no_mkdocs_import():
    source = Path(readability.__file__).read_text()
    assert "mkdocs" not in source.lower().replace("no mkdocs import", "")


def test_every_demo_page_meets_the_default_target():
    reports = readability.check_folder(ROOT / "content")
    stats = readability.summary(reports)
    assert stats["pages"] > 30
    assert stats["over_target"] == [], readability.report_text(reports, details=False)
    assert stats["median_grade"] < 8.5


def test_practice_hub_readability_runs_from_the_project_folder():
    result = subprocess.run([sys.executable, "-m", "practice_hub.cli", "readability", "--brief"], cwd=ROOT,
                            capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "plugins"), "PATH": ""})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 page(s) over grade 9" in result.stdout


HARD = ("Supervision conversations consider the responsibilities of the organisation and professional "
        "accountability. Practitioners record their decisions in full and on time.\n")   # grade 18.4
EASY = "We visit the child. We talk and we listen. We write down what the child tells us.\n"


def handbook_page(title: str, body: str) -> str:
    return (f"---\ntitle: {title}\nsummary: About {title.lower()}.\nowner: Principal Social Worker\n"
            f"approved_by: Practice Quality Board\nlast_reviewed: 2026-06-12\ntopics: [supervision]\n---\n"
            f"# {title}\n\n{body}")


def build_fixture(tmp_path, pages: dict[str, str], handbook_options: str = ""):
    config = make_fixture_site(tmp_path / "repo", {name: handbook_page(name.split(".")[0].title(), body)
                                                   for name, body in pages.items()})
    text = config.read_text(encoding="utf-8").replace(
        "  - practice-hub/governance\n", "  - practice-hub/governance:\n      roles: [Principal Social Worker]\n")
    if handbook_options:
        text = text.replace("  - practice-hub/handbook\n", "  - practice-hub/handbook:\n" + handbook_options)
    config.write_text(text, encoding="utf-8")
    result = build_site(config, tmp_path / "site", {"PRACTICE_HUB_TODAY": DEMO_TODAY})
    return result, result.stdout + result.stderr


def report_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "Plain English:" in line]


def test_a_build_reports_the_page_over_the_target_with_its_grade(tmp_path):
    result, output = build_fixture(tmp_path, {"hard.md": HARD, "easy.md": EASY})
    assert result.returncode == 0, output      # a report, not a warning: --strict does not fail on it
    [line] = report_lines(output)
    grade = readability.check_text(handbook_page("Hard", HARD)).grade
    assert line.startswith("INFO")
    assert (f"Plain English: 1 of 2 pages is over the reading-grade target of 9: content/hard.md (grade {grade:.1f}). "
            "Run `practice-hub readability`") in line
    assert "easy.md" not in line and "index.md" not in line   # index.md has no sentences: not counted


def test_a_build_where_every_page_passes_gives_the_all_clear(tmp_path):
    result, output = build_fixture(tmp_path, {"easy.md": EASY, "other.md": EASY.replace("child", "family")})
    assert result.returncode == 0, output
    [line] = report_lines(output)
    assert line.startswith("INFO") and "Plain English: 2 pages checked, all at reading grade 9 or lower" in line


def test_the_target_comes_from_mkdocs_yml_for_the_build_and_the_command(tmp_path, capsys):
    grade = readability.check_text(handbook_page("Hard", HARD)).grade
    result, output = build_fixture(tmp_path, {"hard.md": HARD}, f"      reading_grade: {grade + 1:.1f}\n")
    assert result.returncode == 0, output
    assert f"all at reading grade {grade + 1:.1f} or lower" in report_lines(output)[0]
    # The command reads the same setting, and --grade still overrides it for one run.
    assert main(["readability", "--root", str(tmp_path / "repo"), "--brief"]) == 0
    assert f"target reading grade {grade + 1:.1f} or lower" in capsys.readouterr().out
    assert main(["readability", "--root", str(tmp_path / "repo"), "--brief", "--grade", "9"]) == 1


def test_strict_readability_fails_the_build_with_a_plain_message(tmp_path):
    result, output = build_fixture(tmp_path, {"hard.md": HARD, "easy.md": EASY}, "      reading_grade_strict: true\n")
    assert result.returncode != 0
    assert "content/hard.md (grade" in output and "reading_grade_strict: true" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site" / "hard" / "index.html").exists()   # stopped before writing pages


@pytest.mark.parametrize("value", ["nine", "0", "25", "true", "[9]"])
def test_a_wrong_reading_grade_is_a_plain_error(tmp_path, value, capsys):
    result, output = build_fixture(tmp_path, {"easy.md": EASY}, f"      reading_grade: {value}\n")
    assert result.returncode != 0 and "Traceback" not in output
    assert "is not a reading grade: write a number from 1 to 20, such as 9" in output
    assert main(["readability", "--root", str(tmp_path / "repo")]) == 2
    assert "is not a reading grade" in capsys.readouterr().out


def test_practice_hub_build_shows_the_report_once(tmp_path):
    config = make_fixture_site(tmp_path / "repo", {"hard.md": handbook_page("Hard", HARD)})
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - practice-hub/governance\n", "  - practice-hub/governance:\n      roles: [Principal Social Worker]\n"),
        encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "practice_hub.cli", "build", "--config", str(config),
                             "--site-dir", str(tmp_path / "site")], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "PRACTICE_HUB_TODAY": DEMO_TODAY})
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("Plain English:") == 1
    assert "Plain English: 1 of 1 page is over the reading-grade target of 9: content/hard.md" in result.stdout


def fresh_scores(folder, monkeypatch):
    """A ScoreCache as a new build process would have it: nothing kept in memory yet."""
    monkeypatch.setattr(readability.ScoreCache, "_memory", {})
    return readability.ScoreCache(folder)


def counts(score) -> tuple:
    return (score.path, score.words, score.sentence_count, score.syllables, score.grade)


def test_a_page_score_is_what_the_full_check_says(tmp_path, monkeypatch):
    scores = fresh_scores(tmp_path / "cache", monkeypatch)
    for text in (EASY, HARD, "", "# Only a heading\n"):
        report = readability.check_text(text, "a.md")
        assert counts(scores.score(text, "a.md")) == (
            "a.md", report.words, len(report.sentences), report.syllables, report.grade)


def test_scores_are_kept_between_builds_by_content(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    first = fresh_scores(folder, monkeypatch)
    easy, hard = first.score(EASY, "a.md"), first.score(HARD, "b.md")
    first.save()
    # The next build checks nothing it has a score for: the same text, under any name.
    checked = []
    real_check = readability.check_text
    monkeypatch.setattr(readability, "check_text", lambda text, path="", **options: checked.append(path) or real_check(text, path, **options))
    second = fresh_scores(folder, monkeypatch)
    assert counts(second.score(EASY, "a.md")) == counts(easy)
    assert counts(second.score(HARD, "renamed.md"))[1:] == counts(hard)[1:]
    assert second.score(HARD, "renamed.md").path == "renamed.md"
    assert checked == []
    # Changed text is checked again; a page no longer built is not kept.
    assert counts(second.score(EASY + "More.\n", "a.md")) != counts(easy) and checked == ["a.md"]
    second.save()
    kept = json.loads((folder / readability.ScoreCache.FILE).read_text())["scores"]
    assert sorted(map(tuple, kept.values())) == sorted(
        [counts(easy)[1:4], counts(hard)[1:4], counts(second.score(EASY + "More.\n", "a.md"))[1:4]])
    third = fresh_scores(folder, monkeypatch)
    third.score(EASY, "a.md")
    third.save()
    assert len(json.loads((folder / readability.ScoreCache.FILE).read_text())["scores"]) == 1


def test_scores_depend_on_our_code(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    first = fresh_scores(folder, monkeypatch)
    first.score(EASY, "a.md")
    first.save()
    monkeypatch.setattr(readability, "code_digest", lambda: "another version of the check")
    monkeypatch.setattr(readability, "check_text", lambda text, path="", **options: readability.PageReport(path, words=999))
    assert fresh_scores(folder, monkeypatch).score(EASY, "a.md").words == 999


@pytest.mark.parametrize("kept", [b"not json", b'{"scores": []}', b"[1, 2]", b"\xff\xfe",
                                  b'{"scores": {"KEY": [1, 2]}}', b'{"scores": {"KEY": [1, -2, 3]}}',
                                  b'{"scores": {"KEY": ["1", 2, 3]}}', b'{"scores": {"KEY": [1.5, 2, 3]}}'])
def test_a_damaged_score_file_is_ignored(tmp_path, monkeypatch, kept):
    folder = tmp_path / "cache"
    key = fresh_scores(folder, monkeypatch)
    key.score(EASY, "a.md")
    [digest] = key.used
    folder.mkdir()
    (folder / readability.ScoreCache.FILE).write_bytes(kept.replace(b"KEY", digest.encode()))
    report = readability.check_text(EASY, "a.md")
    score = fresh_scores(folder, monkeypatch).score(EASY, "a.md")
    assert (score.words, score.sentence_count, score.syllables) == (report.words, len(report.sentences),
                                                                    report.syllables)


def test_without_a_folder_scores_stay_in_memory(monkeypatch):
    scores = fresh_scores(None, monkeypatch)
    first = scores.score(EASY, "a.md")
    scores.save()
    checked = []
    monkeypatch.setattr(readability, "check_text", lambda text, path="", **options: checked.append(path))
    # A preview rebuild in the same process: remembered, not checked again.
    assert counts(readability.ScoreCache(None).score(EASY, "a.md")) == counts(first) and checked == []
