"""Page conversions and search entries kept between builds (plugins/practice_hub/build_cache.py):
never stale, never hiding a warning, and a site built with them is byte for byte the site built
without them."""
from __future__ import annotations

import logging

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from helpers import DEMO_TODAY, build_site, make_fixture_site
from practice_hub import build_cache

EXTENSIONS = """markdown_extensions:
  - abbr
  - toc:
      permalink: true
  - pymdownx.snippets:
      auto_append:
        - includes/abbreviations.md
      check_paths: true
"""


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A small MkDocs project (no theme or plugins of ours): what Page.render reads and nothing else."""
    monkeypatch.chdir(tmp_path)   # snippets' base path is the working folder, as under `mkdocs serve`
    (tmp_path / "docs").mkdir()
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "abbreviations.md").write_text("*[CIN]: Child in Need\n", encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nA CIN plan. See [the other page](other.md#part).\n",
                                                 encoding="utf-8")
    (tmp_path / "docs" / "other.md").write_text("# Other\n\n## Part\n\nText.\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\nuse_directory_urls: false\n" + EXTENSIONS, encoding="utf-8")
    return tmp_path


class Recorder(logging.Handler):
    def __init__(self):
        super().__init__()
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def render(root, src="index.md", cache=None, config_file="mkdocs.yml"):
    """One build's conversion of `src`, through `cache` (None: MkDocs' own), and what it logged."""
    config = load_config(str(root / config_file))
    files = get_files(config)
    page = Page(None, files.get_file_from_path(src), config)
    page.read_source(config)
    if cache is not None:
        cache.install(page)
    recorder = Recorder()
    logging.getLogger("mkdocs").addHandler(recorder)
    try:
        page.render(config, files)
    finally:
        logging.getLogger("mkdocs").removeHandler(recorder)
    return page, recorder.messages


def outline(items):
    return [(item.title, item.id, item.level, outline(item.children)) for item in items]


def same_conversion(cached: Page, fresh: Page):
    assert cached.content == fresh.content
    assert outline(cached.toc.items) == outline(fresh.toc.items)
    assert cached._title_from_render == fresh._title_from_render
    assert cached.present_anchor_ids == fresh.present_anchor_ids
    assert ({f.src_uri: v for f, v in cached.links_to_anchors.items()}
            == {f.src_uri: v for f, v in fresh.links_to_anchors.items()})


def test_an_unchanged_page_is_reused_and_matches_a_fresh_conversion(site):
    cache = build_cache.RenderCache()
    render(site, cache=cache)
    cached, _ = render(site, cache=cache)
    assert cache.hits == 1
    fresh, _ = render(site)
    same_conversion(cached, fresh)
    # The restored links name files of this build (MkDocs' anchor check looks them up).
    assert {target.src_uri for target in cached.links_to_anchors} == {"index.md", "other.md"}
    assert "part" in cached.links_to_anchors[next(t for t in cached.links_to_anchors if t.src_uri == "other.md")]


def test_a_restored_page_can_be_changed_by_plugins_without_changing_the_cache(site):
    cache = build_cache.RenderCache()
    render(site, cache=cache)
    first, _ = render(site, cache=cache)
    first.toc.items[0].title = "changed by a plugin"
    first.present_anchor_ids.add("extra")
    second, _ = render(site, cache=cache)
    assert second.toc.items[0].title == "Home"
    assert "extra" not in second.present_anchor_ids


@pytest.mark.parametrize("edit, expected", [
    ("page", "edited sentence"),
    ("glossary", 'title="Child in Need (section 17)"'),
    ("settings", "permalink-mark"),
])
def test_an_edit_to_anything_the_conversion_reads_converts_the_page_again(site, edit, expected):
    cache = build_cache.RenderCache()
    render(site, cache=cache)
    if edit == "page":
        page = site / "docs" / "index.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nAn edited sentence.\n", encoding="utf-8")
    elif edit == "glossary":
        (site / "includes" / "abbreviations.md").write_text("*[CIN]: Child in Need (section 17)\n", encoding="utf-8")
    else:
        config = site / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("permalink: true", 'permalink: "permalink-mark"'),
                          encoding="utf-8")
    page, _ = render(site, cache=cache)
    assert cache.hits == 0
    assert expected in page.content
    fresh, _ = render(site)
    same_conversion(page, fresh)


def test_adding_or_removing_a_page_validates_links_again(site):
    cache = build_cache.RenderCache()
    render(site, cache=cache)
    (site / "docs" / "other.md").unlink()
    page, logged = render(site, cache=cache)
    assert cache.hits == 0
    assert any("other.md" in message and "not found" in message for message in logged)
    # A page whose conversion warned is converted (and warns) on every rebuild.
    again, logged_again = render(site, cache=cache)
    assert cache.hits == 0 and logged_again == logged
    (site / "docs" / "other.md").write_text("# Other\n\n## Part\n", encoding="utf-8")
    restored, logged = render(site, cache=cache)
    assert logged == [] and 'href="other.html#part"' in restored.content


def test_a_removed_link_target_is_noticed_even_without_an_anchor(site):
    page = site / "docs" / "index.md"
    page.write_text("# Home\n\nSee [the other page](other.md).\n", encoding="utf-8")
    cache = build_cache.RenderCache()
    render(site, cache=cache)
    assert render(site, cache=cache)[1] == [] and cache.hits == 1
    (site / "docs" / "other.md").unlink()
    converted, logged = render(site, cache=cache)
    assert cache.hits == 1 and any("other.md" in message and "not found" in message for message in logged)
    assert 'href="other.md"' in converted.content


def test_pages_that_include_files_or_use_unknown_extensions_are_never_reused(site):
    cache = build_cache.RenderCache()
    (site / "includes" / "note.md").write_text("Included note.\n", encoding="utf-8")
    page = site / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n--8<-- "includes/note.md"\n', encoding="utf-8")
    render(site, cache=cache)
    (site / "includes" / "note.md").write_text("Changed note.\n", encoding="utf-8")
    converted, _ = render(site, cache=cache)
    assert cache.hits == 0 and "Changed note." in converted.content

    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "  - pymdownx.emoji\n", encoding="utf-8")
    render(site, "other.md", cache=cache)
    render(site, "other.md", cache=cache)
    assert cache.hits == 0


def index_entries(root, cache=None, src="index.md"):
    """Material's search entries for `src` in one build, indexed through `cache` (None: Material's own)."""
    config = load_config(str(root / "mkdocs.yml"))
    files = get_files(config)
    search = config.plugins["material/search"]
    search.on_config(config)
    if cache is not None:
        assert cache.install(config)
        assert cache.install(config)   # installing twice wraps once
    page = Page(None, files.get_file_from_path(src), config)
    page.read_source(config)
    page.render(config, files)
    search.search_index.add_entry_from_context(page)
    return search.search_index.entries


@pytest.mark.parametrize("edit", ["none", "page", "front matter"])
def test_search_entries_are_reused_only_for_an_unchanged_page(site, edit):
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "theme:\n  name: material\nplugins:\n  - search\n",
                      encoding="utf-8")
    cache = build_cache.SearchCache()
    index_entries(site, cache)
    page = site / "docs" / "index.md"
    if edit == "page":
        page.write_text(page.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    elif edit == "front matter":
        page.write_text("---\nsearch:\n  boost: 2\n---\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    entries = index_entries(site, cache)
    assert cache.hits == (1 if edit == "none" else 0)
    assert entries == index_entries(site)
    entries[0]["title"] = "changed later"            # the kept entries are copies
    assert index_entries(site, cache) == index_entries(site)


def test_a_page_class_whose_conversion_we_have_not_read_is_never_reused(site):
    class OtherPage(Page):   # defined here: not MkDocs' or ProperDocs' Page
        pass
    cache = build_cache.RenderCache()
    config = load_config(str(site / "mkdocs.yml"))
    files = get_files(config)
    for _ in range(2):
        page = OtherPage(None, files.get_file_from_path("index.md"), config)
        page.read_source(config)
        cache.install(page)
        page.render(config, files)
    assert cache.hits == 0 and not cache.pages



def test_the_table_of_contents_is_restored_as_the_objects_mkdocs_makes(site):
    page = site / "docs" / "index.md"
    page.write_text("# Home\n\n## One *em*\n\n### One.1\n\n## Two &amp; more\n\nA CIN plan.\n", encoding="utf-8")
    cache = build_cache.RenderCache()
    render(site, cache=cache)
    cached, _ = render(site, cache=cache)
    fresh, _ = render(site)
    assert cache.hits == 1
    assert type(cached.toc) is type(fresh.toc)
    assert anchor_links(cached.toc.items) == anchor_links(fresh.toc.items)
    assert cached.toc.items[0].active is True   # MkDocs marks the first entry active


def anchor_links(items):
    """Every attribute of each table-of-contents entry, as MkDocs made it (children as lists)."""
    return [(type(item), {name: anchor_links(value) if name == "children" else value
                          for name, value in vars(item).items()}) for item in items]


def test_a_conversion_kept_on_disk_is_reused_by_the_next_process(site, tmp_path):
    first = build_cache.RenderCache()
    first.files.start(tmp_path / "entries")
    render(site, cache=first)
    assert first.hits == 0 and len(list((tmp_path / "entries").glob("*.json"))) == 1
    second = build_cache.RenderCache()   # nothing in memory: as a new `mkdocs build` starts
    second.files.start(tmp_path / "entries")
    cached, _ = render(site, cache=second)
    assert second.hits == 1
    fresh, _ = render(site)
    same_conversion(cached, fresh)
    assert anchor_links(cached.toc.items) == anchor_links(fresh.toc.items)


def test_verbose_builds_and_settings_naming_unknown_code_are_not_cached(site, monkeypatch):
    cache = build_cache.RenderCache()
    monkeypatch.setattr(logging.getLogger("mkdocs"), "level", logging.DEBUG)
    render(site, cache=cache)
    render(site, cache=cache)
    assert cache.hits == 0 and not cache.pages
    monkeypatch.setattr(logging.getLogger("mkdocs"), "level", logging.NOTSET)

    def own_slugify(text, separator):   # our users' code: it could change with no version changing
        return text
    with pytest.raises(build_cache.Unknowable):
        build_cache.describe({"toc": {"slugify": own_slugify}})
    import pymdownx.slugs   # a library's function, whose version is in the key, is described by name
    described = build_cache.describe({"slugify": pymdownx.slugs.slugify(case="lower")})
    assert described == build_cache.describe({"slugify": pymdownx.slugs.slugify(case="lower")})
    assert described != build_cache.describe({"slugify": pymdownx.slugs.slugify(case="none")})
    assert "0x" not in repr(described)


# Whole builds of a small Practice Hub site: `mkdocs build --strict`, as a user runs it.

def handbook_page(title, body, topics="[supervision]"):
    return (f"---\ntitle: {title}\nsummary: About {title.lower()}.\nowner: Principal Social Worker\n"
            f"approved_by: Practice Quality Board\nlast_reviewed: 2026-06-12\ntopics: {topics}\n---\n"
            f"# {title}\n\n{body}")


PAGES = {
    "supervision.md": handbook_page("Supervision", "A CP plan. See [what to write](recording.md#what-to-write).\n\n"
                                                   "## Reflective supervision\n\nText.\n"),
    "recording.md": handbook_page("Recording", "## What to write\n\nWrite it down. An IRO reads it.\n"),
    "old.md": handbook_page("Old guidance", "Old guidance text.\n"),
    # A link with no anchor: only the list of the site's files says whether its target exists.
    "help.md": handbook_page("Help", "Read [recording](recording.md).\n", topics="[]"),
}


@pytest.fixture
def project(tmp_path):
    return make_fixture_site(tmp_path / "project", PAGES)


def build(config, site, cache, check=True):
    result = build_site(config, site, {"PRACTICE_HUB_TODAY": DEMO_TODAY, "SOURCE_DATE_EPOCH": "1795424400",
                                       "PRACTICE_HUB_CACHE_DIR": str(cache)})
    if check:
        assert result.returncode == 0, result.stderr
    return result


def tree(site) -> dict:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def entries(cache, kind="pages") -> dict:
    """The cache's entry files: name -> (modification time, content)."""
    return {path.name: (path.stat().st_mtime_ns, path.read_bytes()) for path in (cache / kind).glob("*.json")}


