"""The flattened-text benchmark: its baselines and its report section, on hand-written text."""

from __future__ import annotations

import pytest

from bench.baselines import all_lines, c4_lines, count_sentences, justext_lines, lines_as_html
from bench.flat import (
    README_FLAT_END,
    README_FLAT_START,
    THRESHER_TEXT,
    render_flat_section,
    select_flat_extractors,
    splice_flat_section,
    update_readme_flat,
)
from bench.results import BenchResults, ExtractorInfo, PageResult, RunInfo, SpeedResult
from bench.run import parse_args

PROSE = [
    "The river rose two metres overnight and flooded the lower town.",
    "Residents were moved to the school on the hill before dawn.",
    "The mayor said the water should fall by the end of the week.",
]
PAGE = "\n".join(
    [
        "Home | News | Sport",
        "Flood hits the lower town",
        *PROSE,
        "This site uses cookies to improve your experience of the pages.",
        "Please enable JavaScript to view the comments on this article.",
        "Share this",
    ]
)


# --- all lines ---------------------------------------------------------------------------------


def test_all_lines_keeps_every_non_blank_line_stripped() -> None:
    assert all_lines("  one \n\n\t two\n   \n") == "one\ntwo"


# --- C4 line rules -----------------------------------------------------------------------------


def test_c4_keeps_prose_and_drops_menus_titles_policy_and_javascript_lines() -> None:
    assert c4_lines(PAGE) == "\n".join(PROSE)


def test_c4_drops_lines_under_five_words_or_without_an_end_mark() -> None:
    short = "Four words end here."
    open_ended = "This line has many words but no closing mark"
    ellipsis = "This line trails off like a teaser does..."
    assert c4_lines("\n".join([*PROSE, short, open_ended, ellipsis])) == "\n".join(PROSE)


def test_c4_keeps_a_line_ending_in_a_quote() -> None:
    quoted = 'She said: "we will rebuild the bridge by spring."'
    assert c4_lines("\n".join([*PROSE, quoted])).endswith(quoted)


def test_c4_drops_the_page_with_fewer_than_three_sentences() -> None:
    assert c4_lines("\n".join(PROSE[:2])) == ""
    assert c4_lines("\n".join(PROSE)) != ""


def test_c4_counts_sentences_within_a_line() -> None:
    line = "The first sentence ends here. The second one follows it! And a third?"
    assert count_sentences(line) == 3
    assert c4_lines(line) == line


@pytest.mark.parametrize(
    "bad_line",
    [
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
        "The function body is written as { return x; } in the example.",
    ],
)
def test_c4_drops_the_whole_page_for_lorem_ipsum_or_a_curly_bracket(bad_line: str) -> None:
    assert c4_lines("\n".join([*PROSE, bad_line])) == ""


def test_c4_curly_bracket_on_a_line_it_would_drop_anyway_keeps_the_page() -> None:
    # C4 checks for "{" only on lines that passed the end-mark and length rules
    assert c4_lines("\n".join([*PROSE, "var x = {a: 1}"])) == "\n".join(PROSE)


def test_c4_removes_citation_marks_and_drops_lines_with_a_huge_word() -> None:
    cited = "The river has flooded the town three times since 1990.[12]"
    huge = "A line with one " + "x" * 1001 + " word in it."
    out = c4_lines("\n".join([*PROSE, cited, huge]))
    assert out.splitlines()[-1] == "The river has flooded the town three times since 1990."
    assert "xxx" not in out


# --- jusText over lines ------------------------------------------------------------------------


def test_lines_as_html_escapes_each_line_into_a_paragraph() -> None:
    doc = lines_as_html("a < b & c\n\n<script>x</script>")
    assert "<p>a &lt; b &amp; c</p>" in doc
    assert "<p>&lt;script&gt;x&lt;/script&gt;</p>" in doc


def test_justext_over_lines_keeps_long_prose_and_drops_a_menu() -> None:
    prose = (
        "The council met on Tuesday evening to discuss the plans for the new bridge, and "
        "after a long debate it was agreed that the work should start in the spring, when "
        "the river is low and the weather is more likely to allow the builders to work."
    )
    kept = justext_lines("\n".join(["Home | News | Sport | Weather", prose, prose + " Again."]))
    assert prose in kept
    assert "Home" not in kept


def test_justext_over_lines_of_nothing_is_empty() -> None:
    assert justext_lines(" \n\n ") == ""


# --- the flat pass and its report --------------------------------------------------------------


