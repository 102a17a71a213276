"""Named steps where the fault-injection tests kill publish, to prove no moment is unsafe.

Set PRACTICE_HUB_PUBLISH_KILL_AT=<step> and the process SIGKILLs itself on reaching that step,
exactly as a power cut or `kill -9` would stop it (no clean-up code runs).
"""
from __future__ import annotations

import os
import signal

KILL_AT_ENV = "PRACTICE_HUB_PUBLISH_KILL_AT"


def checkpoint(step: str) -> None:
    if os.environ.get(KILL_AT_ENV) == step:
        os.kill(os.getpid(), signal.SIGKILL)
