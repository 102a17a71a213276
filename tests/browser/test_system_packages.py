"""Chromium, as the tests drive it, loads only system libraries and fonts the project installs
(see tests/system_packages.py and the README's "Same result on every machine")."""
from __future__ import annotations

import os

from system_packages import assert_only_declared_packages, descendants, system_files_mapped


def test_the_browser_loads_only_libraries_and_fonts_the_scripts_install(page, built_site, tmp_path):
    for path in ("index.html", "practice-standards/index.html", "bulletins/2026/11/email.html"):
        page.goto((built_site / path).as_uri())
        page.pdf(path=str(tmp_path / "page.pdf"))
    # Every process the test run started: Playwright's Node driver, Chromium and its helpers.
    files = system_files_mapped(descendants(os.getpid()))
    assert any("libharfbuzz" in f or "libfreetype" in f for f in files), "no text library seen: wrong processes?"
    assert_only_declared_packages(files, "Chromium")
