"""What made a cached output, for cache keys: our code and templates, and the libraries' versions.

A cache keyed by its inputs must also change when the code that turns them into output does.
Every file of the practice_hub package goes into the digest: the Python code as this process
loaded it (read once: an edit takes effect only in a new process), templates and other files as
they are now (Jinja reloads an edited template, so a long-running preview does too).
"""
from __future__ import annotations

import functools
import hashlib
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent   # practice_hub


@functools.cache
def library_versions(names: tuple[str, ...]) -> str:
    """``python 3.11.7 …; jinja2 3.1.6; …`` for the distributions named (``missing`` if absent)."""
    def known(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "missing"
    return "; ".join([f"python {sys.version}"] + [f"{name} {known(name)}" for name in names])


def code_digest() -> str:
    """A digest of every file of our package (see the module's note on when each is read)."""
    digest = hashlib.sha256(_python_digest().encode())
    _add_files(digest, python=False)
    return digest.hexdigest()


def python_digest() -> str:
    """A digest of our package's Python code, as this process loaded it."""
    return _python_digest()


@functools.cache
def _python_digest() -> str:
    digest = hashlib.sha256()
    _add_files(digest, python=True)
    return digest.hexdigest()


def _add_files(digest, *, python: bool) -> None:
    for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                       and (p.suffix == ".py") == python):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
