"""A compact gradient-boosted tree ensemble, evaluated with NumPy for a whole page at once.

Weights are trained by ``make train`` (LightGBM) and exported to plain arrays, so the package
needs neither LightGBM nor any download at run time. All trees of a model are concatenated into
one node table; every block walks every tree in lock-step, one NumPy step per tree level.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["Stage", "TreeModel", "load_model"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int32]


@dataclass(frozen=True)
class Stage:
    """One tree ensemble. Leaves point to themselves, so extra steps leave them in place."""

    feature: IntArray
    threshold: FloatArray
    left: IntArray
    right: IntArray
    value: FloatArray
    roots: IntArray
    depth: int
    bias: float

    def raw_score(self, x: FloatArray) -> FloatArray:
        """Sum of leaf values over trees (log-odds) for each row of ``x``."""
        n = x.shape[0]
        if n == 0:
            return np.zeros(0)
        node = np.broadcast_to(self.roots, (n, len(self.roots))).copy()
        rows = np.arange(n)[:, None]
        feature, threshold, left, right = self.feature, self.threshold, self.left, self.right
        for _ in range(self.depth):
            go_left = x[rows, feature[node]] <= threshold[node]
            node = np.where(go_left, left[node], right[node])
        return self.value[node].sum(axis=1) + self.bias

    def to_json(self) -> dict[str, Any]:
        return {
            "feature": self.feature.tolist(),
            "threshold": self.threshold.tolist(),
            "left": self.left.tolist(),
            "right": self.right.tolist(),
            "value": self.value.tolist(),
            "roots": self.roots.tolist(),
            "depth": self.depth,
            "bias": self.bias,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Stage:
        return cls(
            feature=np.asarray(data["feature"], dtype=np.int32),
            threshold=np.asarray(data["threshold"], dtype=np.float64),
            left=np.asarray(data["left"], dtype=np.int32),
            right=np.asarray(data["right"], dtype=np.int32),
            value=np.asarray(data["value"], dtype=np.float64),
            roots=np.asarray(data["roots"], dtype=np.int32),
            depth=int(data["depth"]),
            bias=float(data["bias"]),
        )


@dataclass(frozen=True)
class TreeModel:
    """A block labeller: a per-block stage, then a stage over neighbours' probabilities."""

    block: Stage
    context: Stage
    threshold: float
    feature_names: tuple[str, ...]
    info: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "block": self.block.to_json(),
            "context": self.context.to_json(),
            "threshold": self.threshold,
            "feature_names": list(self.feature_names),
            "info": self.info,
        }

    def save(self, path: Path) -> None:
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            json.dump(self.to_json(), fh, separators=(",", ":"))


def sigmoid(score: FloatArray) -> FloatArray:
    return 1.0 / (1.0 + np.exp(-np.clip(score, -40.0, 40.0)))


def load_model(path: Path | str | None = None, *, name: str = "html") -> TreeModel:
    """Load a model from ``path``, or the one shipped in the package under ``name``."""
    if path is None:
        ref = resources.files("thresher.label") / f"{name}.json.gz"
        raw = gzip.decompress(ref.read_bytes())
    else:
        raw = gzip.decompress(Path(path).read_bytes())
    data = json.loads(raw)
    return TreeModel(
        block=Stage.from_json(data["block"]),
        context=Stage.from_json(data["context"]),
        threshold=float(data["threshold"]),
        feature_names=tuple(data["feature_names"]),
        info=data.get("info", {}),
    )
