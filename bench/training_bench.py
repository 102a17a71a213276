"""Benchmark: validate a generated 5,000-session calendar and write every feed.

    .venv/bin/python bench/training_bench.py [--sessions 5000]

Prints the time to load and check the YAML and the time to write every .ics file
(all, per category, per audience, one per session). Target: well under a second each.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from practice_hub.training.ics import IcsWriter  # noqa: E402
from practice_hub.training.loader import load_calendar  # noqa: E402

CATEGORIES = ["practice-focus", "induction", "signs-of-safety", "court-skills", "leadership", "research"]
AUDIENCES = ["social-workers", "asye", "family-support", "practice-supervisors", "team-managers"]


def generate(folder: Path, sessions: int, per_course: int = 25) -> None:
    """Deterministic calendar: `sessions` sessions over `sessions / per_course` courses."""
    vocab = ["categories:"] + [f"  {c}: {c.replace('-', ' ').title()}" for c in CATEGORIES]
    vocab += ["audiences:"] + [f"  {a}: {a.replace('-', ' ').title()}" for a in AUDIENCES]
    (folder / "vocabulary.yml").write_text("\n".join(vocab) + "\n")
    lines = ["courses:"]
    start = date(2026, 1, 5)
    for course in range(sessions // per_course):
        lines += [f"  - id: course-{course:04d}", f'    title: "Generated course {course}: practice, skills; and more"',
                  f"    category: {CATEGORIES[course % len(CATEGORIES)]}",
                  f"    audience: [{AUDIENCES[course % len(AUDIENCES)]}, {AUDIENCES[(course + 2) % len(AUDIENCES)]}]",
                  "    summary: A generated course for the benchmark.", "    location: Civic Centre",
                  "    booking_url: https://learning.example.org/course/1", "    sessions:"]
        for n in range(per_course):
            day = start + timedelta(days=(course * 7 + n * 29) % 730)
            hour = 9 + (n % 6)
            lines += [f"      - date: {day.isoformat()}", f'        start: "{hour:02d}:00"', f'        end: "{hour + 2:02d}:00"']
    (folder / "courses.yml").write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, args.sessions)
        began = time.perf_counter()
        calendar = load_calendar(folder, display_root=folder)
        loaded = time.perf_counter()
        files = IcsWriter(calendar, site_url="https://hub.example.org/", site_name="Hub",
                          stamp=datetime(2026, 1, 1, tzinfo=timezone.utc),
                          course_url=lambda c: f"https://hub.example.org/training/courses/{c.id}.html").files()
        written = time.perf_counter()
    total = sum(len(b) for b in files.values())
    print(f"sessions: {len(calendar.sessions())}, courses: {len(calendar.courses)}")
    print(f"validate: {loaded - began:.3f} s")
    print(f"write {len(files)} .ics files ({total / 1e6:.1f} MB): {written - loaded:.3f} s")


if __name__ == "__main__":
    main()