def test_a_warm_build_is_the_cold_build_and_the_build_without_caches(project, tmp_path):
    cache = tmp_path / "cache"
    build(project, tmp_path / "cold", cache)
    cold_entries = {kind: entries(cache, kind) for kind in ("pages", "search")}
    assert len(cold_entries["pages"]) >= 8 and len(cold_entries["search"]) >= 8
    build(project, tmp_path / "warm", cache)
    build(project, tmp_path / "off", "off")
    assert tree(tmp_path / "cold") == tree(tmp_path / "warm") == tree(tmp_path / "off")
    # Nothing changed: every entry was read, none written again, none dropped.
    assert {kind: entries(cache, kind) for kind in ("pages", "search")} == cold_entries


@pytest.fixture
def in_process(monkeypatch):
    """Builds in this process, with fresh caches, counting the pages MkDocs really converts."""
    monkeypatch.setattr(build_cache, "render_cache", build_cache.RenderCache())
    monkeypatch.setattr(build_cache, "search_cache", build_cache.SearchCache())
    converted = []
    real = Page.render

    def counting(self, config, files):
        converted.append(self.file.src_uri)
        real(self, config, files)
    monkeypatch.setattr(Page, "render", counting)

    def run(config_file, site, cache):
        monkeypatch.setenv("PRACTICE_HUB_CACHE_DIR", str(cache))
        monkeypatch.setenv("PRACTICE_HUB_TODAY", DEMO_TODAY)
        monkeypatch.chdir(config_file.parent)
        # As a new `mkdocs build` starts: nothing in memory, only what is on disk.
        build_cache.render_cache.pages.clear()
        build_cache.search_cache.pages.clear()
        converted.clear()
        config = load_config(str(config_file), site_dir=str(site))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
        return list(converted)
    return run


