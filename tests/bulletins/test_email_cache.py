"""Edition email copies (email.html and the .eml) come from a cache like the PDFs: an unchanged
edition's copies are reused, a change to anything that shapes their bytes makes them again, and
a cached build is byte for byte the build without the cache.

The demo site's own sources are copied and changed one input at a time; for each change the
copies made with the cache warmed by the unchanged sources must equal the copies made with no
cache at all, and must differ from the unchanged ones (so the change really reached the email).
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import DEMO_TODAY, ROOT, build_site, copy_repo

from practice_hub.bulletins import email_cache, service
from practice_hub.check import load_hub
from practice_hub.common import fingerprint
from practice_hub.common.cache import cache_dir
from practice_hub.routes import WHATS_NEW

SETTINGS = dict(site_url="https://hub.example.org/", site_name="Hub", organisation="Eastmere Children's Services",
                email_to="All staff <all@example.invalid>")


def email_files(repo: Path, cache: Path | None, **overrides) -> dict[str, bytes]:
    """Every edition's email.html and .eml, as the build makes them (no PDFs: they have their own cache)."""
    hub = load_hub(repo / "mkdocs.yml")
    settings = service.Settings(**{**SETTINGS, **overrides}, make_pdf=False, email_cache_dir=cache,
                                markdown=hub.settings.markdown, project_root=repo)
    _, files = service.outputs(hub.published_editions(), hub.calendar, hub.handbook, settings,
                               records=list(hub.records.values()), figures=hub.figures, whats_new=WHATS_NEW)
    return {path: data for path, data in files.items() if path.endswith(("email.html", ".eml"))}


def made(monkeypatch) -> list:
    calls = []
    real = service._email_copies

    def counting(copy, *args):
        calls.append(copy.edition.month)
        return real(copy, *args)
    monkeypatch.setattr(service, "_email_copies", counting)
    return calls


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.setenv("PRACTICE_HUB_TODAY", DEMO_TODAY)
    return copy_repo(tmp_path / "repo")


def edit(repo: Path, path: str, old: str, new: str, count: int = 1) -> None:
    file = repo / path
    text = file.read_text(encoding="utf-8")
    assert old in text, (path, old)
    file.write_text(text.replace(old, new, count), encoding="utf-8")


# Each source an email copy is made from, changed the way an author would change it.
SOURCE_CHANGES = {
    "an article": lambda r: edit(r, "bulletins/2026-11/01-three-houses-story.md", "\n---\n", "\n---\nA new first line.\n\n"),
    "the welcome": lambda r: edit(r, "bulletins/2026-11/index.md", "Hello and welcome", "Hello, and welcome"),
    "the figures commentary": lambda r: edit(r, "bulletins/2026-11/index.md", "first month this year", "first month in 2026"),
    "a figure": lambda r: edit(r, "bulletins/figures.yml", "cp-visits-on-time: 91.2", "cp-visits-on-time: 91.7"),
    "a course in the training month": lambda r: edit(r, "training_calendar/court-skills.yml",
                                                      '"Court skills 3: pre-proceedings and the PLO"',
                                                      '"Court skills 3: pre-proceedings, and the PLO"'),
    "a practice focus page's title": lambda r: edit(r, "content/signs-of-safety/three-houses.md",
                                                    "title: The three houses", "title: The three houses tool"),
    "the glossary": lambda r: edit(r, "includes/abbreviations.md", "*[IRO]: Independent Reviewing Officer",
                                   "*[IRO]: Independent Reviewing Officer (IRO)"),
}
SETTING_CHANGES = {"site_url": "https://intranet.example.org/hub/", "email_to": "Everyone <everyone@example.invalid>",
                   "organisation": "Westmere Children's Services", "call_for_contributions": "Write to us."}


def test_an_unchanged_build_reuses_every_copy_and_gives_the_same_bytes(repo, tmp_path, monkeypatch):
    calls = made(monkeypatch)
    cache = tmp_path / "cache"
    first = email_files(repo, cache)
    assert len(calls) == len(first) // 2 >= 3          # every published edition made once
    second = email_files(repo, cache)
    assert len(calls) == len(first) // 2                # and none made again
    assert second == first == email_files(repo, None)   # cached, uncached: the same bytes
    assert len(list(cache.iterdir())) == len(first)     # one email.html and one .eml per edition


