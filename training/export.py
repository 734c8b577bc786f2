"""A trained LightGBM booster → the plain arrays of ``thresher.label.model.Stage``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from thresher.label.model import Stage

__all__ = ["merge_stages", "stage_from_booster"]


def stage_from_booster(booster: Any, class_index: int = 0, num_class: int = 1) -> Stage:
    """Flatten every tree into one node table with each node's two children side by side.

    For a multiclass booster, ``class_index`` of ``num_class`` picks that class's trees
    (LightGBM stores them interleaved: tree ``i`` belongs to class ``i % num_class``).
    """
    dump = booster.dump_model()
    feature: list[int] = []
    threshold: list[float] = []
    child: list[int] = []
    value: list[float] = []
    roots: list[int] = []
    max_depth = 0

    def new_slots(count: int) -> int:
        first = len(feature)
        for _ in range(count):
            feature.append(0)
            threshold.append(np.inf)
            child.append(len(child))  # a leaf is its own child
            value.append(0.0)
        return first

    def fill(idx: int, node: dict[str, Any], depth: int) -> None:
        nonlocal max_depth
        if "leaf_value" in node:
            value[idx] = float(node["leaf_value"])
            max_depth = max(max_depth, depth)
            return
        if node.get("decision_type", "<=") != "<=":
            raise ValueError(f"unsupported split {node.get('decision_type')!r}")
        feature[idx] = int(node["split_feature"])
        threshold[idx] = float(node["threshold"])
        first = new_slots(2)
        child[idx] = first
        fill(first, node["left_child"], depth + 1)
        fill(first + 1, node["right_child"], depth + 1)

    for index, tree in enumerate(dump["tree_info"]):
        if index % num_class != class_index:
            continue
        root = new_slots(1)
        roots.append(root)
        fill(root, tree["tree_structure"], 0)
    return Stage(
        feature=np.asarray(feature, dtype=np.intp),
        threshold=np.asarray(threshold, dtype=np.float64),
        child=np.asarray(child, dtype=np.intp),
        value=np.asarray(value, dtype=np.float64),
        roots=np.asarray(roots, dtype=np.intp),
        depth=max_depth,
        bias=0.0,
    )


def merge_stages(stages: Sequence[Stage]) -> Stage:
    """One stage whose score is the mean of ``stages``' scores (log-odds): every tree of each,
    in one node table, with its leaf values divided by their number. A bag of boosters
    trained with different seeds becomes one stage the labeller evaluates as it does any."""
    if len(stages) == 1:
        return stages[0]
    share = 1.0 / len(stages)
    offsets = np.cumsum([0] + [len(s.feature) for s in stages[:-1]])
    return Stage(
        feature=np.concatenate([s.feature for s in stages]),
        threshold=np.concatenate([s.threshold for s in stages]),
        child=np.concatenate([s.child + o for s, o in zip(stages, offsets, strict=True)]),
        value=np.concatenate([s.value * share for s in stages]),
        roots=np.concatenate([s.roots + o for s, o in zip(stages, offsets, strict=True)]),
        depth=max(s.depth for s in stages),
        bias=float(sum(s.bias for s in stages) * share),
    )
