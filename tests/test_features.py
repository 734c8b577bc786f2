"""Page-level features: repeated containers, and where blocks sit relative to the content run."""

import numpy as np

from thresher.html.dom import parse_html, walk_blocks
from thresher.html.features import FEATURE_NAMES, block_features
from thresher.label.context import CONTEXT_FEATURE_NAMES, context_features

_PROSE = "Words of a long paragraph that runs on for a while. " * 4

_PAGE = f"""<html><body>
<div class="story"><h1>Headline</h1><p>{_PROSE}</p><p>{_PROSE}</p></div>
<div class="cards">
  <div class="card"><h3>First teaser</h3><p>Summary one.</p></div>
  <div class="card"><h3>Second teaser</h3><p>Summary two.</p></div>
  <div class="card"><h3>Third teaser</h3><p>Summary three.</p></div>
</div>
</body></html>"""


def _column(matrix: np.ndarray, names: tuple[str, ...], name: str) -> np.ndarray:
    return matrix[:, names.index(name)]


def test_repeated_containers_are_counted_by_class() -> None:
    blocks = walk_blocks(parse_html(_PAGE), 10_000).blocks
    features = block_features(blocks, "Headline")
    repeats = np.expm1(_column(features, FEATURE_NAMES, "parent_class_repeats")).round()
    by_text = dict(zip((b.text for b in blocks), repeats.tolist(), strict=True))
    assert by_text["Headline"] == 1.0  # the story's one container
    assert by_text["First teaser"] == 3.0  # three cards of one class
    assert by_text["Summary three."] == 3.0
    grand = np.expm1(_column(features, FEATURE_NAMES, "grand_class_repeats")).round()
    assert grand[[b.text for b in blocks].index("Summary two.")] == 1.0  # "cards", once


def test_containers_without_class_count_as_no_repeat() -> None:
    html = "<body><div><p>one</p></div><div><p>two</p></div></body>"
    blocks = walk_blocks(parse_html(html), 1000).blocks
    features = block_features(blocks, None)
    assert _column(features, FEATURE_NAMES, "parent_class_repeats").tolist() == [0.0, 0.0]


def _context(prob: list[float], chars: list[float]) -> np.ndarray:
    n = len(prob)
    return context_features(np.array(prob), np.array(chars), np.arange(n), np.arange(n),
                            np.zeros((0, 3), dtype=np.int64), np.zeros(n))


def test_run_is_the_heaviest_stretch_of_likely_content() -> None:
    prob = [0.1, 0.9, 0.8, 0.3, 0.9, 0.1, 0.7, 0.7]
    chars = [10.0, 100.0, 50.0, 5.0, 80.0, 200.0, 20.0, 20.0]
    ctx = _context(prob, chars)
    side = _column(ctx, CONTEXT_FEATURE_NAMES, "run_side")
    assert side.tolist() == [-1, 0, 0, 0, 0, 1, 1, 1]
    distance = _column(ctx, CONTEXT_FEATURE_NAMES, "run_distance")
    assert distance[:6].tolist() == [0.0] * 6  # inside the run, or right beside it
    # the teasers after a long gap: 200 characters past a run of 235
    assert np.isclose(distance[6], np.log1p(200 / 235))
    share = _column(ctx, CONTEXT_FEATURE_NAMES, "run_share")
    mass = np.array(prob) * np.array(chars)
    assert np.allclose(share, mass[1:5].sum() / mass.sum())


def test_page_without_likely_content_has_no_run() -> None:
    ctx = _context([0.1, 0.2], [50.0, 60.0])
    for name in ("run_side", "run_distance", "run_share"):
        assert _column(ctx, CONTEXT_FEATURE_NAMES, name).tolist() == [0.0, 0.0]



def test_prose_root_is_the_container_with_the_most_prose() -> None:
    html = f"""<html><body><nav><a href="/">Home</a></nav>
    <div class="story"><h1>Headline</h1><p>{_PROSE}</p><p>{_PROSE}</p></div>
    <div class="cards">
      <div class="card"><h3>First teaser</h3><p>A summary long enough to count as prose.</p></div>
      <div class="card"><h3>Second teaser</h3><p>Another summary long enough to count.</p></div>
    </div></body></html>"""
    blocks = walk_blocks(parse_html(html), 10_000).blocks
    features = block_features(blocks, "Headline")
    texts = [b.text for b in blocks]
    inside = dict(zip(texts, _column(features, FEATURE_NAMES, "prose_root_inside").tolist(),
                      strict=True))
    side = dict(zip(texts, _column(features, FEATURE_NAMES, "prose_root_side").tolist(),
                    strict=True))
    assert inside["Headline"] == 1.0 and side["Headline"] == 0.0
    assert inside["First teaser"] == 0.0 and side["First teaser"] == 1.0
    assert side["Home"] == -1.0
    score = dict(zip(texts, _column(features, FEATURE_NAMES, "parent_prose_score").tolist(),
                     strict=True))
    assert score["Headline"] == 1.0  # its container is the root
    assert 0.0 < score["First teaser"] < 0.3  # a card holds one short summary


def test_prose_root_needs_prose() -> None:
    html = '<body><ul><li><a href="/a">one</a></li><li><a href="/b">two</a></li></ul></body>'
    blocks = walk_blocks(parse_html(html), 1000).blocks
    features = block_features(blocks, None)
    start = FEATURE_NAMES.index("prose_root_inside")
    assert not features[:, start : start + 4].any()
