"""The few MkDocs-specific helpers every plugin shares (adapter side only).

Core modules raise :class:`~practice_hub.common.errors.SourceError`; plugins turn it into a
MkDocs ``PluginError`` so ``mkdocs build`` prints the plain-English report and stops, without
a traceback. Load and check sources in ``on_config``/``on_pre_build``: that runs before MkDocs
cleans ``site/``, so bad input never damages what was built before.
"""
from __future__ import annotations

import contextlib
import gc
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from . import build_cache
from .common import link_lists
from .common.cache import cache_dir
from .common.errors import SourceError
from .common.template_cache import TemplateCache
from .preview import poll_faster
from .hub import PLUGIN_NAMES, Hub, HubSettings
from .routes import check_url_style


@contextlib.contextmanager
def source_errors_as_build_errors(feature: str):
    """Turn SourceError raised inside the block into a clean MkDocs build error."""
    try:
        yield
    except SourceError as err:
        raise PluginError(f"[{feature}] {err.report()}") from None


def add_generated(files: Files, config, src_uri: str, content: str | bytes,
                  in_nav: bool = False) -> File:
    """Add (or replace) a generated page or asset in the MkDocs file collection."""
    inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
    return put_file(files, File.generated(config, src_uri, content=content, inclusion=inclusion))


