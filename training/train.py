"""Train the block labellers on the gold datasets and ship them in the package.

    python -m training.train            # train on every page, write src/thresher/label/html.json.gz
    python -m training.train --oof      # 5 folds grouped by site: write build/oof/ and print
                                        # out-of-fold scores per dataset and page type
    python -m training.train --input flat [--oof]
                                        # the same for flattened text (each page's ``flat``
                                        # field): text.json.gz, build/oof/text-fold*.json.gz
    python -m training.train --oof --seeds 3
                                        # also retrain the folds with 2 more random seeds
                                        # and print each dataset's mean and spread over the 3

The first stage learns from each block's own features. The second stage learns from the first
stage's probabilities of a block and its neighbours; to keep it honest those probabilities come
from inner folds (grouped by site) that never saw the block's page.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

# OpenMP threads that spin while waiting make training several times slower on a shared,
# busy machine; sleeping costs nothing when the machine is idle. Set before LightGBM loads.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import lightgbm as lgb  # noqa: E402
import numpy as np
import numpy.typing as npt

from bench.datasets import GoldPage, load_pages
from bench.metrics import score
from thresher.article import PAGE_TYPES
from thresher.core import AnalysedPage, analyse_html, analyse_text, label_and_assemble
from thresher.errors import ThresherError
from thresher.html.features import FEATURE_NAMES, FIRST_STAGE_FEATURES
from thresher.label.context import CONTEXT_FEATURE_NAMES, context_features
from thresher.label.model import Stage, TreeModel, sigmoid
from thresher.label.pagetype import PageTypeModel
from thresher.options import Options
from thresher.text.features import FEATURE_NAMES as TEXT_FEATURE_NAMES

from .export import merge_stages, stage_from_booster
from .folds import N_FOLDS, OOF_DIR, fold_of_site, fold_path, write_folds
from .labels import block_labels
from .pagetype import load_oof_page_models, load_oof_text_page_models

LABEL_DIR = Path(__file__).resolve().parent.parent / "src" / "thresher" / "label"
SHIPPED = LABEL_DIR / "html.json.gz"
INNER_FOLDS = 3
POSITIVE_AT = 0.5  # share of a block's n-grams found in gold
PARAMS: dict[str, Any] = {
    "objective": "binary",
    "learning_rate": 0.1,
    "num_leaves": 31,
    "max_depth": 7,
    "min_data_in_leaf": 40,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "seed": 7,
    "deterministic": True,
    "num_threads": 2,
    "verbose": -1,
}
ROUNDS = {"block": 100, "context": 60}
BAG = {"size": 1}  # boosters per stage, seeds apart, their scores averaged
# Out of fold over 3 seeds (2026-11-29, `python -m training.train --oof --seeds 3 --param ...`):
# beside these (wcxb 0.8731, aeb 0.9653, readability 0.9577), min_data_in_leaf=100 with
# lambda_l2=5 gave 0.8714 / 0.9652 / 0.9601, learning_rate=0.05 with twice the rounds
# 0.8727 / 0.9655 / 0.9604, num_leaves=63 max_depth=9 min_data_in_leaf=20 0.8730 / 0.9653 /
# 0.9617: wcxb and aeb within the spread (sd 0.002), readability's gain within two sd, and
# more or deeper trees cost time per page. The flat model (--input flat) the same: wcxb
# 0.8273 here against 0.8259 / 0.8266 / 0.8247, aeb 0.9184 (sd 0.006) against 0.9189 /
# 0.9164 / 0.9176. A bag of three boosters per stage (2026-11-30, --param bag=3, seed 7):
# HTML wcxb 0.8747, aeb 0.9674, readability 0.9580 against the single booster's 0.8722 /
# 0.9632 / 0.9562 (within a sd or so of the three seeds' means above) for three times the
# trees' time; with the trees of one booster (bag=3, rounds 34/20, learning_rate=0.2)
# 0.8741 / 0.9633 / 0.9580. Flat, bag=3: wcxb 0.8326, aeb 0.9283, readability 0.9119
# against 0.8334 / 0.9258 / 0.9131. Not worth the time per page.
# Also measured (2026-11-30, HTML, seed 7, beside wcxb 0.8722, aeb 0.9632, readability
# 0.9562): five inner folds instead of three, 0.8716 / 0.9647 / 0.9540; a third stage reading
# the second's inner out-of-fold probabilities as the second reads the first's (60 rounds),
# 0.8715 / 0.9682 / 0.9505. Neither kept.
# news pages are few beside WCXB's 1,497 pages of every kind; weigh them up to be heard
DATASET_WEIGHTS = {"scrapinghub_aeb": 3.0}


@dataclass(frozen=True)
class InputKind:
    """What differs between the front ends: how a gold page becomes an analysed page."""

    model_name: str  # "html" or "text": the shipped file and the out-of-fold file names
    feature_names: tuple[str, ...]
    analyse: Callable[[GoldPage], AnalysedPage]
    first_stage_width: int  # the first stage reads the first this many feature columns
    # the threshold on pages of other types than articles (HTML: the page type is known)
    type_thresholds: dict[str, float] = field(default_factory=dict)

    @property
    def shipped(self) -> Path:
        return LABEL_DIR / f"{self.model_name}.json.gz"


def _analyse_html(gold: GoldPage) -> AnalysedPage:
    # the page type the labeller reads comes from a page-type model that did not see the
    # page's site, as it will not have seen the pages the shipped labeller meets
    options = Options(page_model=_page_model_without(gold))
    return analyse_html(gold.html, url=gold.url, options=options)


@lru_cache(maxsize=2)
def _page_folds(flat: bool = False) -> tuple[dict[str, int], list[PageTypeModel]]:
    loader = load_oof_text_page_models if flat else load_oof_page_models
    try:
        return loader()
    except OSError as exc:
        command = "python -m training.pagetype" + (" --input flat" if flat else "") + " --oof"
        raise SystemExit(f"the page-type fold models are missing ({exc}): run {command} "
                         "first (make train does)") from exc


def _page_model_without(gold: GoldPage, flat: bool = False) -> PageTypeModel:
    """The page-type fold model (of flattened text when ``flat``) that was trained without
    ``gold``'s site (pages of datasets it did not learn from: their site's fold stands in)."""
    fold_of, models = _page_folds(flat)
    return models[fold_of.get(gold.key, fold_of_site(gold.site))]


def _analyse_flat(gold: GoldPage) -> AnalysedPage:
    # as on HTML, the page type (the threshold) comes from a model that did not see the site
    options = Options(page_model=_page_model_without(gold, flat=True))
    return analyse_text(gold.flat, url=gold.url, options=options)


# Out of fold (a sweep of articles' threshold over 0.5-0.65 and the other types' over
# 0.35-0.5, 2026-11-29, seed 7's folds): articles 0.5 and the rest 0.4 gave aeb 0.9622 ->
# 0.9648, readability 0.9457 -> 0.9454, wcxb 0.8665 -> 0.8683 beside 0.5 for all, the best
# on wcxb; a higher threshold for articles raised aeb (0.6: 0.9675) but cost readability and
# wcxb.
OTHER_TYPES_THRESHOLD = 0.4
INPUTS = {
    "html": InputKind("html", FEATURE_NAMES, _analyse_html, FIRST_STAGE_FEATURES,
                      {t: OTHER_TYPES_THRESHOLD for t in PAGE_TYPES if t != "article"}),
    "flat": InputKind("text", TEXT_FEATURE_NAMES, _analyse_flat, len(TEXT_FEATURE_NAMES),
                      {t: OTHER_TYPES_THRESHOLD for t in PAGE_TYPES if t != "article"}),
}


@dataclass
class TrainPage:
    gold: GoldPage
    page: AnalysedPage
    labels: npt.NDArray[np.float64]
    weights: npt.NDArray[np.float64]


def _analyse(gold: GoldPage, kind: InputKind = INPUTS["html"]) -> TrainPage | None:
    try:
        page = kind.analyse(gold)
    except ThresherError:
        return None
    coverage, counts = block_labels(page.blocks, gold.text)
    # weight by tokens, damped: the metric counts tokens, but a long block is one decision;
    # every page weighs the same in total, as every page counts the same in the mean F1
    weights = np.sqrt(np.maximum(counts, 1.0))
    weights *= 100.0 * DATASET_WEIGHTS.get(gold.dataset, 1.0) / weights.sum()
    return TrainPage(gold, page, (coverage >= POSITIVE_AT).astype(np.float64), weights)


def analyse_all(golds: Sequence[GoldPage], kind: InputKind = INPUTS["html"]) -> list[TrainPage]:
    with multiprocessing.Pool(2) as pool:
        results = pool.map(partial(_analyse, kind=kind), golds, chunksize=8)
    return [r for r in results if r is not None]


def _fit(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64],
         w: npt.NDArray[np.float64], rounds: int) -> Stage:
    data = lgb.Dataset(x, label=y, weight=w, free_raw_data=False)
    stages = []
    for member in range(BAG["size"]):
        params = {**PARAMS, "seed": PARAMS["seed"] + 101 * member}
        stages.append(stage_from_booster(lgb.train(params, data, num_boost_round=rounds)))
    return merge_stages(stages)


def _stack(pages: Sequence[TrainPage], rows: Sequence[npt.NDArray[np.float64]]) -> tuple[
        npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    return (np.vstack(rows), np.concatenate([p.labels for p in pages]),
            np.concatenate([p.weights for p in pages]))


def _context_rows(page: AnalysedPage, first: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    ctx = context_features(first, page.chars, page.parent_keys, page.grand_keys,
                           page.containers, page.levels)
    return np.hstack((ctx, page.features))


def train_model(pages: Sequence[TrainPage], info: dict[str, Any],
                kind: InputKind = INPUTS["html"]) -> TreeModel:
    """Both stages on ``pages``; the second from inner out-of-fold first-stage probabilities."""
    width = kind.first_stage_width
    x, y, w = _stack(pages, [p.page.features[:, :width] for p in pages])
    block = _fit(x, y, w, ROUNDS["block"])
    inner = np.array([fold_of_site(p.gold.site + "#inner", INNER_FOLDS) for p in pages])
    first: list[npt.NDArray[np.float64]] = [np.zeros(0)] * len(pages)
    for k in range(INNER_FOLDS):
        train_idx = np.flatnonzero(inner != k)
        xk, yk, wk = _stack([pages[i] for i in train_idx],
                            [pages[i].page.features[:, :width] for i in train_idx])
        stage = _fit(xk, yk, wk, ROUNDS["block"])
        for i in np.flatnonzero(inner == k):
            first[i] = sigmoid(stage.raw_score(pages[i].page.features))
    rows = [_context_rows(p.page, f) for p, f in zip(pages, first, strict=True)]
    cx, cy, cw = _stack(pages, rows)
    context = _fit(cx, cy, cw, ROUNDS["context"])
    return TreeModel(
        block=block,
        context=context,
        threshold=0.5,
        type_thresholds=dict(kind.type_thresholds),
        feature_names=tuple(kind.feature_names) + tuple(CONTEXT_FEATURE_NAMES),
        info=info,
    )


def evaluate(pages: Sequence[TrainPage], model_of: Any,
             threshold: float | None = None) -> dict[str, list[float]]:
    """Word F1 of each page, grouped by dataset and by WCXB page type."""
    scores: dict[str, list[float]] = defaultdict(list)
    options = Options(threshold=threshold)
    for p in pages:
        try:
            text = label_and_assemble(p.page, model_of(p), options).text
        except ThresherError:
            text = ""
        f1 = score(text, p.gold.text).f1
        scores[p.gold.dataset].append(f1)
        if p.gold.page_type:
            scores[f"{p.gold.dataset}:{p.gold.page_type}"].append(f1)
    return scores


def _report(scores: dict[str, list[float]]) -> None:
    for name in sorted(scores):
        print(f"  {name:40s} n={len(scores[name]):5d}  word F1 {np.mean(scores[name]):.4f}")


def run_oof(golds: list[GoldPage], pages: list[TrainPage],
            kind: InputKind = INPUTS["html"], seeds: int = 1) -> None:
    # every page gets a fold, also those that yield no blocks to learn from
    folds = {g.key: fold_of_site(g.site) for g in golds}
    OOF_DIR.mkdir(parents=True, exist_ok=True)
    models: list[TreeModel] = []
    for k in range(N_FOLDS):
        t0 = time.perf_counter()
        train = [p for p in pages if folds[p.gold.key] != k]
        model = train_model(train, {"fold": k, "n_pages": len(train)}, kind)
        model.save(fold_path(kind.model_name, k))
        models.append(model)
        print(f"fold {k}: {len(train)} training pages, {time.perf_counter() - t0:.0f}s",
              file=sys.stderr)
    write_folds(kind.model_name, folds)
    print("out-of-fold word F1 (5 folds grouped by site):")
    written = evaluate(pages, lambda p: models[folds[p.gold.key]])
    _report(written)
    print("threshold sweep (out-of-fold word F1 per dataset):")
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7):
        scores = evaluate(pages, lambda p: models[folds[p.gold.key]], threshold)
        cells = "  ".join(f"{name} {np.mean(scores[name]):.4f}" for name in sorted(scores)
                          if ":" not in name)
        print(f"  {threshold:.2f}  {cells}")
    if seeds > 1:
        _seed_spread(pages, folds, written, kind, seeds)


def _seed_spread(pages: list[TrainPage], folds: dict[str, int],
                 written: dict[str, list[float]], kind: InputKind, seeds: int) -> None:
    """Retrain every fold with ``seeds - 1`` more random seeds (bagging and column sampling
    draw differently; nothing is written) and print each dataset's out-of-fold word F1 over
    all the seeds: mean, standard deviation, lowest and highest. A change whose gain is within
    that spread is not yet shown to be one. ``written`` holds the written models' scores."""
    runs = [written]
    base_seed = PARAMS["seed"]
    try:
        for extra in range(1, seeds):
            PARAMS["seed"] = base_seed + 1000 * extra
            seeded = [train_model([p for p in pages if folds[p.gold.key] != k],
                                  {"fold": k}, kind) for k in range(N_FOLDS)]
            runs.append(evaluate(pages, lambda p, m=seeded: m[folds[p.gold.key]]))
    finally:
        PARAMS["seed"] = base_seed
    print(f"out-of-fold word F1 over {seeds} seeds (the written models are seed {base_seed}'s):")
    for name in sorted(runs[0]):
        means = np.array([np.mean(run[name]) for run in runs])
        print(f"  {name:40s} mean {means.mean():.4f}  sd {means.std(ddof=1):.4f}  "
              f"range {means.min():.4f}-{means.max():.4f}")


