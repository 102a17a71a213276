"""What makes `mkdocs serve` (`make serve`) show an edit sooner; used only while previewing.

Two things, both switched on by ``mkdocs_support.HubPlugin`` when MkDocs runs ``serve``:

* :func:`poll_faster` makes MkDocs' file watcher look for changes every 0.1 s instead of 0.5 s.
  It still polls (inotify does not work when the project sits on a network share).
* :class:`SearchCache` keeps the search entries Material's search plugin makes from each page
  and reuses them when the page's HTML, contents, address, title and front matter are the same.
* :class:`RenderCache` keeps each page's converted Markdown between preview rebuilds and reuses
  it when nothing the conversion reads has changed, so a rebuild after one edit converts only
  the page that changed. The key is the *content* of everything the conversion reads (see
  :meth:`RenderCache.key`), never file times, and pages whose conversion logged anything are never
  kept, so the preview's warnings are the same as a normal build's. ``mkdocs build`` never uses it.
"""
from __future__ import annotations

import copy
import hashlib
import logging
import os

log = logging.getLogger("mkdocs.plugins.practice_hub.preview")

POLL_INTERVAL = 0.1   # seconds; MkDocs' own is 0.5

# Markdown extensions whose output depends only on the page's text and the extension's settings.
# A build that uses any other extension (it might read files or keep state) is not cached.
PURE_EXTENSIONS = frozenset({
    "abbr", "admonition", "attr_list", "def_list", "extra", "fenced_code", "footnotes", "md_in_html",
    "meta", "nl2br", "sane_lists", "smarty", "tables", "toc", "wikilinks", "legacy_attrs", "legacy_em",
    "pymdownx.details", "pymdownx.superfences", "pymdownx.tasklist", "pymdownx.caret", "pymdownx.mark",
    "pymdownx.tilde", "pymdownx.keys", "pymdownx.smartsymbols", "pymdownx.betterem", "pymdownx.tabbed",
})
SNIPPETS = "pymdownx.snippets"   # reads files: the files it can read are part of the key
SNIPPET_MARK = "8<"              # every snippet marker (--8<--, -8<-, ...) contains it


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


# MkDocs 1.6's and ProperDocs' (its fork) Page: render() reads what RenderCache.key digests.
KNOWN_PAGES = frozenset({"mkdocs.structure.pages", "properdocs.structure.pages"})


def _engine_logger(page) -> logging.Logger:
    """'mkdocs' or 'properdocs': where the engine's warnings go (and --strict counts them)."""
    return logging.getLogger(type(page).__module__.split(".")[0])


def conversion_inputs(names, configs: dict, base_path: list | None = None) -> list | None:
    """What a Markdown conversion with these extensions reads besides the text and the settings:
    the content of every file snippets' auto_append could read. None if that cannot be known (an
    extension not known to be pure, downloads, an appended file that includes other files).
    `base_path`: snippets' base path when its settings name none (else the working folder)."""
    if any(not isinstance(name, str) or (name not in PURE_EXTENSIONS and name != SNIPPETS) for name in names):
        return None
    if SNIPPETS not in names:
        return []
    settings = configs.get(SNIPPETS) or {}
    if settings.get("url_download"):
        return None
    bases = settings.get("base_path", base_path or ["."])
    bases = [bases] if isinstance(bases, str) else bases
    found = []
    for base in (os.path.abspath(b) for b in bases):
        for name in settings.get("auto_append") or []:
            for path in (os.path.join(base, name), base, os.path.join(os.path.dirname(base), name)):
                try:
                    with open(path, "rb") as file:
                        data = file.read()
                except OSError:
                    data = None
                if data is not None and SNIPPET_MARK.encode() in data:
                    return None   # an appended file that includes other files
                found.append((path, data))
    return found


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


class _Logged(logging.Handler):
    """Counts the log records emitted while a page is converted."""

    def __init__(self):
        super().__init__(logging.NOTSET)
        self.count = 0

    def emit(self, record):
        self.count += 1


