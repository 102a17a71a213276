"""What makes `mkdocs serve` (`make serve`) show an edit sooner; used only while previewing.

* :func:`poll_faster` (switched on by ``mkdocs_support.HubPlugin`` when MkDocs runs ``serve``)
  makes MkDocs' file watcher look for changes every 0.1 s instead of 0.5 s. It still polls
  (inotify does not work when the project sits on a network share).
* :class:`Kept` keeps one object (the bulletins' Markdown renderer) between preview rebuilds while
  what it was made from is the same.

Page conversions and search entries are kept between builds *and* preview rebuilds by
``build_cache.py``, which ``mkdocs build`` uses too.
"""
from __future__ import annotations

import logging

log = logging.getLogger("mkdocs.plugins.practice_hub.preview")

POLL_INTERVAL = 0.1   # seconds; MkDocs' own is 0.5


def poll_faster(server, interval: float = POLL_INTERVAL) -> bool:
    """Swap the not-yet-started watcher of MkDocs' LiveReloadServer for one that polls every
    `interval` seconds, watching the same paths with the same handlers. Anything not shaped as
    in MkDocs 1.6 leaves MkDocs' own watcher in place. True if swapped."""
    try:
        old = server.observer
        if old.is_alive() or not hasattr(server, "_watch_refs"):
            raise TypeError("the watcher is already running or has an unknown shape")
        new = type(old)(timeout=interval)
        with old._lock:
            scheduled = [(watch, set(handlers)) for watch, handlers in old._handlers.items()]
        moved = {}
        for watch, handlers in scheduled:
            for handler in handlers:
                moved[watch] = new.schedule(handler, watch.path, recursive=watch.is_recursive)
        refs = {path: moved[watch] for path, watch in server._watch_refs.items()}
    except Exception as err:   # MkDocs' watcher as it is: slower to notice an edit, nothing worse
        log.debug("Practice Hub: preview keeps MkDocs' file watcher (%s)", err)
        return False
    server.observer = new
    server._watch_refs = refs
    old.unschedule_all()
    return True


class Kept:
    """One object kept between preview rebuilds while the key it was made for is the same."""

    def __init__(self):
        self.key, self.value = None, None

    def get(self, key, make):
        if key is None:          # cannot be known: a new one every time
            return make()
        if key != self.key:
            self.key, self.value = key, make()
        return self.value
