"""Generated lists of links handed to Python-Markdown as finished lists (common/link_lists.py)
read exactly as the Markdown lists they replace: same text, links and glossary explanations,
and author text stays text."""
from __future__ import annotations

import html
import logging
import re

import markdown
import pytest

from practice_hub.common import link_lists
from practice_hub.common.link_lists import Link, markdown_list, markdown_table
from practice_hub.common.text import plain

# The demo's extensions, as a page's conversion has them (glossary lines appended by snippets).
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"]
GLOSSARY = "\n\n*[PLO]: Public Law Outline (pre-proceedings)\n*[CP]: Child \"Protection\" & <care>\n"

# Author text of every kind: markup in each syntax Markdown or HTML knows, entities written out,
# abbreviations, quotes, line breaks, non-ASCII, and lookalikes of our own marker.
TEXTS = [
    "Plain title", "PLO and CP meetings", "CPR is not CP", "[x](javascript:alert(1))", "<script>alert(2)</script>",
    "*loud* and _quiet_ and **strong**", "![i](data:image/png;base64,AAAA)", "<b onmouseover=alert(3)>b</b>",
    "{: .big}", "Ends with {#an-id}", "a|b | c", "Tom & Jerry &amp; &#40;7&#41; &copy;", "O'Neil's \"story\"",
    "back\\slash \\*", "`code` ~~struck~~", "<http://example.com> and http://example.com", "# not a heading",
    "- not a list", "1. not a list either", "> not a quote", "Line one\nline two", "Séance ünïcode 👶 PLO—CP",
    "practicehublist0123456789abcdef01234567", "  spaced   out  ", "=SUM(A1)", "@mention +plus",
]


def _convert(text: str) -> str:
    return markdown.Markdown(extensions=[*EXTENSIONS, link_lists.EXTENSION]).convert(text + GLOSSARY)


def _escaped(text: str) -> str:
    # `plain`, keeping the spaces around the words (as the f-strings around `plain(...)` did).
    before, words, after = re.fullmatch(r"(\s*)(.*?)(\s*)", text, re.DOTALL).groups()
    return before + plain(words) + after


def _markdown_list(items) -> str:
    """The same list as generated Markdown always wrote it (author text escaped with `plain`)."""
    lines = []
    for item in items:
        words = "".join(f"[{_escaped(part.text)}" + (f'<span class="md-visually-hidden">{_escaped(part.hidden)}</span>'
                                                     if part.hidden else "") + f"]({part.href})"
                        if isinstance(part, Link) else _escaped(part) for part in item)
        lines.append(f"- {words}")
    return "\n".join(lines)


def _as_read(page_html: str) -> str:
    # What a reader gets: character references resolved, runs of white space as one space, none
    # at the start or end of a list item (a browser shows none there).
    return re.sub(r"\s*(</?li>)\s*", r"\1", re.sub(r"\s+", " ", html.unescape(page_html))).strip()


@pytest.mark.parametrize("text", TEXTS)
def test_a_finished_list_reads_as_the_markdown_list_it_replaces(text):
    items = [(Link("../guidance/page.md", text), f": {text}"),
             (Link("https://learning.example/course/1", "Book a place", hidden=f" on {text}"),),
             (f"{text} ", Link("../bulletins/2026/11/index.md#story", text), ", November 2026 bulletin")]
    expected = _convert("## Related\n\n" + _markdown_list(items))
    got = _convert("## Related\n\n" + markdown_list(items))
    assert _as_read(got) == _as_read(expected)
    assert "practicehublist" not in got.replace("practicehublist0123456789abcdef01234567", "")
    assert set(re.findall(r"<(\w+)", got)) <= {"h2", "ul", "li", "a", "span", "abbr"}   # no markup from the text


def _words(part) -> str:
    if isinstance(part, Link):
        return f"[{_escaped(part.text)}]({part.href})"
    return _escaped(part)


@pytest.mark.parametrize("text", TEXTS)
def test_a_finished_table_reads_as_the_markdown_table_it_replaces(text):
    rows = [(("4 November 2026",), (Link("page.md", text),), (text,)),
            ((text,), (Link("other.md", "Other"), f" and {text}"), ())]
    as_markdown = "| Date | Page | What changed |\n| --- | --- | --- |\n" + "\n".join(
        "| " + " | ".join("".join(map(_words, cell)) for cell in row) + " |" for row in rows)
    expected = _convert("# What's new\n\n" + as_markdown)
    got = _convert("# What's new\n\n" + markdown_table(("Date", "Page", "What changed"), rows))
    assert _as_table(got) == _as_table(expected)
    if text == "Plain title":
        assert got == expected   # byte for byte, line breaks included, where no character needs escaping
    assert set(re.findall(r"<(\w+)", got)) <= {"h1", "table", "thead", "tbody", "tr", "th", "td", "a", "abbr"}


def _as_table(page_html: str) -> str:
    return re.sub(r"\s*(</?t[dhr]>)\s*", r"\1", _as_read(page_html))


def test_author_text_is_never_markup_or_attributes():
    got = _convert(markdown_list([(Link("x.md", "<img src=x onerror=alert(1)>{: .big}"), " *x* <i>y</i>")]))
    assert got == ('<ul>\n<li><a href="x.md">&lt;img src=x onerror=alert(1)&gt;{: .big}</a> *x* &lt;i&gt;y&lt;/i&gt;'
                   '</li>\n</ul>')


def test_glossary_abbreviations_are_explained_in_link_text_and_around_it():
    got = _convert(markdown_list([(Link("a.md", "Before the PLO meeting"), ": CP plans", ", in CPR")]))
    assert got.count('<abbr title="Public Law Outline (pre-proceedings)">PLO</abbr>') == 1
    assert got.count('<abbr title="Child &quot;Protection&quot; &amp; &lt;care&gt;">CP</abbr>') == 1
    assert '<a href="a.md">Before the <abbr' in got and "CPR" in got   # a whole word only


def test_lists_inside_markdown_blocks_and_beside_other_text_are_replaced():
    page = (f'Intro\n\n<div class="ph-related" markdown="1">\n\n## Upcoming\n\n'
            f'{markdown_list([(Link("a.md", "A"),)])}\n\n</div>\n\nAfter {markdown_list([(Link("b.md", "B"),)])}')
    got = _convert(page)
    assert ('<div class="ph-related">\n<h2 id="upcoming">Upcoming</h2>\n'
            '<ul>\n<li><a href="a.md">A</a></li>\n</ul>\n</div>') in got
    # A marker inside a sentence is not a list of its own: only a paragraph alone is replaced.
    assert "<p>After practicehublist" in got


def test_the_marker_names_the_list_so_a_changed_list_changes_the_page():
    first = markdown_list([(Link("a.md", "A"), ": one")])
    assert markdown_list([(Link("a.md", "A"), ": one")]) == first
    assert markdown_list([(Link("a.md", "A"), ": two")]) != first
    assert markdown_list([(Link("b.md", "A"), ": one")]) != first
    assert markdown_list([(Link("a.md", "A", hidden=" x"), ": one")]) != first
    assert markdown_list([]) == ""


def test_a_list_not_made_in_this_build_is_a_warning_not_a_silent_marker(caplog):
    marker = markdown_list([(Link("a.md", "Gone"),)])
    link_lists.forget()
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        got = _convert(marker)
    assert f"<p>{marker}</p>" in got
    assert any("generated list was not found" in r.getMessage() and r.name.startswith("mkdocs.")
               for r in caplog.records)
