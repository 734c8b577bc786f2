"""Context features: each block's first-stage probability beside its neighbours' and siblings'.

A block surrounded by content is content more often than its own features say, and a block
among link rows is not. This second stage gives the most on listing and collection pages.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .compiled import KERNELS
from .windows import window_sums

__all__ = ["CONTEXT_FEATURE_NAMES", "context_features", "strongest_run"]

FloatArray = npt.NDArray[np.float64]
IntMatrix = npt.NDArray[np.int64]
_OFFSETS = (-3, -2, -1, 1, 2, 3)
_RADII = (2, 5, 12)
_ROOT_SHARE = 0.6  # the root holds at least this share of the likely content

CONTEXT_FEATURE_NAMES: tuple[str, ...] = (
    "p",
    *(f"p_{o:+d}" for o in _OFFSETS),
    *(f"p_mean_{r}" for r in _RADII),
    "p_max_5",
    "p_page_mean",
    "p_page_max",
    "p_parent_mean",
    "p_grand_mean",
    "p_rank",
    "chars_weighted_p_before",
    "chars_weighted_p_after",
    "in_root",
    "root_share",
    "root_relative_depth",
    "root_side",
    "run_side",
    "run_distance",
    "run_share",
)


def _group_mean(values: FloatArray, keys: npt.NDArray[np.int64]) -> FloatArray:
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    sums = np.bincount(inverse, weights=values)
    return (sums / counts)[inverse]


def _root_features(
    prob: FloatArray, chars: FloatArray, containers: IntMatrix, levels: FloatArray
) -> list[FloatArray]:
    """Where each block sits relative to the content root.

    The root is the deepest container holding most of the likely content, as readers find the
    article element: content outside it (teasers, sidebars) is rarely main content.
    ``containers`` holds (first block, end block, level) rows.
    """
    n = len(prob)
    csum = np.concatenate(([0.0], np.cumsum(prob * chars)))
    total = csum[-1]
    inside = np.ones(n)
    side = np.zeros(n)
    share, root_level = 1.0, 0.0
    if len(containers) and total > 0:
        mass = csum[containers[:, 1]] - csum[containers[:, 0]]
        candidates = np.flatnonzero(mass >= _ROOT_SHARE * total)
        if len(candidates):
            # deepest first, then heaviest
            best = candidates[np.lexsort((-mass[candidates], -containers[candidates, 2]))[0]]
            start, end, level = containers[best]
            idx = np.arange(n)
            inside = ((idx >= start) & (idx < end)).astype(np.float64)
            side[:start] = -1.0
            side[end:] = 1.0
            share, root_level = float(mass[best] / total), float(level)
    return [inside, np.full(n, share), levels - root_level, side]


def strongest_run(prob: FloatArray, chars: FloatArray) -> tuple[int, int] | None:
    """The page's strongest run of content: the blocks ``start <= i < end`` whose
    likely-content characters outweigh the unlikely ones the most (a maximum-sum segment of
    ``(p - 0.5) * chars``), or None when no block is likely content."""
    if not len(prob):
        return None
    csum = np.concatenate(([0.0], np.cumsum((prob - 0.5) * chars)))
    lowest = np.minimum.accumulate(csum)
    best = np.maximum(csum[1:] - lowest[:-1], 0.0)
    end = int(np.argmax(best)) + 1
    if best[end - 1] <= 0.0:
        return None
    return int(np.argmin(csum[:end])), end


def _run_features(prob: FloatArray, chars: FloatArray) -> list[FloatArray]:
    """Where each block sits relative to the page's strongest run of content.

    The run is the stretch of consecutive blocks whose likely-content characters outweigh the
    unlikely ones the most (a maximum-sum segment of ``(p - 0.5) * chars``): an article's body.
    Teasers and comment threads that follow it lie after the run, and a page whose likely
    content is spread over many runs (a listing, a forum) has a small ``run_share``.
    """
    n = len(prob)
    run = strongest_run(prob, chars)
    if run is None:
        return [np.zeros(n), np.zeros(n), np.zeros(n)]
    start, end = run
    idx = np.arange(n)
    side = np.where(idx < start, -1.0, np.where(idx >= end, 1.0, 0.0))
    char_sum = np.concatenate(([0.0], np.cumsum(chars)))
    run_chars = max(char_sum[end] - char_sum[start], 1.0)
    # characters between the block and the run, in units of the run's length
    gap = np.where(side < 0, char_sum[start] - char_sum[idx + 1],
                   np.where(side > 0, char_sum[idx] - char_sum[end], 0.0))
    mass = prob * chars
    share = mass[start:end].sum() / max(mass.sum(), 1e-9)
    return [side, np.log1p(gap / run_chars), np.full(n, share)]


_RUN_DISTANCE = CONTEXT_FEATURE_NAMES.index("run_distance")
_RUN_SHARE = CONTEXT_FEATURE_NAMES.index("run_share")


def context_features(
    prob: FloatArray,
    chars: FloatArray,
    parent_keys: npt.NDArray[np.int64],
    grand_keys: npt.NDArray[np.int64],
    containers: IntMatrix,
    levels: FloatArray,
    *,
    compiled: bool = True,
) -> FloatArray:
    """Return the matrix of ``CONTEXT_FEATURE_NAMES`` for one page's blocks.

    The compiled kernel writes it when it is built (``compiled``), else NumPy does (the
    reference, below): the same values bit for bit."""
    n = len(prob)
    if n == 0:
        return np.zeros((0, len(CONTEXT_FEATURE_NAMES)))
    # each block's rank by probability: the inverse of the sorting permutation
    ranks = np.empty(n, dtype=np.intp)
    ranks[np.argsort(-prob, kind="stable")] = np.arange(n)
    order = ranks / n
    kernels = KERNELS if compiled else None
    if kernels is not None:
        out = np.empty((n, len(CONTEXT_FEATURE_NAMES)))
        mass = prob * chars
        mass_sum = mass.sum()  # the sums NumPy makes pairwise are made by NumPy
        start, end = kernels.context_columns(
            np.ascontiguousarray(prob, dtype=np.float64), np.ascontiguousarray(chars, np.float64),
            np.ascontiguousarray(parent_keys, np.int64), np.ascontiguousarray(grand_keys, np.int64),
            np.ascontiguousarray(containers, np.int64).reshape(-1, 3),
            np.ascontiguousarray(levels, np.float64), order, prob.mean(), mass_sum,
            _ROOT_SHARE, out,
        )  # fmt: skip
        out[:, _RUN_DISTANCE] = np.log1p(out[:, _RUN_DISTANCE])
        out[:, _RUN_SHARE] = mass[start:end].sum() / max(mass_sum, 1e-9) if end > start else 0.0
        return out
    padded = np.concatenate((np.full(3, -1.0), prob, np.full(3, -1.0)))
    shifted = [padded[3 + o : 3 + o + n] for o in _OFFSETS]
    windows = [sums / counts for sums, counts in window_sums(prob, _RADII)]
    # the largest probability within 5 blocks (0 past the ends): eleven shifted maxima
    pad_max = np.concatenate((np.zeros(5), prob, np.zeros(5)))
    win_max = pad_max[:n].copy()
    for k in range(1, 11):
        np.maximum(win_max, pad_max[k : k + n], out=win_max)
    weighted = prob * chars
    total = max(chars.sum(), 1.0)
    running = np.cumsum(weighted)
    before = (running - weighted) / total
    after = (weighted.sum() - running) / total
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
