"""The compiled kernels (``label/_kernels.pyx``) give exactly what their references give: the
tree walk the NumPy walk's scores, bit for bit (``Stage.raw_score_numpy``), the text counts and
statistics those of NumPy and a loop over the texts (``textstats.text_counts_numpy``,
``text_stats_numpy``), and the folded white space what ``str.split`` and ``join`` make, the
tag depth what the regex scan of ``html.dom`` finds.
"""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_speed_equivalence import random_stage

from thresher.html import dom
from thresher.label import compiled as compiled_module
from thresher.label.model import Stage, load_model
from thresher.label.textstats import (
    COUNT_NAMES,
    TEXT_STAT_NAMES,
    text_counts,
    text_counts_numpy,
    text_stats,
    text_stats_numpy,
)
from thresher.text.features import line_shapes

compiled = pytest.mark.skipif(
    compiled_module.KERNELS is None,
    reason=f"the compiled kernels are not used ({compiled_module.KERNELS_PROBLEM}); "
    "python setup.py build_ext --inplace builds them",
)
SPECIAL = [-1.0, 0.0, 0.5, 1.0, 2.0, np.nan, np.inf, -np.inf]


def assert_same_scores(stage: Stage, x: np.ndarray) -> np.ndarray:
    expected = stage.raw_score_numpy(x)
    got = stage.raw_score(x)
    assert got.dtype == expected.dtype and got.shape == expected.shape
    assert got.tobytes() == expected.tobytes()
    return got


def two_trees() -> Stage:
    # tree 0: x0 <= 1.0 ? (x1 <= 5.0 ? 1.0 : 2.0) : 3.0 ; tree 1: a single leaf 0.5
    inf = np.inf
    return Stage(
        feature=np.array([0, 1, 0, 0, 0, 0], dtype=np.intp),
        threshold=np.array([1.0, 5.0, inf, inf, inf, inf]),
        child=np.array([1, 3, 2, 3, 4, 5], dtype=np.intp),
        value=np.array([0.0, 0.0, 3.0, 1.0, 2.0, 0.5]),
        roots=np.array([0, 5], dtype=np.intp),
        depth=2,
        bias=0.25,
    )


@compiled
def test_hand_written_trees() -> None:
    # on a threshold goes left; NaN goes left; infinities go where they compare
    x = np.array([[0.5, 4.0], [1.0, 5.0], [1.5, 0.0], [np.nan, np.nan], [-np.inf, np.inf],
                  [np.inf, 0.0], [1.0, 5.000001]])
    assert assert_same_scores(two_trees(), x).tolist() == [1.75, 1.75, 3.75, 1.75, 2.75,
                                                           3.75, 2.75]


@compiled
@pytest.mark.parametrize("depth", [0, 1, 2, 5, 7, 9])
@pytest.mark.parametrize("rows", [1, 2, 7, 8, 9, 16, 23, 64])
@pytest.mark.parametrize("n_trees", [3, 37])  # rows left over walk eight trees at a time
def test_random_trees_and_inputs(depth: int, rows: int, n_trees: int) -> None:
    rng = np.random.default_rng(depth * 100 + rows + n_trees)
    stage = random_stage(rng, n_trees=n_trees, depth=depth, width=9)
    x = rng.choice(SPECIAL, size=(rows, 9))
    assert_same_scores(stage, x)
    # any layout and dtype is read as contiguous float64 rows
    assert_same_scores(stage, np.asfortranarray(x))
    assert_same_scores(stage, x.astype(np.float32))
    assert_same_scores(stage, np.hstack((x, x))[:, ::2])


@compiled
@pytest.mark.parametrize("name", ["html", "text"])
def test_shipped_models_on_random_features(name: str) -> None:
    model = load_model(name=name)
    rng = np.random.default_rng(7)
    for stage in (model.block, model.context):
        width = stage.min_width + 3
        x = rng.normal(scale=3.0, size=(203, width))
        x[rng.random(x.shape) < 0.2] = 0.0  # many features are counts and flags
        x[rng.random(x.shape) < 0.01] = np.nan
        assert_same_scores(stage, x)
        assert_same_scores(stage, np.abs(np.round(x)))


def test_same_scores_without_the_compiled_walk() -> None:
    stage = random_stage(np.random.default_rng(3), n_trees=20, depth=4, width=5)
    x = np.random.default_rng(4).choice(SPECIAL, size=(30, 5))
    with mock.patch.object(compiled_module, "KERNELS", None):
        fallback = stage.raw_score(x)
    assert fallback.tobytes() == stage.raw_score_numpy(x).tobytes()
    assert stage.raw_score(np.zeros((0, 5))).shape == (0,)


