"""Which program builds the site: MkDocs 1.6 (the default) or ProperDocs, its maintained drop-in fork.

Both read the same mkdocs.yml and run the same plugins, and the tests check that they give the
same site. `PRACTICE_HUB_ENGINE` (set by `make ENGINE=...`) chooses for `publish` too.
"""
from __future__ import annotations

import os
import sys

ENGINES = ("mkdocs", "properdocs")
SETTING = "PRACTICE_HUB_ENGINE"


class UnknownEngine(ValueError):
    pass


def chosen_engine() -> str:
    name = os.environ.get(SETTING, "").strip() or ENGINES[0]
    if name not in ENGINES:
        raise UnknownEngine(f"{SETTING} is set to {name!r}, which is not a site builder Practice Hub knows. "
                            f"Set it to one of: {', '.join(ENGINES)} (or leave it unset for mkdocs).")
    return name


def engine_command(name: str | None = None) -> list[str]:
    """The command line that starts the engine with this project's Python."""
    return [sys.executable, "-m", name or chosen_engine()]
