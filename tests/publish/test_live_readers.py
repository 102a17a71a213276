"""Someone keeps opening the live site while it is published over and over: no open ever fails.

The reader is a separate process (as a web server would be), opening index.html and a nested
file through the live path in a tight loop. The earlier two-rename switch failed this test
thousands of times over a run like this one.
"""
from __future__ import annotations

import subprocess
import sys
import time

from helpers import make_fixture_site
from publish_support import fake_build, site_files

from practice_hub.publish import publisher
from practice_hub.publish.layout import Layout, complete_releases

READER = r"""
import sys, time
from pathlib import Path
live, stop = Path(sys.argv[1]), Path(sys.argv[2])
opened = missing = 0
while not stop.exists():
    for name in ("index.html", "assets/app.js"):
        try:
            with open(live / name, "rb") as handle:
                if not handle.read().strip():
                    missing += 1
            opened += 1
        except OSError:
            missing += 1
print(opened, missing)
"""
PUBLISHES = 20
SWITCHES = 300  # rollback and back again: the switch alone, many times, for a tight race


def test_readers_never_miss_a_file_while_publishing_and_rolling_back(tmp_path):
    config = make_fixture_site(tmp_path / "repo", {})
    live, stop = tmp_path / "live", tmp_path / "stop"
    publisher.publish(live, config, build=fake_build(site_files(0)), say=lambda note: None)
    reader = subprocess.Popen([sys.executable, "-c", READER, str(live), str(stop)], stdout=subprocess.PIPE, text=True)
    try:
        time.sleep(0.2)
        for version in range(1, PUBLISHES + 1):
            publisher.publish(live, config, build=fake_build(site_files(version % 10)), yes=True, keep=3,
                              say=lambda note: None)
            if version % 5 == 0:
                publisher.rollback(live, say=lambda note: None)
        newest = complete_releases(Layout(live))[-1].name
        for _ in range(SWITCHES // 2):
            publisher.rollback(live, say=lambda note: None)
            publisher.rollback(live, to=newest, say=lambda note: None)
    finally:
        stop.touch()
        out, _ = reader.communicate(timeout=60)
    opened, missing = map(int, out.split())
    assert opened > 10_000, "the reader must really have been reading during the publishes"
    assert missing == 0, f"{missing} of {opened} opens found no file"
