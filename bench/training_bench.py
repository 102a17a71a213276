"""Benchmark: the training section of a large service, from YAML to every page and .ics file.

    .venv/bin/python bench/training_bench.py                  # 5,000 and 50,000 sessions
    .venv/bin/python bench/training_bench.py --sessions 20000
    .venv/bin/python bench/training_bench.py --no-build     # the training section alone

For each size it generates a calendar (deterministic: the same files every run) of courses with
25 sessions each, spread over five years of past sessions and one year ahead of the benchmark's
"today" (a large service over several years), then, in a child process of its own:

* loads and checks the YAML (``load_calendar``),
* makes every training page and file through ``service.outputs``, as the MkDocs plugin does
  (HTML blocks left out of the Markdown, then put back page by page),
* measures each page's content (its Markdown with the HTML put back: what MkDocs turns into
  the article; the theme adds about 25 kB of header, navigation and footer around it).

It prints the time, the child's peak memory (``ru_maxrss``), the largest page and the size of
``all.ics``; per-session figures that stay level from 5,000 to 50,000 sessions mean the work
grows linearly. Targets at 50,000: no page over 1 MB, all.ics a few MB, peak under 300 MB.

Then (unless ``--no-build``) it builds a whole site around the same calendar with
``mkdocs build --strict`` (:func:`site_build`: bench/generate.py's 100 pages and 12 bulletin
editions) and prints its time, peak memory, file count, largest file, search index and
all.ics: what a council with that calendar would publish.

``run(sessions)`` returns the same figures as a dict, for bench/run.py
(``run(sessions, full_build=True)`` with the full build's too).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

PLUGINS = Path(__file__).resolve().parent.parent / "plugins"
sys.path.insert(0, str(PLUGINS))

TODAY = date(2026, 11, 23)
PAST_YEARS, AHEAD_YEARS = 5, 1
PER_COURSE = 25
CATEGORIES = ["practice-focus", "induction", "signs-of-safety", "court-skills", "leadership", "research"]
AUDIENCES = ["social-workers", "asye", "family-support", "practice-supervisors", "team-managers"]


def generate(folder: Path, sessions: int, per_course: int = PER_COURSE, today: date = TODAY,
             vocabulary: bool = True) -> None:
    """Deterministic calendar: ``sessions`` sessions over ``sessions / per_course`` courses, spread
    evenly from five years before ``today`` to a year after it (some cancelled, some full), one
    file per category as the demo calendar has. ``vocabulary=False`` keeps the folder's own
    vocabulary.yml (it must have the same category and audience ids)."""
    vocab = ["categories:"] + [f"  {c}: {c.replace('-', ' ').title()}" for c in CATEGORIES]
    vocab += ["audiences:"] + [f"  {a}: {a.replace('-', ' ').title()}" for a in AUDIENCES]
    if vocabulary:
        (folder / "vocabulary.yml").write_text("\n".join(vocab) + "\n")
    span = (PAST_YEARS + AHEAD_YEARS) * 365
    start = today - timedelta(days=PAST_YEARS * 365)
    files = {category: ["courses:"] for category in CATEGORIES}
    courses = -(-sessions // per_course)
    made = 0
    for course in range(courses):
        lines = files[CATEGORIES[course % len(CATEGORIES)]]
        lines += [f"  - id: course-{course:05d}", f'    title: "Generated course {course}: practice, skills; & more"',
                  f"    category: {CATEGORIES[course % len(CATEGORIES)]}",
                  f"    audience: [{AUDIENCES[course % len(AUDIENCES)]}, {AUDIENCES[(course + 2) % len(AUDIENCES)]}]",
                  "    summary: A generated course for the benchmark.", "    location: Civic Centre",
                  "    places: 20", f"    booking_url: https://learning.example.org/course/{course}", "    sessions:"]
        for n in range(min(per_course, sessions - made)):
            # Spread over the whole span: courses start on different days, sessions about every 12 weeks.
            day = start + timedelta(days=(course * 37 + n * (span // per_course)) % span)
            hour = 9 + (course + n) % 6
            lines += [f"      - date: {day.isoformat()}", f'        start: "{hour:02d}:00"', f'        end: "{hour + 2:02d}:00"']
            if n % 11 == 3:
                lines.append(f"        places_left: {n % 4}")
            if n % 23 == 7:
                lines += ["        status: cancelled", "        note: Cancelled; the next date is below."]
        made += min(per_course, sessions - made)
    for category, lines in files.items():
        if len(lines) > 1:
            (folder / f"{category}.yml").write_text("\n".join(lines) + "\n")


def measure(sessions: int) -> dict:
    """Generate, load and make every training output in this process; the figures as a dict."""
    from practice_hub.training import service
    from practice_hub.training.loader import load_calendar
    from practice_hub.training.pages import expand_html_blocks

    with tempfile.TemporaryDirectory(prefix="training-bench-") as tmp:
        folder = Path(tmp)
        generate(folder, sessions)
        began = time.perf_counter()
        calendar = load_calendar(folder, display_root=folder)
        loaded = time.perf_counter()
        blocks: dict = {}
        pages, files = service.outputs(calendar, {"handbook": {}, "topics": {}}, TODAY,
                                       site_url="https://hub.example.org/", site_name="Hub", html_blocks=blocks)
        made = time.perf_counter()
        largest, largest_page, page_bytes = 0, "", 0
        for src, markdown in pages.items():
            size = len(expand_html_blocks(markdown, blocks).encode("utf-8"))
            page_bytes += size
            if size > largest:
                largest, largest_page = size, src
        done = time.perf_counter()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss   # kilobytes on Linux
    return {"sessions": len(calendar.sessions()), "courses": len(calendar.courses),
            "seconds": round(done - began, 2), "load_seconds": round(loaded - began, 2),
            "outputs_seconds": round(made - loaded, 2), "render_seconds": round(done - made, 2),
            "peak_mb": round(peak_kb / 1024, 1), "pages": len(pages), "page_bytes": page_bytes,
            "largest_page": largest_page, "largest_page_bytes": largest,
            "all_ics_bytes": len(files["training/calendars/all.ics"]),
            "files": len(files), "file_bytes": sum(len(b) for b in files.values())}


def run(sessions: int, full_build: bool = False) -> dict:
    """The figures for ``sessions`` sessions, measured in a child process (so peak memory is the
    training section's alone): keys sessions, courses, seconds (load_seconds, outputs_seconds,
    render_seconds), peak_mb, pages, page_bytes, largest_page, largest_page_bytes,
    all_ics_bytes, files, file_bytes. ``full_build=True`` adds the ``build_*`` keys of
    :func:`site_build` (a whole site built by MkDocs around the same calendar)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PLUGINS), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run([sys.executable, __file__, "--child", str(sessions)], env=env,
                            capture_output=True, text=True, check=True)
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    if full_build:
        figures.update(site_build(sessions))
    return figures


