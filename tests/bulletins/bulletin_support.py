"""Small bulletin editions written into a scratch folder for tests."""
from __future__ import annotations

import textwrap
from pathlib import Path

EDITOR = """editor:
  name: Amara Okafor
  role: Principal Social Worker
  email: psw@eastmere.example.gov.uk
"""

BRIEFING = """\
## Background
Why we looked.

## What happened
What we found.

## What we learned
The learning.

## What to do differently
The change.

## Questions for your team
1. First question?
2. Second question?
3. Third question?
"""

# A 1x1 transparent PNG.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def edition(root: Path, month: str, *, status: str = "published", title: str | None = None,
            articles: dict[str, str] | None = None, extra: str = "", welcome: str = "Welcome, everyone.") -> Path:
    folder = root / "bulletins" / month
    folder.mkdir(parents=True, exist_ok=True)
    title_line = f'title: "{title}"\n' if title is not None else ""
    (folder / "index.md").write_text(
        f"---\n{title_line}month: {month}\nstatus: {status}\npractice_focus:\n  title: Motivational interviewing\n"
        f"  topics: [motivational-interviewing]\n  pages: [motivational-interviewing/oars.md]\n{EDITOR}{extra}---\n{welcome}\n",
        encoding="utf-8")
    for name, text in (articles or {}).items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def article(title: str, order: int, body: str = "Some text.\n", *, kind: str = "article", topics: str = "[]") -> str:
    return f"---\ntitle: {title}\nauthor: Sam Lee, Team Manager\norder: {order}\ntopics: {topics}\ntype: {kind}\n---\n{body}"
