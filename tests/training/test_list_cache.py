"""The training pages' session lists kept between builds (training/list_cache.py, issue 16): a
list comes from the cache only when nothing that shapes it has changed, so the pages are the
same bytes with or without the cache, after any edit."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date, timedelta

import pytest
from calendar_support import ROOT

from practice_hub.common import fingerprint
from practice_hub.common.handbook_index import load_handbook_index
from practice_hub.training import service
from practice_hub.training.list_cache import ListCache
from practice_hub.training.loader import load_calendar
from practice_hub.training.pages import Block, expand_html_blocks
from practice_hub.training.plugin import _SEARCH_MARKS

TODAY = date(2026, 11, 23)
HANDBOOK = load_handbook_index(ROOT / "content")


def demo_calendar(folder=None):
    """The demo's calendar, or a copy of it in ``folder``."""
    folder = folder or ROOT / "training_calendar"
    return load_calendar(folder, display_root=folder.parent, handbook_pages=set(HANDBOOK))


def training_pages_of(calendar, cache: ListCache | None, today: date = TODAY) -> dict[str, str]:
    """Every training page as the plugin puts it together: Markdown with the lists put back in."""
    blocks: dict = {}
    markdown, _ = service.outputs(calendar, {"handbook": HANDBOOK, "topics": {}}, today,
                                  site_url="https://hub.example/", site_name="Hub", html_blocks=blocks,
                                  later_files=[])
    assert len(blocks) > 20
    return {src: expand_html_blocks(text, blocks, strip=_SEARCH_MARKS, cache=cache) for src, text in markdown.items()}


class Counting:
    """Counts the lists rendered (not taken from the cache)."""

    def __init__(self, monkeypatch):
        self.count = 0
        render = Block.__call__

        def counted(block):
            self.count += 1
            return render(block)
        monkeypatch.setattr(Block, "__call__", counted)


def test_lists_from_the_cache_are_the_lists_rendered(tmp_path, monkeypatch):
    fresh = training_pages_of(demo_calendar(), None)
    rendered = Counting(monkeypatch)
    cold = ListCache(tmp_path)
    assert training_pages_of(demo_calendar(), cold) == fresh
    made = rendered.count
    assert made > 20 and len(list(tmp_path.glob("*.html"))) == len(cold.used)
    # The next build (the calendar read again: new objects, the same sources) renders no list.
    assert training_pages_of(demo_calendar(), ListCache(tmp_path)) == fresh
    assert rendered.count == made


EDITS = {
    "a session's place": ('        start: "09:30"\n        end: "13:00"\n        places_left: 3\n',
                          '        start: "09:30"\n        end: "13:00"\n        places_left: 3\n'
                          '        location: "Town Hall, Room 2"\n'),
    "a session's places left": ("        places_left: 3\n", "        places_left: 0\n"),
    "a course title": ('title: "Court skills 1: writing evidence"', 'title: "Court skills 1: writing <evidence>"'),
    "a session's time": ('      - date: 2026-12-24\n        start: "09:30"',
                         '      - date: 2026-12-24\n        start: "10:00"'),
}


@pytest.mark.parametrize("edit", EDITS)
def test_an_edited_calendar_gives_the_pages_a_fresh_build_gives(tmp_path, monkeypatch, edit):
    calendar_dir = tmp_path / "training_calendar"
    shutil.copytree(ROOT / "training_calendar", calendar_dir)
    unedited = training_pages_of(demo_calendar(calendar_dir), ListCache(tmp_path / "cache"))
    source = calendar_dir / "court-skills.yml"
    before, after = EDITS[edit]
    assert before in source.read_text(encoding="utf-8")
    source.write_text(source.read_text(encoding="utf-8").replace(before, after, 1), encoding="utf-8")
    fresh = training_pages_of(demo_calendar(calendar_dir), None)
    assert fresh != unedited
    rendered = Counting(monkeypatch)
    cache = ListCache(tmp_path / "cache")
    assert training_pages_of(demo_calendar(calendar_dir), cache) == fresh
    # Only the lists showing the edited course are made again; the rest come from the cache.
    assert 0 < rendered.count < len(cache.used) / 2


def test_a_label_or_another_day_gives_the_pages_a_fresh_build_gives(tmp_path, monkeypatch):
    calendar_dir = tmp_path / "training_calendar"
    shutil.copytree(ROOT / "training_calendar", calendar_dir)
    training_pages_of(demo_calendar(calendar_dir), ListCache(tmp_path / "cache"))
    tomorrow = TODAY + timedelta(days=1)   # "this week", the home and the past archive move on
    assert training_pages_of(demo_calendar(calendar_dir), ListCache(tmp_path / "cache"), tomorrow) == \
        training_pages_of(demo_calendar(calendar_dir), None, tomorrow)
    vocabulary = calendar_dir / "vocabulary.yml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8").replace(
        "court-skills: Court skills", "court-skills: Court & tribunal skills"), encoding="utf-8")
    fresh = training_pages_of(demo_calendar(calendar_dir), None)
    assert "Court &amp; tribunal skills" in "".join(fresh.values())
    rendered = Counting(monkeypatch)
    assert training_pages_of(demo_calendar(calendar_dir), ListCache(tmp_path / "cache")) == fresh
    assert rendered.count > 20   # the labels are on every list


