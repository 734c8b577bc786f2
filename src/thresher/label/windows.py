"""Sums over a sliding window of blocks, shared by every front end's features."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

__all__ = ["window_sum", "window_sums"]

FloatArray = npt.NDArray[np.float64]


def window_sum(values: FloatArray, radius: int) -> tuple[FloatArray, FloatArray]:
    """Return (sum, count) of ``values`` within ``radius`` of each position, itself included."""
    return window_sums(values, (radius,))[0]


def window_sums(values: FloatArray, radii: Sequence[int]) -> list[tuple[FloatArray, FloatArray]]:
    """``window_sum`` for each of ``radii``, the running sum made once."""
    n = len(values)
    csum = np.concatenate(([0.0], np.cumsum(values)))
    idx = np.arange(n)
    out = []
    for radius in radii:
        hi = np.minimum(idx + radius + 1, n)
        lo = np.maximum(idx - radius, 0)
        sums: FloatArray = csum[hi] - csum[lo]
        out.append((sums, (hi - lo).astype(np.float64)))
    return out
