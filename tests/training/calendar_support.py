"""Helpers for training tests: write small calendars and parse .ics with two independent parsers."""
from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
from datetime import timezone
from pathlib import Path

import pytest

from practice_hub.common.errors import SourceError  # noqa: E402
from practice_hub.training.loader import load_calendar  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
VOCABULARY = """\
categories:
  practice-focus: Practice focus workshops
  signs-of-safety: Signs of Safety
audiences:
  social-workers: Social workers
  practice-supervisors: Practice supervisors
"""


def write_calendar(folder: Path, files: dict[str, str], vocabulary: str = VOCABULARY) -> Path:
    cal = folder / "training_calendar"
    cal.mkdir(parents=True, exist_ok=True)
    (cal / "vocabulary.yml").write_text(vocabulary, encoding="utf-8")
    for name, text in files.items():
        (cal / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return cal


def load(folder: Path, files: dict[str, str], **kwargs):
    cal = write_calendar(folder, files)
    return load_calendar(cal, display_root=folder, **kwargs)


def problems_of(folder: Path, files: dict[str, str], **kwargs) -> str:
    with pytest.raises(SourceError) as caught:
        load(folder, files, **kwargs)
    return caught.value.report()


def icaljs(paths: list[Path]) -> dict:
    """What Thunderbird's parser sees in each file."""
    if shutil.which("node") is None or not (ROOT / "node_modules" / "ical.js").is_dir():
        pytest.fail("node and the npm package ical.js are needed: run `npm ci`.")
    result = subprocess.run(["node", str(Path(__file__).with_name("icaljs_dump.mjs")), *map(str, paths)],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def icalendar_events(data: bytes) -> list[dict]:
    """What the Python `icalendar` parser sees, in the same shape as icaljs()."""
    from icalendar import Calendar
    cal = Calendar.from_ical(data)
    return [{"uid": str(ev["UID"]), "summary": str(ev["SUMMARY"]), "status": str(ev["STATUS"]),
             "start": ev.decoded("DTSTART").astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
             "end": ev.decoded("DTEND").astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")}
            for ev in cal.walk("VEVENT")]
