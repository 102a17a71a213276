"""YAML loading that remembers line numbers and avoids YAML 1.1 surprises.

* Every mapping comes back as a :class:`LineDict` that knows the line of each key, and every
  list as a :class:`LineList` that knows the line of each item, so a checker can say
  "courses.yml, line 14".
* Unquoted ``15:00`` stays the string ``"15:00"`` (YAML 1.1 would read it as the integer 900),
  and ``yes``/``no``/``on``/``off`` stay strings; only ``true``/``false`` are booleans.
* Dates stay text too (``2026-02-30`` would otherwise crash the parser); checkers parse
  them with :func:`parse_date` and report impossible ones with their line.
* Syntax errors become a :class:`~practice_hub.common.errors.SourceError` with the line.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import yaml

from .errors import Problem, SourceError


class LineDict(dict):
    """A dict that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A list that knows its own line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


# libyaml's parser (CSafeLoader) when present: six times faster on large calendars.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """SafeLoader with YAML 1.2-like scalars and line-aware containers."""

    # Two shortcuts for the tens of thousands of scalars in a large calendar and the handbook's
    # front matter, each giving exactly what PyYAML's own code gives:
    def resolve(self, kind, value, implicit):
        # A plain scalar's tag depends only on its text (there are no path resolvers): found
        # once per distinct text (times, places, statuses, ids repeat) instead of by regexes.
        if kind is yaml.ScalarNode and implicit[0] and not self.yaml_path_resolvers:
            tags = _RESOLVED.setdefault(type(self), {})
            tag = tags.get(value)
            if tag is None:
                if len(tags) > 100_000:   # a long preview session: forget, rather than grow for ever
                    tags.clear()
                tag = tags[value] = super().resolve(kind, value, implicit)
            return tag
        return super().resolve(kind, value, implicit)

    def construct_object(self, node, deep=False):
        # A string is its own text: no need for the general constructor's bookkeeping.
        if node.__class__ is yaml.ScalarNode and node.tag == _STR:
            return node.value
        return super().construct_object(node, deep=deep)


_STR = "tag:yaml.org,2002:str"
_RESOLVED: dict[type, dict[str, str]] = {}


# Drop YAML 1.1 implicit resolvers that turn 15:00 into 900 and "no" into False, then add
# back the 1.2 forms. Times and sexagesimal numbers stay strings; the checker parses them.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (
        "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"), list("-+0123456789."))


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            key = str(key)
        line = key_node.start_mark.line + 1
        if key in result.key_lines:
            # YAML would keep only the last value, silently: say so instead.
            loader.duplicates.append((key, result.key_lines[key], line))
            continue
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class SettingsLoader(_Loader):
    """For mkdocs.yml: MkDocs' own tags (`!ENV`, `!relative`, `!!python/name:`) are kept as
    placeholders, so the file can be checked with line numbers before MkDocs reads it."""


SettingsLoader.add_multi_constructor("!", lambda loader, suffix, node: f"<!{suffix}>")
SettingsLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: f"<python/{suffix}>")


def load_yaml_text(text: str, filename: str, first_line: int = 1, loader_class: type = _Loader):
    """Parse YAML text; ``first_line`` shifts line numbers (for front matter inside a file)."""
    loader = loader_class(text)
    loader.duplicates = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + first_line if mark else None
        problem = (err.problem or str(err)).strip()
        raise SourceError([Problem(
            filename, line, f"this is not valid YAML ({problem}).",
            "check the indentation and that any text containing a colon (:) or starting with "
            "a quote, #, [ or { is wrapped in quotes.")]) from None
    except yaml.YAMLError as err:
        raise SourceError([Problem(filename, None, f"this is not valid YAML ({err}).")]) from None
    finally:
        loader.dispose()
    if loader.duplicates:
        raise SourceError([Problem(
            filename, line + first_line - 1,
            f"`{key}:` is written twice in the same block (first on line {first + first_line - 1}); "
            "only one of them could be used.",
            "keep one and delete the other, or merge what they say.")
            for key, first, line in loader.duplicates])
    if first_line != 1:
        _shift_lines(data, first_line - 1)
    return data


def load_yaml_file(path: Path, display_name: str | None = None):
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise SourceError([Problem(name, None, "the file is not saved as UTF-8 text.",
                                   "save it again with UTF-8 encoding.")]) from None
    return load_yaml_text(text, name)


def parse_date(value) -> date | None:
    """A ``YYYY-MM-DD`` value as a date, or None when it is not a real date in that form."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _shift_lines(data, offset: int) -> None:
    if isinstance(data, LineDict):
        data.line += offset
        data.key_lines = {k: v + offset for k, v in data.key_lines.items()}
        for value in data.values():
            _shift_lines(value, offset)
    elif isinstance(data, LineList):
        data.line += offset
        data.item_lines = [v + offset for v in data.item_lines]
        for value in data:
            _shift_lines(value, offset)
