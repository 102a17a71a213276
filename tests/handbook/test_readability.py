"""The plain-English check (handbook/readability.py, `practice-hub readability`) and the demo pages meeting it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT
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


def test_the_build_prints_a_plain_english_line(tmp_path):
    from practice_hub.handbook.readability_cli import build_summary
    assert build_summary(ROOT / "content").startswith("Plain English: median reading grade ")
    assert "every page at grade 9 or lower" in build_summary(ROOT / "content")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "hard.md").write_text("Supervision conversations consider organisational responsibilities.\n")
    line = build_summary(docs)
    assert "1 over grade 9: hard.md" in line and "practice-hub readability" in line
    assert build_summary(tmp_path / "missing") == ""
