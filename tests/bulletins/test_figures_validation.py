"""Bad figures stop the build with file, line and how to fix it: every class of mistake, all at once."""
from __future__ import annotations

import pytest
from bulletin_support import edition
from helpers import build_site, make_fixture_site

from practice_hub.bulletins.figures import load_figures
from practice_hub.bulletins.service import load_with_figures
from practice_hub.common.errors import SourceError

GOOD = """\
measures:
  - id: visits
    label: Visits on time
    unit: percent
    target: 90
    meaning: Children are seen and safe.
  - id: days-to-plan
    label: Days to a plan
    unit: days
    target: 30
    direction: lower-is-better
    meaning: Help arrives sooner.
months:
  - month: 2026-01
    visits: 80
    days-to-plan: 35
  - month: 2026-02
    visits: 82.5
"""
# Line numbers in GOOD: 2 visits (5 its target), 7 days-to-plan, 14 January, 15 its visits, 17 February, 18 its visits.

CASES = {
    "month that does not parse": (("month: 2026-02", "month: Feb 2026"),
                                  'line 17: the month "Feb 2026" is not a month'),
    "month thirteen": (("month: 2026-02", "month: 2026-13"), 'line 17: the month "2026-13" is not a month'),
    "value that is not a number": (("visits: 82.5", "visits: 82.5%"),
                                   'line 18: the 2026-02 figure for "visits" is "82.5%", which is not a number'),
    "value written as words": (("visits: 82.5", "visits: eighty"), 'line 18: the 2026-02 figure for "visits" is "eighty"'),
    "empty value": (("visits: 82.5", "visits:"), 'line 18: the 2026-02 figure for "visits" is "None", which is not a number'),
    "percentage over 100": (("visits: 82.5", "visits: 112"),
                            'line 18: the 2026-02 figure for "visits" is 112, but a percentage must be between 0 and 100'),
    "percentage below 0": (("visits: 82.5", "visits: -3"), "line 18: the 2026-02 figure for \"visits\" is -3, but a percentage"),
    "days below zero": (("days-to-plan: 35", "days-to-plan: -1"), 'line 16: the 2026-01 figure for "days-to-plan" is -1, but it cannot be below zero'),
    "undeclared measure": (("    visits: 82.5\n", "    visits: 82.5\n    vists: 81\n"),
                           'line 19: "vists" is not a declared measure. Did you mean "visits"?'),
    "two rows for the same month and measure": (("    visits: 82.5\n", "    visits: 82.5\n  - month: 2026-01\n    visits: 81\n"),
                                                'line 20: 2026-01 already has a figure for "visits" (line 15)'),
    "missing target": (("    target: 90\n", ""), 'line 2: the measure "visits" has no `target:`'),
    "target that is not a number": (("target: 90", "target: ninety"), 'line 5: the target of "visits" is "ninety", which is not a number'),
    "target over 100 percent": (("target: 90", "target: 190"), "line 5: the target of \"visits\" is 190, but a percentage"),
    "missing meaning": (("    meaning: Children are seen and safe.\n", ""), 'line 2: the measure "visits" has no `meaning:`'),
    "duplicate key": (("    visits: 80\n", "    visits: 80\n    visits: 81\n"),
                      "line 16: `visits:` is written twice in the same block (first on line 15)"),
    "measure declared twice": (("  - id: days-to-plan", "  - id: visits"), 'line 7: the measure "visits" is declared twice (first on line 2)'),
    "unit we do not know": (("unit: percent", "unit: percentage"), 'line 4: the unit "percentage" is not one we know. Did you mean "percent"?'),
    "direction we do not know": (("direction: lower-is-better", "direction: down"), 'line 11: the direction "down" is not one we know'),
    "setting a measure cannot have": (("    unit: percent\n", "    unit: percent\n    colour: red\n"),
                                      'line 5: "colour" is not a setting a measure can have'),
    "entry with no month": (("  - month: 2026-02\n", "  - visits-month: 2026-02\n"), "line 17: this entry has no `month:`"),
    "not valid YAML": (("    visits: 82.5\n", "    visits: [82.5\n"), "line 19: this is not valid YAML"),
}


def write(tmp_path, text: str):
    folder = tmp_path / "bulletins"
    folder.mkdir(exist_ok=True)
    (folder / "figures.yml").write_text(text, encoding="utf-8")
    return folder / "figures.yml"


def report(tmp_path, text: str) -> str:
    with pytest.raises(SourceError) as caught:
        load_figures(write(tmp_path, text), "bulletins/figures.yml")
    return caught.value.report()


