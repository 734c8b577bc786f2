"""The faster block features and context features (compiled and NumPy), window sums and
headline search give exactly what their plain versions (``tests/plain_labelling.py``) give,
bit for bit."""

from __future__ import annotations

import numpy as np
import plain_labelling as plain
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_compiled_walk import _html

from thresher.article import PAGE_TYPES
from thresher.assemble import _find_headline
from thresher.html.dom import parse_html, walk_blocks
from thresher.html.features import block_features
from thresher.html.roles import mark_roles
from thresher.label.context import context_features
from thresher.label.windows import window_sum, window_sums
from thresher.page import PageBlock

PAGES = [
    # an article with a headline, a byline, a list, a table, teaser cards and a footer
    "<body><header class='site-header'><nav><a href='/'>Home</a> | <a href='/news'>News</a>"
    "</nav></header><main><article><h1>The river rises, again</h1><p class='byline'>By Ann"
    " Lee, 12/05/2020</p><p>Rain fell for days, and the river rose, as it does, over the "
    "banks.</p><ul><li>one</li><li>two, three</li></ul><table><tr><td>a</td><td>1999</td>"
    "</tr></table><div hidden><p>The river rises, again</p></div></article>"
    "<aside><div class='card'><a href='/a'>Teaser one about the river</a></div>"
    "<div class='card'><a href='/b'>Teaser two</a></div></aside></main>"
    "<footer>© 2024 River News | <a href='/about'>About</a></footer></body>",
    # a forum thread: repeated post containers, quotes and signatures
    "<body>" + "".join(
        f"<div class='post' id='p{i}'><div class='author'>user{i}</div><blockquote>quoted "
        f"text {i}</blockquote><p>reply number {i}, with, commas，and 、 marks</p>"
        "<div class='sig'>--<br>sig</div></div>"
        for i in range(6)
    ) + "</body>",
    # text straight in body, empty blocks, pre with line breaks, non-ASCII titles
    "<body>loose text<p></p><pre>  line one\n   line two</pre><h1>İSTANBUL ΟΔΟΣ</h1>"
    "<p>istanbul οδος, a street</p><h1>second h1</h1></body>",
]
TITLES = [None, "", "The river rises, again | River News", "İstanbul οδος", "second h1",
          "reply number 3", "x" * 300]


def blocks_of(html: str) -> list[PageBlock]:
    blocks = walk_blocks(parse_html(html), 100_000).blocks
    mark_roles(blocks)
    return blocks


def assert_same_features(blocks: list[PageBlock], title: str | None) -> None:
    scores = np.linspace(-2.0, 3.0, len(PAGE_TYPES))
    for stated in (None, scores, scores[:3]):  # none, a page's scores, a model of other types
        expected = plain.block_features(blocks, title, stated)
        # the compiled kernel's columns (when it is built) and NumPy's
        for compiled in (True, False):
            got = block_features(blocks, title, stated, compiled=compiled)
            assert got.shape == expected.shape
            assert got.tobytes() == expected.tobytes()


def assert_same_context(blocks: list[PageBlock], seed: int) -> None:
    n = len(blocks)
    rng = np.random.default_rng(seed)
    # probabilities with ties, both ends and values in between
    prob = rng.choice([0.0, 0.1, 0.5, 0.5, 0.9, 1.0, *rng.random(4)], size=n)
    chars = np.array([b.chars for b in blocks], dtype=np.float64)
    parents = np.array([id(b.parent) for b in blocks], dtype=np.int64)
    grands = np.array([id(b.grandparent) for b in blocks], dtype=np.int64)
    levels = np.array([b.level for b in blocks], dtype=np.float64)
    containers = np.array([[0, n, 1], [n // 3, n // 2 + 1, 2]], dtype=np.int64)
    args = (prob, chars, parents, grands, containers, levels)
    expected = plain.context_features(*args)
    for compiled in (True, False):  # the compiled kernel's (when it is built) and NumPy's
        got = context_features(*args, compiled=compiled)
        assert got.shape == expected.shape
        assert got.tobytes() == expected.tobytes()


@pytest.mark.parametrize("html", PAGES)
@pytest.mark.parametrize("title", TITLES)
def test_hand_written_pages(html: str, title: str | None) -> None:
    blocks = blocks_of(html)
    assert_same_features(blocks, title)
    assert _find_headline(blocks, title) == plain.find_headline(blocks, title)
    assert_same_context(blocks, seed=len(title or ""))


def test_headline_search_still_finds_short_and_long_titles() -> None:
    blocks = blocks_of("<body><p>Menu</p><h2>Short</h2><h1>A much longer headline here</h1>"
                       "<p>İİİİ</p></body>")
    assert _find_headline(blocks, "Short") == 1
    assert _find_headline(blocks, "A much longer headline here | Site") == 2
    # a text under half the title's length that lower-cases to twice its length: "i̇" × 4
    assert _find_headline(blocks, "i̇i̇i̇i̇") == plain.find_headline(blocks, "i̇i̇i̇i̇") == 3


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_html(), st.sampled_from(TITLES) | st.text(max_size=30), st.integers(0, 1000))
def test_generated_pages(body: str, title: str | None, seed: int) -> None:
    blocks = blocks_of(f"<html><body>{body}</body></html>")
    if not blocks:
        return
    # a title the page repeats, sometimes
    if blocks and seed % 3 == 0:
        title = blocks[seed % len(blocks)].text
    assert_same_features(blocks, title)
    assert _find_headline(blocks, title) == plain.find_headline(blocks, title)
    assert_same_context(blocks, seed)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=40),
       st.lists(st.integers(0, 15), min_size=1, max_size=4))
def test_window_sums_are_window_sum_per_radius(values: list[float], radii: list[int]) -> None:
    arr = np.array(values)
    for (sums, counts), radius in zip(window_sums(arr, radii), radii, strict=True):
        ref_sums, ref_counts = window_sum(arr, radius)
        assert sums.tobytes() == ref_sums.tobytes()
        assert counts.tobytes() == ref_counts.tobytes()
