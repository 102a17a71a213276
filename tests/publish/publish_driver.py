"""Runs one publish or rollback in its own process for the kill tests, with a quick stand-in build
(the build is not what those tests are about; one of them kills a real build).

    python publish_driver.py publish TARGET CONFIG VERSION
    python publish_driver.py rollback TARGET

PRACTICE_HUB_PUBLISH_KILL_AT=<step> makes it SIGKILL itself at that step;
PUBLISH_DRIVER_NO_EXCHANGE=1 pretends the system cannot swap a folder and a link in one step.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from publish_support import fake_build, site_files

from practice_hub.publish import publisher, switch

KEEP = 2  # small, so the third publish already prunes


def main(action: str, target: str, config: str = "", version: str = "0") -> None:
    if os.environ.get("PUBLISH_DRIVER_NO_EXCHANGE"):
        switch.exchange = lambda first, second: False
    if action == "publish":
        print(publisher.publish(Path(target), Path(config), build=fake_build(site_files(int(version))), keep=KEEP))
    else:
        print(publisher.rollback(Path(target)))


if __name__ == "__main__":
    main(*sys.argv[1:])