def test_a_warm_build_converts_and_indexes_only_the_pages_that_changed(project, tmp_path, in_process):
    cache = tmp_path / "cache"
    first = in_process(project, tmp_path / "first", cache)
    renders, searches = build_cache.render_cache, build_cache.search_cache
    assert len(first) >= 8 and renders.misses == len(first) and renders.hits == 0
    indexed = searches.misses
    assert indexed >= 8 and searches.hits == 0

    assert in_process(project, tmp_path / "second", cache) == []
    assert renders.hits == len(first) and renders.misses == 0
    assert searches.hits == indexed and searches.misses == 0

    page = project.parent / "content" / "recording.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added.\n", encoding="utf-8")
    assert in_process(project, tmp_path / "third", cache) == ["recording.md"]
    assert searches.misses == 1
    assert "A sentence added." in (tmp_path / "third" / "recording.html").read_text(encoding="utf-8")



def test_a_page_added_elsewhere_converts_only_pages_whose_text_or_link_targets_changed(project, tmp_path, in_process):
    # A new bulletin edition or handbook page each month must not mean converting every page again.
    cache = tmp_path / "cache"
    in_process(project, tmp_path / "first", cache)
    (project.parent / "content" / "new.md").write_text(handbook_page("New", "New text.\n", topics="[]"),
                                                      encoding="utf-8")
    converted = in_process(project, tmp_path / "second", cache)
    assert "new.md" in converted and "help.md" not in converted and "recording.md" not in converted
    assert build_cache.render_cache.hits > 0
    # The link from help.md is looked up again: with its target gone, the page is converted and warns.
    (project.parent / "content" / "recording.md").unlink()
    replace_in(project.parent / "content" / "supervision.md", "See [what to write](recording.md#what-to-write).", "")
    result = build(project, tmp_path / "third", cache, check=False)
    assert result.returncode != 0 and "help.md" in result.stderr and "recording.md" in result.stderr

