"""Compiled templates are reused by the next build's new Jinja environment (as MkDocs makes one per
build and per preview rebuild), never for another source or other compile-time settings, and
give the same output as compiling afresh."""
from __future__ import annotations

import jinja2
import pytest

from practice_hub.common import template_cache
from practice_hub.common.template_cache import TemplateCache

TEMPLATE = "{% for x in items %}\n  <li>{{ x }}</li>\n{% endfor %}\n{% trans %}Hello{% endtrans %}"


@pytest.fixture(autouse=True)
def empty_memory(monkeypatch):
    monkeypatch.setattr(template_cache, "_MEMORY", {})


def environment(folder, cache_folder, **options) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), auto_reload=False,
                             extensions=["jinja2.ext.i18n"], **options)
    env.install_null_translations()
    env.bytecode_cache = TemplateCache(cache_folder)
    return env


def compiled(monkeypatch) -> list:
    calls = []
    real = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        calls.append(name)
        return real(self, source, name, filename, raw, defer_init)
    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return calls


@pytest.mark.parametrize("on_disk", [True, False])
def test_a_new_environment_reuses_the_compiled_template_with_the_same_output(tmp_path, monkeypatch, on_disk):
    (tmp_path / "t.html").write_text(TEMPLATE)
    cache = tmp_path / "cache" if on_disk else None
    calls = compiled(monkeypatch)
    first = environment(tmp_path, cache).get_template("t.html").render(items=["<a>", "b"])
    if on_disk:
        monkeypatch.setattr(template_cache, "_MEMORY", {})   # a new process: from the disk
    second = environment(tmp_path, cache).get_template("t.html").render(items=["<a>", "b"])
    uncached = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), extensions=["jinja2.ext.i18n"])
    uncached.install_null_translations()
    assert calls == ["t.html"]
    assert first == second == uncached.get_template("t.html").render(items=["<a>", "b"])
    assert bool(on_disk) == bool(cache and list(cache.iterdir()))


def test_an_edited_template_or_other_settings_are_compiled_again(tmp_path, monkeypatch):
    (tmp_path / "t.html").write_text(TEMPLATE)
    calls = compiled(monkeypatch)
    cache = tmp_path / "cache"
    plain = environment(tmp_path, cache).get_template("t.html").render(items=["a"])
    trimmed = environment(tmp_path, cache, trim_blocks=True, lstrip_blocks=True).get_template("t.html").render(items=["a"])
    escaped = environment(tmp_path, cache, autoescape=True).get_template("t.html").render(items=["<a>"])
    assert len(calls) == 3 and plain != trimmed and "&lt;a&gt;" in escaped
    (tmp_path / "t.html").write_text(TEMPLATE.replace("<li>", "<li class='x'>"))
    assert "class='x'" in environment(tmp_path, cache).get_template("t.html").render(items=["a"])
    assert len(calls) == 4


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path):
    (tmp_path / "t.html").write_text(TEMPLATE)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    assert "<li>a</li>" in environment(tmp_path, blocked / "cache").get_template("t.html").render(items=["a"])
