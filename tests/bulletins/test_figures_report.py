"""What an edition says about its figures: latest month, change, trend, target, and the chart's scale."""
from __future__ import annotations

from practice_hub.bulletins.figures import LOWER, Figures, Measure
from practice_hub.bulletins.figures_chart import chart
from practice_hub.bulletins.figures_report import build_report, months_back, number_text, with_unit

VISITS = Measure("visits", "Visits on time", "percent", 90, "Children are seen.")
WAITS = Measure("waits", "Days waiting", "days", 20, "Help sooner.", direction=LOWER)


def figures(values: dict) -> Figures:
    return Figures((VISITS, WAITS), values=values)


def test_months_back_crosses_the_new_year():
    assert months_back("2026-02", 4) == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert len(months_back("2026-10", 12)) == 12


def test_numbers_keep_at_most_one_decimal_and_say_their_unit():
    assert [number_text(v) for v in (87, 87.0, 87.46, 90.4)] == ["87", "87", "87.5", "90.4"]
    assert with_unit(91.2, "percent") == "91.2%" and with_unit(1, "days") == "1 day" and with_unit(12, "number") == "12"
    assert with_unit(None, "percent") == "no figures yet"


def test_latest_month_on_or_before_the_edition_change_and_trend():
    data = {("2025-11", "visits"): 80, ("2026-08", "visits"): 86, ("2026-09", "visits"): 88.5,
            ("2026-12", "visits"): 99}   # after the edition: never shown in it
    report = build_report(figures(data), "2026-10")
    visits = report.measures[0]
    assert report.month == "2026-09" and report.month_label == "September 2026"
    assert visits.shown == "88.5%" and visits.target_status == "below target"
    assert visits.change_text == "Up 2.5 percentage points since August 2026 (better)."
    assert [p.month for p in visits.trend][0] == "2025-10" and visits.trend[-1].month == "2026-09"
    assert visits.trend_direction == "improving"
    assert visits.trend_text == ("Over the last 12 months: improving, from 80% in November 2025 "
                                 "to 88.5% in September 2026.")
    waits = report.measures[1]
    assert waits.value is None and waits.shown == "no figures yet" and waits.change_text == ""
    assert waits.trend_text == "Not enough figures yet for a trend."


def test_lower_is_better_measures_read_the_right_way_round():
    data = {("2026-01", "waits"): 25, ("2026-02", "waits"): 18}
    waits = build_report(figures(data), "2026-02").measures[1]
    assert waits.target_text == "20 days or fewer" and waits.target_status == "on target"
    assert waits.change_text == "Down 7 days since January 2026 (better)."
    assert waits.trend_direction == "improving"
    worse = build_report(figures({("2026-01", "waits"): 18, ("2026-02", "waits"): 25}), "2026-02").measures[1]
    assert worse.target_status == "above target" and worse.trend_direction == "getting worse"
    assert worse.change_text == "Up 7 days since January 2026 (worse)."


def test_a_gap_last_month_is_said_in_words_never_a_zero():
    data = {("2026-01", "visits"): 85, ("2026-03", "visits"): 91}
    visits = build_report(figures(data), "2026-03").measures[0]
    assert visits.previous.value is None
    assert visits.change_text == "No figure for February 2026 to compare with."
    assert visits.trend_direction == "improving"


def test_an_edition_before_any_figures_has_no_figures_yet():
    report = build_report(figures({("2026-05", "visits"): 85}), "2026-03")
    assert report.month is None and report.measures == ()


def test_chosen_month_wins_over_the_latest():
    data = {("2026-08", "visits"): 86, ("2026-09", "visits"): 88}
    assert build_report(figures(data), "2026-10", chosen="2026-08").measures[0].shown == "86%"


def test_chart_scale_fits_the_figures_and_target_and_keeps_every_month():
    data = {(m, "visits"): v for m, v in zip(months_back("2026-09", 12), (84, 82, 85, 87, 88, 87, 89, 90, 88, 87, 89, 91))}
    drawn = chart(build_report(figures(data), "2026-09").measures[0], "t")
    assert (drawn.low, drawn.high) == (80, 95)
    assert [d.month for d in drawn.dots][0] == "Oct 2025" and drawn.dots[-1].latest
    assert [d.label for d in drawn.dots][-1] == "91%"
    xs = [d.x for d in drawn.dots]
    assert xs[1] < xs[0] < xs[-1]            # December's dip is left of October; the latest is furthest right
    assert drawn.title == "Visits on time: Oct 2025 to Sep 2026"
    assert "on target" in drawn.description and "improving" in drawn.description
    assert drawn.id == "t-visits" and len(drawn.lines) == 11


def test_changes_too_small_to_show_read_as_no_change():
    data = {("2026-01", "visits"): 88.12, ("2026-02", "visits"): 88.14}
    visits = build_report(figures(data), "2026-02").measures[0]
    assert visits.change_text == "No change since January 2026." and visits.trend_direction == "no change"
    tiny = build_report(figures({("2026-01", "visits"): 19.8, ("2026-02", "visits"): 20.4}), "2026-02").measures[0]
    assert tiny.change == 0.6 and tiny.change_text == "Up 0.6 percentage points since January 2026 (better)."
