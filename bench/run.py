"""Benchmark: our plugins against plain Material, the live preview, and the training section.

    make bench                          # everything below, in one run (about 10 minutes)
    .venv/bin/python bench/run.py --small   # the small size, the preview and 5,000 sessions only

1. Builds. For each size it generates a site (bench/generate.py, seeded: the same files every
   run) into bench/out/<size>/ and builds it, each build in its own process: (a) plain Material
   with the same theme features (navigation.prune included), Markdown extensions and Material's
   search and offline plugins, on the same Markdown; (b) the real mkdocs.yml with all our
   plugins, the generated bulletins and training calendar, first with an empty cache (every
   bulletin PDF and email copy made: "first"), then again (the routine rebuild: unchanged
   pages' conversions and search entries, session lists, and unchanged editions' texts, PDFs
   and email copies from the cache), then once more after adding next month's edition (a copy
   of the newest: a month's routine work, no target). It prints wall time, CPU time (user and
   system, the build and its PDF workers; steadier than wall time on a shared machine), peak
   memory (the build process's maximum resident set size), output size, seconds and kilobytes
   per handbook page, and the ratios ours/plain. Targets: a rebuild 1.5 times plain Material
   or less, a first build 2.5 or less. Per-page figures that stay level from the small to the
   large size mean the build grows linearly with the number of pages.
2. The preview (bench/preview.py): on the demo site (this repository's content) under
   `mkdocs serve`, the time from saving an edit to a handbook page or a bulletin article to the
   served page showing it. Target: 2 seconds.
3. The training section alone (bench/training_bench.py) at 5,000 and 50,000 sessions.

With --profile, it then profiles our build (cProfile) at the smallest size over target and
prints the MkDocs build steps and the practice_hub functions that take the most time.

A benchmark, not a test: it exits 0 whatever the numbers (non-zero only when a build fails).
"""
from __future__ import annotations

import argparse
import os
import pstats
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import preview  # noqa: E402
import training_bench  # noqa: E402
from generate import SEED, TODAY, Sizes, generate_site  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
REBUILD_TARGET = 1.5     # the routine rebuild, ours/plain (issue 16)
FIRST_TARGET = 2.5       # a first build, every PDF and email copy made
PREVIEW_TARGET = 2.0     # seconds from saving an edit to seeing it in `mkdocs serve`
TRAINING_SIZES = (5000, 50000)
SIZES = {"small": Sizes(pages=100, editions=12, sessions=500),
         "large": Sizes(pages=1000, editions=120, sessions=5000)}
PROFILE_ROWS = 20


@dataclass(frozen=True)
class Build:
    seconds: float
    cpu_seconds: float
    peak_mb: float
    output_bytes: int
    files: int

    def per_page(self, pages: int) -> tuple[float, float]:
        return self.seconds / pages, self.output_bytes / 1024 / pages


def _env() -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PRACTICE_HUB_TODAY": TODAY.isoformat()}


def _folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def build(project: Path, config: str, site: Path, log: Path, *, python_args: tuple[str, ...] = ()) -> Build:
    """Run one `mkdocs build --strict` in a child process; time it and read its own peak memory."""
    command = [sys.executable, *python_args, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(site)]
    with open(log, "w", encoding="utf-8") as out:
        began = time.perf_counter()
        process = subprocess.Popen(command, cwd=project, env=_env(), stdout=out, stderr=subprocess.STDOUT)
        # wait4 gives this child's own resource usage, so one build's peak never hides another's.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = "".join(log.read_text(encoding="utf-8").splitlines(keepends=True)[-30:])
        sys.exit(f"The build with {config} in {project} failed (full log: {log}):\n{tail}")
    size, files = _folder_size(site)
    return Build(seconds=seconds, cpu_seconds=usage.ru_utime + usage.ru_stime, peak_mb=usage.ru_maxrss / 1024,
                 output_bytes=size, files=files)


