"""A trained LightGBM booster → the plain arrays of ``thresher.label.model.Stage``."""

from __future__ import annotations

from typing import Any

import numpy as np

from thresher.label.model import Stage

__all__ = ["stage_from_booster"]


def stage_from_booster(booster: Any) -> Stage:
    """Flatten every tree into one node table; leaves loop to themselves."""
    dump = booster.dump_model()
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []
    roots: list[int] = []
    max_depth = 0

    def add(node: dict[str, Any], depth: int) -> int:
        nonlocal max_depth
        idx = len(feature)
        feature.append(0)
        threshold.append(np.inf)
        left.append(idx)
        right.append(idx)
        value.append(0.0)
        if "leaf_value" in node:
            value[idx] = float(node["leaf_value"])
            max_depth = max(max_depth, depth)
            return idx
        if node.get("decision_type", "<=") != "<=":
            raise ValueError(f"unsupported split {node.get('decision_type')!r}")
        feature[idx] = int(node["split_feature"])
        threshold[idx] = float(node["threshold"])
        left[idx] = add(node["left_child"], depth + 1)
        right[idx] = add(node["right_child"], depth + 1)
        return idx

    for tree in dump["tree_info"]:
        roots.append(add(tree["tree_structure"], 0))
    return Stage(
        feature=np.asarray(feature, dtype=np.int32),
        threshold=np.asarray(threshold, dtype=np.float64),
        left=np.asarray(left, dtype=np.int32),
        right=np.asarray(right, dtype=np.int32),
        value=np.asarray(value, dtype=np.float64),
        roots=np.asarray(roots, dtype=np.int32),
        depth=max_depth,
        bias=0.0,
    )
