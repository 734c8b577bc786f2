"""The corpus-scale report: medians over interleaved rounds, and the section it writes."""

from __future__ import annotations

from bench.scale import scale_section, summarise


def _round(single: float, one: float, two: float) -> dict[str, object]:
    return {"single_process": single, "runs": [
        {"workers": 1, "thresher": one, "busy": 0.99, "efficiency": one / single},
        {"workers": 2, "thresher": two, "busy": 0.95, "efficiency": two / (2 * single)},
    ]}


def test_summary_takes_the_median_of_each_figure_over_rounds() -> None:
    rounds = [_round(60.0, 57.0, 110.0), _round(50.0, 48.0, 95.0), _round(70.0, 30.0, 130.0)]
    rows = summarise(rounds, {1: 20.0, 2: None})
    assert [row["workers"] for row in rows] == [1, 2]
    assert rows[0]["thresher"] == 48.0  # the slow third round does not drag the median
    assert rows[0]["efficiency"] == 0.95
    assert rows[1]["efficiency"] == 130.0 / 140.0  # the median of the rounds' ratios
    assert rows[0]["trafilatura"] == 20.0 and rows[1]["trafilatura"] is None


def test_section_reports_rounds_efficiency_and_crawl_cost() -> None:
    rounds = [_round(60.0, 57.0, 110.0), _round(50.0, 48.0, 95.0)]
    data = {
        "command": "make bench-scale", "date": "2026-01-01", "records": 5000,
        "warc_megabytes": 225.0, "machine": {"CPU": "test"}, "single_process": 55.0,
        "runs": summarise(rounds, {1: 20.0, 2: 38.0}), "rounds": rounds, "crawl_pages": 3e9,
    }
    section = scale_section(data)
    assert "2 interleaved rounds" in section
    assert "| 2 | 102.5 | 0.93 | 95% | 38.0 | 2.7× |" in section
    # 3e9 pages at 102.5 / 2 records/s per core
    assert f"**{3e9 / 51.25 / 3600:,.0f} core-hours**" in section