def test_both_paths_refuse_too_few_columns() -> None:
    stage = two_trees()
    for score in (stage.raw_score, stage.raw_score_numpy):
        with pytest.raises(ValueError, match="feature columns"):
            score(np.zeros((3, 1)))


def test_built_kernels_are_used() -> None:
    built = list(Path(compiled_module.__file__).parent.glob("_kernels.*.so"))
    if not built:
        pytest.skip("the compiled kernels are not built")
    assert compiled_module.KERNELS is not None, compiled_module.KERNELS_PROBLEM


@compiled
def test_kernels_built_from_another_source_are_not_used() -> None:
    with mock.patch.object(compiled_module.KERNELS, "SOURCE_SHA256", "0" * 64):
        module, problem = compiled_module.load_kernels()
    assert module is None and problem is not None and "older _kernels.pyx" in problem


# words and marks every count tells apart: stop words in several cases and scripts, white
# space of several kinds, digits of other scripts, scripts without spaces, characters beyond
# the BMP, lone surrogates, the letters whose lower case is longer, the terminal and bullet marks
_VOCABULARY = [
    "the", "The", "THE", "DER", "und", "für", "Für", "и", "И", "İ", "ΟΔΟΣ", "Σ", "ς", "ß",
    "della", "dellas", "nicht", "içın", " ", "  ", "\n", "\t", "\u00a0", "\u3000", "\u2009",
    "\x1c", "|", "•", "·", "-", "–", "*", "©", ".", "!", "?", ")", "’", "»", ":", "x", "2019",
    "12/05/2020", "٣", "日本語", "한국어", "ไทย", "𝔘", "𝟏𝟐", "\ud800", "\udfff", "a", "A", ",",
    "。", "，",
]
_TEXTS = st.lists(st.lists(st.sampled_from(_VOCABULARY), min_size=1, max_size=12).map("".join),
                  min_size=1, max_size=10)


def assert_same_counts(texts: list[str]) -> None:
    got, expected = text_counts(texts), text_counts_numpy(texts)
    assert got.dtype == expected.dtype and got.shape == (len(texts), len(COUNT_NAMES))
    np.testing.assert_array_equal(got, expected, err_msg=repr(texts))


@compiled
def test_hand_written_text_counts() -> None:
    texts = ["The cat of the dog.", "  ΟΔΟΣ İ and  ", "x|y", "•a", "\ud800", "𝔘 2019 ©",
             "a\nb\n", " ", "日本語のテキスト", "Für DIE Welt: und!  ", "-", "»",
             "W\x00", "w\x00 the\x00"]  # a NUL inside a word: not the shorter stop word "w"
    assert_same_counts(texts)
    got = dict(zip(COUNT_NAMES, text_counts(["The cat of THE Dog.\nIn|2019 ©"])[0].tolist(),
                   strict=True))
    assert got == {"chars": 29, "space_words": 7, "spaceless": 0, "stopwords": 3,
                   "ends_terminal": 0, "digits": 4, "beyond_bmp": 0, "punct": 1,
                   "upper_initial": 4, "lines": 1, "pipe_or_bullet": 1, "copyright": 1}


@compiled
@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_generated_text_counts(texts: list[str]) -> None:
    assert_same_counts(texts)


@compiled
@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=8))
def test_arbitrary_text_counts(texts: list[str]) -> None:
    assert_same_counts(texts)


@settings(max_examples=100, deadline=None)
@given(_TEXTS)
def test_text_stats_without_the_kernels(texts: list[str]) -> None:
    with mock.patch.object(compiled_module, "KERNELS", None):
        reference = text_stats(texts)
    got = text_stats(texts)
    assert reference.shape == (len(texts), len(TEXT_STAT_NAMES))
    assert got.tobytes() == reference.tobytes()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=8))
def test_text_stats_from_the_kernels_on_arbitrary_text(texts: list[str]) -> None:
    got, reference = text_stats(texts), text_stats_numpy(texts)
    assert got.tobytes() == reference.tobytes()


def _python_fold(text: str) -> str:
    if "\n" not in text:
        return " ".join(text.split())
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def assert_folds_as_python(text: str) -> None:
    """``fold_text`` as ``html.dom._finish_texts`` folds a block's text, and ``fold_each``
    as ``text.lines`` folds each line."""
    kernels = compiled_module.KERNELS
    assert kernels is not None
    assert kernels.fold_text(text, "\n" in text) == _python_fold(text)
    if "\n" not in text:
        assert kernels.fold_each([text, text + " x"]) == [_python_fold(text),
                                                          _python_fold(text + " x")]


