"""The plain versions of the HTML block features, the context features and the headline search,
kept as the references the faster versions are held to (``tests/test_label_speed_equivalence.py``).

Each is the code as it was before it was made faster: per-block lists and loops, a window sum
per radius, ranks by sorting twice, a sliding window view for the window maximum.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from thresher.article import PAGE_TYPES
from thresher.html.features import (
    _ANC_TAG_NAMES,
    _N_TAG_GROUPS,
    _SIGNAL_NAMES,
    _TAG_GROUPS,
    FEATURE_NAMES,
)
from thresher.label.context import (
    _OFFSETS,
    _RADII,
    CONTEXT_FEATURE_NAMES,
    _root_features,
    _run_features,
)
from thresher.label.textstats import text_stats
from thresher.label.windows import window_sum
from thresher.page import PageBlock as RawBlock

__all__ = ["block_features", "context_features", "find_headline"]

FloatArray = npt.NDArray[np.float64]
IntMatrix = npt.NDArray[np.int64]


def _bits(values: list[int], n: int) -> npt.NDArray[np.float64]:
    arr = np.asarray(values, dtype=np.int64)[:, None]
    return ((arr >> np.arange(n, dtype=np.int64)) & 1).astype(np.float64)


def _window_sum(values: npt.NDArray[np.float64], radius: int) -> npt.NDArray[np.float64]:
    return window_sum(values, radius)[0]


def _tokens(text: str) -> set[str]:
    return set(text.lower().split())


def _class_repeats(blocks: list[RawBlock]) -> npt.NDArray[np.float64]:
    """How many containers on the page share the class of each block's parent and grandparent.

    Teaser cards, comments and forum posts repeat one template: many containers with one
    class value. An article's body sits in one container of its own. Containers without a
    class count as no repeat.
    """
    n = len(blocks)
    frames = [b.parent for b in blocks] + [b.grandparent for b in blocks]
    ids = np.fromiter(map(id, frames), dtype=np.int64, count=2 * n)
    keys = np.fromiter((f[7] for f in frames), dtype=np.int64, count=2 * n)
    _, first = np.unique(ids, return_index=True)  # each container once
    classes, counts = np.unique(keys[first], return_counts=True)
    counts[classes == 0] = 0
    repeats = counts[np.searchsorted(classes, keys)].astype(np.float64)
    return np.log1p(repeats.reshape(2, n).T)


# Tag groups whose text counts as prose for the prose root: paragraphs, cells, plain
# containers, preformatted text and quotes; not headings, list items, captions or forms.
_PROSE_GROUPS = np.array([g in (0, 4, 5, 6, 7) for g in range(_N_TAG_GROUPS)])
_PROSE_MIN_CHARS = 25


def _prose_root(blocks: list[RawBlock], chars: npt.NDArray[np.float64],
                link_density: npt.NDArray[np.float64],
                groups: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """Where each block sits relative to the *prose root*: the container with the most prose.

    Readers pick the article element the same way: each paragraph scores its container fully
    and the container's container by half; the score grows with the paragraph's length and
    commas, and a container's score shrinks with its link density. Unlike the content root,
    which comes from the first stage's probabilities, this needs only the page's shape, so
    teaser cards after a short article fall outside it however content-like each card looks.
    """
    n = len(blocks)
    texts = (b.text for b in blocks)
    commas = np.fromiter((t.count(",") + t.count("\uff0c") + t.count("\u3001") for t in texts),
                         dtype=np.float64, count=n)
    prose = (chars >= _PROSE_MIN_CHARS) & (link_density < 0.5) & _PROSE_GROUPS[groups]
    score = np.where(prose, 1.0 + commas + np.minimum(chars / 100.0, 3.0), 0.0)
    frames = [b.parent for b in blocks] + [b.grandparent for b in blocks]
    ids = np.fromiter(map(id, frames), dtype=np.int64, count=2 * n)
    unique, first, inverse = np.unique(ids, return_index=True, return_inverse=True)
    # each prose block scores its container fully and the container's container by half
    scores = np.bincount(inverse, weights=np.concatenate((score, 0.5 * score)),
                         minlength=len(unique)).astype(np.float64)
    # a frame's totals: [chars, link chars, blocks, first block, end block (-1 while open), …]
    spans = np.array([frames[i][:5] for i in first.tolist()], dtype=np.float64)
    spans[spans[:, 4] < 0, 4] = n
    totals = scores * (1.0 - spans[:, 1] / np.maximum(spans[:, 0], 1.0))
    out = np.zeros((n, 4))
    # frames in order of their first block, so that a tie goes to the first, whatever the ids
    order = np.lexsort((first, first % n))
    best = int(order[np.argmax(totals[order])])
    if totals[best] <= 0.0:
        return out
    start, end = int(spans[best, 3]), int(spans[best, 4])
    idx = np.arange(n)
    out[:, 0] = (idx >= start) & (idx < end)
    out[:, 1] = np.where(idx < start, -1.0, np.where(idx >= end, 1.0, 0.0))
    out[:, 2] = chars[start:end].sum() / max(chars.sum(), 1.0)
    out[:, 3] = totals[inverse[:n]] / totals[best]
    return out


def block_features(
    blocks: list[RawBlock], title: str | None, type_scores: FloatArray | None = None
) -> npt.NDArray[np.float64]:
    """Return the feature matrix (one row per block, columns as in ``FEATURE_NAMES``)."""
    n = len(blocks)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)))
    stats = text_stats([b.text for b in blocks])
    chars = np.array([b.chars for b in blocks], dtype=np.float64)
    links = np.array([b.link_chars for b in blocks], dtype=np.float64)
    link_density = links / np.maximum(chars, 1.0)
    total = chars.sum()
    before = np.cumsum(chars) - chars
    tag_groups = np.array([_TAG_GROUPS.get(b.tag, 5) for b in blocks], dtype=np.int64)
    tag_onehot = np.zeros((n, _N_TAG_GROUPS))
    tag_onehot[np.arange(n), tag_groups] = 1.0
    parent = np.array([b.parent for b in blocks], dtype=np.float64)
    grand = np.array([b.grandparent for b in blocks], dtype=np.float64)
    log_chars = np.log1p(chars)
    win_chars = _window_sum(chars, 3)
    padded = np.concatenate(([0.0], log_chars, [0.0]))
    texts = [b.text for b in blocks]
    counts = Counter(texts)
    groups = [b.group for b in blocks]
    group_sizes = Counter(groups)
    group_sizes[0] = 0
    title_overlap = np.zeros(n)
    if title:
        title_tokens = _tokens(title)
        # only blocks about as long as the title can repeat it
        longest = 2 * len(title) + 40
        for i in np.flatnonzero(chars <= longest):
            tok = _tokens(texts[i])
            title_overlap[i] = len(title_tokens & tok) / max(len(title_tokens | tok), 1)
    columns = [
        stats,
        link_density[:, None],
        np.log1p([b.n_links for b in blocks])[:, None],
        np.array([b.depth for b in blocks], dtype=np.float64)[:, None],
        (np.arange(n) / n)[:, None],
        (before / max(total, 1.0))[:, None],
        tag_onehot,
        _bits([b.own_bits for b in blocks], len(_SIGNAL_NAMES)),
        _bits([b.anc_bits for b in blocks], len(_SIGNAL_NAMES)),
        _bits([b.anc_tags for b in blocks], len(_ANC_TAG_NAMES)),
        np.log1p(parent[:, 0:1]),
        (parent[:, 1] / np.maximum(parent[:, 0], 1.0))[:, None],
        np.log1p(parent[:, 2:3]),
        np.log1p(grand[:, 0:1]),
        (grand[:, 1] / np.maximum(grand[:, 0], 1.0))[:, None],
        np.log1p(grand[:, 2:3]),
        np.log1p(parent[:, 6:7]),
        np.log1p(grand[:, 6:7]),
        (_window_sum(links, 3) / np.maximum(win_chars, 1.0))[:, None],
        np.log1p(win_chars)[:, None],
        (_window_sum(links, 1) / np.maximum(_window_sum(chars, 1), 1.0))[:, None],
        padded[:-2][:, None],
        padded[2:][:, None],
        np.full((n, 1), np.log1p(total)),
        np.full((n, 1), np.log1p(n)),
        np.full((n, 1), links.sum() / max(total, 1.0)),
        np.array([counts[t] - 1 for t in texts], dtype=np.float64)[:, None],
        title_overlap[:, None],
        np.log1p([group_sizes[g] for g in groups])[:, None],
        _class_repeats(blocks),
        _prose_root(blocks, chars, link_density, tag_groups),
        np.tile(type_scores if type_scores is not None and len(type_scores) == len(PAGE_TYPES)
                else np.zeros(len(PAGE_TYPES)), (n, 1)),
    ]
    return np.hstack(columns)


def _group_mean(values: FloatArray, keys: npt.NDArray[np.int64]) -> FloatArray:
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    sums = np.bincount(inverse, weights=values)
    return (sums / counts)[inverse]


def _window_mean(values: FloatArray, radius: int) -> FloatArray:
    sums, counts = window_sum(values, radius)
    means: FloatArray = sums / counts
    return means


def context_features(
    prob: FloatArray,
    chars: FloatArray,
    parent_keys: npt.NDArray[np.int64],
    grand_keys: npt.NDArray[np.int64],
    containers: IntMatrix,
    levels: FloatArray,
) -> FloatArray:
    """Return the matrix of ``CONTEXT_FEATURE_NAMES`` for one page's blocks."""
    n = len(prob)
    if n == 0:
        return np.zeros((0, len(CONTEXT_FEATURE_NAMES)))
    padded = np.concatenate((np.full(3, -1.0), prob, np.full(3, -1.0)))
    shifted = [padded[3 + o : 3 + o + n] for o in _OFFSETS]
    windows = [_window_mean(prob, r) for r in _RADII]
    pad_max = np.concatenate((np.zeros(5), prob, np.zeros(5)))
    win_max = np.max(np.lib.stride_tricks.sliding_window_view(pad_max, 11), axis=1)
    weighted = prob * chars
    total = max(chars.sum(), 1.0)
    before = (np.cumsum(weighted) - weighted) / total
    after = (weighted.sum() - np.cumsum(weighted)) / total
    order = np.argsort(np.argsort(-prob, kind="stable"), kind="stable") / n
    columns = [
        prob,
        *shifted,
        *windows,
        win_max,
        np.full(n, prob.mean()),
        np.full(n, prob.max()),
        _group_mean(prob, parent_keys),
        _group_mean(prob, grand_keys),
        order,
        before,
        after,
        *_root_features(prob, chars, containers, levels),
        *_run_features(prob, chars),
    ]
    return np.column_stack(columns)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def find_headline(blocks: Sequence[RawBlock], title: str | None) -> int | None:
    """Index of the block that repeats the page title (usually the <h1>), if any."""
    if not title:
        first_h1 = next((i for i, b in enumerate(blocks) if b.tag == "h1"), None)
        return first_h1
    wanted = _norm(title)
    best = None
    for i, block in enumerate(blocks):
        if block.chars > 2 * len(title) + 40:
            continue
        text = _norm(block.text)
        if not text:
            continue
        if text == wanted:
            return i
        if block.tag == "h1" and best is None and (text in wanted or wanted in text):
            best = i
    return best