def test_flat_pass_has_thresher_text_baselines_and_html_references() -> None:
    extractors = {e.name: e for e in select_flat_extractors(None)}
    assert extractors[THRESHER_TEXT].input_field == "flat"
    assert {"all_lines", "c4_lines", "justext_lines"} <= extractors.keys()
    assert extractors["thresher"].input_field == "html"
    with pytest.raises(ValueError, match="unknown flat extractor"):
        select_flat_extractors(["nope"])


def test_command_line_selects_the_flat_pass() -> None:
    assert parse_args(["--flat-only"]).main_pass is False
    assert parse_args(["--no-flat"]).flat_extractors == []
    only = parse_args(["--flat-only", "--flat-extractors", "c4_lines,all_lines"])
    assert [e.name for e in only.flat_extractors] == ["all_lines", "c4_lines"]


def _page(extractor: str, dataset: str, f1: float, page_type: str | None = None) -> PageResult:
    return PageResult(dataset, "p1", extractor, f1, f1, f1, f1, page_type=page_type)


def _flat_results() -> BenchResults:
    info = RunInfo(
        date="2026-01-01 00:00 UTC",
        command="python -m bench.run --flat-only",
        machine={},
        extractors=[
            ExtractorInfo(THRESHER_TEXT, "thresher, flat text", "thresher", "1"),
            ExtractorInfo("c4_lines", "C4 line rules", "thresher", "1"),
        ],
        datasets=["scrapinghub_aeb", "wcxb_dev"],
    )
    pages = [
        _page(THRESHER_TEXT, "scrapinghub_aeb", 0.95),
        _page("c4_lines", "scrapinghub_aeb", 0.80),
        _page(THRESHER_TEXT, "wcxb_dev", 0.84, "forum"),
        _page("c4_lines", "wcxb_dev", 0.70, "forum"),
    ]
    speed = [
        SpeedResult(THRESHER_TEXT, "scrapinghub_aeb", 100, 1_000_000, 0.5),
        SpeedResult("c4_lines", "scrapinghub_aeb", 100, 1_000_000, 0.1),
    ]
    return BenchResults(info, pages, speed)


def test_targets_are_not_assessed_on_in_sample_scores() -> None:
    results = _flat_results()
    results.pages[0] = PageResult(
        "scrapinghub_aeb", "p1", THRESHER_TEXT, 0.95, 0.95, 0.95, 0.95, out_of_fold=False
    )
    section = render_flat_section(results)
    assert "scrapinghub_aeb: word F1 0.950" in section
    assert "**not assessed: scored in-sample, not out-of-fold**" in section
    assert "(shipped model, **not out-of-fold**)" in section


def test_flat_section_has_scores_targets_page_types_and_speed() -> None:
    section = render_flat_section(_flat_results())
    assert section.startswith("<!-- flat:start -->\n## Flattened text")
    assert "| thresher, flat text (out-of-fold) | 0.950 | 0.840 |" in section
    assert "scrapinghub_aeb: word F1 0.950" in section and "**met**" in section
    assert "wcxb_dev: word F1 0.840" in section and "**not met**" in section
    assert "200 pages/s on one core (target ≥ 1000): **not met**" in section
    assert "| forum | 1 | **0.840** | 0.700 |" in section
    assert "| C4 line rules | 1000.0 | 10.00 | 0.20× | 0 |" in section


def test_flat_section_is_replaced_in_place_or_appended() -> None:
    section = render_flat_section(_flat_results())
    appended = splice_flat_section("# Benchmarks\n", section)
    assert appended.startswith("# Benchmarks\n\n<!-- flat:start -->")
    replaced = splice_flat_section(appended + "\n## After\n", section)
    assert replaced.count("<!-- flat:start -->") == 1
    assert replaced.endswith("<!-- flat:end -->\n\n## After\n")


def test_readme_flat_table_between_markers() -> None:
    readme = f"intro\n{README_FLAT_START}\nstale table\n{README_FLAT_END}\nrest\n"
    updated = update_readme_flat(readme, _flat_results())
    assert updated is not None
    assert "stale table" not in updated
    assert "| thresher, flat text (out-of-fold) | 0.950 | 0.840 |" in updated
    assert "- scrapinghub_aeb: 200 pages/s on one core" in updated
    assert update_readme_flat("no markers", _flat_results()) is None


def test_fold_models_reading_other_features_are_refused() -> None:
    from types import SimpleNamespace

    from bench.oof import _stale_folds
    from thresher.core import shipped_text_model

    current = SimpleNamespace(feature_names=shipped_text_model().feature_names)
    older = SimpleNamespace(feature_names=("log_chars", "position"))
    assert _stale_folds([current, older, current], "text") == [1]