class RenderCache:
    """Each page's last conversion (by src_uri) and the key it was made from."""

    def __init__(self):
        self.pages: dict[str, tuple[str, dict]] = {}
        self.hits = 0

    def install(self, page) -> None:
        """Make `page.render(config, files)` go through this cache (once per page object)."""
        if "render" in vars(page):
            return
        original = page.render

        def render(config, files):
            self.render(page, original, config, files)
        page.render = render

    def key(self, page, config, files) -> str | None:
        """A digest of everything Page.render reads, or None when that cannot be known."""
        if type(page).__module__ not in KNOWN_PAGES:
            return None   # a Page whose render() we have not read
        if _engine_logger(page).getEffectiveLevel() <= logging.DEBUG:
            return None   # --verbose: MkDocs keeps no links_to_anchors, and conversions log
        if page.markdown is None or SNIPPET_MARK in page.markdown:
            return None   # a snippet names a file: not cached
        names = config["markdown_extensions"]
        inputs = conversion_inputs(names, config["mdx_configs"] or {})
        if inputs is None:
            return None
        digest = hashlib.sha256()

        def add(*parts):
            for part in parts:
                data = part if isinstance(part, bytes) else repr(part).encode("utf-8", "surrogatepass")
                digest.update(len(data).to_bytes(8, "little"))
                digest.update(data)

        add(page.markdown, list(names), sorted((k, repr(v)) for k, v in (config["mdx_configs"] or {}).items()))
        add(page.file.src_uri, page.file.dest_uri, page.file.url, page.file.inclusion)
        add(config["use_directory_urls"], repr(config["validation"]))
        # Every link is looked up in the site's files: all their paths, addresses and inclusion.
        add([(f.src_uri, f.dest_uri, f.url, f.inclusion) for f in files])
        add(*inputs)
        return digest.hexdigest()

    def render(self, page, original, config, files) -> None:
        key = self.key(page, config, files)
        kept = self.pages.get(page.file.src_uri) if key else None
        if kept is not None and kept[0] == key:
            self._restore(page, kept[1], files)
            self.hits += 1
            return
        watcher = _Logged()
        loggers = [logging.getLogger(), _engine_logger(page)]   # the engine's logger does not propagate
        for logger in loggers:
            logger.addHandler(watcher)
        try:
            original(config, files)
        finally:
            for logger in loggers:
                logger.removeHandler(watcher)
        if key and not watcher.count and page.links_to_anchors is not None:
            self.pages[page.file.src_uri] = (key, self._saved(page))
        else:
            self.pages.pop(page.file.src_uri, None)

    @staticmethod
    def _saved(page) -> dict:
        return {"content": page.content, "toc": copy.deepcopy(page.toc),
                "title": page._title_from_render, "anchors": set(page.present_anchor_ids),
                "links": {target.src_uri: dict(links) for target, links in page.links_to_anchors.items()}}

    @staticmethod
    def _restore(page, saved: dict, files) -> None:
        page.content = saved["content"]
        page.toc = copy.deepcopy(saved["toc"])
        page._title_from_render = saved["title"]
        page.present_anchor_ids = set(saved["anchors"])
        page.links_to_anchors = {files.get_file_from_path(src): dict(links) for src, links in saved["links"].items()}


class SearchCache:
    """The search-index entries Material's search made from each page (by address), and the key."""

    def __init__(self):
        self.pages: dict[str, tuple[str, list]] = {}
        self.hits = 0

    def install(self, config) -> bool:
        """Route the search plugin's indexing of a page through this cache (once per index).
        Anything not shaped as Material 9's search plugin is left alone. True if installed."""
        for plugin in config.plugins.values():
            index = getattr(plugin, "search_index", None)
            if type(index).__name__ != "SearchIndex" or not type(index).__module__.startswith("material."):
                continue
            if "add_entry_from_context" in vars(index):
                return True
            if not isinstance(getattr(index, "entries", None), list):
                break
            original = index.add_entry_from_context

            def add_entry_from_context(page, index=index, original=original):
                self.add(index, original, page)
            index.add_entry_from_context = add_entry_from_context
            return True
        log.debug("Practice Hub: preview found no Material search index to speed up")
        return False

    @staticmethod
    def key(page) -> str:
        digest = hashlib.sha256()
        for part in (page.content, page.url, str(page.title), repr(page.meta), _outline(page.toc)):
            data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else repr(part).encode()
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)
        return digest.hexdigest()

    def add(self, index, original, page) -> None:
        key = self.key(page)
        kept = self.pages.get(page.url)
        if kept is not None and kept[0] == key:
            index.entries.extend(copy.deepcopy(kept[1]))
            self.hits += 1
            return
        before = len(index.entries)
        original(page)
        self.pages[page.url] = (key, copy.deepcopy(index.entries[before:]))


def _outline(items) -> list:
    return [(item.title, item.url, item.id, item.level, _outline(item.children)) for item in items or ()]


render_cache = RenderCache()
search_cache = SearchCache()
