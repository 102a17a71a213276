"""Declared vocabularies (topics, categories, audiences) and "did you mean" suggestions."""
from __future__ import annotations

import difflib
from pathlib import Path

from .errors import Problem, Problems, SourceError
from .yamlsource import LineDict, load_yaml_file


def did_you_mean(word: str, choices) -> str:
    """' Did you mean "x"?' for the closest choice, or '' when nothing is close."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f' Did you mean "{close[0]}"?' if close else ""


def check_terms(values, vocabulary: dict, kind: str, file: str, line: int | None,
                problems: Problems, declared_in: str) -> None:
    """Add a problem for each value that is not a key of ``vocabulary``."""
    for value in values:
        if value not in vocabulary:
            problems.add(file, line, f'"{value}" is not a declared {kind}.{did_you_mean(value, vocabulary)}',
                         f"use one of: {', '.join(sorted(vocabulary))} — or declare it in {declared_in}.")


def load_topics(path: Path, display_name: str = "topics.yml") -> dict[str, str]:
    """Read ``topics.yml`` (``topics: {id: label}``) into an ordered dict of id -> label."""
    if not path.is_file():
        raise SourceError([Problem(display_name, None, "the topic list is missing.",
                                   "create it with a `topics:` mapping of topic id to label.")])
    data = load_yaml_file(path, display_name)
    topics = data.get("topics") if isinstance(data, LineDict) else None
    if not isinstance(topics, dict) or not all(isinstance(v, str) for v in topics.values()):
        line = data.line if isinstance(data, LineDict) else None
        raise SourceError([Problem(display_name, line, "expected `topics:` followed by lines like `safety-planning: Safety planning`.",
                                   "indent each topic under `topics:` as `id: Label`.")])
    return {str(k): v for k, v in topics.items()}
