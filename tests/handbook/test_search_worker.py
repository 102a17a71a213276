"""Unit tests of our search worker's query handling and ranking, run in Node.js on the worker file
itself (overrides/assets/javascripts/workers/practice-hub-search.js), on small made-up indexes."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from helpers import ROOT

WORKER = ROOT / "overrides" / "assets" / "javascripts" / "workers" / "practice-hub-search.js"

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")


def run(script: str, **values):
    """Run `script` in Node with S = the worker module and the given values; return its result."""
    program = (f"const S = require({json.dumps(str(WORKER))});\n"
               + "".join(f"const {k} = {json.dumps(v)};\n" for k, v in values.items())
               + f"const result = (() => {{ {script} }})();\n"
               + "process.stdout.write(JSON.stringify(result));")
    out = subprocess.run(["node", "-e", program], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def doc(location, title, text="", **extra):
    return {"location": location, "title": title, "text": text, **extra}


GLOSSARY = [
    {"abbr": "CLA", "meaning": "Child Looked After (in the care of the local authority)"},
    {"abbr": "LAC", "meaning": "Looked After Child, the older name for a child looked after (CLA)"},
    {"abbr": "FGC", "meaning": "Family Group Conference"},
]


def index(*docs, glossary=GLOSSARY):
    return {"config": {"lang": ["en"], "glossary": glossary}, "docs": list(docs)}


def top(idx, query, n=3):
    return run("return new S.Index(idx).search(q).items.map(r => r.page.location);", idx=idx, q=query)[:n]


# --- words ------------------------------------------------------------------------------------

def test_brackets_quotes_hyphens_and_slashes_separate_words():
    assert run("return S.words(t);", t='(Signs of Safety) "safety goal" strengths-based CP/CiN child\'s') == [
        "signs", "of", "safety", "safety", "goal", "strengths", "based", "cp", "cin", "child"]


def test_word_forms_share_a_stem_and_number_words_are_numbers():
    stems = run("return t.map(S.stem);", t=["assessing", "assessment", "assessed", "reflective", "reflection",
                                             "seven", "7", "visits", "visiting"])
    assert stems[0] == stems[1] == stems[2] == "assess"
    assert stems[3] == stems[4]
    assert stems[5] == stems[6] == "7"
    assert stems[7] == stems[8]


def test_questions_lose_their_small_words():
    idx = index(doc("a.html", "Visits", "Visit a child on a plan."))
    labels = run("return new S.Index(idx).parse(q).map(c => c.label);", idx=idx,
                 q="How often should I visit a child on a plan?")
    assert labels == ["visit", "child", "plan"]


def test_a_query_of_small_words_only_finds_nothing():
    idx = index(doc("a.html", "How we work", "What we do and how."))
    assert top(idx, "how do i") == []


def test_edit_distance_counts_a_swap_as_one():
    assert run("return [S.distance('interveiw', 'interview', 2), S.distance('supervison', 'supervision', 2),"
               " S.distance('cat', 'dog', 1) > 1];") == [1, 1, True]


# --- matching ---------------------------------------------------------------------------------

SUPERVISION = index(
    doc("supervision.html", "Supervision", "<p>Supervision every month.</p>"),
    doc("supervision.html#record", "What a supervision record includes", "<p>The record.</p>"),
    doc("mapping.html", "Mapping", "<p>Columns of the mapping.</p>"),
    doc("mapping.html#case-discussion", "Supervision case discussion", "<p>Mapping in supervision.</p>"),
    doc("assessment.html", "Assessment", "<p>Every assessment is completed within 45 working days.</p>"),
    doc("recording.html", "Case recording", "<p>Records within 2 working days; a chronology.</p>"),
)


@pytest.mark.parametrize("query", ["supervison", "supervisor", "supervising", "supervi", "SUPERVISION"])
def test_misspellings_word_forms_and_partial_words_find_the_page(query):
    assert top(SUPERVISION, query)[0] == "supervision.html"


def test_a_page_title_outweighs_a_section_heading_elsewhere():
    assert top(SUPERVISION, "supervision")[:2] == ["supervision.html", "mapping.html"]


def test_numbers_match_exactly_and_words_after_a_bracket_are_found():
    assert top(SUPERVISION, "45 working days")[0] == "assessment.html"
    assert top(SUPERVISION, "4 working days") == []
    idx = index(doc("a.html", "Tools", "<p>Use the scale (scaling questions) with “houses” too.</p>"))
    assert top(idx, "scaling") == ["a.html"] and top(idx, "houses") == ["a.html"]


def test_a_query_with_no_answer_finds_nothing_rather_than_a_near_miss():
    assert top(SUPERVISION, "mileage claim form") == []
    assert top(SUPERVISION, "annual leave") == []


def test_a_word_we_can_only_guess_at_does_not_make_a_near_miss_an_answer():
    idx = index(doc("a.html", "Assessment", "<p>He met his youth worker; the plan was justified.</p>"),
                *[doc(f"{n}.html", f"Other {n}", "<p>Other things.</p>") for n in "bcdef"])
    assert top(idx, "justice") == []             # only looks like "justified"
    assert top(idx, "justifed") == ["a.html"]    # one letter out: meant "justified"
    assert top(idx, "youth worker") == ["a.html"]


def test_a_query_typed_as_a_heading_finds_that_heading_s_page():
    idx = index(doc("mapping.html", "Mapping", ""), doc("mapping.html#working", "What's working well?", "<p>Strengths.</p>"),
                doc("strengths.html", "Strengths", "<p>What is working well in a family, working together well.</p>"))
    assert top(idx, "whats working well")[0] == "mapping.html"


def test_words_that_say_what_is_wanted_never_make_a_query_fail():
    assert top(SUPERVISION, "supervision record template")[0] == "supervision.html"
    assert top(REVIEWS, "what does IRO stand for")[0] == "reviews.html"
    assert top(SUPERVISION, "mileage policy") == []


def test_s47_is_read_as_section_47():
    idx = index(doc("a.html", "Enquiries", "<p>A section 47 enquiry.</p>"), doc("b.html", "Other", "<p>47 things.</p>"))
    assert top(idx, "s47")[0] == "a.html"


# --- the glossary -----------------------------------------------------------------------------

REVIEWS = index(
    doc("reviews.html", "Reviews", "<p>Every CLA review is chaired by an IRO.</p>"),
    doc("network.html", "Family network meetings", "<p>How a family network meeting differs from an FGC.</p>"),
    doc("conference.html", "Conference minutes", "<p>Minutes of the conference go to the family and the group.</p>"),
)


def test_an_old_abbreviation_finds_the_page_using_the_new_one():
    assert top(REVIEWS, "LAC review")[0] == "reviews.html"
    assert top(REVIEWS, "child looked after review")[0] == "reviews.html"


def test_what_an_abbreviation_stands_for_finds_the_page_using_the_abbreviation():
    assert top(REVIEWS, "family group conference")[0] == "network.html"


def test_an_abbreviation_finds_the_page_that_spells_it_out():
    idx = index(doc("a.html", "Care", "<p>When a child is looked after by the council.</p>"),
                doc("b.html", "Other", "<p>A child at school.</p>"))
    assert top(idx, "CLA") == ["a.html"]


# --- generated pages, results for Material ----------------------------------------------------

def test_generated_pages_come_after_guidance_unless_the_query_is_about_them():
    idx = index(
        doc("planning.html", "Safety planning", "<p>Build a safety plan with the family.</p>"),
        doc("training.html", "Training", "<p>Safety planning workshop. Safety planning clinic.</p>", boost=0.25),
        doc("training.html#safety", "Safety planning workshop", "<p>Safety planning, 10:00.</p>", boost=0.25),
    )
    assert top(idx, "safety planning")[0] == "planning.html"
    assert top(idx, "training")[0] == "training.html"


def test_results_are_grouped_by_page_with_marks_and_terms_as_material_expects():
    result = run("return new S.Index(idx).materialResult('supervision recrod');", idx=SUPERVISION)
    first = result["items"][0]
    assert first[0]["location"] == "supervision.html"
    assert "<mark>Supervision</mark>" in first[0]["title"]
    assert [d["location"] for d in first][1] == "supervision.html#record"
    assert first[0]["terms"] == {"supervision": True, "recrod": True}
    assert all(d["score"] <= first[0]["score"] for d in first)
    assert "boost" not in first[0] and "summary" not in first[0]


def test_suggestion_completes_the_last_word_as_typed():
    assert run("return new S.Index(idx).suggest('Case chrono');", idx=SUPERVISION) == ["chronology"]
    assert run("return new S.Index(idx).suggest('xyz');", idx=SUPERVISION) == []
