"""Reading the files authors edit: inside the project, as UTF-8 text, or a plain message why not."""
from __future__ import annotations

from pathlib import Path

from .errors import Problems


def outside_project(path: Path, project_root: Path) -> bool:
    """True for a file that is (or links to) something outside the project folder.

    A symlink in content/ to /etc/passwd must never be published.
    """
    try:
        path.resolve().relative_to(project_root.resolve())
    except ValueError:
        return True
    return False


def read_source_text(path: Path, name: str, project_root: Path, problems: Problems) -> str | None:
    """The text of ``path``, or None after adding a problem (a link outside the project, not UTF-8)."""
    if outside_project(path, project_root):
        problems.add(name, None, "this is a link to a file outside the project folder, so it is not published.",
                     "copy the file into the project instead of linking to it.")
        return None
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        line = path.read_bytes()[:err.start].count(b"\n") + 1
        problems.add(name, line, "the file is not saved as UTF-8 text (a character here cannot be read).",
                     "open it in your editor and save it again with UTF-8 encoding.")
    except OSError as err:
        problems.add(name, None, f"the file cannot be read ({err.strerror}).",
                     "check that it exists and that you are allowed to open it.")
    return None


def links_outside(folder: Path, display_name: str, project_root: Path) -> Problems:
    """A problem for every file or folder in ``folder`` that links outside the project."""
    problems = Problems()
    if not folder.is_dir():
        return problems
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() and outside_project(path, project_root):
            name = f"{display_name}/{path.relative_to(folder).as_posix()}"
            problems.add(name, None, "this is a link to something outside the project folder, so it is not published.",
                         "copy the file into the project instead of linking to it.")
    return problems
