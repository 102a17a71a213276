"""The hub: every source read and checked once, all problems at once, whatever order the plugins
are listed in; the same messages from `practice-hub check` as from the build; a preview that
sees an edit to any source."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from helpers import DEMO_TODAY, MKDOCS, ROOT, build_site, copy_repo, make_fixture_site, serving, wait_for
from practice_hub.common import yamlsource
from practice_hub.common.errors import SourceError

PRACTICE_HUB = str(Path(sys.executable).with_name("practice-hub"))
PAGE = ("---\ntitle: Guide\nsummary: A guide.\nowner: Principal Social Worker\napproved_by: Practice Quality Board\n"
        "last_reviewed: 2026-06-12\ntopics: [supervision]\n---\n# Guide\n\nSome guidance.\n")
CALENDAR = """\
courses:
  - id: supervision-skills
    title: Supervision skills
    category: practice-focus
    topics: [supervision]
    sessions:
      - {date: 2026-12-09, start: "09:30", end: "12:30"}
"""
EDITION = """---
title: November bulletin
month: 2026-11
status: published
practice_focus:
  title: Supervision
  topics: [supervision]
editor:
  name: Amara Okafor
  role: Principal Social Worker
  email: psw@example.org
---
Welcome.
"""
ARTICLE = "---\ntitle: A story\nauthor: A. Writer\norder: 1\n---\nWhat happened, and [the guide](guide.md).\n"
PLUGINS = ["practice-hub/handbook", "practice-hub/training", "practice-hub/bulletins", "practice-hub/governance"]


def fixture(root: Path) -> Path:
    return make_fixture_site(root, {"guide.md": PAGE}, calendar=CALENDAR,
                             bulletins={"2026-11/index.md": EDITION, "2026-11/01-story.md": ARTICLE},
                             config_extra="nav:\n  - index.md\n  - guide.md\n")


def files_in(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_the_order_of_the_plugins_in_mkdocs_yml_does_not_matter(tmp_path):
    config = fixture(tmp_path / "repo")
    env = {"PRACTICE_HUB_TODAY": DEMO_TODAY, "SOURCE_DATE_EPOCH": "1795424400"}
    first = build_site(config, tmp_path / "listed", env)
    assert first.returncode == 0, first.stdout + first.stderr
    text = config.read_text(encoding="utf-8")
    listed = "".join(f"  - {name}\n" for name in PLUGINS)
    assert listed in text
    config.write_text(text.replace(listed, "".join(f"  - {name}\n" for name in reversed(PLUGINS))), encoding="utf-8")
    second = build_site(config, tmp_path / "reversed", env)
    assert second.returncode == 0, second.stdout + second.stderr
    assert files_in(tmp_path / "listed") == files_in(tmp_path / "reversed")


def test_directory_urls_are_refused_with_a_message(tmp_path):
    config = fixture(tmp_path / "repo")
    config.write_text(config.read_text().replace("use_directory_urls: false", "use_directory_urls: true"))
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "set `use_directory_urls: false` in mkdocs.yml" in result.stderr


def break_every_source(root: Path) -> None:
    (root / "content" / "guide.md").write_text(PAGE.replace("title: Guide", "title: [Guide, Two]"))
    (root / "topics.yml").write_text("topics:\n  supervision: Supervision\n  supervision: Again\n")
    (root / "includes" / "abbreviations.md").write_text("*[CP]: Child Protection\nnot an entry\n")
    (root / "training_calendar" / "courses.yml").write_text(CALENDAR.replace("2026-12-09", "2026-12-32"))
    (root / "bulletins" / "2026-11" / "01-story.md").write_text(ARTICLE.replace("guide.md", "missing.md"))


EXPECTED = ["content/guide.md, line 2", "topics.yml, line 3", "includes/abbreviations.md, line 2",
            "training_calendar/courses.yml, line 7", "bulletins/2026-11/01-story.md"]


def problem_lines(output: str) -> list[str]:
    return sorted(line.strip() for line in output.splitlines() if re.match(r"\s+- \S+.*(line \d+|: )", line))


def test_every_problem_in_every_source_is_reported_at_once_by_the_build_and_by_check(tmp_path):
    config = fixture(tmp_path / "repo")
    break_every_source(config.parent)
    build = build_site(config, tmp_path / "site", {"PRACTICE_HUB_TODAY": DEMO_TODAY})
    check = subprocess.run([PRACTICE_HUB, "check", "--config", str(config)], capture_output=True, text=True,
                           env={**os.environ, "PRACTICE_HUB_TODAY": DEMO_TODAY})
    assert build.returncode != 0 and check.returncode == 1
    for output in (build.stderr, check.stdout):
        assert "Traceback" not in output
        for where in EXPECTED:
            assert where in output, f"{where!r} missing from:\n{output}"
    assert problem_lines(check.stdout) == problem_lines(build.stderr)   # the same messages, word for word
    assert not (tmp_path / "site").exists()


def test_check_passes_on_the_demo():
    result = subprocess.run([PRACTICE_HUB, "check"], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "PRACTICE_HUB_TODAY": DEMO_TODAY})
    assert result.returncode == 0, result.stdout
    assert "Everything checks out" in result.stdout


def test_no_plugin_reads_another_plugins_state():
    for plugin in (ROOT / "plugins" / "practice_hub").glob("*/plugin.py"):
        assert "config.plugins" not in plugin.read_text(encoding="utf-8"), plugin


# --- the preview --------------------------------------------------------------------------------

def test_the_preview_shows_an_edit_to_a_bulletin_or_a_calendar_and_recovers_from_a_mistake(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    with serving(repo) as (server, base):
        wait_for(base + "bulletins/2026/11/index.html", "Practice and Learning Bulletin", server, 120)
        article = repo / "bulletins" / "2026-11" / "01-three-houses-story.md"
        article.write_text(article.read_text(encoding="utf-8") + "\nA sentence added while previewing.\n", encoding="utf-8")
        wait_for(base + "bulletins/2026/11/index.html", "A sentence added while previewing.", server)

        calendar = repo / "training_calendar" / "practice-focus.yml"
        good = calendar.read_text(encoding="utf-8")
        calendar.write_text(good.replace('"Practice focus: motivational interviewing"',
                                         '"Practice focus: motivational interviewing, renamed"'), encoding="utf-8")
        course = base + "training/courses/practice-focus-2026-09-motivational-interviewing.html"
        wait_for(course, "motivational interviewing, renamed", server)

        calendar.write_text(good + "  - id: [broken\n", encoding="utf-8")   # a mistake: the preview keeps running
        time.sleep(3)
        assert server.poll() is None
        calendar.write_text(good, encoding="utf-8")                           # fixed: it recovers
        wait_for(course, "Practice focus: motivational interviewing<", server)

        template = repo / "overrides" / "partials" / "copyright.html"        # a template override
        template.write_text(template.read_text(encoding="utf-8") + "<!-- edited while previewing -->\n", encoding="utf-8")
        wait_for(base + "index.html", "edited while previewing", server)


@pytest.mark.parametrize("setting, value", [("calendar_dir", "../elsewhere"), ("calendar_dir", "/etc"),
                                            ("bulletins_dir", "../../bulletins")])
def test_a_source_folder_outside_the_project_is_refused(tmp_path, setting, value):
    config = fixture(tmp_path / "repo")
    (tmp_path / "elsewhere").mkdir()
    plugin = "practice-hub/training" if setting == "calendar_dir" else "practice-hub/bulletins"
    config.write_text(config.read_text().replace(f"  - {plugin}\n", f"  - {plugin}:\n      {setting}: {value}\n"))
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"`{setting}` points outside the project folder" in result.stderr


def test_dirty_builds_are_refused_because_pages_depend_on_other_files(tmp_path):
    config = fixture(tmp_path / "repo")
    result = subprocess.run([MKDOCS, "build", "--dirty", "-f", str(config), "-d", str(tmp_path / "site")],
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "`--dirty` would show out-of-date pages" in result.stderr


# The YAML loader's two shortcuts (a plain scalar's tag found once per text, a string taken
# straight from its node) must give exactly what PyYAML's own code gives, lines included.
TRICKY_YAML = """\
a: 15:00
b: [yes, no, on, off, true, False, null, ~, '', "", 0x1F, 1_000, 012, 1.5, .5, -3, +4, 1e3]
c: !!str 42
d: !!int "7"
e: &anchor {x: 1, y: [2, "three"]}
f: *anchor
g: 2026-02-30
h: |
  A block
  of text