def _theme_file(path: str) -> bool:
    """Material's own files (its bundles, fonts, search worker and their .map): not ours to size."""
    return path.endswith(".map") or (path.startswith("assets/") and "practice-hub" not in path)


def site_build(sessions: int, keep: Path | None = None) -> dict:
    """A full ``mkdocs build --strict`` of a generated site (bench/generate.py: 100 handbook pages,
    12 bulletin editions) whose training calendar is this module's (``sessions`` sessions over
    five years back and one ahead, one file per category), in a child process timed with its own
    peak memory (``os.wait4``, as bench/run.py measures). Keys: build_seconds, build_peak_mb,
    build_files, build_bytes, build_largest_file, build_largest_file_bytes (Material's own assets
    and .map files left out), build_search_index_bytes, build_all_ics_bytes. ``keep``: build
    there (project/ and site/) and leave it, to look around."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from generate import TODAY as SITE_TODAY, generate_site

    with tempfile.TemporaryDirectory(prefix="training-bench-site-") as tmp:
        base = keep or Path(tmp)
        project, site = base / "project", base / "site"
        generate_site(project, pages=100, editions=12, sessions=0)
        calendar = project / "training_calendar"
        for old in calendar.glob("*.yml"):
            if old.name != "vocabulary.yml":
                old.unlink()
        generate(calendar, sessions, today=SITE_TODAY, vocabulary=False)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PRACTICE_HUB_TODAY": SITE_TODAY.isoformat(),
               "PRACTICE_HUB_CACHE_DIR": str(base / "cache")}
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                   "-d", str(site)]
        log = base / "build.log"
        with open(log, "w", encoding="utf-8") as out:
            began = time.perf_counter()
            process = subprocess.Popen(command, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - began
        if os.waitstatus_to_exitcode(status) != 0:
            tail = "".join(log.read_text(encoding="utf-8").splitlines(keepends=True)[-30:])
            raise RuntimeError(f"The {sessions:,}-session site did not build:\n{tail}")
        sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*") if p.is_file()}
        ours = {path: size for path, size in sizes.items() if not _theme_file(path)}
        largest = max(ours, key=lambda path: (ours[path], path))
        return {"build_seconds": round(seconds, 1), "build_cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
                "build_peak_mb": round(usage.ru_maxrss / 1024, 1), "build_files": len(sizes),
                "build_bytes": sum(sizes.values()), "build_largest_file": largest,
                "build_largest_file_bytes": ours[largest],
                "build_search_index_bytes": sizes.get("search/search_index.json", 0),
                "build_all_ics_bytes": sizes.get("training/calendars/all.ics", 0)}


def table(rows: list[dict]) -> str:
    head = (f"{'sessions':>9} {'seconds':>8} {'ms/session':>10} {'peak MB':>8} {'pages':>6} {'largest page':>13} "
            f"{'all.ics':>9} {'files':>7} {'files MB':>9}  largest")
    lines = [head]
    for r in rows:
        lines.append(f"{r['sessions']:>9,} {r['seconds']:>8.2f} {1000 * r['seconds'] / r['sessions']:>10.3f} "
                     f"{r['peak_mb']:>8.1f} {r['pages']:>6,} {r['largest_page_bytes'] / 1024:>10.0f} kB "
                     f"{r['all_ics_bytes'] / 1e6:>6.2f} MB {r['files']:>7,} {r['file_bytes'] / 1e6:>9.1f}  {r['largest_page']}")
    return "\n".join(lines)


def build_table(rows: list[dict]) -> str:
    head = (f"{'sessions':>9} {'build s':>8} {'CPU s':>7} {'peak MB':>8} {'files':>7} {'site MB':>8} "
            f"{'search index':>13} {'all.ics':>9} {'largest file':>13}  largest")
    lines = [head]
    for r in rows:
        lines.append(f"{r['sessions']:>9,} {r['build_seconds']:>8.1f} {r['build_cpu_seconds']:>7.1f} "
                     f"{r['build_peak_mb']:>8.1f} {r['build_files']:>7,} {r['build_bytes'] / 1e6:>8.1f} "
                     f"{r['build_search_index_bytes'] / 1e6:>10.2f} MB {r['build_all_ics_bytes'] / 1e6:>6.2f} MB "
                     f"{r['build_largest_file_bytes'] / 1024:>10.0f} kB  {r['build_largest_file']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, action="append",
                        help="calendar size (repeatable; default 5,000 and 50,000)")
    parser.add_argument("--no-build", action="store_true",
                        help="only the training section, not the full mkdocs build of a site around it")
    parser.add_argument("--keep", type=Path, help="build the sites under this folder and leave them there")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return
    rows = []
    for size in args.sessions or [5000, 50000]:
        rows.append(run(size))
        print(f"  {size:,} sessions: load {rows[-1]['load_seconds']} s, outputs {rows[-1]['outputs_seconds']} s, "
              f"pages put together {rows[-1]['render_seconds']} s", file=sys.stderr)
        if not args.no_build:
            rows[-1].update(site_build(size, keep=args.keep / str(size) if args.keep else None))
            print(f"  {size:,} sessions: full build {rows[-1]['build_seconds']} s, "
                  f"peak {rows[-1]['build_peak_mb']} MB", file=sys.stderr)
    print("Training section alone (load, pages and files, in memory):")
    print(table(rows))
    if not args.no_build:
        print("\nFull `mkdocs build --strict` of a site with 100 pages, 12 editions and this calendar:")
        print(build_table(rows))


if __name__ == "__main__":
    main()
