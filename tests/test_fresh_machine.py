"""The same result on every machine: what the project's own scripts install is all it uses.

- Every system library and font file the PDF renderer and the browser load belongs to a Debian
  package `scripts/system-deps.sh` installs, or to one of their dependencies, or to the base
  system (Priority required/important): nothing the build or tests depend on can come from
  whatever else happens to be installed.
- A clean strict build prints nothing but progress (no WeasyPrint warning about HarfBuzz).
- ProperDocs, the second engine, builds the same site as MkDocs (apart from its generator tag).
- The package installs from a wheel into a fresh virtual environment and builds the demo.
- `mkdocs serve` keeps live reload on (the pinned click).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
import venv
import zipfile
from pathlib import Path

from helpers import DEMO_TODAY, MKDOCS, ROOT, copy_repo, free_port, make_fixture_site
from system_packages import assert_only_declared_packages

DEMO_ENV = {"PRACTICE_HUB_TODAY": DEMO_TODAY, "SOURCE_DATE_EPOCH": "1795424400"}


def test_the_pdf_renderer_loads_only_libraries_and_fonts_the_scripts_install(tmp_path):
    script = ("import sys; from pathlib import Path; from practice_hub.bulletins import pdf\n"
              "pdf.pdf_bytes('<html lang=\"en\"><body><h1>What to do differently</h1><p>Plain, <b>bold</b>, "
              "<i>italic</i> and <code>code</code> text.</p></body></html>', folder=Path(sys.argv[1]), "
              "organisation='Org', month_label='Month', identifier='id')\n"
              "print(open('/proc/self/maps').read())\n")
    run = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, check=True)
    files = {line.split(maxsplit=5)[-1] for line in run.stdout.splitlines() if len(line.split()) >= 6}
    files = {f for f in files if f.startswith(("/usr/", "/lib/", "/etc/")) and os.path.isfile(f)}
    assert any("libpango" in f for f in files) and any("libharfbuzz-subset" in f for f in files)
    assert_only_declared_packages(files, "The PDF renderer (WeasyPrint)")


# --- builds ----------------------------------------------------------------------------------

def demo_build(engine: str, tmp_path: Path, name: str) -> tuple[subprocess.CompletedProcess, Path]:
    """A strict build of the demo with ``engine``, with an empty cache so every PDF is rendered."""
    site = tmp_path / name
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **DEMO_ENV, "PRACTICE_HUB_CACHE_DIR": str(tmp_path / f"{name}-cache")}
    run = subprocess.run([sys.executable, "-m", engine, "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                          "-d", str(site)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, f"{engine} build failed:\n{run.stdout}\n{run.stderr}"
    return run, site


def not_progress(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip() and not line.startswith("INFO ")]


def files_in(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_mkdocs_and_properdocs_build_the_same_site_and_print_no_warnings(tmp_path):
    sites = {}
    for engine in ("mkdocs", "properdocs"):
        run, site = demo_build(engine, tmp_path, engine)
        assert not_progress(run.stdout + run.stderr) == [], f"{engine} printed more than progress"
        sites[engine] = files_in(site)
    mkdocs, properdocs = sites["mkdocs"], sites["properdocs"]
    assert any(path.endswith(".pdf") for path in mkdocs) and "training/calendars/all.ics" in mkdocs
    assert sorted(mkdocs) == sorted(properdocs)
    differing = [path for path in mkdocs if GENERATOR.sub(b"", mkdocs[path]) != GENERATOR.sub(b"", properdocs[path])]
    assert differing == [], f"pages that differ beyond the generator tag: {differing}"
    assert b"ProperDocs" in properdocs["index.html"] and b"mkdocs-1.6.1" in mkdocs["index.html"]


def test_publish_builds_with_the_engine_chosen(monkeypatch):
    from practice_hub.engine import engine_command
    from practice_hub.publish.build import build_command, build_site as publish_build
    monkeypatch.setenv("PRACTICE_HUB_ENGINE", "properdocs")
    assert build_command(Path("mkdocs.yml"), Path("out"))[:3] == [sys.executable, "-m", "properdocs"]
    monkeypatch.delenv("PRACTICE_HUB_ENGINE")
    assert engine_command() == [sys.executable, "-m", "mkdocs"]
    monkeypatch.setenv("PRACTICE_HUB_ENGINE", "sphinx")
    result = publish_build(Path("/nonexistent/mkdocs.yml"), Path("/nonexistent/out"))
    assert not result.ok and "mkdocs, properdocs" in result.report and "Traceback" not in result.report


def test_the_package_installs_from_a_wheel_and_builds_the_demo(tmp_path):
    source = copy_repo(tmp_path / "source")
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(source)],
                   check=True, capture_output=True, text=True)
    wheel = next(wheels.glob("practice_hub-*.whl"))
    packaged = set(zipfile.ZipFile(wheel).namelist())
    package_files = {p.relative_to(ROOT / "plugins").as_posix() for p in (ROOT / "plugins" / "practice_hub").rglob("*")
                     if p.is_file() and "__pycache__" not in p.parts}
    assert package_files - packaged == set(), "files of the package left out of the wheel (add them to package-data)"

    environment = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(environment)
    install = subprocess.run([str(environment / "bin" / "python"), "-m", "pip", "install", "--quiet", "--quiet",
                              str(wheel)], capture_output=True, text=True)
    assert install.returncode == 0, install.stdout + install.stderr
    (source / "plugins").rename(tmp_path / "plugins-moved-away")   # only the installed wheel can serve
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **DEMO_ENV, "PRACTICE_HUB_CACHE_DIR": str(tmp_path / "cache"),
           "PYTHONPATH": ""}
    build = subprocess.run([str(environment / "bin" / "mkdocs"), "build", "--strict", "-d", str(tmp_path / "site")],
                           cwd=source, env=env, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout + build.stderr
    assert (tmp_path / "site" / "assets" / "javascripts" / "iframe-worker-shim.js").is_file()
    where = subprocess.run([str(environment / "bin" / "python"), "-c", "import practice_hub; print(practice_hub.__file__)"],
                           capture_output=True, text=True, check=True, env=env, cwd=tmp_path).stdout
    assert where.startswith(str(environment))


def test_the_preview_reloads_itself(tmp_path):
    """`mkdocs serve` injects its live-reload script (click 8.3.0-8.3.3 silently turned it off)."""
    guide = ("---\ntitle: Guide\nsummary: A guide.\nowner: Principal Social Worker\napproved_by: Practice Quality Board\n"
             "last_reviewed: 2026-06-12\ntopics: [supervision]\n---\n# Guide\n\nSome guidance.\n")
    config = make_fixture_site(tmp_path / "project", {"guide.md": guide},
                               config_extra="nav:\n  - index.md\n  - guide.md\n")
    port = free_port()
    server = subprocess.Popen([MKDOCS, "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"], cwd=config.parent,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        page = ""
        for _ in range(120):
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read().decode()
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                time.sleep(0.5)
        assert "livereload" in page
    finally:
        server.terminate()
        server.wait(timeout=20)