i: "quoted: text"
'j k': {? [1, 2] : complex key}
"""


def _plain_pyyaml(loader):
    class Reference(loader):
        resolve = yaml.resolver.BaseResolver.resolve
        construct_object = yaml.constructor.BaseConstructor.construct_object
    return Reference


def _with_lines(value):
    if isinstance(value, yamlsource.LineDict):
        return ("map", value.line, value.key_lines, [(k, _with_lines(v)) for k, v in value.items()])
    if isinstance(value, yamlsource.LineList):
        return ("seq", value.line, value.item_lines, [_with_lines(v) for v in value])
    return (type(value).__name__, value)


@pytest.mark.parametrize("loader", [yamlsource._Loader, yamlsource.SettingsLoader])
def test_the_yaml_shortcuts_read_what_pyyaml_reads(loader):
    texts = [TRICKY_YAML, "x: 1\nx: 2\n", (ROOT / "mkdocs.yml").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "training_calendar").glob("*.yml"))]
    texts += [p.read_text(encoding="utf-8").split("---\n")[1] for p in sorted((ROOT / "content").rglob("*.md"))
              if p.read_text(encoding="utf-8").startswith("---\n")]
    assert len(texts) > 40
    for text in texts:
        results = []
        for loader_class in (loader, _plain_pyyaml(loader)):
            try:
                results.append(_with_lines(yamlsource.load_yaml_text(text, "f.yml", first_line=3,
                                                                       loader_class=loader_class)))
            except SourceError as err:
                results.append(err.report())
        assert results[0] == results[1]
    data = yamlsource.load_yaml_text(TRICKY_YAML, "f.yml")
    assert data["a"] == "15:00" and data["c"] == "42" and data["d"] == 7 and data["f"] == {"x": 1, "y": [2, "three"]}
