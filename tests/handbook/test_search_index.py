"""What goes into the search index: repeated lines left out, the glossary, page summaries and
generated-page boosts added, and the index small enough per page."""
from __future__ import annotations

import json

from practice_hub.handbook.glossary import load_glossary
from practice_hub.handbook.search import (GENERATED_BOOST, PageFacts, SearchFacts, enrich_index,
                                          mark_unsearchable)

from helpers import ROOT


def test_repeated_lines_and_lists_are_marked_for_leaving_out_headings_too():
    html = ('<p class="ph-governance-line">Owner: PSW</p><p>Guidance.</p>'
            '<div class="ph-related"><h2 id="upcoming">Upcoming training</h2><div><ul><li>x</li></ul></div>'
            '<h3 id="more">More</h3></div><h2 id="next">Next</h2><div class="ph-page-dates">Reviewed</div>')
    out = mark_unsearchable(html)
    assert out.count('data-search-exclude="1"') == 5
    assert '<p data-search-exclude="1" class="ph-governance-line">' in out
    assert '<h2 data-search-exclude="1" id="upcoming">' in out and '<h3 data-search-exclude="1" id="more">' in out
    assert '<h2 id="next">Next</h2>' in out and "<p>Guidance.</p>" in out
    assert mark_unsearchable(out) == out


def test_enriched_index_carries_glossary_summaries_and_boosts():
    index = json.dumps({"config": {"lang": ["en"]}, "docs": [
        {"location": "a.html", "title": "A", "text": ""},
        {"location": "a.html#s", "title": "S", "text": ""},
        {"location": "training/index.html", "title": "Training", "text": ""},
        {"location": "b.html", "title": "B", "text": "", "boost": 2},
    ]})
    facts = SearchFacts({"a.html": PageFacts(summary="About A."),
                         "training/index.html": PageFacts(generated=True),
                         "b.html": PageFacts(boost=2)})
    data = json.loads(enrich_index(index, facts, [("CP", "Child Protection")]))
    assert data["config"]["glossary"] == [{"abbr": "CP", "meaning": "Child Protection"}]
    docs = {d["location"]: d for d in data["docs"]}
    assert docs["a.html"]["summary"] == "About A." and "summary" not in docs["a.html#s"]
    assert docs["training/index.html"]["boost"] == GENERATED_BOOST < 1
    assert docs["b.html"]["boost"] == 2 and "boost" not in docs["a.html"]


def test_built_index_is_small_and_free_of_repeated_lines(built_site):
    data = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {d["location"].split("#")[0] for d in data["docs"]}
    size = (built_site / "search" / "search_index.json").stat().st_size
    assert size / len(pages) <= 10 * 1024, f"{size / len(pages) / 1024:.1f} KB per page"
    texts = " ".join(d["text"] for d in data["docs"])
    assert "Next review:" not in texts and "Page last reviewed" not in texts
    assert not any("#upcoming-training" in d["location"] or "#from-the-bulletin" in d["location"] for d in data["docs"])
    glossary = load_glossary(ROOT / "includes/abbreviations.md", "glossary")
    assert [g["abbr"] for g in data["config"]["glossary"]] == [t.abbreviation for t in glossary]
    visits = next(d for d in data["docs"] if d["location"] == "practice-standards/visits.html")
    assert visits["summary"].startswith("The visits standard")
    boosts = {d["location"]: d.get("boost") for d in data["docs"] if "#" not in d["location"]}
    assert boosts["whats-new.html"] == boosts["governance.html"] == boosts["topics/index.html"] == GENERATED_BOOST
    assert boosts["practice-standards/visits.html"] is None


def test_pages_name_our_search_worker_and_keep_no_search_attributes(built_site):
    html = (built_site / "practice-standards" / "visits.html").read_text(encoding="utf-8")
    assert '"search": "../assets/javascripts/workers/practice-hub-search.js"' in html
    assert "data-search-exclude" not in html
    assert (built_site / "assets" / "javascripts" / "workers" / "practice-hub-search.js").is_file()
    assert 'role="status" aria-live="polite"' in html
