"""Sums over a sliding window of blocks, shared by every front end's features."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["window_sum"]

FloatArray = npt.NDArray[np.float64]


def window_sum(values: FloatArray, radius: int) -> tuple[FloatArray, FloatArray]:
    """Return (sum, count) of ``values`` within ``radius`` of each position, itself included."""
    n = len(values)
    csum = np.concatenate(([0.0], np.cumsum(values)))
    idx = np.arange(n)
    hi = np.minimum(idx + radius + 1, n)
    lo = np.maximum(idx - radius, 0)
    sums: FloatArray = csum[hi] - csum[lo]
    return sums, (hi - lo).astype(np.float64)