def put_file(files: Files, file: File) -> File:
    """Add ``file`` to the collection, in place of any file already at its path."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)
    return file



class MadeLater(File):
    """A generated file in MkDocs' files like any other (so a Markdown link to it is a known
    file) whose bytes are made only when asked for, by ``make()``, and not kept: the training
    feeds (over 100 MB together at 50,000 sessions to come), made as MkDocs writes them; and, with
    ``written_by_plugin``, the bulletin PDFs, still rendering while the pages are built and
    written by their plugin after them (anything asking for their bytes sooner waits)."""

    def __init__(self, config, src_uri: str, make, *, generated_by: str, written_by_plugin: bool = False):
        super().__init__(src_uri, src_dir=None, dest_dir=config.site_dir,
                         use_directory_urls=config.use_directory_urls, inclusion=InclusionLevel.NOT_IN_NAV)
        self.generated_by = generated_by
        self._make = make
        self._written_by_plugin = written_by_plugin

    @property
    def content_bytes(self) -> bytes:
        return self._make()

    @property
    def content_string(self) -> str:
        return self.content_bytes.decode("utf-8-sig")   # as MkDocs' own File reads text

    def is_modified(self) -> bool:
        return True

    def copy_file(self, dirty: bool = False) -> None:
        if self._written_by_plugin:
            return
        output = Path(self.abs_dest_path)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(self._make())

class HubPlugin(BasePlugin):
    """What every Practice Hub plugin shares: the one hub of the build, loaded by whichever of
    them runs first (so their order in mkdocs.yml does not matter), a preview that watches
    every source the hub reads, and page conversions and search entries kept between builds
    (build_cache.py)."""

    def on_startup(self, *, command, dirty):
        # Kept across `mkdocs serve` rebuilds (MkDocs keeps plugins that have on_startup).
        _build["serving"] = command == "serve"
        if dirty:
            # --dirty rebuilds only the pages whose own file changed, but ours depend on other
            # sources (a handbook page shows upcoming training), so it would show stale pages.
            raise PluginError("Practice Hub: `--dirty` would show out-of-date pages, because pages show "
                              "training, bulletins and review dates from other files. Run it without `--dirty` "
                              "(`make serve` does).")

    def hub(self, config) -> Hub:
        if _build["config"] is not config:
            _build.update(config=config, hub=None)
            with source_errors_as_build_errors("Practice Hub"):
                problems = check_url_style(config.use_directory_urls)
                if problems:
                    raise SourceError(problems)
                _build["hub"] = Hub.load(hub_settings(config, serving=_build["serving"]))
            _use_link_lists(config)
        if _build["hub"] is None:   # loading failed earlier in this build
            raise PluginError("Practice Hub: the sources have problems (listed above).")
        return _build["hub"]

    def on_pre_build(self, *, config):
        # Page conversions and search entries kept between builds (build_cache.py): where, this build.
        if _build["caching"] is not config:
            _build["caching"] = config
            root = Path(config.config_file_path).absolute().parent
            build_cache.start_build({"pages": cache_dir(root, build_cache.PAGES_CACHE, "pages"),
                                     "search": cache_dir(root, build_cache.SEARCH_CACHE, "search")},
                                    engine=type(config).__module__.split(".")[0])
            if BUILD_CACHES not in config.plugins:   # its hooks run from now on (pre_build has none)
                config.plugins[BUILD_CACHES] = _BuildCaches()
            if not _build["serving"]:
                # The loaded code and sources last the whole build: Python's garbage collector
                # need not walk them at every full collection, nor in the PDF workers forked
                # later (where walking them copies the memory pages it touches). Frozen here,
                # beside the plugin whose end-of-build hooks unfreeze them, for a process that
                # goes on to build again.
                gc.collect()   # what loading left behind goes first, not frozen with the rest
                gc.freeze()

    def on_nav(self, nav, *, config, files):
        # Generated files in one order whatever order the plugins added them in, so the pages
        # are built, and indexed for search, in the same order (byte-identical output).
        if _build["ordered"] is not files:
            _build["ordered"] = files
            for file in sorted((f for f in files if f.generated_by is not None), key=lambda f: f.src_uri):
                files.remove(file)
                files.append(file)
        return nav

    def on_env(self, env, *, config, files):
        # Compiled templates kept between builds and preview rebuilds (common/template_cache.py).
        if not isinstance(env.bytecode_cache, TemplateCache):
            root = Path(config.config_file_path).absolute().parent
            env.bytecode_cache = TemplateCache(cache_dir(root, TEMPLATE_CACHE, "templates"))
        # Unchanged pages' search entries reused (build_cache.py).
        build_cache.search_cache.install(config)
        return env

    def on_serve(self, server, *, config, builder):
        if id(server) not in _build["watching"]:
            _build["watching"].add(id(server))
            watched = hub_settings(config, serving=True).watched_paths()
            if config.theme.custom_dir:   # our template overrides (MkDocs watches them only with --watch-theme)
                watched.append(Path(config.theme.custom_dir))
            for path in watched:
                server.watch(str(path))
            # Notice a saved edit within 0.1 s rather than MkDocs' 0.5 s (preview.py).
            poll_faster(server)
        return server

    def on_pre_page(self, page, *, config, files):
        # Pages whose Markdown and inputs did not change are not converted again (build_cache.py).
        build_cache.render_cache.install(page)
        return page


class _BuildCaches(BasePlugin):
    """The build caches' end-of-build step as a plugin of its own, added by the first Practice Hub
    plugin to start a build: it runs once whatever the Practice Hub plugins' own on_post_build
    and on_build_error hooks are (a plugin's own hook would otherwise replace a shared one)."""

    @event_priority(-200)   # last: a warning or error from any other plugin fails the build first
    def on_post_build(self, *, config):
        gc.unfreeze()   # frozen as the build started (HubPlugin.on_pre_build)
        # Drop cached entries of pages no longer built.
        if _build["caching"] is config:
            _build["caching"] = None
            build_cache.finish_build(strict=bool(config.strict))

    def on_build_error(self, *, error):
        gc.unfreeze()
        if _build["caching"] is not None:
            _build["caching"] = None
            build_cache.abandon_build()


BUILD_CACHES = "practice-hub/build-caches"   # its name among MkDocs' plugins
TEMPLATE_CACHE = ".cache/practice-hub/templates"   # relative to mkdocs.yml, like the PDF cache

_build: dict = {"config": None, "hub": None, "serving": False, "watching": set(), "ordered": None, "caching": None}


def _use_link_lists(config) -> None:
    """Pages' generated lists of links go to Markdown as finished lists (common/link_lists.py):
    its extension joins this build's (after the hub's settings are read, so the bulletins' own
    conversions, which never hold such lists, keep mkdocs.yml's extensions as written)."""
    link_lists.forget()   # the last build's lists (the preview's)
    if link_lists.EXTENSION not in config.markdown_extensions:
        config.markdown_extensions.append(link_lists.EXTENSION)


def hub_settings(config, *, serving: bool) -> HubSettings:
    """The hub's settings from MkDocs' loaded configuration: the one place that reads the options
    of every Practice Hub plugin."""
    plugins = [{name: dict(plugin.config)} for name, plugin in config.plugins.items() if name in PLUGIN_NAMES]
    extensions = [{name: config.mdx_configs[name]} if name in config.mdx_configs else name
                  for name in config.markdown_extensions if isinstance(name, str)]
    settings = {"docs_dir": config.docs_dir, "site_url": config.site_url, "site_name": config.site_name,
                "extra": dict(config.extra), "plugins": plugins, "markdown_extensions": extensions}
    # Absolute, like MkDocs' docs_dir: `mkdocs build -f mkdocs.yml` gives a bare file name.
    return HubSettings.from_mkdocs_settings(settings, Path(config.config_file_path).absolute().parent,
                                            include_drafts=serving)
