"""The NumPy tree evaluator walks trees exactly as LightGBM does (``x <= threshold`` goes left)."""

import gzip
import json

import numpy as np

from thresher.label.model import Stage, TreeModel, load_model


def two_trees() -> Stage:
    # tree 0: x0 <= 1.0 ? (x1 <= 5.0 ? 1.0 : 2.0) : 3.0 ; tree 1: a single leaf 0.5
    # nodes: 0 root, 1-2 its children, 3-4 children of node 1, 5 the second tree's leaf
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


def test_raw_score_follows_splits() -> None:
    x = np.array([[0.5, 4.0], [1.0, 6.0], [1.5, 0.0]])
    assert two_trees().raw_score(x).tolist() == [1.75, 2.75, 3.75]


def test_empty_input() -> None:
    assert two_trees().raw_score(np.zeros((0, 2))).shape == (0,)


def test_save_and_load_round_trip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    model = TreeModel(two_trees(), two_trees(), 0.4, ("a", "b"), {"note": "test"})
    path = tmp_path / "m.json.gz"
    model.save(path)
    loaded = load_model(path)
    x = np.array([[0.5, 4.0], [1.5, 0.0]])
    assert loaded.block.raw_score(x).tolist() == model.block.raw_score(x).tolist()
    assert loaded.threshold == 0.4 and loaded.feature_names == ("a", "b")
    assert json.loads(gzip.decompress(path.read_bytes()))["info"] == {"note": "test"}


def test_shipped_model_matches_feature_layout() -> None:
    from thresher.html.features import FEATURE_NAMES, FIRST_STAGE_FEATURES
    from thresher.label.context import CONTEXT_FEATURE_NAMES

    model = load_model()
    assert model.feature_names == FEATURE_NAMES + CONTEXT_FEATURE_NAMES
    # the prose root's columns are the second stage's alone
    assert int(model.block.feature.max()) < FIRST_STAGE_FEATURES < len(FEATURE_NAMES)
    assert int(model.context.feature.max()) < len(FEATURE_NAMES) + len(CONTEXT_FEATURE_NAMES)


def test_export_matches_lightgbm() -> None:
    lgb = __import__("pytest").importorskip("lightgbm")
    from training.export import stage_from_booster

    rng = np.random.default_rng(0)
    x = rng.normal(size=(2000, 6))
    x[:, 3] = rng.integers(0, 3, size=2000)  # ties at split thresholds
    y = ((x[:, 0] + x[:, 1] * x[:, 2] + (x[:, 3] == 1)) > 0.5).astype(float)
    params = {"objective": "binary", "num_leaves": 15, "verbose": -1, "seed": 1,
              "deterministic": True, "num_threads": 1}
    booster = lgb.train(params, lgb.Dataset(x, label=y), num_boost_round=25)
    stage = stage_from_booster(booster)
    expected = booster.predict(x, raw_score=True)
    np.testing.assert_allclose(stage.raw_score(x), expected, rtol=1e-9, atol=1e-9)


def test_merged_stages_score_the_mean_of_their_members() -> None:
    from training.export import merge_stages

    other = Stage(  # one tree: x1 <= 2.0 ? -1.0 : 4.0, and another bias
        feature=np.array([1, 0, 0], dtype=np.intp),
        threshold=np.array([2.0, np.inf, np.inf]),
        child=np.array([1, 1, 2], dtype=np.intp),
        value=np.array([0.0, -1.0, 4.0]),
        roots=np.array([0], dtype=np.intp),
        depth=1,
        bias=-0.75,
    )
    x = np.array([[0.5, 4.0], [1.0, 1.0], [1.5, 0.0], [3.0, 9.0]])
    merged = merge_stages([two_trees(), other, two_trees()])
    expected = (2 * two_trees().raw_score(x) + other.raw_score(x)) / 3
    np.testing.assert_allclose(merged.raw_score(x), expected, rtol=1e-12)
    np.testing.assert_allclose(merged.raw_score_numpy(x), expected, rtol=1e-12)
    assert len(merged.roots) == 5 and merged.depth == 2
    assert merge_stages([other]) is other


def test_thresholds_by_page_type(tmp_path) -> None:  # type: ignore[no-untyped-def]
    model = TreeModel(two_trees(), two_trees(), 0.5, ("a", "b"), {},
                      type_thresholds={"listing": 0.3})
    assert [model.threshold_for(t) for t in ("listing", "article", None)] == [0.3, 0.5, 0.5]
    path = tmp_path / "m.json.gz"
    model.save(path)
    assert load_model(path).type_thresholds == {"listing": 0.3}
    # a model written before thresholds by type has one threshold for every page
    data = json.loads(gzip.decompress(path.read_bytes()))
    del data["type_thresholds"]
    path.write_bytes(gzip.compress(json.dumps(data).encode()))
    assert load_model(path).threshold_for("listing") == 0.5


def test_the_shipped_html_model_is_more_inclusive_off_articles() -> None:
    model = load_model()
    assert model.threshold_for("article") == model.threshold
    assert all(model.threshold_for(t) < model.threshold
               for t in ("listing", "collection", "product", "forum"))


def test_extract_applies_the_page_types_threshold() -> None:
    from dataclasses import replace

    import thresher
    from thresher.core import analyse_html, label_and_assemble, shipped_model
    from thresher.options import Options

    html = """<html><head><title>Lamps</title></head><body><h1>Lamps</h1>
      <ul><li><a href="/a">Brass desk lamp</a> $40</li><li><a href="/b">Paper lamp</a> $25</li>
      </ul><p>Every lamp ships within two days from our workshop in the north of town.</p>
      </body></html>"""
    page = analyse_html(html, url=None, options=Options())
    model = shipped_model()
    everything = replace(model, type_thresholds={page.meta.page_type or "": 0.0})
    nothing = replace(model, type_thresholds={page.meta.page_type or "": 1.0 + 1e-9})
    assert label_and_assemble(page, everything, Options()).text.count("\n") >= 2
    try:
        text = label_and_assemble(page, nothing, Options()).text
    except thresher.NoContentError:
        text = ""
    assert text == ""
