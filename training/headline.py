"""Train the headline chooser of flattened text on the gold titles and ship it.

    python -m training.headline          # train on every page: label/headline_text.json.gz
    python -m training.headline --oof    # 5 folds grouped by site: build/oof/headline-text-*,
                                         # and the out-of-fold share of titles found

The pages of wcxb_dev and mozilla_readability that have a gold title and flat text. Each
page's lines are labelled as ``extract_text`` labels them, with the flat labeller and the
flat page-type model of the fold that did not see the page (``make oof`` writes them), so
the candidates' probabilities are those of an unseen page, as at run time. A candidate
(:func:`thresher.text.headline.candidate_features`) is positive when it equals the gold
title after the benchmark's normalisation. One LightGBM booster over the candidates; the
page's headline is its best-scoring candidate. Agreement counts as in ``bench.metadata``.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lightgbm as lgb
import numpy as np
import numpy.typing as npt

from bench.datasets import GoldPage, iter_pages
from bench.metadata import _norm
from bench.oof import load_fold_models
from thresher.core import analyse_text, block_labels
from thresher.errors import ThresherError
from thresher.options import Options
from thresher.page import PageBlock
from thresher.text.headline import (
    HEADLINE_FEATURE_NAMES,
    HeadlineModel,
    candidate_features,
    choose_headline,
    load_headline_model,
)
from thresher.text.structure import TitleLines, rule_headline

from .export import stage_from_booster
from .folds import N_FOLDS, fold_of_site, fold_path, load_oof, write_folds

__all__ = ["HeadlinePage", "headline_pages", "load_oof_headline_models", "main",
           "train_headline_model"]

SHIPPED = Path(__file__).resolve().parent.parent / "src" / "thresher" / "label" / \
    "headline_text.json.gz"
DATASETS = ("wcxb_dev", "mozilla_readability")  # the gold sets with titles
OOF_NAME = "headline-text"
PARAMS: dict[str, Any] = {
    "objective": "binary", "learning_rate": 0.05, "num_leaves": 15, "min_data_in_leaf": 20,
    "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0,
    "seed": 7, "deterministic": True, "num_threads": 2, "verbose": -1,
}  # fmt: skip
ROUNDS = 150


@dataclass(frozen=True)
class HeadlinePage:
    """One page's candidates (their lines, features and whether each is the gold title),
    what ``choose_headline`` reads besides, and whether the rules found the title."""

    gold: GoldPage
    blocks: list[PageBlock]
    line_features: npt.NDArray[np.float64]
    keep: npt.NDArray[np.bool_]
    probabilities: npt.NDArray[np.float64]
    rule: int | None
    indices: list[int]
    features: npt.NDArray[np.float64]
    labels: npt.NDArray[np.float64]
    rule_agrees: bool


def headline_pages(golds: Sequence[GoldPage]) -> list[HeadlinePage]:
    """The candidates of each page, labelled with the out-of-fold text models.

    Raises:
        SystemExit: the out-of-fold text models are missing (``make oof`` first).
    """
    folds = load_fold_models("text")
    if not folds.is_loaded:
        raise SystemExit(f"training.headline needs the out-of-fold text models: {folds.note}")
    out = []
    for gold in golds:
        fold = folds.fold_of.get(gold.key)
        if fold is None:
            continue
        options = Options(model=folds.models[fold], page_model=folds.page_models[fold])
        try:
            page = analyse_text(gold.flat, url=gold.url, options=options)
        except ThresherError:
            continue
        probabilities, threshold = block_labels(page, folds.models[fold], options)
        keep = probabilities >= threshold
        if not keep.any():
            continue
        title_like = TitleLines(page.blocks, page.features)
        rule = rule_headline(page.blocks, keep, int(np.argmax(keep)), gold.url, title_like)
        indices, features = candidate_features(page.blocks, page.features, keep, probabilities,
                                               gold.url, rule, title_like)
        wanted = _norm(gold.title or "")
        labels = np.array([_norm(page.blocks[i].text) == wanted for i in indices], dtype=float)
        rule_text = page.blocks[rule].text if rule is not None else ""
        out.append(HeadlinePage(gold, page.blocks, page.features, keep, probabilities, rule,
                                indices, features, labels, _norm(rule_text) == wanted))
    return out


def train_headline_model(pages: Sequence[HeadlinePage], info: dict[str, Any]) -> HeadlineModel:
    x = np.vstack([p.features for p in pages if len(p.labels)])
    y = np.concatenate([p.labels for p in pages if len(p.labels)])
    booster = lgb.train(PARAMS, lgb.Dataset(x, label=y), num_boost_round=ROUNDS)
    return HeadlineModel(stage_from_booster(booster), HEADLINE_FEATURE_NAMES, info)


def _agrees(page: HeadlinePage, model: HeadlineModel) -> bool:
    """Whether the line ``extract_text`` would take for the headline is the gold title."""
    chosen = choose_headline(page.blocks, page.line_features, page.keep, page.probabilities,
                             page.gold.url, page.rule, model,
                             TitleLines(page.blocks, page.line_features))
    return chosen is not None and _norm(page.blocks[chosen].text) == _norm(page.gold.title or "")


def load_oof_headline_models() -> tuple[dict[str, int], list[HeadlineModel]]:
    """The fold of each page key and the fold models written by ``--oof``.

    Raises:
        OSError: the fold models have not been written.
    """
    oof = load_oof(name=OOF_NAME, loader=load_headline_model)
    return oof.fold_of, oof.models


def _golds() -> list[GoldPage]:
    return [g for name in DATASETS for g in iter_pages(name) if g.flat and g.title]


def run_oof(pages: list[HeadlinePage], golds: Sequence[GoldPage]) -> None:
    folds = {g.key: fold_of_site(g.site) for g in golds}
    models = []
    for k in range(N_FOLDS):
        model = train_headline_model([p for p in pages if folds[p.gold.key] != k], {"fold": k})
        model.save(fold_path(OOF_NAME, k))
        models.append(model)
    write_folds(OOF_NAME, folds)
    print("flat-text title agreement out of fold (5 folds grouped by site), rules -> model:")
    for name in DATASETS:
        chosen = [p for p in pages if p.gold.dataset == name]
        total = sum(1 for g in golds if g.dataset == name)
        rules = sum(p.rule_agrees for p in chosen)
        learned = sum(_agrees(p, models[folds[p.gold.key]]) for p in chosen)
        print(f"  {name:22s} {total} pages: {rules / total:.3f} -> {learned / total:.3f} "
              f"(a candidate is the title on {sum(bool(p.labels.any()) for p in chosen)})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--oof", action="store_true", help="write out-of-fold models")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    golds = _golds()
    pages = headline_pages(golds)
    print(f"{len(pages)} pages with candidates of {len(golds)} with a title and flat text",
          file=sys.stderr)
    if args.oof:
        run_oof(pages, golds)
        return 0
    model = train_headline_model(pages, {"n_pages": len(pages), "datasets": list(DATASETS),
                                         "params": PARAMS, "rounds": ROUNDS})
    model.save(SHIPPED)
    print(f"wrote {SHIPPED} ({SHIPPED.stat().st_size / 1e3:.0f} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
