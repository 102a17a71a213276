"""Edition texts' conversions are kept on disk between builds: a routine rebuild converts none of
them, an edited text or glossary is converted again, and the output is the same bytes either way."""
from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from bulletin_support import article, edition

from practice_hub.bulletins import service, texts_cache
from practice_hub.bulletins.loader import load_editions
from practice_hub.bulletins.render import MarkdownSettings, Renderer

SITE_MARKDOWN = MarkdownSettings.from_mkdocs_list([
    "abbr", "attr_list", "footnotes", "tables", {"toc": {"permalink": True}},
    {"pymdownx.snippets": {"auto_append": ["includes/abbreviations.md"], "check_paths": True}}])
BODY = "The IRO reads the child's views first.[^1] See [OARS](motivational-interviewing/oars.md).\n\n[^1]: Working Together.\n"


@pytest.fixture
def root(tmp_path) -> Path:
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "abbreviations.md").write_text("*[IRO]: Independent Reviewing Officer\n")
    for month in ("2026-12", "2027-01"):
        edition(tmp_path, month, title=f"Bulletin {month}", welcome=f"Welcome to {month}.", articles={
            "a.md": article("First story", 1, BODY + f"\nFirst in {month}.\n"),
            "b.md": article("Second story", 2, BODY + f"\nSecond in {month}.\n")})
    return tmp_path


@pytest.fixture
def conversions(monkeypatch) -> list[str]:
    """Every Markdown conversion made (the bulletins convert with Python-Markdown alone)."""
    made = []
    real = markdown.Markdown.convert

    def convert(self, source):
        made.append(source)
        return real(self, source)
    monkeypatch.setattr(markdown.Markdown, "convert", convert)
    return made


def build(root: Path, cache: Path | None, markdown_settings: MarkdownSettings = SITE_MARKDOWN, made: list | None = None):
    """The bulletins' pages and files, as one build makes them (no PDFs: they have their own cache);
    ``made`` gets the texts the build converted (the loader's own reading of the sources aside)."""
    editions = load_editions(root / "bulletins", include_drafts=False, handbook_pages={"motivational-interviewing/oars.md"},
                             topics=None, display_root=root)
    settings = service.Settings(site_url="https://hub.example/", site_name="Hub", organisation="Org",
                                email_to="all@example.org", make_pdf=False, markdown=markdown_settings,
                                project_root=root, texts_cache_dir=cache)
    start = len(made) if made is not None else 0
    built = service.outputs(editions, None, {}, settings)
    if made is not None:
        del made[:start]
    return built


def entries(cache: Path) -> set[str]:
    return {p.name for p in cache.glob("*.json")}


def test_a_rebuild_converts_no_text_and_gives_the_same_bytes(root, tmp_path, conversions):
    cache = tmp_path / "cache"
    uncached = build(root, None, made=conversions)
    assert len(conversions) == 6                                # two editions: a welcome and two articles each
    assert build(root, cache, made=conversions) == uncached and len(conversions) == 6
    assert len(entries(cache)) == 6
    assert build(root, cache, made=conversions) == uncached
    assert conversions == []                                    # the rebuild converted nothing
    assert 'title="Independent Reviewing Officer"' in uncached[1]["bulletins/2027/01/email.html"].decode()


def test_an_edited_article_alone_is_converted_again_and_its_old_conversion_dropped(root, tmp_path, conversions):
    cache = tmp_path / "cache"
    build(root, cache)
    before = entries(cache)
    story = root / "bulletins" / "2027-01" / "a.md"
    story.write_text(story.read_text().replace("views first", "views before anything else"))
    rebuilt = build(root, cache, made=conversions)
    assert len(conversions) == 1 and "views before anything else" in conversions[0]
    assert rebuilt == build(root, None)
    assert len(entries(cache)) == len(before) and len(entries(cache) - before) == 1


def test_a_new_edition_before_the_others_gives_the_footnote_ids_of_a_build_without_the_cache(root, tmp_path, conversions):
    # Footnote ids number a build's conversions; the new edition comes first and moves every other.
    cache = tmp_path / "cache"
    build(root, cache)
    edition(root, "2027-02", title="Bulletin 2027-02", welcome="Welcome to February.",
            articles={"a.md": article("New story", 1, BODY)})
    rebuilt = build(root, cache, made=conversions)
    converted = list(conversions)
    assert rebuilt == build(root, None)
    for path, html in rebuilt[1].items():
        if path.endswith("email.html"):
            ids = re.findall(r'id="(fn(?:ref)?:[^"]+)"', html.decode())
            assert ids and len(ids) == len(set(ids)), path      # no two articles share a footnote id
    # Texts without footnotes still came from the cache.
    assert "Welcome to 2027-01." not in converted and "Welcome to February." in converted


def test_an_edited_glossary_converts_every_text_again(root, tmp_path, conversions):
    cache = tmp_path / "cache"
    build(root, cache)
    (root / "includes" / "abbreviations.md").write_text("*[IRO]: Independent Reviewing Officer (the chair)\n")
    rebuilt = build(root, cache, made=conversions)
    assert len(conversions) == 6
    assert 'title="Independent Reviewing Officer (the chair)"' in rebuilt[1]["bulletins/2027/01/email.html"].decode()
    assert rebuilt == build(root, None)


def test_other_markdown_settings_or_versions_are_other_keys(root):
    digest = texts_cache.shared(["abbr", "footnotes"], {})
    assert digest != texts_cache.shared(["abbr"], {})
    assert digest != texts_cache.shared(["abbr", "footnotes"], {"footnotes": {"UNIQUE_IDS": True}})
    versions = texts_cache.library_versions(texts_cache.LIBRARIES)
    assert "markdown " in versions and "pymdown-extensions " in versions and "missing" not in versions


def test_a_corrupt_entry_is_converted_again(root, tmp_path, conversions):
    cache = tmp_path / "cache"
    first = build(root, cache)
    for entry in cache.glob("*.json"):
        entry.write_text('{"format": 1, "key": "another", "html": 3')
    assert build(root, cache, made=conversions) == first
    assert len(conversions) == 6


def test_settings_whose_effect_cannot_be_known_keep_nothing(root, tmp_path, conversions):
    # An object of the site's own in the settings, or an extension not known to read nothing else.
    with_function = MarkdownSettings(("abbr", "footnotes"), {"footnotes": {"BACKLINK_TITLE": "Back %d", "x": print}})
    assert Renderer(with_function, root, tmp_path / "a").kept.folder is None
    other_extension = MarkdownSettings(("abbr", "pymdownx.emoji"), {})
    assert Renderer(other_extension, root, tmp_path / "b").kept.folder is None
    build(root, tmp_path / "c", MarkdownSettings(("abbr", "pymdownx.emoji"), {}))
    assert not (tmp_path / "c").exists()


def test_a_text_that_includes_a_file_is_never_kept(root, tmp_path, conversions):
    renderer = Renderer(SITE_MARKDOWN, root, tmp_path / "cache")
    text = '--8<-- "includes/abbreviations.md"\n\nThe IRO.\n'
    renderer.render(text)
    renderer.render(text)
    assert len(conversions) == 2 and not (tmp_path / "cache").exists()
