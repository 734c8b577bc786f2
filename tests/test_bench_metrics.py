"""The benchmark's scoring and report formatting, on hand-made inputs (no datasets, no network)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.metrics import score, tokens
from bench.plot import FrontierPoint, frontier
from bench.report import (
    Labels,
    accuracy_table,
    page_type_table,
    pooled_speed,
    render_report,
    speed_table,
    summarize,
)
from bench.results import (
    BenchResults,
    ExtractorInfo,
    MemoryResult,
    PageResult,
    RunInfo,
    SpeedResult,
    read_run,
    write_page_results,
    write_run,
)

# --- bench.metrics -----------------------------------------------------------------------------


def test_tokens_are_lowercased_words_without_punctuation() -> None:
    assert tokens("Hello, World! It's 2024.") == ["hello", "world", "it", "s", "2024"]


def test_identical_texts_score_one() -> None:
    s = score(
        "The quick brown fox jumps over the lazy dog.",
        "the quick brown fox jumps over the lazy dog",
    )
    assert (s.precision, s.recall, s.f1, s.shingle_f1) == (1.0, 1.0, 1.0, 1.0)


def test_disjoint_texts_score_zero() -> None:
    s = score("alpha beta gamma delta", "one two three four five")
    assert (s.precision, s.recall, s.f1, s.shingle_f1) == (0.0, 0.0, 0.0, 0.0)


def test_partial_overlap_word_and_shingle_scores() -> None:
    # 3 of 4 predicted words are gold, 3 of 5 gold words predicted: F1 = 2·.75·.6 / 1.35 = 2/3.
    s = score("a b c d", "a b c e f")
    assert s.precision == pytest.approx(0.75)
    assert s.recall == pytest.approx(0.6)
    assert s.f1 == pytest.approx(2 / 3)
    # the one predicted shingle (a b c d) is not among the gold ones (a b c e), (b c e f)
    assert s.shingle_f1 == 0.0


def test_shingles_reward_order_that_words_ignore() -> None:
    s = score("one two three four five", "five four three two one")
    assert s.f1 == 1.0
    assert s.shingle_f1 == 0.0


def test_overlap_counts_multisets_not_sets() -> None:
    s = score("x x y", "x y y")  # common: one x, one y
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == pytest.approx(2 / 3)


def test_empty_prediction_scores_zero_and_empty_pair_scores_one() -> None:
    assert score("", "some gold text").f1 == 0.0
    assert score("", "").f1 == 1.0


# --- bench.report ------------------------------------------------------------------------------


def _page(
    extractor: str, page_id: str, f1: float, *, dataset: str = "d1", **kw: object
) -> PageResult:
    return PageResult(dataset, page_id, extractor, f1, f1, f1, f1, **kw)  # type: ignore[arg-type]


def _info(**kw: object) -> RunInfo:
    extractors = [
        ExtractorInfo("thresher", "thresher", "thresher", "0.1.0"),
        ExtractorInfo("peer", "Peer Lib", "peer", "2.0", note="defaults"),
    ]
    fields: dict[str, object] = {
        "date": "2030-01-02 03:04 UTC",
        "command": "python -m bench.run --limit 2",
        "machine": {"CPU": "Test CPU", "cores": "2"},
        "extractors": extractors,
        "datasets": ["d1"],
    }
    fields.update(kw)
    return RunInfo(**fields)  # type: ignore[arg-type]


PAGES = [
    _page("thresher", "p1", 1.0, page_type="article"),
    _page("thresher", "p2", 0.5, page_type="forum"),
    _page("peer", "p1", 0.8, page_type="article"),
    _page("peer", "p2", 0.0, page_type="forum", error="ValueError", empty=True),
]


def test_summarize_macro_averages_and_counts_failures() -> None:
    summaries = summarize(PAGES)
    assert list(summaries) == ["thresher", "peer"]
    assert summaries["thresher"].f1 == pytest.approx(0.75)
    assert summaries["peer"].f1 == pytest.approx(0.4)
    assert (summaries["peer"].failures, summaries["peer"].empty) == (1, 1)
    assert summaries["thresher"].failures == 0


def test_accuracy_table_rows_bold_best_and_oof_label() -> None:
    table = accuracy_table(list(summarize(PAGES).values()), Labels(_info()))
    lines = table.splitlines()
    assert lines[0] == (
        "| extractor | word F1 | precision | recall | 4-shingle F1 | failures | empty |"
    )
    assert lines[1] == "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    assert lines[2] == "| thresher (out-of-fold) | **0.750** | 0.750 | 0.750 | 0.750 | 0 | 0 |"
    assert lines[3] == "| Peer Lib | 0.400 | 0.400 | 0.400 | 0.400 | 1 | 1 |"


def test_thresher_label_flags_pages_not_out_of_fold() -> None:
    pages = [_page("thresher", "p1", 1.0, out_of_fold=False), _page("thresher", "p2", 1.0)]
    table = accuracy_table(list(summarize(pages).values()), Labels(_info()))
    assert "thresher (**not out-of-fold** on 1 of 2 pages)" in table


def test_page_type_table_bolds_best_per_type() -> None:
    table = page_type_table(PAGES, ["thresher", "peer"], Labels(_info()))
    lines = table.splitlines()
    assert lines[0] == "| page type | pages | thresher (out-of-fold) | Peer Lib |"
    assert "| article | 1 | **1.000** | 0.800 |" in lines
    assert "| forum | 1 | **0.500** | 0.000 |" in lines


SPEED = [
    SpeedResult("thresher", "d1", pages=100, input_bytes=50_000_000, seconds=2.0),
    SpeedResult("peer", "d1", pages=100, input_bytes=50_000_000, seconds=10.0, failures=3),
]


def test_speed_table_ratio_rss_and_baseline() -> None:
    memory = [
        MemoryResult("baseline", 20.0),
        MemoryResult("thresher", 80.4),
        MemoryResult("peer", None),
    ]
    lines = speed_table(SPEED, memory, Labels(_info())).splitlines()
    assert lines[2] == "| thresher | 50.0 | 25.00 | 1.00× | 80 | 0 |"
    assert lines[3] == "| Peer Lib | 10.0 | 5.00 | 5.00× | failed | 3 |"
    assert lines[4] == "| baseline (no extractor) | – | – | – | 20 | – |"


def test_pooled_speed_sums_over_datasets() -> None:
    more = [*SPEED, SpeedResult("thresher", "d2", pages=50, input_bytes=1_000_000, seconds=3.0)]
    pooled = {s.extractor: s for s in pooled_speed(more)}
    assert pooled["thresher"].pages == 150
    assert pooled["thresher"].pages_per_s == pytest.approx(30.0)


def test_render_report_has_header_tables_and_notes() -> None:
    results = BenchResults(_info(notes=["Quick run."]), PAGES, SPEED, [])
    text = render_report(results, plot="bench/frontier.png")
    assert text.startswith("# Benchmarks")
    assert "_Generated by `make bench` on 2030-01-02 03:04 UTC" in text
    assert "> **Note:** Quick run." in text
    assert "| CPU | Test CPU |" in text
    assert "python -m bench.run --limit 2" in text
    assert "### d1 (2 pages)" in text
    assert "| thresher (out-of-fold) | 0.750 | 0.750 |" in text  # headline: d1 and mean
    assert "![accuracy–speed](bench/frontier.png)" in text


def test_targets_say_what_is_met_and_what_is_not() -> None:
    pages = [
        _page("thresher", "a1", 0.97, dataset="scrapinghub_aeb"),
        _page("peer", "a1", 0.95, dataset="scrapinghub_aeb"),
        _page("thresher", "w1", 0.90, dataset="wcxb_dev", page_type="article"),
        _page("thresher", "w2", 0.60, dataset="wcxb_dev", page_type="product"),
        _page("peer", "w1", 0.80, dataset="wcxb_dev", page_type="article"),
        _page("peer", "w2", 0.65, dataset="wcxb_dev", page_type="product"),  # ahead by 0.05
    ]
    speed = [SpeedResult("thresher", "scrapinghub_aeb", 100, 1_000_000, 0.25),
             SpeedResult("trafilatura", "scrapinghub_aeb", 100, 1_000_000, 4.0)]  # fmt: skip
    memory = [MemoryResult("thresher", 213.0)]
    text = render_report(BenchResults(_info(), pages, speed, memory))
    targets = text.split("## Targets", 1)[1].split("##", 1)[0]
    assert ("- scrapinghub_aeb: word F1 0.970 (target ≥ 0.96 out-of-fold and above every peer; "
            "best peer 0.950): **met**") in targets
    assert ("- wcxb_dev: word F1 0.750 (target ≥ 0.88 out-of-fold and above every peer; "
            "best peer 0.725): **not met**") in targets
    assert ("largest lead of a peer: +0.050, peer on product): **not met**") in targets
    assert "- speed: 16.00× trafilatura's pages/s over all datasets in this run (target ≥ 10×): " \
        "**met**" in targets
    assert "- scrapinghub_aeb: 400 pages/s on one core, interleaved with the peers (target " \
        "≥ 300): **met**" in targets
    assert "- peak RSS 213 MB (target under 300 MB): **met**" in targets
    # a score of pages the shipped model learned from is not held to a target
    in_sample = [*pages[:1], _page("thresher", "a2", 1.0, dataset="scrapinghub_aeb",
                                   out_of_fold=False), *pages[1:]]  # fmt: skip
    text = render_report(BenchResults(_info(), in_sample, speed, memory))
    assert "best peer 0.950): **not assessed: scored in-sample, not out-of-fold**" in text


def test_render_report_without_speed_says_so() -> None:
    text = render_report(BenchResults(_info(), PAGES))
    assert "Not measured in this run" in text
    assert "frontier.png" not in text


# --- bench.plot / bench.peers ------------------------------------------------------------------


def test_frontier_keeps_points_not_beaten_on_both_axes() -> None:
    points = [
        FrontierPoint("fast", "fast", 300.0, 0.70),
        FrontierPoint("slow_good", "slow_good", 10.0, 0.90),
        FrontierPoint("dominated", "dominated", 20.0, 0.60),
        FrontierPoint("middle", "middle", 100.0, 0.85),
    ]
    assert [p.extractor for p in frontier(points)] == ["fast", "middle", "slow_good"]


def test_html_fragment_to_text_puts_blocks_on_lines() -> None:
    pytest.importorskip("lxml")
    from bench.peers import html_fragment_to_text

    html = (
        "<div><h1>Title</h1><p>One <b>bold</b>  word.</p>"
        "<script>x()</script><ul><li>a</li><li>b</li></ul></div>"
    )
    assert html_fragment_to_text(html) == "Title\nOne bold word.\na\nb"
    assert html_fragment_to_text("  ") == ""


def test_results_round_trip_through_files(tmp_path: Path) -> None:
    results = BenchResults(_info(), PAGES, SPEED, [MemoryResult("peer", 12.5, pages=2)])
    write_page_results(results.pages, tmp_path / "pages.jsonl")
    write_run(results, tmp_path / "run.json")
    assert read_run(tmp_path / "run.json", tmp_path / "pages.jsonl") == results


def test_harness_objects_are_frozen_out_of_collections_only_while_timing() -> None:
    import gc

    from bench.run import _harness_frozen

    assert gc.get_freeze_count() == 0
    held = [[i] for i in range(1000)]  # objects alive before the pages run
    with _harness_frozen(True):
        assert gc.get_freeze_count() >= len(held)
    assert gc.get_freeze_count() == 0
    with _harness_frozen(False):  # without timing nothing is frozen
        assert gc.get_freeze_count() == 0
