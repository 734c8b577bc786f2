"""A compact gradient-boosted tree ensemble, evaluated with NumPy for a whole page at once.

Weights are trained by ``make train`` (LightGBM) and exported to plain arrays, so the package
needs neither LightGBM nor any download at run time. All trees of a model are concatenated into
one node table. The trees are walked in compiled code (``_kernels.pyx``) when it is built, else
with NumPy, every block walking every tree in lock-step, one NumPy step per tree level; the
NumPy walk is the reference, and both give the same scores bit for bit.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from . import compiled

__all__ = ["Stage", "TreeModel", "load_model", "read_model_file", "write_model_file"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]


@dataclass(frozen=True)
class Stage:
    """One tree ensemble in a single node table.

    A split node's children sit side by side: ``child[i]`` is the left one (``x <= threshold``)
    and ``child[i] + 1`` the right one. A leaf is its own child with an infinite threshold, so
    steps past the bottom of a shallow tree leave it in place.

    Raises:
        ValueError: the table holds an index outside it, or a negative feature index.
    """

    feature: IntArray
    threshold: FloatArray
    child: IntArray
    value: FloatArray
    roots: IntArray
    depth: int
    bias: float
    # columns ``raw_score`` needs: one more than the highest feature index
    min_width: int = field(init=False, repr=False, compare=False)
    # the node table as the compiled walk reads it: (feature, threshold, child, value, roots)
    # with 32-bit indices; None when an index does not fit
    _compact: tuple[Any, ...] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # raw_score gathers without NumPy's per-element bounds checks (a third faster), so
        # every index it can follow is checked once here instead
        n = len(self.feature)
        can_go_right = self.threshold < np.inf  # false for leaves (and NaN thresholds)
        if not (
            len(self.threshold) == len(self.child) == len(self.value) == n
            and np.all((self.child >= 0) & (self.child + can_go_right < n))
            and np.all((self.roots >= 0) & (self.roots < n))
            and np.all(self.feature >= 0)
        ):
            raise ValueError("tree node table holds an index outside it")
        object.__setattr__(self, "min_width", int(self.feature.max()) + 1 if n else 0)
        compact = None
        if n < 2**31 - 1 and self.min_width < 2**31:
            compact = (
                self.feature.astype(np.intc), np.ascontiguousarray(self.threshold, np.float64),
                self.child.astype(np.intc), np.ascontiguousarray(self.value, np.float64),
                self.roots.astype(np.intc),
            )
        object.__setattr__(self, "_compact", compact)

    def raw_score(self, x: FloatArray) -> FloatArray:
        """Sum of leaf values over trees (log-odds) for each row of ``x``.

        Compiled when ``_kernels.pyx`` is built, else ``raw_score_numpy``; the same scores.

        Raises:
            ValueError: ``x`` has fewer columns than the trees read.
        """
        scores: FloatArray = self.leaf_values(x).sum(axis=1) + self.bias
        return scores

    def raw_score_numpy(self, x: FloatArray) -> FloatArray:
        """``raw_score`` with NumPy, whether or not the compiled walk is built: the reference.

        Raises:
            ValueError: ``x`` has fewer columns than the trees read.
        """
        scores: FloatArray = self.leaf_values_numpy(x).sum(axis=1) + self.bias
        return scores

    def _check_width(self, x: FloatArray) -> None:
        if x.shape[1] < self.min_width:
            raise ValueError(f"x has {x.shape[1]} feature columns, the trees read {self.min_width}")

    def leaf_values(self, x: FloatArray) -> FloatArray:
        """The leaf value each row of ``x`` reaches in each tree: ``(rows, trees)``.

        Compiled when ``_kernels.pyx`` is built, else ``leaf_values_numpy``; the same values.
        Summed as ``raw_score`` sums them, so the compiled and NumPy scores agree bit for bit.

        Raises:
            ValueError: ``x`` has fewer columns than the trees read.
        """
        kernels = compiled.KERNELS
        if kernels is None or self._compact is None:
            return self.leaf_values_numpy(x)
        self._check_width(x)
        feature, threshold, child, value, roots = self._compact
        leaves = np.empty((x.shape[0], len(roots)))
        if x.shape[0]:
            # the reference takes one step even at depth 0 (a no-op at a leaf), so this does too
            kernels.leaf_values(np.ascontiguousarray(x, dtype=np.float64), feature, threshold,
                                child, value, roots, max(self.depth, 1), leaves)
        return leaves

    def leaf_values_numpy(self, x: FloatArray) -> FloatArray:
        """``leaf_values`` with NumPy, whether or not the compiled walk is built: the reference.

        Every row walks every tree in lock-step, one NumPy step per tree level.

        Raises:
            ValueError: ``x`` has fewer columns than the trees read.
        """
        self._check_width(x)
        n, width = x.shape
        feature, threshold, child, roots = self.feature, self.threshold, self.child, self.roots
        if n == 0:
            return np.zeros((0, len(roots)))
        flat = np.ascontiguousarray(x, dtype=np.float64).ravel()
        # each row's offset into ``flat``, once per tree (adding a same-shape array is twice
        # as fast as broadcasting a column); a single row has none to add
        rows = None if n == 1 else np.repeat(
            np.arange(0, n * width, width, dtype=np.intp)[:, None], len(roots), axis=1)
        # Every row starts at the roots, so the first step needs no gather from the node table
        # (a stage of single-leaf trees, depth 0, stays put). Indices are in range, checked
        # above and at construction: mode="clip" only skips NumPy's bounds checks.
        index = feature[roots] if rows is None else rows + feature[roots]
        node = child[roots] + (flat.take(index, mode="clip") > threshold[roots])
        for _ in range(self.depth - 1):
            index = feature.take(node, mode="clip")
            if rows is not None:
                index += rows
            right = flat.take(index, mode="clip") > threshold.take(node, mode="clip")
            node = child.take(node, mode="clip")
            node += right
        leaves: FloatArray = self.value.take(node.reshape(n, -1), mode="clip")
        return leaves

    def to_json(self) -> dict[str, Any]:
        return {
            "feature": self.feature.tolist(),
            "threshold": [t if np.isfinite(t) else None for t in self.threshold.tolist()],
            "child": self.child.tolist(),
            "value": self.value.tolist(),
            "roots": self.roots.tolist(),
            "depth": self.depth,
            "bias": self.bias,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Stage:
        return cls(
            feature=np.asarray(data["feature"], dtype=np.intp),
            threshold=np.asarray(
                [np.inf if t is None else t for t in data["threshold"]], dtype=np.float64
            ),
            child=np.asarray(data["child"], dtype=np.intp),
            value=np.asarray(data["value"], dtype=np.float64),
            roots=np.asarray(data["roots"], dtype=np.intp),
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
    # the threshold on pages of these types instead of ``threshold``: on a listing, a product
    # page or a forum the content is spread over many small blocks, and recall weighs more
    type_thresholds: dict[str, float] = field(default_factory=dict)

    def threshold_for(self, page_type: str | None) -> float:
        """The probability above which a block of a page of ``page_type`` is content."""
        return self.type_thresholds.get(page_type, self.threshold) if page_type else self.threshold

    def to_json(self) -> dict[str, Any]:
        return {
            "block": self.block.to_json(),
            "context": self.context.to_json(),
            "threshold": self.threshold,
            "type_thresholds": self.type_thresholds,
            "feature_names": list(self.feature_names),
            "info": self.info,
        }

    def save(self, path: Path) -> None:
        write_model_file(path, self.to_json())


def write_model_file(path: Path, data: dict[str, Any]) -> None:
    """Write a model's JSON, gzipped, as the package ships it."""
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(data, fh, separators=(",", ":"))


def read_model_file(path: Path | str | None, shipped: str) -> dict[str, Any]:
    """A model's JSON from the gzipped file ``path``, or from the package's file ``shipped``."""
    if path is None:
        raw = (resources.files("thresher.label") / shipped).read_bytes()
    else:
        raw = Path(path).read_bytes()
    data: dict[str, Any] = json.loads(gzip.decompress(raw))
    return data


def sigmoid(score: FloatArray) -> FloatArray:
    return 1.0 / (1.0 + np.exp(-np.clip(score, -40.0, 40.0)))


def load_model(path: Path | str | None = None, *, name: str = "html") -> TreeModel:
    """Load a model from ``path``, or the one shipped in the package under ``name``."""
    data = read_model_file(path, f"{name}.json.gz")
    return TreeModel(
        block=Stage.from_json(data["block"]),
        context=Stage.from_json(data["context"]),
        threshold=float(data["threshold"]),
        type_thresholds={str(k): float(v) for k, v in data.get("type_thresholds", {}).items()},
        feature_names=tuple(data["feature_names"]),
        info=data.get("info", {}),
    )
