"""Blocks' features → each block's probability of being main content.

Two stages, both small tree ensembles: the first reads a block's own features, the second reads
the first stage's probabilities of the block, its neighbours and its siblings.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .context import context_features
from .model import TreeModel, sigmoid

__all__ = ["block_probabilities", "content_probabilities"]

FloatArray = npt.NDArray[np.float64]
KeyArray = npt.NDArray[np.int64]


def block_probabilities(model: TreeModel, features: FloatArray) -> FloatArray:
    """First stage: probability from each block's own features."""
    return sigmoid(model.block.raw_score(features))


def content_probabilities(
    model: TreeModel,
    features: FloatArray,
    chars: FloatArray,
    parent_keys: KeyArray,
    grand_keys: KeyArray,
    containers: KeyArray,
    levels: FloatArray,
) -> FloatArray:
    """Both stages: the probability that each block is main content."""
    if features.shape[0] == 0:
        return np.zeros(0)
    first = block_probabilities(model, features)
    context = context_features(first, chars, parent_keys, grand_keys, containers, levels)
    return sigmoid(model.context.raw_score(np.hstack((context, features))))
