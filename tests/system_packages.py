"""Which Debian packages the project may rely on, and which ones a running process really uses.

Shared by the fresh-machine tests (the PDF renderer) and the browser tests (Chromium).
"""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from helpers import ROOT

SYSTEM_DEPS = ROOT / "scripts" / "system-deps.sh"


def packages_the_scripts_install(kind: str = "test") -> set[str]:
    listed = subprocess.run(["bash", str(SYSTEM_DEPS), "--list", kind], capture_output=True, text=True, check=True)
    return set(listed.stdout.split())


def _names(field: str) -> list[str]:
    """Package names in a Depends-style field, every alternative included ("a (>= 1) | b" -> a, b)."""
    names = []
    for clause in field.split(","):
        for alternative in clause.split("|"):
            name = re.sub(r"\(.*?\)|\[.*?\]|<.*?>", "", alternative).strip().split(":")[0]
            if name:
                names.append(name)
    return names


def allowed_packages(roots: set[str]) -> set[str]:
    """``roots``, the base system, and everything they depend on, among the installed packages."""
    listing = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Package}\t${db:Status-Abbrev}\t${Priority}\t${Provides}\t"
                                  "${Pre-Depends}, ${Depends}\n"],
        capture_output=True, text=True, check=True).stdout
    depends, providers, base = {}, {}, set()
    for line in listing.splitlines():
        name, status, priority, provides, needs = (line.split("\t") + [""] * 5)[:5]
        if not status.startswith("ii"):
            continue
        depends[name] = _names(needs)
        for virtual in _names(provides):
            providers.setdefault(virtual, set()).add(name)
        if priority in ("required", "important"):
            base.add(name)
    missing = roots - set(depends)
    assert not missing, f"scripts/system-deps.sh lists packages that are not installed: {sorted(missing)}"
    allowed, queue = set(), [*roots, *base]
    while queue:
        name = queue.pop()
        for real in ({name} if name in depends else providers.get(name, set())) - allowed:
            allowed.add(real)
            queue.extend(depends[real])
    return allowed


def owners(paths: set[str]) -> dict[str, set[str]]:
    """The Debian package(s) each file belongs to; files no package owns are left out."""
    candidates = {}
    for path in paths:
        # With merged /usr, dpkg may know /usr/lib/x.so as /lib/x.so.
        for form in {path, os.path.realpath(path), path.removeprefix("/usr")}:
            candidates[form] = path
    found = subprocess.run(["dpkg", "-S", *sorted(candidates)], capture_output=True, text=True).stdout
    owned: dict[str, set[str]] = {}
    for line in found.splitlines():
        packages, _, form = line.partition(": ")
        if form in candidates:
            owned.setdefault(candidates[form], set()).update(p.strip().split(":")[0] for p in packages.split(","))
    return owned


def system_files_mapped(pids: list[int]) -> set[str]:
    """Libraries and fonts the processes have loaded (memory-mapped), outside the project and its venv."""
    files = set()
    for pid in pids:
        try:
            lines = Path(f"/proc/{pid}/maps").read_text().splitlines()
        except OSError:
            continue   # the process has ended
        for line in lines:
            path = line.split(maxsplit=5)[-1] if len(line.split()) >= 6 else ""
            if path.startswith(("/usr/", "/lib/", "/etc/")) and os.path.isfile(path):
                files.add(path)
    return files


def assert_only_declared_packages(files: set[str], what: str) -> None:
    assert any("/fonts/" in f for f in files), f"{what}: no font file seen, so the check would prove nothing"
    allowed = allowed_packages(packages_the_scripts_install())
    strays = {path: sorted(pkgs) for path, pkgs in owners(files).items() if not pkgs & allowed}
    assert not strays, (f"{what} loaded files from Debian packages that scripts/system-deps.sh does not install "
                        f"(add the package there, or stop using the file): {strays}")


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found
