"""Lokale analyse figures: per source and period, as a trend, never summed across periods."""

from __future__ import annotations

from recommender import lokale_analyse as la
from recommender.loader import load_kb

from .conftest import REAL_KB

KB = load_kb(REAL_KB)
SAMPLE = la.load_sample(REAL_KB)


def _with(rows: list[tuple[str, str, int]]) -> la.LokaleAnalyse:
    return SAMPLE.model_copy(
        update={"cijfers": [la.FigureRow(bron=b, periode=p, aantal=n) for b, p, n in rows]}
    )


def test_periods_are_kept_apart_and_in_time_order() -> None:
    analysis = _with([("politieregistraties", "2026", 17), ("politieregistraties", "2025", 11)])
    (trend,) = la.figure_trends(analysis, KB)
    assert trend.periods == (("2025", 11), ("2026", 17))
    assert trend.latest == ("2026", 17) and trend.previous == ("2025", 11)


def test_period_order_reads_numbers_as_numbers() -> None:
    periods = ["2025-Q10", "2025-Q2", "2024", "2025-Q1"]
    assert sorted(periods, key=la.period_order) == ["2024", "2025-Q1", "2025-Q2", "2025-Q10"]


def test_two_counts_of_one_period_are_added_but_periods_never_are() -> None:
    analysis = _with([("vastgoed", "2026", 3), ("vastgoed", "2026", 1), ("vastgoed", "2025", 9)])
    (trend,) = la.figure_trends(analysis, KB)
    assert trend.periods == (("2025", 9), ("2026", 4))


def test_sentence_cites_latest_change_source_and_legal_basis() -> None:
    analysis = _with([("vastgoed", "2025", 9), ("vastgoed", "2026", 4), ("schulden", "2026", 2)])
    first, second = la.figure_trends(analysis, KB)
    assert first.sentence() == (
        "panden, huur en eigendom: 4 in 2026, 5 minder dan in 2025 (9) (bron: Woningcorporatie; "
        f"te delen via {KB.entries['informatiedeling-convenant'].title}, "
        f"{KB.entries['artikel-13b-opiumwet'].title})"
    )
    assert second.sentence().startswith("schulden en schuldhulpverlening: 2 in 2026 (bron: ")
    text = la.problem_definition(analysis, KB)
    assert "4 in 2026, 5 minder dan in 2025 (9)" in text
    assert ": 13 " not in text and ": 13;" not in text  # 9 + 4 summed


def test_the_report_chart_shows_each_period() -> None:
    png = la.figures_chart_png(_with([("vastgoed", "2025", 9), ("vastgoed", "2026", 4)]), KB)
    assert png and png.startswith(b"\x89PNG")
