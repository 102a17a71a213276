"""What an edition says about its figures: the latest month against target, the change since the
month before and the 12-month trend, in plain words that never rely on colour."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .figures import Figures, Measure

TREND_MONTHS = 12
NO_FIGURES = "no figures yet"


def month_label(month: str) -> str:
    year, number = map(int, month.split("-"))
    return date(year, number, 1).strftime("%B %Y")


def short_month(month: str) -> str:
    year, number = map(int, month.split("-"))
    return date(year, number, 1).strftime("%b %Y")


def months_back(month: str, count: int) -> list[str]:
    """``count`` months ending with ``month``, oldest first."""
    year, number = map(int, month.split("-"))
    index = year * 12 + number - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - count + 1, index + 1)]


def number_text(value: float) -> str:
    """87 -> "87", 87.46 -> "87.5": at most one decimal place, none when it is whole."""
    rounded = round(float(value), 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def with_unit(value: float | None, unit: str) -> str:
    if value is None:
        return NO_FIGURES
    text = number_text(value)
    return {"percent": f"{text}%", "days": f"{text} days" if text != "1" else "1 day"}.get(unit, text)


def difference_text(amount: float, unit: str) -> str:
    text = number_text(abs(amount))
    if unit == "percent":
        return f"{text} percentage point" + ("" if text == "1" else "s")
    if unit == "days":
        return f"{text} day" + ("" if text == "1" else "s")
    return text


@dataclass(frozen=True)
class Point:
    month: str
    value: float | None


@dataclass(frozen=True)
class MeasureReport:
    measure: Measure
    month: str
    value: float | None
    previous: Point                     # the month before
    trend: tuple[Point, ...]            # TREND_MONTHS months ending with ``month``, oldest first

    @property
    def shown(self) -> str:
        return with_unit(self.value, self.measure.unit)

    @property
    def target_text(self) -> str:
        """"90% or more" / "20 days or fewer"."""
        more = "or more" if self.measure.higher_is_better else "or fewer"
        return f"{with_unit(self.measure.target, self.measure.unit)} {more}"

    def meets_target(self, value: float | None) -> bool | None:
        if value is None:
            return None
        target = self.measure.target
        return value >= target if self.measure.higher_is_better else value <= target

    def status(self, value: float | None) -> str:
        met = self.meets_target(value)
        if met is None:
            return NO_FIGURES
        if met:
            return "on target"
        return "below target" if self.measure.higher_is_better else "above target"

    @property
    def target_status(self) -> str:
        return self.status(self.value)

    def is_better(self, old: float, new: float) -> bool:
        return new > old if self.measure.higher_is_better else new < old

    def movement(self, old: float, new: float) -> str:
        if new == old:
            return "no change"
        return "better" if self.is_better(old, new) else "worse"

    @property
    def change(self) -> float | None:
        """Since the month before, to the one decimal place the figures are shown with."""
        if self.value is None or self.previous.value is None:
            return None
        return round(self.value - self.previous.value, 1)

    @property
    def change_text(self) -> str:
        """"Up 2 percentage points since September 2026 (better)"."""
        since = month_label(self.previous.month)
        if self.change is None:
            return f"No figure for {since} to compare with." if self.value is not None else ""
        if self.change == 0:
            return f"No change since {since}."
        way = "Up" if self.change > 0 else "Down"
        amount = difference_text(self.change, self.measure.unit)
        return f"{way} {amount} since {since} ({self.movement(0, self.change)})."

    @property
    def trend_start(self) -> Point | None:
        """The oldest month in the trend with a figure (not the latest month itself)."""
        for point in self.trend[:-1]:
            if point.value is not None:
                return point
        return None

    @property
    def trend_direction(self) -> str:
        """improving | getting worse | no change | "" (not enough figures)."""
        start = self.trend_start
        if start is None or self.value is None:
            return ""
        if round(start.value, 1) == round(self.value, 1):
            return "no change"
        return "improving" if self.is_better(start.value, self.value) else "getting worse"

    @property
    def trend_text(self) -> str:
        start = self.trend_start
        if not self.trend_direction:
            return "Not enough figures yet for a trend."
        return (f"Over the last {len(self.trend)} months: {self.trend_direction}, from "
                f"{with_unit(start.value, self.measure.unit)} in {month_label(start.month)} "
                f"to {self.shown} in {month_label(self.month)}.")

    @property
    def summary(self) -> str:
        """Everything a chart shows, in one sentence or three (its description for screen readers)."""
        head = f"{month_label(self.month)}: {self.shown}"
        if self.value is None:
            return head + "."
        parts = [f"{head}, {self.target_status} (target {self.target_text})."]
        parts += [text for text in (self.change_text, self.trend_text) if text]
        return " ".join(parts)


@dataclass(frozen=True)
class FiguresReport:
    month: str | None                   # None: no figures on or before the edition's month
    measures: tuple[MeasureReport, ...]
    commentary: str = ""                # the editor's Markdown
    source: str = ""

    @property
    def month_label(self) -> str:
        return month_label(self.month) if self.month else ""


def figures_month(figures: Figures, edition_month: str, chosen: str = "") -> str | None:
    """The month an edition reports: the one chosen, else the latest with figures on or before its own."""
    if chosen:
        return chosen
    earlier = [m for m in figures.months() if m <= edition_month]
    return earlier[-1] if earlier else None


def build_report(figures: Figures, edition_month: str, *, chosen: str = "", commentary: str = "") -> FiguresReport:
    month = figures_month(figures, edition_month, chosen)
    if month is None:
        return FiguresReport(None, (), commentary, figures.source)
    reports = []
    for measure in figures.measures:
        trend = tuple(Point(m, figures.value(m, measure.id)) for m in months_back(month, TREND_MONTHS))
        previous = months_back(month, 2)[0]
        reports.append(MeasureReport(measure, month, figures.value(month, measure.id),
                                     Point(previous, figures.value(previous, measure.id)), trend))
    return FiguresReport(month, tuple(reports), commentary, figures.source)
