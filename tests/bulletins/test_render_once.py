"""An edition's Markdown is converted once, with the site's own Markdown settings, and the email
copy, the .eml and the print copy reuse that conversion."""
from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from bulletin_support import article, edition

from helpers import ROOT
from practice_hub.bulletins import render as render_module
from practice_hub.bulletins import service
from practice_hub.bulletins.loader import load_editions
from practice_hub.bulletins.render import MarkdownSettings, Renderer

SITE_MARKDOWN = MarkdownSettings.from_mkdocs_list([
    "abbr", "attr_list", "footnotes", "tables", {"toc": {"permalink": True}},
    {"pymdownx.snippets": {"auto_append": ["includes/abbreviations.md"], "check_paths": True}}])
BODY = ("The IRO reads the child's views first.[^1] See [OARS][o] and ![the map](map.png).\n\n"
        "## What happened\n\nText.\n\n[o]: motivational-interviewing/oars.md\n[^1]: Working Together 2023.\n")


def project(tmp_path: Path) -> Path:
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "abbreviations.md").write_text("<!-- the glossary -->\n*[IRO]: Independent Reviewing Officer\n")
    folder = edition(tmp_path, "2027-01", title="January", articles={
        "a.md": article("First story", 1, BODY), "b.md": article("Second story", 2, BODY.replace("IRO", "IRO too"))})
    (folder / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return tmp_path


def test_each_text_is_converted_once_for_email_eml_and_print(tmp_path, monkeypatch):
    root = project(tmp_path)
    editions = load_editions(root / "bulletins", include_drafts=False, handbook_pages={"motivational-interviewing/oars.md"},
                             topics=None, display_root=root)
    conversions = []
    real = Renderer.render

    def counting(self, text):
        if text not in self._done:
            conversions.append(text)
        return real(self, text)
    monkeypatch.setattr(Renderer, "render", counting)
    settings = service.Settings(site_url="https://hub.example/", site_name="Hub", organisation="Org", email_to="all@example.org",
                                make_pdf=True, markdown=SITE_MARKDOWN, project_root=root)
    _, files = service.outputs(editions, None, {}, settings)
    (only,) = editions
    texts = [only.welcome, *(a.body for a in only.articles)]
    assert sorted(conversions) == sorted(texts)     # once each, though used by the email, the .eml and the PDF
    email_html = files["bulletins/2027/01/email.html"].decode()
    soup = BeautifulSoup(email_html, "html.parser")
    assert soup.find("abbr", title="Independent Reviewing Officer")            # the glossary, as on the web page
    assert "https://hub.example/motivational-interviewing/oars.html" in {a.get("href") for a in soup.find_all("a")}
    assert "https://hub.example/bulletins/2027/01/map.png" in {i.get("src") for i in soup.find_all("img")}
    footnotes = [tag["id"] for tag in soup.find_all(id=True) if tag["id"].startswith("fn")]
    assert footnotes and len(footnotes) == len(set(footnotes))                 # two articles, no clashing ids
    assert "¶" not in email_html and "the glossary" not in email_html          # no anchors, no authors' notes
    assert files["bulletins/2027/01/practice-and-learning-bulletin-2027-01.pdf"].startswith(b"%PDF")


def test_the_demo_email_uses_the_sites_markdown_settings():
    from practice_hub.check import load_hub
    hub = load_hub(ROOT / "mkdocs.yml")
    assert "abbr" in hub.settings.markdown.extensions and "pymdownx.snippets" in hub.settings.markdown.configs
    rendered = Renderer(hub.settings.markdown, ROOT).render("The IRO chairs the review.")
    assert '<abbr title="Independent Reviewing Officer">IRO</abbr>' in rendered.html
    assert render_module._TOKEN.search(rendered.html) is None
