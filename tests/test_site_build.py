"""The real demo site builds in strict mode and every page in the navigation is published."""
from __future__ import annotations

import yaml

from helpers import ROOT


def _nav_sources(nav) -> list[str]:
    """Every Markdown source named in an mkdocs.yml nav tree."""
    found = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found += _nav_sources(value)
        elif isinstance(value, str) and value.endswith(".md"):
            found.append(value)
    return found


def _load_config() -> dict:
    # mkdocs.yml may hold !!python/name tags for extensions; a permissive loader is enough here.
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def test_every_nav_page_is_built(built_site):
    sources = _nav_sources(_load_config()["nav"])
    assert len(sources) >= 30
    missing = [src for src in sources if not (built_site / src.replace(".md", ".html")).is_file()]
    assert missing == []


def test_organisation_name_comes_from_config(built_site):
    name = _load_config()["site_name"]
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert f"{name}</title>" in html
