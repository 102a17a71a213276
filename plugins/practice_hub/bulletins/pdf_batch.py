"""Render many edition PDFs quickly: reuse unchanged ones from a cache, render the rest in parallel,
while the rest of the build goes on.

WeasyPrint takes a second or more per edition, far longer than the rest of a build. Each month
only the new edition changes, so a PDF whose inputs (print HTML, images, settings, and the
libraries and fonts in ``pdf_environment.fingerprint()``) are unchanged is copied from the
cache instead of rendered again. The output is the same bytes either way.

``start()`` begins rendering the rest in worker processes and returns at once, so a build can
convert and write its pages meanwhile; ``PendingPdfs.results()`` waits for them (and only then
writes the cache), ``PendingPdfs.cancel()`` stops the workers of a build that failed.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from ..common.cache import prune, read_cached, write_atomically
from . import pdf, pdf_environment, pdf_tags

# One worker renders at the build's own priority, the others at the lowest: on an idle machine
# the build's process and that worker each have a core and the others take only what is left
# (at niceness 10 one still took a tenth of the core it shared with the pages), and on a busy
# one the PDFs still get the full-priority worker's share.
FULL_PRIORITY_WORKERS = 1
WORKER_NICENESS = 19
POLL_SECONDS = 0.5     # how often a wait looks whether a worker died


@dataclass(frozen=True)
class PdfJob:
    html: str
    folder: Path
    organisation: str
    month_label: str
    identifier: str
    images: tuple[str, ...] = ()

    def cache_key(self) -> str:
        digest = hashlib.sha256()
        for part in (pdf_environment.fingerprint(), pdf.PRINT_CSS, pdf_tags.VERSION, self.html, self.organisation,
                     self.month_label, self.identifier):
            digest.update(part.encode("utf-8") + b"\0")
        for image in sorted(self.images):
            digest.update(image.encode("utf-8") + b"\0" + (self.folder / image).read_bytes() + b"\0")
        return digest.hexdigest()


def _only_thread() -> bool:
    """True when this process runs no other thread (under `mkdocs serve` the file watcher does)."""
    return threading.active_count() == 1


def _render(job: PdfJob) -> bytes:
    return pdf.pdf_bytes(job.html, folder=job.folder, organisation=job.organisation,
                         month_label=job.month_label, identifier=job.identifier)


def render_all(jobs: dict[str, PdfJob], cache_dir: Path | None, workers: int | None = None) -> dict[str, bytes]:
    """PDF bytes for every job (keyed like ``jobs``), from the cache where possible."""
    return start(jobs, cache_dir, workers).results()


def start(jobs: dict[str, PdfJob], cache_dir: Path | None, workers: int | None = None) -> PendingPdfs:
    """Take what the cache holds and start rendering the rest; returns without waiting."""
    pending = PendingPdfs(cache_dir, workers)
    for name, job in jobs.items():
        pending.add(name, job)
    return pending


class PendingPdfs:
    """The PDFs of one build: the cached ones, and the rest being rendered.

    The rest are rendered in a pool of forked worker processes when it is safe to fork (no other
    thread runs; under `mkdocs serve` the watcher does), else one by one when ``results()`` asks.
    Each starts as soon as it is added, so the first PDFs render while the rest are prepared."""

    def __init__(self, cache_dir: Path | None, workers: int | None = None):
        self._jobs: dict[str, PdfJob] = {}
        self._cache_dir = cache_dir
        self._keys: dict[str, str] = {}
        self._found: dict[str, bytes] = {}
        self._missing: list[str] = []
        self._results: dict[str, bytes] | None = None
        self._pool, self._workers, self._waiting = None, [], {}
        self._worker_count = workers or os.cpu_count() or 1
        # Forking a process that runs other threads is unsafe: then they go one by one, later.
        self._parallel = self._worker_count > 1 and _only_thread()

    @property
    def names(self) -> list[str]:
        """The PDFs' names, in the order they were added."""
        return list(self._jobs)

    def add(self, name: str, job: PdfJob) -> None:
        """The PDF called ``name``: from the cache, else rendering from now on."""
        self._jobs[name] = job
        key = self._keys[name] = job.cache_key()
        cached = read_cached(self._cache_dir / f"{key}.pdf") if self._cache_dir else None
        if cached is not None:
            self._found[name] = cached
            return
        self._missing.append(name)
        if self._parallel:
            if self._pool is None:
                self._start_pool(self._worker_count)
            self._waiting[name] = self._pool.apply_async(_render, (job,))

    def _start_pool(self, workers: int) -> None:
        import weasyprint  # noqa: F401 (loaded once here, not again in every worker)
        before = {child.pid for child in multiprocessing.active_children()}
        # fork: the workers inherit the loaded code instead of importing it all again.
        # multiprocessing's Pool (not concurrent.futures): its workers are ended when the build's
        # process exits, even on Ctrl+C, instead of the exit waiting for every PDF to be rendered.
        fork = multiprocessing.get_context("fork")
        self._pool = fork.Pool(workers, initializer=_worker_started,
                               initargs=(os.getpid(), threading.get_ident(), fork.Value("i", 0)))
        self._workers = [child for child in multiprocessing.active_children() if child.pid not in before]

    def results(self) -> dict[str, bytes]:
        """Every PDF (keyed like the jobs), waiting for those still being rendered. The new ones
        go into the cache only once all are made; a failure stops the workers and is raised."""
        if self._results is not None:
            return self._results
        if self._pool is None and self._waiting:
            raise RuntimeError("the PDFs were cancelled")
        made = {}
        try:
            for name in self._missing:
                made[name] = self._wait(name) if self._pool is not None else _render(self._jobs[name])
        except BaseException:
            self.cancel()
            raise
        self._stop_pool()
        if self._cache_dir:
            for name, data in made.items():
                write_atomically(self._cache_dir / f"{self._keys[name]}.pdf", data)   # never a half-written PDF
            prune(self._cache_dir, {f"{key}.pdf" for key in self._keys.values()}, ("*.pdf",))   # changed or gone
        self._results = {name: self._found[name] if name in self._found else made[name] for name in self._jobs}
        return self._results

    def _wait(self, name: str) -> bytes:
        waiting = self._waiting[name]
        while not waiting.ready():
            waiting.wait(POLL_SECONDS)
            # A worker killed mid-PDF (out of memory, a crash) never answers: Pool starts another.
            stopped = [worker.exitcode for worker in self._workers if worker.exitcode is not None]
            if stopped and not waiting.ready():
                raise RuntimeError(f"A process rendering the bulletin PDFs stopped unexpectedly (exit code "
                                   f"{stopped[0]}), so not every PDF could be made.")
        return waiting.get()   # the worker's own exception, if rendering failed

    def cancel(self) -> None:
        """Stop any rendering still going on (a failed or interrupted build); nothing is cached."""
        self._parallel = False   # nothing added later starts them again
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def _stop_pool(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None


def _worker_started(build_pid: int, build_thread: int, started) -> None:
    # Ctrl+C is the build's to handle: it ends the workers (terminate), they do not stop alone.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Linux signals the death of the *thread* that forked: only for the workers the build's own
    # thread started. One Pool starts in place of a dead worker (from a thread of its own) would
    # be killed when that thread ends, maybe holding the task queue's lock, and terminate() would
    # then wait for that lock for ever.
    if threading.get_ident() == build_thread:
        _die_with(build_pid)
    with started.get_lock():
        place, started.value = started.value, started.value + 1
    if place >= FULL_PRIORITY_WORKERS:
        try:
            os.nice(WORKER_NICENESS)
        except OSError:
            pass


_PR_SET_PDEATHSIG = 1


def _die_with(build_pid: int) -> None:
    """Ask Linux to end this worker if the build's process dies without ending it (killed):
    otherwise the worker would wait for work for ever (as publish/build.py does for the build)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != build_pid:   # it died before prctl took effect
        os._exit(1)
