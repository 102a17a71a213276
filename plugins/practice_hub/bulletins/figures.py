"""The performance team's figures, ``bulletins/figures.yml``: measures declared once, values by month.

```yaml
measures:
  - id: visits-on-time
    label: Child protection visits on time
    unit: percent                # percent | number | days
    target: 90
    direction: higher-is-better  # or lower-is-better
    meaning: Visits on time mean we can be confident children are seen and safe.
months:
  - month: 2026-10
    visits-on-time: 87.5
```

Every problem is reported at once with file and line; a month with no figure for a measure has
no value (never a zero).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..common.errors import Problems, SourceError
from ..common.vocabulary import did_you_mean
from ..common.yamlsource import LineDict, LineList, load_yaml_text

FIGURES_FILE = "figures.yml"
UNITS = ("percent", "number", "days")
HIGHER, LOWER = "higher-is-better", "lower-is-better"
DIRECTIONS = (HIGHER, LOWER)
TOP_KEYS = ("measures", "months")
MEASURE_KEYS = ("id", "label", "unit", "target", "direction", "meaning")
MEASURE_REQUIRED = ("id", "label", "unit", "target", "meaning")
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Measure:
    id: str
    label: str
    unit: str
    target: float
    meaning: str                    # one line on what the measure means for a child
    direction: str = HIGHER

    @property
    def higher_is_better(self) -> bool:
        return self.direction == HIGHER


@dataclass(frozen=True)
class Figures:
    measures: tuple[Measure, ...]
    values: dict = field(default_factory=dict, hash=False)   # (month, measure id) -> number
    source: str = FIGURES_FILE

    def value(self, month: str, measure_id: str) -> float | None:
        return self.values.get((month, measure_id))

    def months(self) -> list[str]:
        """Months with at least one figure, oldest first."""
        return sorted({month for month, _ in self.values})


def load_figures(path: Path, display_name: str) -> Figures | None:
    """The figures in ``path`` (None when there is no such file); SourceError lists every problem."""
    if not path.is_file():
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise _not_utf8(display_name) from None
    problems = Problems()
    data = load_yaml_text(text, display_name)   # a key written twice is refused here, with both lines
    figures = _FiguresReader(display_name, problems).read(data)
    problems.raise_if_any()
    return figures


def _not_utf8(name: str) -> SourceError:
    problems = Problems()
    problems.add(name, None, "the file is not saved as UTF-8 text.", "save it again with UTF-8 encoding.")
    return SourceError(problems.items)


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class _FiguresReader:
    def __init__(self, file: str, problems: Problems):
        self.file, self.problems = file, problems

    def add(self, line, what, fix=""):
        self.problems.add(self.file, line, what, fix)

    def read(self, data) -> Figures | None:
        if not isinstance(data, LineDict):
            self.add(1, "the figures file must start with `measures:` and `months:`.",
                     "see the example in the README, section \"Writing a bulletin\".")
            return None
        for key in data:
            if key not in TOP_KEYS:
                self.add(data.line_of(key), f'"{key}" is not a section of the figures file.' + did_you_mean(key, TOP_KEYS),
                         "use `measures:` and `months:`.")
        measures = self.measures(data)
        values = self.months(data, {m.id: m for m in measures})
        return Figures(measures=tuple(measures), values=values, source=self.file)

    def entries(self, data: LineDict, key: str, example: str) -> list[tuple[int, LineDict]]:
        raw = data.get(key)
        if not isinstance(raw, LineList):
            self.add(data.line_of(key) if key in data else data.line or 1, f"`{key}:` must be a list.",
                     f"write `{key}:` and under it one entry per line starting with `- `, like `{example}`.")
            return []
        found = []
        for index, item in enumerate(raw):
            if isinstance(item, LineDict):
                found.append((raw.line_of(index), item))
            else:
                self.add(raw.line_of(index), f"each entry under `{key}:` must be a set of `name: value` lines.",
                         f"write it like `{example}`.")
        return found

    # Measures ----------------------------------------------------------------------------------

    def measures(self, data: LineDict) -> list[Measure]:
        found: list[Measure] = []
        lines: dict[str, int] = {}
        for line, raw in self.entries(data, "measures", "- id: visits-on-time"):
            measure = self.measure(line, raw)
            if measure is None:
                continue
            if measure.id in lines:
                self.add(raw.line_of("id"), f'the measure "{measure.id}" is declared twice (first on line {lines[measure.id]}).',
                         "give each measure its own `id:`.")
                continue
            lines[measure.id] = raw.line_of("id")
            found.append(measure)
        return found

    def measure(self, line: int, raw: LineDict) -> Measure | None:
        for key in raw:
            if key not in MEASURE_KEYS:
                self.add(raw.line_of(key), f'"{key}" is not a setting a measure can have.' + did_you_mean(key, MEASURE_KEYS),
                         f"use only: {', '.join(MEASURE_KEYS)}.")
        name = str(raw.get("id") or raw.get("label") or "this measure")
        checks = [self.has_required(line, raw, name), self.id_ok(raw), self.choices_ok(raw), self.texts_ok(raw)]
        if raw.get("target") is not None:
            checks.append(self.check_number(raw["target"], str(raw.get("unit") or ""), raw.line_of("target"),
                                            f'the target of "{name}"'))
        if not all(checks):
            return None
        return Measure(id=str(raw["id"]), label=str(raw["label"]).strip(), unit=str(raw["unit"]), target=raw["target"],
                       meaning=str(raw["meaning"]).strip(), direction=str(raw.get("direction") or HIGHER))

    def has_required(self, line: int, raw: LineDict, name: str) -> bool:
        missing = [key for key in MEASURE_REQUIRED if raw.get(key) in (None, "")]
        for key in missing:
            self.add(line, f'the measure "{name}" has no `{key}:`.', _MEASURE_FIX[key])
        return not missing

    def id_ok(self, raw: LineDict) -> bool:
        ident = str(raw.get("id") or "")
        if ident and not _ID.match(ident):
            return self._bad(raw, "id", f'the measure id "{ident}" must be lower-case words joined by hyphens.',
                             "write it like `id: visits-on-time`.")
        return True

    def choices_ok(self, raw: LineDict) -> bool:
        ok = True
        unit, direction = str(raw.get("unit") or ""), str(raw.get("direction") or HIGHER)
        if unit and unit not in UNITS:
            ok = self._bad(raw, "unit", f'the unit "{unit}" is not one we know.' + did_you_mean(unit, UNITS),
                           f"use one of: {', '.join(UNITS)}.")
        if direction not in DIRECTIONS:
            ok = self._bad(raw, "direction", f'the direction "{direction}" is not one we know.' + did_you_mean(direction, DIRECTIONS),
                           f"use `direction: {HIGHER}` (the default) or `direction: {LOWER}`.")
        return ok

    def texts_ok(self, raw: LineDict) -> bool:
        ok = True
        for key in ("label", "meaning"):
            if isinstance(raw.get(key), (dict, list)):
                ok = self._bad(raw, key, f"`{key}:` must be one line of text.", f"write it on one line after `{key}:`.")
        return ok

    def _bad(self, raw: LineDict, key: str, what: str, fix: str) -> bool:
        self.add(raw.line_of(key), what, fix)
        return False

    def check_number(self, value, unit: str, line: int, what: str) -> bool:
        if not is_number(value):
            self.add(line, f'{what} is "{value}", which is not a number.',
                     "write the number alone, like `87` or `87.5`: no % sign, words or commas.")
            return False
        if unit == "percent" and not 0 <= value <= 100:
            self.add(line, f"{what} is {value}, but a percentage must be between 0 and 100.",
                     "check the figure with the performance team: it may be a count, not a percentage.")
            return False
        if unit in ("number", "days") and value < 0:
            self.add(line, f"{what} is {value}, but it cannot be below zero.", "check the figure with the performance team.")
            return False
        return True

    # Months ------------------------------------------------------------------------------------

    def months(self, data: LineDict, measures: dict[str, Measure]) -> dict:
        """(month, measure id) -> figure, for every row that checks out."""
        values: dict = {}
        lines: dict = {}                 # (month, measure id) -> the line it was first given on
        for line, raw in self.entries(data, "months", "- month: 2026-10"):
            month = self.month(line, raw)
            for key in raw:
                if key != "month" and self.known_measure(key, raw, measures, data) and month is not None:
                    self.figure(month, measures[key], raw, values, lines)
        return values

    def known_measure(self, key: str, raw: LineDict, measures: dict[str, Measure], data: LineDict) -> bool:
        if key in measures:
            return True
        if not self.declared_but_broken(key, data):
            self.add(raw.line_of(key), f'"{key}" is not a declared measure.' + did_you_mean(key, measures),
                     "declare it under `measures:` first, or correct the spelling.")
        return False

    def figure(self, month: str, measure: Measure, raw: LineDict, values: dict, lines: dict) -> None:
        where = raw.line_of(measure.id)
        if (month, measure.id) in lines:
            self.add(where, f'{month} already has a figure for "{measure.id}" (line {lines[month, measure.id]}).',
                     "keep one row for each month and measure.")
            return
        lines[month, measure.id] = where
        if self.check_number(raw[measure.id], measure.unit, where, f'the {month} figure for "{measure.id}"'):
            values[month, measure.id] = raw[measure.id]

    def month(self, line: int, raw: LineDict) -> str | None:
        if "month" not in raw:
            self.add(line, "this entry has no `month:`.", "start each entry with the month, like `- month: 2026-10`.")
            return None
        text = str(raw["month"]).strip()
        if not MONTH.match(text):
            self.add(raw.line_of("month"), f'the month "{text}" is not a month.', "write it as year-month, like `month: 2026-10`.")
            return None
        return text

    @staticmethod
    def declared_but_broken(key: str, data: LineDict) -> bool:
        """A measure that is declared but has its own problem: say nothing more about its figures."""
        raw = data.get("measures")
        return isinstance(raw, list) and any(isinstance(m, dict) and m.get("id") == key for m in raw)


_MEASURE_FIX = {
    "id": "add a short id, like `id: visits-on-time`; the months use it.",
    "label": "add the name people will read, like `label: Child protection visits on time`.",
    "unit": f"add `unit: percent` (or one of: {', '.join(UNITS)}).",
    "target": "add the target, like `target: 90`: every measure is shown against its target.",
    "meaning": "add one line on what it means for a child, like "
               "`meaning: Visits on time mean we can be confident children are seen and safe.`",
}