def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


EDITS = {
    "page": lambda root: replace_in(root / "content" / "supervision.md", "Text.", "Edited text."),
    "glossary": lambda root: replace_in(root / "includes" / "abbreviations.md", "Child Protection",
                                        "Child Protection (section 47)"),
    "new page": lambda root: (root / "content" / "new.md").write_text(handbook_page("New", "New text.\n"),
                                                                      encoding="utf-8"),
    "extension setting": lambda root: replace_in(root / "mkdocs.yml", "permalink: true", 'permalink: "#"'),
    "search setting": lambda root: replace_in(root / "mkdocs.yml", "  - search\n",
                                              "  - search:\n      separator: '[\\s\\-\\.]+'\n"),
}


@pytest.mark.parametrize("edit", EDITS)
def test_after_an_edit_a_warm_build_is_what_a_cold_build_makes(project, tmp_path, edit):
    cache = tmp_path / "cache"
    build(project, tmp_path / "before", cache)
    search_before = entries(cache, "search")
    EDITS[edit](project.parent)
    build(project, tmp_path / "warm", cache)
    build(project, tmp_path / "cold", tmp_path / "empty-cache")
    assert tree(tmp_path / "warm") == tree(tmp_path / "cold") != tree(tmp_path / "before")
    if edit == "search setting":   # every page indexed again: no entry made with the old settings is used
        assert not set(entries(cache, "search")) & set(search_before)


