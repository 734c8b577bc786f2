"""Gold labels for blocks: a block is content when most of its token n-grams are in the gold text.

Only a small share of blocks falls between clear yes and clear no, so the 0.5 cut matters little.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from bench.metrics import tokens
from thresher.page import PageBlock

__all__ = ["block_labels"]


def _ngrams(toks: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)}


def block_labels(
    blocks: Sequence[PageBlock], gold: str
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Return (coverage share per block, token count per block)."""
    gold_toks = tokens(gold)
    gold_sets = {n: _ngrams(gold_toks, n) for n in (1, 2, 3)}
    coverage = np.zeros(len(blocks))
    counts = np.zeros(len(blocks))
    for i, block in enumerate(blocks):
        toks = tokens(block.text)
        counts[i] = len(toks)
        if not toks:
            continue
        n = min(3, len(toks))
        grams = [tuple(toks[j : j + n]) for j in range(len(toks) - n + 1)]
        coverage[i] = sum(g in gold_sets[n] for g in grams) / len(grams)
    return coverage, counts
