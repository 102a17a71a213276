"""`practice-hub new-bulletin YYYY-MM`: start the next edition as a draft, ready to fill in."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

INDEX = """\
---
title: "Practice and Learning Bulletin: {label}"
month: {month}
status: draft                 # change to `published` when the edition is ready
summary: One sentence on what this edition is about.
practice_focus:
  title: The month's practice focus
  topics: []                  # topic ids from topics.yml, e.g. [motivational-interviewing]
  pages: []                   # handbook pages, e.g. [motivational-interviewing/oars.md]
editor:
  name: {editor_name}
  role: {editor_role}
  email: {editor_email}
quote: ""                     # optional quote or motto; delete the line if not wanted
figures: false                # true: "How we are doing for children" from bulletins/figures.yml
---
Write your welcome here: a few warm paragraphs introducing the month's practice focus and the
articles. Link to the handbook by the page's path, like [OARS](motivational-interviewing/oars.md).
"""

ARTICLE = """\
---
title: Article title
author: Name, role
order: 1                      # where the article goes in the edition: 1 first
topics: []                    # topic ids from topics.yml
type: article                 # article, or briefing for a 7-minute briefing
---
Start with a short opening paragraph. Use `##` for sections inside the article (the edition adds
the article's title itself). Put any images in this folder and describe them:
![What the picture shows](picture.jpg)
"""


class ScaffoldError(Exception):
    pass


def new_edition(bulletins_dir: Path, month: str, *, editor_name: str = "Your name",
                editor_role: str = "Principal Social Worker", editor_email: str = "psw@example.gov.uk") -> Path:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
        raise ScaffoldError(f'"{month}" is not a month. Write it as year-month, like 2027-01.')
    folder = bulletins_dir / month
    if folder.exists():
        raise ScaffoldError(f"{folder} already exists; nothing was changed.")
    year, number = map(int, month.split("-"))
    label = date(year, number, 1).strftime("%B %Y")
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(INDEX.format(label=label, month=month, editor_name=editor_name,
                                                  editor_role=editor_role, editor_email=editor_email), encoding="utf-8")
    (folder / "01-first-article.md").write_text(ARTICLE, encoding="utf-8")
    return folder


def latest_editor(bulletins_dir: Path) -> dict:
    """Copy the editor's details from the newest edition so the PSW types them once."""
    from ..common.frontmatter import split_front_matter
    for index in sorted(bulletins_dir.glob("*/index.md"), reverse=True):
        try:
            meta, _, _ = split_front_matter(index.read_text(encoding="utf-8"), str(index))
        except Exception:  # noqa: BLE001 - a broken old edition must not stop a new one
            continue
        editor = meta.get("editor")
        if isinstance(editor, dict) and all(editor.get(k) for k in ("name", "role", "email")):
            return {"editor_name": editor["name"], "editor_role": editor["role"], "editor_email": editor["email"]}
    return {}
