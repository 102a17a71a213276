"""Split Markdown front matter from its body, keeping line numbers right."""
from __future__ import annotations

from .errors import Problem, SourceError
from .yamlsource import LineDict, load_yaml_text


def split_front_matter(text: str, filename: str) -> tuple[LineDict, str, int]:
    """Return (front matter, body, line where the body starts).

    Front matter is the block between a first line ``---`` and the next ``---`` line.
    A file without it gets an empty mapping.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        empty = LineDict()
        empty.key_lines = {}
        return empty, text, 1
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            meta = load_yaml_text("".join(lines[1:index]), filename, first_line=2)
            if meta is None:
                meta = LineDict()
                meta.key_lines = {}
            if not isinstance(meta, dict):
                raise SourceError([Problem(
                    filename, 2, "the front matter must be a list of `name: value` lines.",
                    "write each setting on its own line, like `title: My page`.")])
            return meta, "".join(lines[index + 1:]), index + 2
    raise SourceError([Problem(
        filename, 1, "the front matter starts with `---` but never ends.",
        "add a line with just `---` after the last setting.")])
