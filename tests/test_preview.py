"""The preview's speed-ups (plugins/practice_hub/preview.py): the faster file watcher watches what
MkDocs watched; an edit shows in the preview; the bulletins' renderer is kept only while unchanged.
(Page conversions and search entries kept between builds and preview rebuilds: test_build_cache.py.)"""
from __future__ import annotations

import time

from mkdocs.commands.serve import LiveReloadServer

from helpers import copy_repo, serving, wait_for
from practice_hub import preview


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
