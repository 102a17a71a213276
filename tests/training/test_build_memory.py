"""What the training plugin keeps in memory during a build (issue 16): the session lists go into
a page only while MkDocs builds that page, after Material's search plugin has indexed it (they
are out of search: its HTML parser need not read them), and come out again once it is written,
so a large calendar's listings are never all held at once."""
from __future__ import annotations

from types import SimpleNamespace

from practice_hub.handbook.plugin import HandbookPlugin
from practice_hub.training.pages import _PLACEHOLDER
from practice_hub.training.plugin import TrainingPlugin


def fake_page(src_uri: str, content: str):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), content=content)


def test_lists_go_in_while_the_page_is_built_and_come_out_after():
    plugin = TrainingPlugin()
    made = []
    plugin.html_blocks = {"0": lambda: made.append(1) or '<ul data-search-exclude="1"><li>Session</li></ul>'}
    plugin._read_content = {}
    read = f"<h1>Training</h1>\n{_PLACEHOLDER.format(0)}\n<p>After</p>"
    page = fake_page("training/courses/a.md", read)
    assert made == []                                       # nothing made when the page is read
    plugin.on_page_context({}, page=page, config=None, nav=None)
    assert page.content == "<h1>Training</h1>\n<ul><li>Session</li></ul>\n<p>After</p>" and made == [1]
    assert plugin.on_post_page("<html>written</html>", page=page, config=None) == "<html>written</html>"
    assert page.content == read and plugin._read_content == {}
    # Pages outside the training section, and pages without lists, are left alone.
    other = fake_page("guidance/a.md", read)
    plugin.on_page_context({}, page=other, config=None, nav=None)
    assert other.content == read and plugin._read_content == {}


def test_lists_go_in_after_search_has_read_the_page():
    # MkDocs runs page_context handlers from the highest priority down; Material's search plugin
    # indexes (and strips its data-search-* marks) at the default, 0; the handbook plugin marks
    # its own lines at 50. The marks in a list put in later are stripped by ours (above).
    def priority(method):
        return getattr(method, "mkdocs_priority", 0)
    assert priority(HandbookPlugin.on_page_context) > 0 > priority(TrainingPlugin.on_page_context)
    assert priority(TrainingPlugin.on_post_page) < 0