def run_full(pages: list[TrainPage], kind: InputKind = INPUTS["html"]) -> None:
    info = {
        "n_pages": len(pages),
        "datasets": sorted({p.gold.dataset for p in pages}),
        "params": PARAMS,
        "rounds": ROUNDS,
    }
    model = train_model(pages, info, kind)
    model.save(kind.shipped)
    print(f"wrote {kind.shipped} ({kind.shipped.stat().st_size / 1e6:.2f} MB)")
    print("in-sample word F1 (not a generalisation estimate; see --oof):")
    _report(evaluate(pages, lambda p: model))


def set_params(overrides: Sequence[str]) -> None:
    """Apply ``NAME=VALUE`` overrides to ``PARAMS`` (a known LightGBM parameter) or
    ``ROUNDS`` (``rounds.block``, ``rounds.context``); values are read as JSON numbers."""
    for item in overrides:
        name, sep, raw = item.partition("=")
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            value = None
        if not sep or not isinstance(value, (int, float)) or isinstance(value, bool):
            raise ValueError(f"--param wants NAME=NUMBER, got {item!r}")
        if name == "bag":
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"--param {item!r}: bag takes a count")
            BAG["size"] = value
        elif name.startswith("rounds."):
            stage = name.removeprefix("rounds.")
            if stage not in ROUNDS or not isinstance(value, int) or value < 1:
                raise ValueError(f"--param {item!r}: rounds.{'|'.join(ROUNDS)} take a count")
            ROUNDS[stage] = value
        elif name in PARAMS and name not in ("objective", "verbose", "deterministic"):
            PARAMS[name] = value
        else:
            raise ValueError(f"--param {item!r}: {name!r} is not a parameter of PARAMS")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--oof", action="store_true", help="write out-of-fold models")
    parser.add_argument("--limit", type=int, default=0, help="use at most N pages per dataset")
    parser.add_argument("--input", choices=sorted(INPUTS), default="html",
                        help="train on the HTML or on the flattened text of each page")
    parser.add_argument("--seeds", type=int, default=1,
                        help="with --oof: also train with more seeds and print the spread")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="with --oof: override a LightGBM parameter (num_leaves=63) or "
                             "a stage's rounds (rounds.block=200), to measure it out of fold")
    args = parser.parse_args(argv)
    if args.seeds != 1 and not args.oof:
        parser.error("--seeds applies to --oof only")
    if args.seeds < 1:
        parser.error("--seeds must be at least 1")
    if args.param and not args.oof:
        parser.error("--param applies to --oof only: the shipped models keep PARAMS")
    try:
        set_params(args.param)
    except ValueError as exc:
        parser.error(str(exc))
    t0 = time.perf_counter()
    golds = load_pages()
    if args.limit:
        by_ds: dict[str, list[GoldPage]] = defaultdict(list)
        for g in golds:
            if len(by_ds[g.dataset]) < args.limit:
                by_ds[g.dataset].append(g)
        golds = [g for gs in by_ds.values() for g in gs]
    kind = INPUTS[args.input]
    pages = analyse_all(golds, kind)
    print(f"analysed {len(pages)}/{len(golds)} pages, "
          f"{sum(len(p.labels) for p in pages)} blocks in {time.perf_counter() - t0:.0f}s",
          file=sys.stderr)
    if args.oof:
        run_oof(golds, pages, kind, seeds=args.seeds)
    else:
        run_full(pages, kind)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
