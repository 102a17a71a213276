"""The preview's speed-ups (plugins/practice_hub/preview.py): the page-conversion cache is never
stale and never hides a warning; the faster file watcher watches what MkDocs watched."""
from __future__ import annotations

import logging
import time

import pytest
from mkdocs.commands.serve import LiveReloadServer
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from helpers import copy_repo, serving, wait_for
from practice_hub import preview

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
    cache = preview.RenderCache()
    render(site, cache=cache)
    cached, _ = render(site, cache=cache)
    assert cache.hits == 1
    fresh, _ = render(site)
    same_conversion(cached, fresh)
    # The restored links name files of this build (MkDocs' anchor check looks them up).
    assert {target.src_uri for target in cached.links_to_anchors} == {"index.md", "other.md"}
    assert "part" in cached.links_to_anchors[next(t for t in cached.links_to_anchors if t.src_uri == "other.md")]


def test_a_restored_page_can_be_changed_by_plugins_without_changing_the_cache(site):
    cache = preview.RenderCache()
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
    cache = preview.RenderCache()
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
    cache = preview.RenderCache()
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


def test_pages_that_include_files_or_use_unknown_extensions_are_never_reused(site):
    cache = preview.RenderCache()
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


def test_the_watcher_polls_faster_and_watches_the_same_paths(tmp_path):
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    (tmp_path / "a").mkdir()
    server.watch(str(tmp_path / "a"))
    server.watch(str(tmp_path / "a"))   # watched twice: one watch, counted twice
    before = {watch.path for watch in server.observer._handlers}
    assert preview.poll_faster(server)
    assert server.observer.timeout == preview.POLL_INTERVAL
    assert {watch.path for watch in server.observer._handlers} == before
    server.unwatch(str(tmp_path / "a"))
    server.unwatch(str(tmp_path / "a"))
    assert not server.observer._handlers
    server.watch(str(tmp_path))         # later watches go to the new watcher
    assert {watch.path for watch in server.observer._handlers} == {str(tmp_path)}
    server.server_close()


def test_an_unfamiliar_server_keeps_its_own_watcher():
    class Server:
        observer = object()
    server = Server()
    assert not preview.poll_faster(server)
    assert server.observer is Server.observer


def test_the_preview_shows_edits_to_a_page_and_to_the_glossary(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    with serving(repo) as (server, base):
        page_url = base + "practice-standards/case-recording.html"
        wait_for(page_url, "<html", server, 120)
        page = repo / "content" / "practice-standards" / "case-recording.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added while previewing.\n", encoding="utf-8")
        wait_for(page_url, "A sentence added while previewing.", server)
        # Every page shows the glossary's explanations: an edit to it reaches pages that did not change.
        glossary = repo / "includes" / "abbreviations.md"
        text = glossary.read_text(encoding="utf-8")
        assert "*[CiN]: Child in Need" in text
        glossary.write_text(text.replace("*[CiN]: Child in Need", "*[CiN]: Child in Need, as edited"), encoding="utf-8")
        time.sleep(0.5)
        wait_for(base + "signs-of-safety/index.html", "Child in Need, as edited", server)


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
    cache = preview.SearchCache()
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
    cache = preview.RenderCache()
    config = load_config(str(site / "mkdocs.yml"))
    files = get_files(config)
    for _ in range(2):
        page = OtherPage(None, files.get_file_from_path("index.md"), config)
        page.read_source(config)
        cache.install(page)
        page.render(config, files)
    assert cache.hits == 0 and not cache.pages


def test_kept_is_replaced_when_its_key_changes_and_never_kept_without_one():
    kept = preview.Kept()
    first = kept.get(("a",), object)
    assert kept.get(("a",), object) is first
    second = kept.get(("b",), object)
    assert second is not first and kept.get(("b",), object) is second
    assert kept.get(None, object) is not kept.get(None, object)


def test_the_bulletins_renderer_is_kept_while_previewing_until_the_glossary_changes(tmp_path):
    from types import SimpleNamespace

    from practice_hub.bulletins.plugin import BulletinsPlugin
    from practice_hub.bulletins.render import MarkdownSettings

    (tmp_path / "includes").mkdir()
    glossary = tmp_path / "includes" / "abbreviations.md"
    glossary.write_text("*[CIN]: Child in Need\n", encoding="utf-8")
    (tmp_path / "note.md").write_text("A note.\n", encoding="utf-8")
    plugin = BulletinsPlugin()
    plugin.settings = SimpleNamespace(project_root=tmp_path, markdown=MarkdownSettings.from_mkdocs_list(
        ["abbr", {"pymdownx.snippets": {"auto_append": ["includes/abbreviations.md"]}}]))
    plugin.serving = False
    assert plugin._renderer() is None            # mkdocs build: a new renderer every build
    plugin.serving = True
    first = plugin._renderer()
    assert plugin._renderer() is first
    assert 'title="Child in Need"' in first.render("A CIN plan.").html
    # A text that includes a file is converted again every time.
    assert "A note." in first.render('--8<-- "note.md"').html
    (tmp_path / "note.md").write_text("A changed note.\n", encoding="utf-8")
    assert "A changed note." in first.render('--8<-- "note.md"').html
    glossary.write_text("*[CIN]: Child in Need (section 17)\n", encoding="utf-8")
    second = plugin._renderer()
    assert second is not first
    assert 'title="Child in Need (section 17)"' in second.render("A CIN plan.").html
    plugin.settings.markdown = MarkdownSettings.from_mkdocs_list(["abbr", "pymdownx.emoji"])   # not known to be pure
    assert plugin._renderer() is not plugin._renderer()
