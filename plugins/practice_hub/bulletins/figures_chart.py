"""Geometry of the 12-month chart, shared by the SVG (web page and PDF) and the table-cell dots
(email: Outlook for Windows shows no SVG).

A dot plot on its side: one row per month, oldest at the top, each labelled with its month and
its figure; the dots are joined so the trend reads at a glance, and a dashed line marks the
target. The scale fits the figures (say 80% to 95%), so a change of two points can be seen;
dots, unlike bars, do not pretend the scale starts at zero. Words carry every fact, so nothing
depends on colour.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .figures_report import MeasureReport, short_month, with_unit

# SVG user units: the chart is drawn 320 wide and scales to its container (320 px phones too).
WIDTH = 320
PLOT_LEFT = 70            # after the month label ("Sep 2026")
PLOT_WIDTH = 180
VALUE_X = PLOT_LEFT + PLOT_WIDTH + 12   # each month's figure, in a column of its own after the plot
ROW = 22
TOP = 26                  # room for the target label
AXIS = 22                 # room for the scale under the rows
DOT_RADIUS = 4


@dataclass(frozen=True)
class Dot:
    month: str            # "Sep 2026"
    label: str            # "87%" or "no figures yet"
    x: float | None       # None when there is no figure
    y: float              # the row's centre line
    latest: bool
    percent: int          # position along the scale, 0-100 (email table cells)


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    dots: tuple[Dot, ...]
    lines: tuple[tuple[float, float, float, float], ...]   # joins between neighbouring months
    ticks: tuple[Tick, ...]
    target_x: float
    target_label: str
    target_anchor: str
    height: int
    low: float
    high: float
    scale_label: str      # "80% to 95%"

    @property
    def plot_bottom(self) -> float:
        return self.height - AXIS


def nice_step(rough: float) -> float:
    """1, 2 or 5 times a power of ten, at least ``rough``."""
    power = 10 ** math.floor(math.log10(rough))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= rough)


def scale(report: MeasureReport) -> tuple[float, float, float]:
    """(low, high, step) that hold every figure in the trend and the target."""
    values = [p.value for p in report.trend if p.value is not None] + [report.measure.target]
    low, high = min(values), max(values)
    step = nice_step(max(high - low, 1) / 4)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    if high == low:
        high += step
    low = max(low, 0)
    if report.measure.unit == "percent":
        high = min(high, 100)
    return low, high, step


def chart(report: MeasureReport, id_prefix: str = "chart") -> Chart:
    low, high, step = scale(report)
    unit = report.measure.unit

    def x_of(value: float) -> float:
        return round(PLOT_LEFT + (value - low) / (high - low) * PLOT_WIDTH, 1)

    dots = []
    for index, point in enumerate(report.trend):
        where = None if point.value is None else x_of(point.value)
        dots.append(Dot(month=short_month(point.month), label=with_unit(point.value, unit), x=where,
                        y=TOP + index * ROW + ROW / 2, latest=index == len(report.trend) - 1,
                        percent=0 if point.value is None else round((point.value - low) / (high - low) * 100)))
    lines = tuple((a.x, a.y, b.x, b.y) for a, b in zip(dots, dots[1:]) if a.x is not None and b.x is not None)
    count = round((high - low) / step)
    ticks = tuple(Tick(x_of(low + i * step), with_unit(low + i * step, unit)) for i in range(count + 1)
                  if count <= 5 or i in (0, count))
    target_x = x_of(report.measure.target)
    first, last = report.trend[0].month, report.trend[-1].month
    return Chart(
        id=f"{id_prefix}-{report.measure.id}",
        title=f"{report.measure.label}: {short_month(first)} to {short_month(last)}",
        description=f"Chart of the figure for each month, on a scale from {with_unit(low, unit)} to "
                    f"{with_unit(high, unit)}. {report.summary} The figures are also in the table below.",
        dots=tuple(dots), lines=lines, ticks=ticks, target_x=target_x,
        target_label=f"Target {with_unit(report.measure.target, unit)}",
        target_anchor="end" if target_x > WIDTH - 40 else "start" if target_x < PLOT_LEFT + 30 else "middle",
        height=TOP + len(dots) * ROW + AXIS, low=low, high=high,
        scale_label=f"{with_unit(low, unit)} to {with_unit(high, unit)}")