_SPACES = [chr(c) for c in range(0x110000) if chr(c).isspace()]


@compiled
@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_SPACES) | st.characters() | st.sampled_from(["ab", "\u00e9",
                                                                              "\U0001f600"]),
                max_size=30).map("".join))
def test_folded_text_is_python_s_split_and_join(text: str) -> None:
    assert_folds_as_python(text)


@compiled
@pytest.mark.parametrize("text", ["", " ", "\n", "a", " a ", "a\n\nb", "\n a \n b\r\n",
                                  "\u00a0x\u2028y\u3000", "\ud800 \udfff", "x\x1c\x1dy",
                                  "\U0001f600  \u00e9", "a\x85b\u200bc"])
def test_folded_text_on_edge_cases(text: str) -> None:
    assert_folds_as_python(text)


_TAG_PARTS = st.sampled_from([
    "<div>", "</div>", "<DIV class='a'>", "</Div >", "<p>", "</p>", "<br/>", "<img src=x>",
    "<span/>", "<x-y>", "</x-y>", "<h1>", "</h1>", "<a href='/'>", "</a>", "< div>", "</ div>",
    "<!-- c -->", "<!doctype html>", "</>", "<>", "<", ">", "/", "/>", "text", "\u00e9",
    "<\u00e9>", "<d\u00e9v>", "<SOURCE>", "<option>", "<optionx>", "<abcdefghi>", "</abcdefghi>",
    "<abcdefgh>", "<script>if (a<b) x='>'</script>", "<div\n>", "<div/ >", "\U0001f600",
])  # fmt: skip


@compiled
@settings(max_examples=600, deadline=None)
@given(st.lists(_TAG_PARTS | st.text(max_size=3), max_size=60).map("".join),
       st.integers(min_value=0, max_value=8))
def test_tag_depth_is_the_regex_scan_s(html: str, limit: int) -> None:
    assert dom._deepest(html, limit, compiled=True) == dom._deepest(html, limit, compiled=False)


@compiled
def test_tag_depth_of_deep_and_flat_pages() -> None:
    deep = "<html><body>" + "<div>" * 300 + "x" + "</div>" * 300
    assert dom._deepest(deep, 10_000, compiled=True) == 302
    assert dom._deepest(deep, 50, compiled=True) == 51  # stops once past the limit
    flat = "<p>a<p>b<li>c<br><img src=x><td>" * 100
    assert dom._deepest(flat, 10_000, compiled=True) == 0
    assert all(len(name) <= 8 and name.isascii() and name.isalnum() for name in dom._FLAT_TAGS)


_LINE_PARTS = st.sampled_from([
    "June", "june", "JUNE", " ", "\t", "\u00a0", "\u2003", "\x1c", "9", "\u0663", "\u00b2",
    "\u0130stanbul", "istanbul", "Istanbul", "\u01c5", "\u03a3", "\u03c3", "\u03c2", ":",
    "\uff1a", ".", "\u2026", "\u00bb", "\u201d", ")", "a", "A", "x" * 81, "\u1e9e", "\u00df",
    "\U0001d400", "-", "\u212a", "k",
])  # fmt: skip


@compiled
@settings(max_examples=600, deadline=None)
@given(st.lists(st.lists(_LINE_PARTS | st.text(max_size=4), max_size=6).map("".join),
                max_size=12))
def test_line_shapes_are_the_python_reference_s(texts: list[str]) -> None:
    got, expected = line_shapes(texts, compiled=True), line_shapes(texts, compiled=False)
    assert got.terminal.dtype == expected.terminal.dtype
    assert np.array_equal(got.terminal, expected.terminal)
    assert np.array_equal(got.keys, expected.keys)
    assert np.array_equal(got.same_first, expected.same_first)


@compiled
def test_line_shapes_on_hand_written_lines() -> None:
    texts = ["June 9 \u2013 Oslo", "june 10 \u2013 Bergen", "JUNE 11:", "\u0130stanbul",
             "i\u0307stanbul x", "istanbul", "", "   ", "\u01c5 title-case", "2024"]
    shapes = line_shapes(texts, compiled=True)
    # "İstanbul" lower-cases to "i̇stanbul" (an "i" and a combining dot), not to "istanbul"
    assert shapes.same_first.tolist() == [False, True, True, False, True, False, False, False,
                                          False, False]
    assert shapes.keys.tolist()[:3] == [1 * 8 + 3 * 2, 2 * 8 + 3 * 2, 1 * 8 + 1 * 2]
    assert shapes.keys.tolist()[8:] == [3 * 8 + 3 * 2, 0 * 8 + 2 * 2]
    assert shapes.terminal.tolist() == [0.0] * 10
