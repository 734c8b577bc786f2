"""The compiled tree walk gives exactly the NumPy walk's scores, bit for bit.

``Stage.raw_score_numpy`` is the reference; the compiled walk (``label/_trees.pyx``) is used by
``Stage.raw_score`` when it is built.
"""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import numpy as np
import pytest
from test_speed_equivalence import random_stage

from thresher.label import model as model_module
from thresher.label.model import Stage, load_model

compiled = pytest.mark.skipif(
    model_module._compiled is None,
    reason=f"the compiled tree walk is not used ({model_module.COMPILED_TREES_PROBLEM}); "
    "python setup.py build_ext --inplace builds it",
)
SPECIAL = [-1.0, 0.0, 0.5, 1.0, 2.0, np.nan, np.inf, -np.inf]


def assert_same_scores(stage: Stage, x: np.ndarray) -> np.ndarray:
    expected = stage.raw_score_numpy(x)
    got = stage.raw_score(x)
    assert got.dtype == expected.dtype and got.shape == expected.shape
    assert got.tobytes() == expected.tobytes()
    return got


def two_trees() -> Stage:
    # tree 0: x0 <= 1.0 ? (x1 <= 5.0 ? 1.0 : 2.0) : 3.0 ; tree 1: a single leaf 0.5
    inf = np.inf
    return Stage(
        feature=np.array([0, 1, 0, 0, 0, 0], dtype=np.intp),
        threshold=np.array([1.0, 5.0, inf, inf, inf, inf]),
        child=np.array([1, 3, 2, 3, 4, 5], dtype=np.intp),
        value=np.array([0.0, 0.0, 3.0, 1.0, 2.0, 0.5]),
        roots=np.array([0, 5], dtype=np.intp),
        depth=2,
        bias=0.25,
    )


@compiled
def test_hand_written_trees() -> None:
    # on a threshold goes left; NaN goes left; infinities go where they compare
    x = np.array([[0.5, 4.0], [1.0, 5.0], [1.5, 0.0], [np.nan, np.nan], [-np.inf, np.inf],
                  [np.inf, 0.0], [1.0, 5.000001]])
    assert assert_same_scores(two_trees(), x).tolist() == [1.75, 1.75, 3.75, 1.75, 2.75,
                                                           3.75, 2.75]


@compiled
@pytest.mark.parametrize("depth", [0, 1, 2, 5, 7, 9])
@pytest.mark.parametrize("rows", [1, 2, 7, 8, 9, 16, 23, 64])
def test_random_trees_and_inputs(depth: int, rows: int) -> None:
    rng = np.random.default_rng(depth * 100 + rows)
    stage = random_stage(rng, n_trees=37, depth=depth, width=9)
    x = rng.choice(SPECIAL, size=(rows, 9))
    assert_same_scores(stage, x)
    # any layout and dtype is read as contiguous float64 rows
    assert_same_scores(stage, np.asfortranarray(x))
    assert_same_scores(stage, x.astype(np.float32))
    assert_same_scores(stage, np.hstack((x, x))[:, ::2])


@compiled
@pytest.mark.parametrize("name", ["html", "text"])
def test_shipped_models_on_random_features(name: str) -> None:
    model = load_model(name=name)
    rng = np.random.default_rng(7)
    for stage in (model.block, model.context):
        width = stage.min_width + 3
        x = rng.normal(scale=3.0, size=(203, width))
        x[rng.random(x.shape) < 0.2] = 0.0  # many features are counts and flags
        x[rng.random(x.shape) < 0.01] = np.nan
        assert_same_scores(stage, x)
        assert_same_scores(stage, np.abs(np.round(x)))


def test_same_scores_without_the_compiled_walk() -> None:
    stage = random_stage(np.random.default_rng(3), n_trees=20, depth=4, width=5)
    x = np.random.default_rng(4).choice(SPECIAL, size=(30, 5))
    with mock.patch.object(model_module, "_compiled", None):
        fallback = stage.raw_score(x)
    assert fallback.tobytes() == stage.raw_score_numpy(x).tobytes()
    assert stage.raw_score(np.zeros((0, 5))).shape == (0,)


def test_both_paths_refuse_too_few_columns() -> None:
    stage = two_trees()
    for score in (stage.raw_score, stage.raw_score_numpy):
        with pytest.raises(ValueError, match="feature columns"):
            score(np.zeros((3, 1)))


def test_a_built_walk_is_used() -> None:
    built = list(Path(model_module.__file__).parent.glob("_trees.*.so"))
    if not built:
        pytest.skip("the compiled tree walk is not built")
    assert model_module._compiled is not None, model_module.COMPILED_TREES_PROBLEM


@compiled
def test_a_walk_built_from_another_source_is_not_used() -> None:
    with mock.patch.object(model_module._compiled, "SOURCE_SHA256", "0" * 64):
        module, problem = model_module._load_compiled()
    assert module is None and problem is not None and "older _trees.pyx" in problem
