"""The fast paths in the DOM walk and the tree evaluator give what the plain versions gave."""

import dataclasses

import numpy as np
import pytest

from thresher.html.dom import parse_html, walk_blocks
from thresher.label.model import Stage


def reference_raw_score(stage: Stage, x: np.ndarray) -> np.ndarray:
    """The evaluator before it was tuned: every level gathers with bounds checks."""
    n, width = x.shape
    if n == 0:
        return np.zeros(0)
    flat = np.ascontiguousarray(x, dtype=np.float64).ravel()
    offsets = (np.arange(n, dtype=np.intp) * width)[:, None]
    node = np.broadcast_to(stage.roots, (n, len(stage.roots))).copy()
    for _ in range(stage.depth):
        values = flat.take(offsets + stage.feature.take(node))
        node = stage.child.take(node) + (values > stage.threshold.take(node))
    return stage.value.take(node).sum(axis=1) + stage.bias


def random_stage(rng: np.random.Generator, n_trees: int, depth: int, width: int) -> Stage:
    """Trees of uneven depth in the exported layout: children side by side, leaves self-loop."""
    feature: list[int] = []
    threshold: list[float] = []
    child: list[int] = []
    value: list[float] = []

    def new_node() -> int:
        feature.append(0)
        threshold.append(np.inf)
        child.append(len(child))
        value.append(float(rng.normal()))
        return len(child) - 1

    def grow(i: int, level: int) -> None:
        if level == depth or rng.random() < 0.25:
            return
        left = new_node()
        new_node()
        feature[i] = int(rng.integers(width))
        threshold[i] = float(rng.choice([-1.0, 0.0, 0.5, 1.0]))
        child[i] = left
        grow(left, level + 1)
        grow(left + 1, level + 1)

    roots = []
    for _ in range(n_trees):
        roots.append(new_node())
        grow(roots[-1], 0)
    return Stage(
        feature=np.array(feature, dtype=np.intp),
        threshold=np.array(threshold),
        child=np.array(child, dtype=np.intp),
        value=np.array(value),
        roots=np.array(roots, dtype=np.intp),
        depth=depth,
        bias=0.125,
    )


@pytest.mark.parametrize("depth", [0, 1, 3, 7])
def test_raw_score_matches_reference(depth: int) -> None:
    rng = np.random.default_rng(depth)
    stage = random_stage(rng, n_trees=30, depth=depth, width=6)
    # values on and around the thresholds, and the special floats
    x = rng.choice([-1.0, 0.0, 0.5, 1.0, 2.0, np.nan, np.inf, -np.inf], size=(50, 6))
    for rows in (x, x[:1], x[::3], np.asfortranarray(x), x.astype(np.float32)):
        assert reference_raw_score(stage, rows).tolist() == stage.raw_score(rows).tolist()


def test_raw_score_refuses_too_few_columns() -> None:
    stage = random_stage(np.random.default_rng(0), n_trees=5, depth=3, width=6)
    with pytest.raises(ValueError, match="feature columns"):
        stage.raw_score(np.zeros((2, int(stage.feature.max()))))


def test_stage_refuses_indices_outside_its_table() -> None:
    good = random_stage(np.random.default_rng(0), n_trees=5, depth=3, width=6)
    for name, bad in [
        ("child", np.where(good.child == good.child.max(), len(good.child), good.child)),
        ("roots", good.roots + len(good.child)),
        ("feature", good.feature - 1),
    ]:
        fields = {f.name: getattr(good, f.name) for f in dataclasses.fields(good) if f.init}
        fields[name] = bad
        with pytest.raises(ValueError, match="outside"):
            Stage(**fields)


def test_whitespace_only_text_makes_no_block() -> None:
    # ASCII whitespace is recognised inside Lexbor, the rest by str.isspace()
    html = "<p> \n\t </p><p>\xa0\u3000\u2009</p><p>\x0b\x1c</p><p>kept\xa0text</p>"
    assert [b.text for b in walk_blocks(parse_html(html), 1000).blocks] == ["kept text"]


def test_custom_and_unknown_elements_are_walked_like_inline_ones() -> None:
    html = "<div><my-widget class='sidebar'>a <x-y>b</x-y></my-widget><font>c</font></div>"
    blocks = walk_blocks(parse_html(html), 1000).blocks
    # inline, as "<span>a</span><b>c</b>" is: the next element is set apart by a space
    assert [b.text for b in blocks] == ["a b c"]
    assert blocks[0].anc_bits != 0  # the custom element's class still counts


@pytest.mark.parametrize("limit", range(0, 12))
def test_node_limit_is_exact(limit: int) -> None:
    # body > p > (text, b > text, text), then a second p: 7 nodes in all
    html = "<p>one <b>two</b> three</p><p>four</p>"
    dom = parse_html(html)
    walk = walk_blocks(dom, limit)
    assert dom.truncated == (limit < 7)
    expected = {0: [], 1: [], 2: ["one"], 3: ["one"], 4: ["one two"], 5: ["one two three"]}
    assert [b.text for b in walk.blocks] == expected.get(
        limit, ["one two three"] if limit < 7 else ["one two three", "four"]
    )
