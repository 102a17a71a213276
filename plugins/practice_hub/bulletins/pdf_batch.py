"""Render many edition PDFs quickly: reuse unchanged ones from a cache, render the rest in parallel.

WeasyPrint takes a second or more per edition, far longer than the rest of a build. Each month
only the new edition changes, so a PDF whose inputs (print HTML, images, settings, and the
libraries and fonts in ``pdf_environment.fingerprint()``) are unchanged is copied from the
cache instead of rendered again. The output is the same bytes either way.
"""
from __future__ import annotations

import hashlib
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from ..common.cache import prune, read_cached, write_atomically
from . import pdf, pdf_environment, pdf_tags


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


def _render(job: PdfJob) -> bytes:
    return pdf.pdf_bytes(job.html, folder=job.folder, organisation=job.organisation,
                         month_label=job.month_label, identifier=job.identifier)


def render_all(jobs: dict[str, PdfJob], cache_dir: Path | None, workers: int | None = None) -> dict[str, bytes]:
    """PDF bytes for every job (keyed like ``jobs``), from the cache where possible."""
    results: dict[str, bytes] = {}
    keys = {name: job.cache_key() for name, job in jobs.items()}
    missing = []
    for name in jobs:
        cached = read_cached(cache_dir / f"{keys[name]}.pdf") if cache_dir else None
        if cached is not None:
            results[name] = cached
        else:
            missing.append(name)
    for name, data in zip(missing, _render_many([jobs[n] for n in missing], workers)):
        results[name] = data
        if cache_dir:
            write_atomically(cache_dir / f"{keys[name]}.pdf", data)   # never a half-written PDF
    if cache_dir:
        prune(cache_dir, {f"{key}.pdf" for key in keys.values()}, ("*.pdf",))   # changed or gone editions
    return results


def _render_many(jobs: list[PdfJob], workers: int | None) -> list[bytes]:
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    # Forking a process that runs other threads (the `mkdocs serve` watcher) is unsafe: go one by one.
    if workers <= 1 or threading.active_count() > 1:
        return [_render(job) for job in jobs]
    # fork: the workers inherit the loaded code instead of importing it all again.
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
        return list(pool.map(_render, jobs))