def add_next_edition(project: Path) -> str:
    """A month's routine work: next month's edition (a copy of the newest, its month changed)."""
    newest = max(folder for folder in (project / "bulletins").iterdir() if re.fullmatch(r"\d{4}-\d{2}", folder.name))
    year, month = map(int, newest.name.split("-"))
    following = date(year + month // 12, month % 12 + 1, 1)
    added = newest.with_name(f"{following:%Y-%m}")
    shutil.copytree(newest, added)
    index = added / "index.md"
    text = index.read_text(encoding="utf-8").replace(f"month: {newest.name}", f"month: {following:%Y-%m}")
    index.write_text(text.replace(f"{date(year, month, 1):%B %Y}", f"{following:%B %Y}"), encoding="utf-8")
    return added.name


def measure(name: str, sizes: Sizes, seed: int) -> tuple[Sizes, Build, Build, Build, Build]:
    project = OUT / name
    began = time.perf_counter()
    sizes = generate_site(project, pages=sizes.pages, editions=sizes.editions, sessions=sizes.sessions, seed=seed)
    print(f"[{name}] generated {sizes.pages} pages, {sizes.editions} editions, {sizes.sessions} sessions "
          f"in {time.perf_counter() - began:.1f} s; building plain Material ...", flush=True)
    plain = build(project, "mkdocs-plain.yml", project / "site-plain", project / "build-plain.log")
    print(f"[{name}] plain Material: {plain.seconds:.1f} s; building with our plugins ...", flush=True)
    shutil.rmtree(project / ".cache", ignore_errors=True)   # a first build: every PDF and email copy made
    ours = build(project, "mkdocs.yml", project / "site-ours", project / "build-ours.log")
    print(f"[{name}] our plugins, first build: {ours.seconds:.1f} s; building again ...", flush=True)
    # The routine case: a rebuild where everything unchanged (pages, PDFs, email copies...) comes from the cache.
    rebuild = build(project, "mkdocs.yml", project / "site-ours", project / "build-ours-again.log")
    print(f"[{name}] our plugins, rebuild: {rebuild.seconds:.1f} s; adding next month's edition ...", flush=True)
    # A month's work: one edition more (its PDF, email copy and pages made, the pages that list it converted again).
    added = add_next_edition(project)
    edition = build(project, "mkdocs.yml", project / "site-ours", project / "build-ours-edition.log")
    print(f"[{name}] our plugins, with the {added} edition added: {edition.seconds:.1f} s", flush=True)
    return sizes, plain, ours, rebuild, edition


def print_table(results: dict[str, tuple[Sizes, Build, Build, Build, Build]]) -> None:
    """Rows: plain Material; ours on a first build (every PDF made); ours rebuilt (everything
    unchanged from the cache); ours after next month's edition is added."""
    header = (f"{'size':<6} {'build':<8} {'time s':>8} {'CPU s':>7} {'peak MB':>8} {'output MB':>10} {'files':>7} "
              f"{'s/page':>8} {'KB/page':>8}")
    print("\n" + header + "\n" + "-" * len(header))
    for name, (sizes, plain, ours, rebuild, edition) in results.items():
        for label, result in (("plain", plain), ("first", ours), ("rebuild", rebuild), ("edition", edition)):
            per_second, per_kb = result.per_page(sizes.pages)
            print(f"{name:<6} {label:<8} {result.seconds:>8.1f} {result.cpu_seconds:>7.1f} {result.peak_mb:>8.0f} "
                  f"{result.output_bytes / 1e6:>10.1f} {result.files:>7} {per_second:>8.3f} {per_kb:>8.0f}")
        for label, result, target in (("ratio f.", ours, FIRST_TARGET), ("ratio r.", rebuild, REBUILD_TARGET),
                                      ("ratio e.", edition, None)):
            note = f"(time target: {target} or less)" if target else "(a new edition: no target)"
            print(f"{name:<6} {label:<8} {result.seconds / plain.seconds:>8.2f} "
                  f"{result.cpu_seconds / plain.cpu_seconds:>7.2f} {result.peak_mb / plain.peak_mb:>8.2f} "
                  f"{result.output_bytes / plain.output_bytes:>10.2f} {'':>7} {note}")
    if {"small", "large"} <= results.keys():
        print("\nGrowth, large against small, per handbook page (1.0 = linear; "
              f"{SIZES['large'].pages / SIZES['small'].pages:.0f} = quadratic):")
        for index, label in ((1, "plain"), (3, "rebuild")):
            small = results["small"][index].per_page(results["small"][0].pages)
            large = results["large"][index].per_page(results["large"][0].pages)
            print(f"  {label:<7} time x{large[0] / small[0]:.2f}, output x{large[1] / small[1]:.2f}")


def print_preview(rounds: int) -> None:
    print(f"\nThe preview: `mkdocs serve` on the demo site, from saving an edit to the page showing it "
          f"(target: {PREVIEW_TARGET:.0f} s) ...", flush=True)
    for line in preview.summary(preview.measure(rounds=rounds)):
        print("  " + line)


def print_training(sizes: tuple[int, ...]) -> None:
    print(f"\nThe training section alone (bench/training_bench.py), "
          f"{' and '.join(f'{n:,}' for n in sizes)} sessions ...", flush=True)
    try:
        rows = [training_bench.run(n) for n in sizes]
    except subprocess.CalledProcessError as failed:
        sys.exit(f"The training benchmark failed:\n{failed.stderr[-3000:]}")
    print(training_bench.table(rows))


def _short(filename: str) -> str:
    for marker in ("practice_hub", "mkdocs"):
        if marker + os.sep in filename:
            return marker + "/" + filename.rsplit(marker + os.sep, 1)[1]
    return filename


def profile(name: str) -> None:
    """Build our site once under cProfile and print the practice_hub functions by cumulative time."""
    project = OUT / name
    stats_file = project / "ours.prof"
    print(f"\nWhere the time goes: our build of the {name} site under cProfile "
          "(the profiler slows everything down; compare the shares) ...", flush=True)
    build(project, "mkdocs.yml", project / "site-profiled", project / "build-profiled.log",
          python_args=("-m", "cProfile", "-o", str(stats_file)))
    stats = pstats.Stats(str(stats_file))
    total = stats.total_tt
    print(f"total {total:.1f} s profiled")
    _print_rows("MkDocs build steps (our page hooks and generated pages run inside these)", stats, total,
                lambda file: file.endswith(os.path.join("mkdocs", "commands", "build.py")), 6)
    _print_rows("practice_hub functions", stats, total, lambda file: "practice_hub" in file, PROFILE_ROWS)


def _print_rows(title: str, stats: pstats.Stats, total: float, wanted, limit: int) -> None:
    rows = [(cumulative, calls, _short(file), line, function)
            for (file, line, function), (_, calls, _, cumulative, _) in stats.stats.items()
            if wanted(file) and function != "<module>"]
    rows.sort(key=lambda row: (-row[0], row[2], row[1]))
    print(f"\n{title}:\n{'cumulative s':>12} {'share':>6} {'calls':>7}  function")
    for cumulative, calls, file, line, function in rows[:limit]:
        print(f"{cumulative:>12.2f} {cumulative / total:>6.0%} {calls:>7}  {file}:{line} {function}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Our build against plain Material, the preview and the training section.")
    parser.add_argument("--small", action="store_true",
                        help="the small size, the preview and 5,000 sessions only (a quick check)")
    parser.add_argument("--profile", action="store_true", help="then profile our build at the smallest size over target")
    parser.add_argument("--seed", type=int, default=SEED, help=f"generator seed (default {SEED})")
    args = parser.parse_args()
    names = ["small"] if args.small else ["small", "large"]
    results = {name: measure(name, SIZES[name], args.seed) for name in names}
    print_table(results)
    print_preview(rounds=3 if args.small else 5)
    print_training(TRAINING_SIZES[:1] if args.small else TRAINING_SIZES)
    over = [name for name in names if results[name][3].seconds / results[name][1].seconds > REBUILD_TARGET
            or results[name][2].seconds / results[name][1].seconds > FIRST_TARGET]
    if not over:
        print(f"\nOur plugins stay within {REBUILD_TARGET} (rebuild) and {FIRST_TARGET} (first build) "
              "of plain Material at every size.")
    elif args.profile:
        profile(over[0])


if __name__ == "__main__":
    main()
