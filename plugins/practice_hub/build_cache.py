"""Page conversions and search entries kept between builds, for `mkdocs build` and `mkdocs serve`.

A routine rebuild converts the same Markdown to the same HTML and indexes the same HTML for search
again; these two caches skip that work when nothing it reads has changed:

* :class:`RenderCache` keeps each page's Markdown conversion (its HTML, table of contents, title,
  anchors and links to other pages' anchors). The key is a digest of the *content* of everything
  the conversion reads (see :meth:`RenderCache.key`) and the versions of the programs that do it,
  never file times. A page whose conversion logged anything is never kept, so every build shows
  (and ``--strict`` fails on) the same warnings, cached or not.
* :class:`SearchCache` keeps the search entries Material's search plugin makes from each page,
  keyed by the page's HTML, address, title, contents, the front matter the indexer reads, the
  search plugin's settings and Material's version.

Each entry is kept in memory (a preview rebuild reads nothing from disk) and, unless caching is off,
as one JSON file named by its key under the project's cache folder (common/cache.py). An entry that
cannot be read, or is not what this version writes, is a miss; a folder that cannot be written only
costs time. After a successful build the files of entries it did not use are deleted.

MkDocs' own objects are only touched through the page and search index handed in, so this works
for MkDocs 1.6 and ProperDocs alike (``KNOWN_PAGES``).
"""
from __future__ import annotations

import datetime
import functools
import hashlib
import json
import logging
import os
import sys
import types
import weakref
from importlib import metadata
from pathlib import Path

from .common import link_lists
from .common.cache import prune, read_cached, write_atomically

log = logging.getLogger("mkdocs.plugins.practice_hub.build_cache")

FORMAT = 2   # what an entry file holds; change it whenever that changes
PAGES_CACHE = ".cache/practice-hub/pages"     # relative to mkdocs.yml, like the other caches
SEARCH_CACHE = ".cache/practice-hub/search"

# Markdown extensions whose output depends only on the page's text and the extension's settings.
# A build that uses any other extension (it might read files or keep state) is not cached.
PURE_EXTENSIONS = frozenset({
    "abbr", "admonition", "attr_list", "def_list", "extra", "fenced_code", "footnotes", "md_in_html",
    "meta", "nl2br", "sane_lists", "smarty", "tables", "toc", "wikilinks", "legacy_attrs", "legacy_em",
    "pymdownx.details", "pymdownx.superfences", "pymdownx.tasklist", "pymdownx.caret", "pymdownx.mark",
    "pymdownx.tilde", "pymdownx.keys", "pymdownx.smartsymbols", "pymdownx.betterem", "pymdownx.tabbed",
    # Ours: a page's marker names its list by digest, so the page's text decides the output.
    link_lists.EXTENSION,
})
SNIPPETS = "pymdownx.snippets"   # reads files: the files it can read are part of the key
# Every snippet marker (--8<--, -8<-, ...) contains it: snippets' patterns need a dash on each side.
# ("8<" alone is in any page with "18</td>" or "2028</a>".)
SNIPPET_MARK = "-8<-"

# MkDocs 1.6's and ProperDocs' (its fork) Page: render() reads what RenderCache.key digests.
KNOWN_PAGES = frozenset({"mkdocs.structure.pages", "properdocs.structure.pages"})
# Functions named in extension settings are described by name only when these programs (whose
# versions are in the key) define them; anything else cannot be known from a description.
KNOWN_CODE = ("markdown", "pymdownx")


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


class Unknowable(ValueError):
    """A setting whose effect cannot be told from a description (an object of our users' own)."""


