"""Every session's own .ics (issue 16): at 50,000 sessions the build no longer holds them all as
MkDocs files until the end; the plugin writes them one at a time after the build. They must be
exactly the files the section made before, one per session, and every link to one must resolve.
"""
from __future__ import annotations

import inspect
import re
from datetime import timedelta
from posixpath import dirname, join, normpath
from types import SimpleNamespace

from test_scale import TODAY, make_calendar, spread

from practice_hub.training import service
from practice_hub.training.ics import session_file_path
from practice_hub.training.pages import expand_html_blocks
from practice_hub.mkdocs_support import MadeLater
from practice_hub.training.plugin import TrainingPlugin

OPTIONS = dict(site_url="https://hub.example.org/", site_name="Hub", feed_past_days=90)


def calendar_of(sessions: int):
    return make_calendar(spread(sessions, TODAY - timedelta(days=2 * 365), TODAY + timedelta(days=365)))


def test_streamed_session_files_are_the_same_files_one_per_session():
    calendar = calendar_of(3_000)
    _, every = service.outputs(calendar, {"handbook": {}, "topics": {}}, TODAY, **OPTIONS)
    later: list = []
    _, files = service.outputs(calendar, {"handbook": {}, "topics": {}}, TODAY, later_files=later, **OPTIONS)
    assert len(later) == 1 and inspect.isgenerator(later[0])    # made when written, not before
    # The feeds are made when written too: a function per feed, each making that feed's bytes.
    feeds = {path for path in every if not path.startswith("training/calendars/sessions/")
             and path.endswith(".ics")}
    assert feeds and all(callable(files[path]) for path in feeds)
    made = {path: make() if callable(make) else make for path, make in files.items()}
    streamed = dict(later[0])
    assert not any(path.startswith("training/calendars/sessions/") for path in files)
    assert {**made, **streamed} == every
    assert set(streamed) == {session_file_path(s) for c in calendar.courses for s in c.sessions}
    assert len(streamed) == 3_000


def test_the_plugin_writes_every_session_file_into_the_site_and_every_link_resolves(tmp_path):
    calendar = calendar_of(1_500)
    blocks: dict = {}
    plugin = TrainingPlugin()
    plugin.later_files = []
    pages, files = service.outputs(calendar, {"handbook": {}, "topics": {}}, TODAY, html_blocks=blocks,
                                   later_files=plugin.later_files, **OPTIONS)
    plugin.on_post_build(config=SimpleNamespace(site_dir=str(tmp_path)))
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.ics")}
    assert written == {session_file_path(s) for c in calendar.courses for s in c.sessions}
    files = {path: make() if callable(make) else make for path, make in files.items()}
    assert plugin.later_files == []                              # nothing kept for the next build
    links = 0
    for src, markdown in pages.items():
        for href in re.findall(r'href="([^"#]+\.ics)"', expand_html_blocks(markdown, blocks)):
            target = normpath(join(dirname(src), href))
            assert target in written or target in files, f"{src} links to {target}, which is not written"
            links += 1
    assert links >= 1_000
    one = next(iter(written))
    assert (tmp_path / one).read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


def test_a_feed_is_made_when_mkdocs_writes_it_and_not_kept(tmp_path):
    calls = []

    def make() -> bytes:
        calls.append(1)
        return b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    config = SimpleNamespace(site_dir=str(tmp_path), use_directory_urls=False)
    feed = MadeLater(config, "training/calendars/all.ics", make, generated_by="practice-hub/training")
    assert calls == [] and feed.url == "training/calendars/all.ics" and feed._content is None
    feed.copy_file()
    assert (tmp_path / "training/calendars/all.ics").read_bytes() == make() and len(calls) == 2
    assert feed.content_bytes == make() and feed._content is None and feed.is_modified()