def test_our_code_and_templates_are_in_the_key(tmp_path, monkeypatch):
    calendar = demo_calendar()
    block = next(b for b in training_pages_blocks(calendar).values())
    key = ListCache(tmp_path).key(block, _SEARCH_MARKS)
    assert key == ListCache(tmp_path).key(block, _SEARCH_MARKS)
    assert key != ListCache(tmp_path).key(block, None)             # kept as stripped
    monkeypatch.setattr("practice_hub.training.list_cache.code_digest", lambda: "other code")
    assert ListCache(tmp_path).key(block, _SEARCH_MARKS) != key
    # An edited template (read on every build) changes the digest of our code.
    package = tmp_path / "practice_hub"
    shutil.copytree(fingerprint.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fingerprint, "PACKAGE", package)
    before = fingerprint.code_digest()
    template = package / "training" / "templates" / "session.html"
    template.write_text(template.read_text(encoding="utf-8").replace("Add to calendar", "Save to calendar"),
                        encoding="utf-8")
    assert fingerprint.code_digest() != before


def training_pages_blocks(calendar) -> dict:
    blocks: dict = {}
    service.outputs(calendar, {"handbook": HANDBOOK, "topics": {}}, TODAY, site_url="https://hub.example/",
                    site_name="Hub", html_blocks=blocks, later_files=[])
    return blocks


def test_keys_are_the_same_in_another_process(tmp_path):
    # Nothing in a key may depend on the process: no addresses, no hash order.
    script = ("import sys; sys.path[:0] = sys.argv[1:3]; from pathlib import Path; import test_list_cache as t; "
              "from practice_hub.training.list_cache import ListCache; from practice_hub.training.plugin import "
              "_SEARCH_MARKS; c = ListCache(Path(sys.argv[3])); "
              "print(sorted(c.key(b, _SEARCH_MARKS) for b in t.training_pages_blocks(t.demo_calendar()).values()))")
    keys = []
    for seed in ("1", "2"):
        result = subprocess.run([sys.executable, "-c", script, str(ROOT / "tests" / "training"), str(ROOT / "tests"),
                                 str(tmp_path)], capture_output=True, text=True, check=True,
                                env={"PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "plugins")})
        keys.append(result.stdout)
    assert keys[0] == keys[1] and keys[0].count("'") > 40


def test_a_list_the_key_cannot_describe_is_rendered_every_time(tmp_path):
    calendar = demo_calendar()
    block = Block("month.html", "training/months/x.md", calendar,
                  {"months": [], "empty": object(), "level": 2})   # an object of no known kind
    cache = ListCache(tmp_path)
    assert cache.key(block) is None
    assert cache.html(block) == block() and "&lt;object object" in block()
    assert list(tmp_path.iterdir()) == [] and cache.used == set()
    assert ListCache(tmp_path).html(lambda: "<p>made</p>") == "<p>made</p>"   # a plain function: rendered


def test_a_damaged_list_is_rendered_again(tmp_path):
    fresh = training_pages_of(demo_calendar(), None)
    training_pages_of(demo_calendar(), ListCache(tmp_path))
    for kept in tmp_path.glob("*.html"):
        kept.write_bytes(b"\xff\xfe not text")
    assert training_pages_of(demo_calendar(), ListCache(tmp_path)) == fresh


def test_lists_no_longer_used_are_dropped_and_off_keeps_nothing(tmp_path, monkeypatch):
    cache = ListCache(tmp_path)
    training_pages_of(demo_calendar(), cache)
    (tmp_path / "0123.html").write_text("an old list", encoding="utf-8")
    (tmp_path / "other.json").write_text("{}", encoding="utf-8")
    cache.forget_the_rest()
    assert {p.name for p in tmp_path.iterdir()} == cache.used | {"other.json"}
    # PRACTICE_HUB_CACHE_DIR=off: no folder, every list rendered.
    rendered = Counting(monkeypatch)
    off = ListCache(None)
    assert training_pages_of(demo_calendar(), off) == training_pages_of(demo_calendar(), None)
    assert off.used == set() and rendered.count > 40


def test_the_module_has_no_mkdocs_import():
    import practice_hub.training.list_cache as module
    assert not re.search(r"^\s*(from|import) mkdocs", open(module.__file__, encoding="utf-8").read(), re.MULTILINE)