def describe(value):
    """A description of a settings value that is equal exactly when the values are, in every
    process (``repr`` of a function or object holds its memory address, which may repeat)."""
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return type(value).__name__, value if type(value) in (bool, int, float, str, bytes) else str(value)
    if isinstance(value, dict) or hasattr(value, "items"):
        return "map", tuple((describe(k), describe(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "list", tuple(describe(item) for item in value)
    if isinstance(value, (set, frozenset)):
        return "set", tuple(sorted(repr(describe(item)) for item in value))
    if isinstance(value, (datetime.date, datetime.time)):
        return type(value).__name__, value.isoformat()
    if isinstance(value, functools.partial):
        return "partial", describe(value.func), describe(value.args), describe(value.keywords)
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)):
        module = getattr(value, "__module__", "") or ""
        if module.split(".")[0] in KNOWN_CODE:
            return "code", module, value.__qualname__
    raise Unknowable(f"cannot describe {type(value).__name__}")


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


@functools.lru_cache(maxsize=None)
def program_versions(*distributions: str) -> tuple:
    """This cache's format, Python's version and the versions of `distributions`."""
    return (FORMAT, sys.version, *((name, _version(name)) for name in distributions))


class _Digest:
    def __init__(self):
        self.hash = hashlib.sha256()

    def add(self, *parts) -> _Digest:
        for part in parts:
            if isinstance(part, str):   # a page's text: no need to make its repr first
                data = part.encode("utf-8", "surrogatepass")
            else:
                data = part if isinstance(part, bytes) else repr(part).encode("utf-8", "surrogatepass")
            self.hash.update(len(data).to_bytes(8, "little"))
            self.hash.update(data)
        return self

    def hex(self) -> str:
        return self.hash.hexdigest()


class EntryFiles:
    """Entries on disk: one JSON file per key in `folder` (None: kept in memory only)."""

    def __init__(self):
        self.folder: Path | None = None
        self.used: set[str] = set()   # keys this build read or wrote

    def start(self, folder: Path | None) -> None:
        self.folder, self.used = folder, set()

    def read(self, key: str):
        """The value kept for `key`, or None (none kept, unreadable, or another format)."""
        if self.folder is None:
            return None
        data = read_cached(self.folder / f"{key}.json")
        if data is None:
            return None
        try:
            entry = json.loads(data)
        except (ValueError, RecursionError):   # half-written by hand, or not ours
            return None
        if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != key:
            return None
        self.used.add(key)
        return entry.get("value")

    def write(self, key: str, text: str) -> None:
        """Keep `text`, the JSON of a value (written beside and renamed: never half-written)."""
        self.used.add(key)
        if self.folder is not None:
            entry = f'{{"format":{FORMAT},"key":{json.dumps(key)},"value":{text}}}'
            write_atomically(self.folder / f"{key}.json", entry.encode("ascii"))

    def prune(self) -> None:
        """Delete the entries this build did not use (pages deleted, or changed since)."""
        if self.folder is not None:
            prune(self.folder, {f"{key}.json" for key in self.used}, ("*.json",))


def _engine_logger(page) -> logging.Logger:
    """'mkdocs' or 'properdocs': where the engine's warnings go (and --strict counts them)."""
    return logging.getLogger(type(page).__module__.split(".")[0])


class _Logged(logging.Handler):
    """Counts the log records emitted while a page is converted."""

    def __init__(self, level=logging.NOTSET):
        super().__init__(level)
        self.count = 0

    def emit(self, record):
        self.count += 1


class RenderCache:
    """Each page's conversion, in memory by src_uri (for the preview) and on disk by key."""

    def __init__(self):
        self.pages: dict[str, tuple[str, dict]] = {}
        self.files = EntryFiles()
        self.hits = self.misses = 0
        self._shared: tuple = (None, None, 0, None)   # (config, files, len(files), digest) of one build

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
        shared = self._shared_digest(page, config, files)
        if shared is None:
            return None
        file = page.file
        return _Digest().add(shared, page.markdown, file.src_uri, file.dest_uri, file.url, file.inclusion).hex()

    def _shared_digest(self, page, config, files) -> str | None:
        """What every page's conversion in this build reads, digested once per build."""
        kept_config, kept_files, size, digest = self._shared
        if kept_config is not None and kept_config() is config and kept_files() is files and size == len(files):
            return digest
        names = config["markdown_extensions"]
        inputs = conversion_inputs(names, config["mdx_configs"] or {})
        try:
            settings = describe(config["mdx_configs"] or {}), describe(config["validation"])
        except Unknowable:
            inputs = None
        if inputs is None:
            digest = None
        else:
            engine = type(page).__module__.split(".")[0]
            digest = _Digest().add(
                program_versions("markdown", "pymdown-extensions", engine), list(names), settings,
                config["use_directory_urls"], *inputs).hex()
        self._shared = (weakref.ref(config), weakref.ref(files), len(files), digest)
        return digest

    def render(self, page, original, config, files) -> None:
        key = self.key(page, config, files)
        saved = self._find(page.file.src_uri, key) if key else None
        if saved is not None and not _lookups_hold(saved, files):
            saved = None   # a file it links to was added, removed or moved: converted again
        if saved is not None:
            try:
                fields = _restored(page, saved, files)
            except (KeyError, TypeError, ValueError, AttributeError, IndexError):
                fields = None   # not what this version keeps: converted again
            if fields is not None:
                page.content, page.toc, page._title_from_render, page.present_anchor_ids, page.links_to_anchors = fields
                self.hits += 1
                return
        self.misses += 1
        watcher = _Logged()
        loggers = [logging.getLogger(), _engine_logger(page)]   # the engine's logger does not propagate
        for logger in loggers:
            logger.addHandler(watcher)
        lookups = _record_lookups(files)
        try:
            original(config, files)
        finally:
            _stop_recording(files)
            for logger in loggers:
                logger.removeHandler(watcher)
        if key and not watcher.count and page.links_to_anchors is not None:
            saved = _saved(page, lookups)
            self.pages[page.file.src_uri] = (key, saved)
            self.files.write(key, json.dumps(saved))
        else:
            self.pages.pop(page.file.src_uri, None)

    def _find(self, src_uri: str, key: str) -> dict | None:
        kept = self.pages.get(src_uri)
        if kept is not None and kept[0] == key:
            self.files.used.add(key)
            return kept[1]
        saved = self.files.read(key)
        if isinstance(saved, dict):
            self.pages[src_uri] = (key, saved)
            return saved
        return None


def _saved(page, lookups: dict) -> dict:
    """A page's conversion as plain data (JSON), with the files its links were looked up as."""
    return {"content": page.content, "toc": _toc_items(page.toc), "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids),
            "links": [[target.src_uri, links] for target, links in page.links_to_anchors.items()],
            "lookups": sorted([path, facts] for path, facts in lookups.items())}


# A conversion looks files up only to resolve links (MkDocs' relative-path step): it depends on the
# site's files only through the paths it asked for. Each is recorded with what it found (or that
# nothing was there), and a kept conversion is reused only while every one still finds the same,
# so adding a page elsewhere (a new bulletin edition) does not convert every page again.

def _file_facts(file) -> list | None:
    return None if file is None else [file.src_uri, file.dest_uri, file.url, file.inclusion.name]


def _record_lookups(files) -> dict:
    lookups: dict[str, list | None] = {}
    look_up = files.get_file_from_path

    def get_file_from_path(path):
        found = look_up(path)
        lookups[path] = _file_facts(found)
        return found
    files.get_file_from_path = get_file_from_path   # this object only, until _stop_recording
    return lookups


def _stop_recording(files) -> None:
    vars(files).pop("get_file_from_path", None)


def _lookups_hold(saved: dict, files) -> bool:
    lookups = saved.get("lookups")
    if not isinstance(lookups, list):
        return False
    try:
        return all(_file_facts(files.get_file_from_path(path)) == facts for path, facts in lookups)
    except (TypeError, ValueError, AttributeError):
        return False   # not what this version keeps


def _toc_items(items) -> list:
    return [[item.title, item.id, item.level, _toc_items(item.children)] for item in items]


def _restored(page, saved: dict, files) -> tuple:
    """The conversion's fields for `page`: new objects each time (plugins may change them), the
    table of contents made by the engine's own get_toc as Page.render makes it."""
    content, title = saved["content"], saved["title"]
    if not isinstance(content, str) or not (title is None or isinstance(title, str)):
        raise TypeError("not a kept conversion")
    get_toc = sys.modules[type(page).__module__].get_toc
    toc = get_toc([_toc_token(item) for item in saved["toc"]])
    anchors = {_text(anchor) for anchor in saved["anchors"]}
    links = {}
    for src_uri, targets in saved["links"]:
        target = files.get_file_from_path(src_uri)
        if target is None or not isinstance(targets, dict):
            raise ValueError("a linked page is missing")
        links[target] = {_text(anchor): _text(link) for anchor, link in targets.items()}
    return content, toc, title, anchors, links


def _toc_token(item) -> dict:
    title, anchor, level, children = item
    if not isinstance(level, int):
        raise TypeError("not a heading level")
    return {"name": _text(title), "id": _text(anchor), "level": level,
            "children": [_toc_token(child) for child in children]}


def _text(value) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


class SearchCache:
    """The search entries Material's search made from each page: in memory by address (for the
    preview) and on disk by key."""

    def __init__(self):
        self.pages: dict[str, tuple[str, str]] = {}
        self.files = EntryFiles()
        self.hits = self.misses = 0

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
        log.debug("Practice Hub: found no Material search index to cache")
        return False

    @staticmethod
    def key(index, page) -> str | None:
        """A digest of everything Material's add_entry_from_context reads, or None if unknowable."""
        if getattr(sys.modules.get(type(index).__module__), "jieba", None) is not None:
            return None   # Chinese word splitting reads dictionaries we do not digest
        meta = page.meta or {}
        try:
            settings = describe(index.config)
            front_matter = describe([meta.get("search"), meta.get("title"), meta.get("tags")])
        except Unknowable:
            return None
        return _Digest().add(program_versions("mkdocs-material"), settings, front_matter, page.content, page.url,
                             str(page.title), _outline(page.toc)).hex()

    def add(self, index, original, page) -> None:
        key = self.key(index, page)
        entries = self._find(page.url, key) if key else None
        if entries is not None:
            index.entries.extend(entries)
            self.hits += 1
            return
        self.misses += 1
        before = len(index.entries)
        original(page)
        if key is None:
            return
        try:
            # As Material writes the index (default=str): entries read back give the same file.
            text = json.dumps(index.entries[before:], separators=(",", ":"), default=str)
        except (TypeError, ValueError):
            return
        self.pages[page.url] = (key, text)
        self.files.write(key, text)

    def _find(self, url: str, key: str) -> list | None:
        """New copies of the entries kept for `key` (plugins may change them), or None."""
        kept = self.pages.get(url)
        if kept is not None and kept[0] == key:
            self.files.used.add(key)
            return json.loads(kept[1])
        entries = self.files.read(key)
        if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
            return None
        self.pages[url] = (key, json.dumps(entries, separators=(",", ":")))
        return entries


def _outline(items) -> list:
    return [(item.title, item.url, item.id, item.level, _outline(item.children)) for item in items or ()]


class BuildWatch:
    """Warnings logged during one build: a strict build with any fails, and then prunes nothing."""

    def __init__(self):
        self.counter = _Logged(logging.WARNING)
        self.logger: logging.Logger | None = None

    def start(self, engine: str) -> None:
        self.stop()
        self.counter.count = 0
        self.logger = logging.getLogger(engine)
        self.logger.addHandler(self.counter)

    def stop(self) -> int:
        if self.logger is not None:
            self.logger.removeHandler(self.counter)
            self.logger = None
        return self.counter.count


render_cache = RenderCache()
search_cache = SearchCache()
build_watch = BuildWatch()


def start_build(folders: dict[str, Path | None], engine: str) -> None:
    """A build begins: entries are read from and written to `folders` ("pages", "search")."""
    for cache, name in ((render_cache, "pages"), (search_cache, "search")):
        cache.files.start(folders.get(name))
        cache.hits = cache.misses = 0
    build_watch.start(engine)


def finish_build(strict: bool) -> None:
    """The build wrote every page: unless it failed (a warning in a strict build), forget the
    entries of pages it did not build."""
    warnings = build_watch.stop()
    log.debug("Practice Hub: reused %d of %d page conversions and %d of %d pages' search entries",
              render_cache.hits, render_cache.hits + render_cache.misses,
              search_cache.hits, search_cache.hits + search_cache.misses)
    if strict and warnings:
        return
    render_cache.files.prune()
    search_cache.files.prune()


def abandon_build() -> None:
    """The build failed: keep every entry (the next build may need them)."""
    build_watch.stop()
