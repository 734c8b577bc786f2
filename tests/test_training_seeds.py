"""``training.train --oof --seeds N``: the spread of out-of-fold scores over random seeds,
on hand-written news pages (the gold datasets are not needed)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("lightgbm")

from bench.datasets import GoldPage  # noqa: E402
from tests.corpus_support import news_page  # noqa: E402
from training import folds as training_folds  # noqa: E402
from training import train  # noqa: E402
from training.folds import N_FOLDS, fold_of_site  # noqa: E402
from training.pagetype import load_oof_page_models  # noqa: E402


def _gold(index: int) -> GoldPage:
    html = news_page(index)
    body = "\n".join(re.findall(r"<p>(.*?)</p>", html))
    return GoldPage(dataset="news" if index % 2 else "more_news", id=str(index),
                    url=f"https://site{index}.example/story/{index}", html=html, text=body,
                    title=None, flat="")


@pytest.fixture()
def page_folds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Page-type fold models as ``training.pagetype --oof`` writes them (here the shipped
    model in every fold): training reads each page's type with its fold's model."""
    from thresher.html.pagetype import shipped_page_model

    folds = ({}, [shipped_page_model()] * N_FOLDS)
    monkeypatch.setattr(train, "_page_folds", lambda flat=False: folds)


def test_training_needs_the_page_type_folds(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(training_folds, "OOF_DIR", tmp_path)  # nothing written there
    monkeypatch.setattr(train, "load_oof_page_models", lambda: load_oof_page_models(tmp_path))
    train._page_folds.cache_clear()
    with pytest.raises(SystemExit, match="training.pagetype --oof"):
        train._analyse(_gold(0))
    train._page_folds.cache_clear()


@pytest.mark.usefixtures("page_folds")
def test_seed_spread_prints_each_dataset_and_restores_the_seed(
        capsys: pytest.CaptureFixture[str]) -> None:
    pages = [p for p in (train._analyse(_gold(i)) for i in range(20)) if p is not None]
    assert len(pages) == 20
    folds = {p.gold.key: fold_of_site(p.gold.site) for p in pages}
    models = [train.train_model([p for p in pages if folds[p.gold.key] != k], {"fold": k})
              for k in range(N_FOLDS)]
    seed = train.PARAMS["seed"]
    written = train.evaluate(pages, lambda p: models[folds[p.gold.key]])
    train._seed_spread(pages, folds, written, train.INPUTS["html"], seeds=2)
    assert train.PARAMS["seed"] == seed
    out = capsys.readouterr().out
    assert "over 2 seeds" in out
    number = r"(\d\.\d{4})"
    rows = re.findall(rf"^  (\S+)\s+mean {number}  sd {number}  range {number}-{number}$",
                      out, re.MULTILINE)
    assert sorted(r[0] for r in rows) == ["more_news", "news"]
    for _, mean, sd, low, high in rows:
        assert float(low) <= float(mean) <= float(high) and float(sd) >= 0.0
        # the body of these pages is plain to find: every seed finds most of it
        assert float(low) > 0.5


def test_seeds_need_out_of_fold_training() -> None:
    with pytest.raises(SystemExit) as stopped:
        train.main(["--seeds", "3"])
    assert stopped.value.code == 2
    with pytest.raises(SystemExit):
        train.main(["--oof", "--seeds", "0"])


def test_param_overrides_a_lightgbm_parameter_and_a_stage_s_rounds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(train, "PARAMS", dict(train.PARAMS))
    monkeypatch.setattr(train, "ROUNDS", dict(train.ROUNDS))
    monkeypatch.setattr(train, "BAG", dict(train.BAG))
    train.set_params(["num_leaves=63", "learning_rate=0.05", "rounds.block=200", "bag=3"])
    assert train.PARAMS["num_leaves"] == 63 and train.PARAMS["learning_rate"] == 0.05
    assert train.ROUNDS == {"block": 200, "context": 60}
    assert train.BAG == {"size": 3}


@pytest.mark.parametrize("item", ["num_leaves", "num_leaves=many", "objective=1",
                                  "no_such_param=3", "rounds.block=0", "rounds.third=5",
                                  "seed=true", "bag=0", "bag=1.5"])
def test_param_refuses_what_is_not_a_number_for_a_known_parameter(
    item: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(train, "PARAMS", dict(train.PARAMS))
    monkeypatch.setattr(train, "ROUNDS", dict(train.ROUNDS))
    with pytest.raises(ValueError):
        train.set_params([item])
    with pytest.raises(SystemExit) as stopped:
        train.main(["--oof", "--param", item])
    assert stopped.value.code == 2


def test_param_needs_out_of_fold_training() -> None:
    with pytest.raises(SystemExit) as stopped:
        train.main(["--param", "num_leaves=63"])
    assert stopped.value.code == 2


@pytest.mark.usefixtures("page_folds")
def test_a_bag_of_boosters_is_one_stage_scoring_their_mean(
        monkeypatch: pytest.MonkeyPatch) -> None:
    pages = [p for p in (train._analyse(_gold(i)) for i in range(12)) if p is not None]
    single = train.train_model(pages, {})
    monkeypatch.setattr(train, "BAG", {"size": 2})
    bagged = train.train_model(pages, {})
    assert len(bagged.block.roots) == 2 * len(single.block.roots)
    assert len(bagged.context.roots) == 2 * len(single.context.roots)
    x = pages[0].page.features
    first = bagged.block.raw_score(x)
    # the first member is the single model's booster (same seed): the mean moves away from it
    assert first.shape == (len(x),) and not np.allclose(first, single.block.raw_score(x))
    scores = train.evaluate(pages, lambda p: bagged)
    assert min(np.mean(v) for v in scores.values()) > 0.5