def test_a_missing_link_target_fails_strict_builds_every_time(project, tmp_path):
    cache = tmp_path / "cache"
    build(project, tmp_path / "first", cache)
    target = project.parent / "content" / "recording.md"
    kept = target.read_text(encoding="utf-8")
    target.unlink()
    for attempt in ("second", "third"):
        result = build(project, tmp_path / attempt, cache, check=False)
        assert result.returncode != 0, attempt
        for expected in ("'supervision.md' contains a link 'recording.md#what-to-write', but the target 'recording.md'",
                         "'help.md' contains a link 'recording.md', but the target is not found"):
            assert expected in result.stderr, attempt
    target.write_text(kept, encoding="utf-8")
    build(project, tmp_path / "fixed", cache)
    assert tree(tmp_path / "fixed") == tree(tmp_path / "first")


def test_a_broken_link_fails_the_first_and_the_second_build(project, tmp_path):
    replace_in(project.parent / "content" / "supervision.md", "Text.", "See [missing](missing.md).")
    cache = tmp_path / "cache"
    for attempt in ("first", "second"):
        result = build(project, tmp_path / attempt, cache, check=False)
        assert result.returncode != 0, attempt
        assert "contains a link 'missing.md', but the target is not found" in result.stderr, attempt


def test_corrupt_or_truncated_entries_are_ignored(project, tmp_path):
    cache = tmp_path / "cache"
    build(project, tmp_path / "cold", cache)
    damaged = sorted((cache / "pages").glob("*.json")) + sorted((cache / "search").glob("*.json"))
    for number, path in enumerate(damaged):
        data = path.read_bytes()
        key = path.stem
        path.write_bytes([
            data[:len(data) // 2],                                               # half-written
            b"\xff\xfe not JSON",                                                # not text at all
            b"",                                                                 # empty
            f'{{"format":1,"key":"{key}","value":{{"content":5}}}}'.encode(),    # the wrong shape
            f'{{"format":1,"key":"{key}","value":[1,2]}}'.encode(),
            f'{{"format":1,"key":"{key}","value":{{"content":"x","toc":[[1]],"title":null,'
            f'"anchors":[],"links":[]}}}}'.encode(),
        ][number % 6])
    build(project, tmp_path / "warm", cache)
    assert tree(tmp_path / "warm") == tree(tmp_path / "cold")


def test_a_cache_folder_that_cannot_be_written_does_not_stop_the_build(project, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    build(project, tmp_path / "blocked", blocked)
    build(project, tmp_path / "off", "off")
    assert tree(tmp_path / "blocked") == tree(tmp_path / "off")


def test_entries_of_deleted_pages_are_dropped_after_a_successful_build_only(project, tmp_path):
    cache = tmp_path / "cache"
    build(project, tmp_path / "first", cache)

    def kept_text():
        return b"".join(content for _, content in entries(cache).values())
    assert b"Old guidance text." in kept_text()
    (project.parent / "content" / "old.md").unlink()
    replace_in(project.parent / "content" / "supervision.md", "Text.", "See [missing](missing.md).")
    assert build(project, tmp_path / "failed", cache, check=False).returncode != 0
    assert b"Old guidance text." in kept_text()   # a failed build forgets nothing
    replace_in(project.parent / "content" / "supervision.md", "See [missing](missing.md).", "Text.")
    build(project, tmp_path / "second", cache)
    assert b"Old guidance text." not in kept_text()
    build(project, tmp_path / "cold", tmp_path / "empty-cache")
    assert set(entries(cache)) == set(entries(tmp_path / "empty-cache"))


def test_only_a_snippet_marker_stops_a_page_being_kept(site):
    page = site / "docs" / "index.md"
    page.write_text("# Home\n\n<table><tr><td>18</td><td>2028</td></tr></table>\n\n8<-- is not a marker\n",
                    encoding="utf-8")
    cache = build_cache.RenderCache()
    render(site, cache=cache)
    render(site, cache=cache)
    assert cache.hits == 1


def test_the_end_of_build_step_runs_once_and_last_whatever_hooks_the_plugins_define(project, monkeypatch):
    # Three of our plugins have their own on_post_build; the shared step must not depend on one
    # that does not (MkDocs registers one handler per plugin and event name).
    monkeypatch.setenv("PRACTICE_HUB_CACHE_DIR", "off")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(project))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    try:
        handlers = config.plugins.events["post_build"]
        shared = [h for h in handlers if type(getattr(h, "__self__", None)).__name__ == "_BuildCaches"]
        assert len(shared) == 1 and handlers[-1] is shared[0]
        own = {type(h.__self__).__name__ for h in handlers if h not in shared and hasattr(h, "__self__")}
        assert {"TrainingPlugin", "HandbookPlugin", "BulletinsPlugin"} <= own
    finally:
        config.plugins.on_build_error(error=RuntimeError("test over"))