@pytest.mark.parametrize("change", SOURCE_CHANGES)
def test_a_change_to_any_source_of_an_email_makes_it_again(repo, tmp_path, change):
    cache = tmp_path / "cache"
    before = email_files(repo, cache)                   # warms the cache
    SOURCE_CHANGES[change](repo)
    uncached = email_files(repo, None)
    assert uncached != before, f"changing {change} should change an email copy"
    assert email_files(repo, cache) == uncached         # never the stale copy
    assert len(list(cache.iterdir())) == len(before)    # the old copies of the changed edition are dropped


@pytest.mark.parametrize("name", SETTING_CHANGES)
def test_a_change_to_a_setting_makes_every_email_again(repo, tmp_path, name):
    cache = tmp_path / "cache"
    before = email_files(repo, cache)
    uncached = email_files(repo, None, **{name: SETTING_CHANGES[name]})
    changed = {path.rsplit("/", 1)[0] for path in uncached if uncached[path] != before[path]}
    assert changed == {path.rsplit("/", 1)[0] for path in before}   # every edition (To: only the .eml)
    assert email_files(repo, cache, **{name: SETTING_CHANGES[name]}) == uncached


def test_the_key_covers_our_code_templates_and_library_versions(tmp_path, monkeypatch):
    package = tmp_path / "practice_hub"
    shutil.copytree(fingerprint.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fingerprint, "PACKAGE", package)
    fingerprint._python_digest.cache_clear()

    def key() -> str:
        return email_cache.EmailCache(tmp_path / "cache").key(print_html="<p>x</p>", text="x",
                                                                site_url="https://hub.example.org/", to_address="a@b")
    keys = [key()]
    template = package / "bulletins" / "templates" / "email.html"
    template.write_text(template.read_text(encoding="utf-8") + "<!-- edited -->\n", encoding="utf-8")
    keys.append(key())                                  # a template edited: read again on every build
    code = package / "bulletins" / "email.py"
    code.write_text(code.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    fingerprint._python_digest.cache_clear()            # Python code counts as loaded by the process
    keys.append(key())
    versions = email_cache.library_versions(email_cache.LIBRARIES)
    assert "css-inline " in versions and "markdown " in versions and "missing" not in versions
    monkeypatch.setattr(email_cache, "library_versions", lambda names: versions.replace("css-inline ", "css-inline 0-"))
    keys.append(key())
    assert len(set(keys)) == len(keys)
    fingerprint._python_digest.cache_clear()


def test_off_means_no_cache_and_a_cache_that_cannot_be_written_only_costs_time(repo, tmp_path, monkeypatch):
    monkeypatch.setenv("PRACTICE_HUB_CACHE_DIR", "off")
    assert cache_dir(repo, ".cache/practice-hub/bulletin-emails", "bulletin-emails") is None
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    assert email_files(repo, blocked / "cache") == email_files(repo, None)


def test_a_site_built_with_the_cache_is_byte_identical_to_one_built_without(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    env = {"PRACTICE_HUB_TODAY": DEMO_TODAY, "SOURCE_DATE_EPOCH": "1795424400"}
    sites = {}
    for name, cache in (("warming", tmp_path / "cache"), ("cached", tmp_path / "cache"), ("uncached", "off")):
        result = build_site(repo / "mkdocs.yml", tmp_path / name, {**env, "PRACTICE_HUB_CACHE_DIR": str(cache)})
        assert result.returncode == 0, result.stderr[-3000:]
        sites[name] = {p.relative_to(tmp_path / name).as_posix(): p.read_bytes()
                       for p in sorted((tmp_path / name).rglob("*")) if p.is_file()}
    assert sites["cached"] == sites["uncached"] == sites["warming"]
    assert list((tmp_path / "cache" / "bulletin-emails").glob("*.eml"))
    assert [p for p in sites["cached"] if re.search(r"bulletins/\d{4}/\d\d/.*\.eml$", p)]