def test_good_figures_load_with_their_months_and_measures(tmp_path):
    figures = load_figures(write(tmp_path, GOOD), "bulletins/figures.yml")
    assert [m.id for m in figures.measures] == ["visits", "days-to-plan"]
    assert figures.months() == ["2026-01", "2026-02"]
    assert figures.value("2026-02", "visits") == 82.5
    assert figures.value("2026-02", "days-to-plan") is None   # no figure: never a zero
    assert not figures.measures[1].higher_is_better


def test_no_figures_file_means_no_figures(tmp_path):
    assert load_figures(tmp_path / "bulletins" / "figures.yml", "bulletins/figures.yml") is None


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_class_of_bad_figures_names_file_and_line(tmp_path, case):
    (old, new), expected = CASES[case]
    assert GOOD.count(old) >= 1, case
    text = report(tmp_path, GOOD.replace(old, new, 1))
    assert f"bulletins/figures.yml, {expected}" in text, text
    assert "How to fix:" in text and "Traceback" not in text


def test_every_problem_is_reported_at_once(tmp_path):
    text = GOOD.replace("month: 2026-02", "month: Feb 2026").replace("visits: 80", "visits: 180").replace("    target: 30\n", "")
    found = report(tmp_path, text)
    assert found.startswith("3 problems found:")
    assert "line 16: the 2026-01 figure" not in found   # the broken measure's figures are not blamed as undeclared
    assert 'line 7: the measure "days-to-plan" has no `target:`' in found


EDITION_CASES = {
    "figures asked for but no figures file": ("figures: true\n", None,
                                               "line 13: `figures:` asks for the figures, but there is no bulletins/figures.yml"),
    "figures is neither true nor a block": ("figures: sometimes\n", GOOD, "line 13: `figures:` must be `true`, `false`"),
    "figures month that is not a month": ("figures:\n  month: October\n", GOOD, 'line 14: `month:` "October" is not a month'),
    "figures month after the edition": ("figures:\n  month: 2027-02\n", GOOD,
                                        "line 14: the figures month 2027-02 is after the edition's month 2027-01"),
    "unknown setting in the figures block": ("figures:\n  comentary: Hello\n", GOOD,
                                             'line 14: "comentary" is not a setting the figures block can have. Did you mean "commentary"?'),
    "commentary links to a page that does not exist": ("figures:\n  commentary: |\n    See [visits](visit.md).\n", GOOD,
                                                       'line 15: the link to "visit.md" does not match a handbook page'),
}


@pytest.mark.parametrize("case", sorted(EDITION_CASES))
def test_bad_figures_settings_in_an_edition(tmp_path, case):
    front_matter, figures, expected = EDITION_CASES[case]
    edition(tmp_path, "2027-01", title="January", extra=front_matter)
    if figures is not None:
        write(tmp_path, figures)
    with pytest.raises(SourceError) as caught:
        load_with_figures(tmp_path / "bulletins", include_drafts=False, handbook={}, topics=None,
                          extra_pages={"motivational-interviewing/oars.md"}, display_root=tmp_path)
    assert f"bulletins/2027-01/index.md, {expected}" in caught.value.report()


def test_edition_and_figures_problems_are_reported_together(tmp_path):
    edition(tmp_path, "2027-01", title="January", extra="figures: sometimes\n")
    write(tmp_path, GOOD.replace("visits: 82.5", "visits: 182.5"))
    with pytest.raises(SourceError) as caught:
        load_with_figures(tmp_path / "bulletins", include_drafts=False, handbook={}, topics=None,
                          extra_pages={"motivational-interviewing/oars.md"}, display_root=tmp_path)
    text = caught.value.report()
    assert "bulletins/2027-01/index.md, line 13" in text and "bulletins/figures.yml, line 18" in text


def test_bad_figures_fail_the_build_with_a_message_and_no_traceback(tmp_path):
    bad = GOOD.replace("month: 2026-02", "month: 2026-13").replace("visits: 80", "visits: 80%")
    config = make_fixture_site(tmp_path / "repo", {}, bulletins={"figures.yml": bad})
    result = build_site(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "bulletins/figures.yml, line 15: the 2026-01 figure for \"visits\" is \"80%\", which is not a number" in output
    assert 'bulletins/figures.yml, line 17: the month "2026-13" is not a month' in output
    assert "Traceback" not in output and not (tmp_path / "site").exists()
