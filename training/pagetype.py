"""Train the page-type models on wcxb_dev (the one gold set with page types) and ship them.

    python -m training.pagetype          # train on every page: src/thresher/label/pagetype.json.gz
    python -m training.pagetype --oof    # 5 folds grouped by site: build/oof/pagetype-*.json.gz,
                                         # and the out-of-fold accuracy per type
    python -m training.pagetype --input flat [--oof]   # the same for flattened text:
                                         # label/pagetype_text.json.gz, build/oof/pagetype-text-*

One LightGBM multiclass booster over the page-level signals of
:func:`thresher.html.pagetype.page_signals` (HTML) or
:func:`thresher.text.pagetype.text_page_signals` (flattened text); each class's trees are
exported to their own :class:`~thresher.label.model.Stage`. The flat model also learns from
the pages of scrapinghub_aeb and mozilla_readability, all of them articles (news stories and
blog posts), since flat text has fewer signals to tell an article by; the HTML model, which
has JSON-LD and ``og:type``, needs no more than WCXB's.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import lightgbm as lgb
import numpy as np
import numpy.typing as npt

from bench.datasets import GoldPage, iter_pages
from thresher.article import PAGE_TYPES
from thresher.core import _source_text
from thresher.html.dom import parse_html, walk_blocks
from thresher.html.metadata import read_metadata
from thresher.html.pagetype import SIGNAL_NAMES, load_page_model
from thresher.html.roles import mark_roles
from thresher.label.pagetype import PageTypeModel
from thresher.options import DEFAULT_OPTIONS
from thresher.text.features import line_features
from thresher.text.lines import split_blocks
from thresher.text.pagetype import TEXT_SIGNAL_NAMES, load_text_page_model, text_page_signals

from .export import stage_from_booster
from .folds import N_FOLDS, OOF_DIR, fold_of_site, fold_path, load_oof, write_folds

__all__ = [
    "load_oof_page_models", "load_oof_text_page_models", "main", "page_signal_rows",
    "text_signal_rows", "train_page_model",
]  # fmt: skip

LABEL_DIR = Path(__file__).resolve().parent.parent / "src" / "thresher" / "label"
SHIPPED = LABEL_DIR / "pagetype.json.gz"
SHIPPED_TEXT = LABEL_DIR / "pagetype_text.json.gz"
DATASET = "wcxb_dev"
ARTICLE_DATASETS = ("scrapinghub_aeb", "mozilla_readability")  # every page an article
PARAMS: dict[str, Any] = {
    "objective": "multiclass",
    "num_class": len(PAGE_TYPES),
    "learning_rate": 0.05,
    "num_leaves": 15,
    "max_depth": 5,
    "min_data_in_leaf": 10,
    "feature_fraction": 0.7,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "seed": 7,
    "deterministic": True,
    "num_threads": 2,
    "verbose": -1,
}
ROUNDS = 150


def page_signal_rows(pages: Sequence[GoldPage]) -> npt.NDArray[np.float64]:
    """One row of page signals per page: the ones ``thresher.extract`` classifies."""
    rows = []
    for page in pages:
        dom = parse_html(page.html)
        blocks = walk_blocks(dom, DEFAULT_OPTIONS.max_nodes).blocks
        mark_roles(blocks)  # as analyse_html does before reading metadata
        rows.append(read_metadata(dom, page.url, blocks).signals)
    return np.vstack(rows)


def text_signal_rows(pages: Sequence[GoldPage]) -> npt.NDArray[np.float64]:
    """One row of page signals per page's flattened text: the ones ``extract_text`` reads."""
    rows = []
    for page in pages:
        flat = split_blocks(_source_text(page.flat, DEFAULT_OPTIONS, markup=False),
                            DEFAULT_OPTIONS.max_nodes)
        rows.append(text_page_signals(flat.blocks, page.url, line_features(flat, page.url)))
    return np.vstack(rows)


def train_page_model(
    x: npt.NDArray[np.float64], y: npt.NDArray[np.int64], info: dict[str, Any],
    signal_names: tuple[str, ...] = SIGNAL_NAMES,
) -> PageTypeModel:
    data = lgb.Dataset(x, label=y, feature_name=list(signal_names), free_raw_data=False)
    booster = lgb.train(PARAMS, data, num_boost_round=ROUNDS)
    stages = tuple(stage_from_booster(booster, k, len(PAGE_TYPES)) for k in range(len(PAGE_TYPES)))
    return PageTypeModel(PAGE_TYPES, stages, signal_names, info)


def load_oof_page_models(directory: Path = OOF_DIR) -> tuple[dict[str, int], list[PageTypeModel]]:
    """The fold of each page key and the fold models written by ``--oof``.

    Raises:
        OSError: the fold models have not been written.
    """
    oof = load_oof(directory, "pagetype", load_page_model)
    return oof.fold_of, oof.models


def load_oof_text_page_models(
    directory: Path = OOF_DIR,
) -> tuple[dict[str, int], list[PageTypeModel]]:
    """``load_oof_page_models`` for flattened text (written by ``--input flat --oof``).

    Raises:
        OSError: the fold models have not been written.
    """
    oof = load_oof(directory, "pagetype-text", load_text_page_model)
    return oof.fold_of, oof.models


def _report(y: npt.NDArray[np.int64], predicted: npt.NDArray[np.int64]) -> None:
    print(f"out-of-fold page-type accuracy: {np.mean(y == predicted):.3f} ({len(y)} pages)")
    totals = Counter(y.tolist())
    for k, name in enumerate(PAGE_TYPES):
        mask = y == k
        print(f"  {name:14s} {np.mean(predicted[mask] == k):.3f} of {totals[k]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.pagetype", description=__doc__)
    parser.add_argument("--oof", action="store_true", help="write out-of-fold models")
    parser.add_argument("--input", choices=("html", "flat"), default="html",
                        help="the front end whose page-type model to train")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    flat = args.input == "flat"
    pages = [p for p in iter_pages(DATASET) if p.page_type in PAGE_TYPES]
    if flat:
        pages = [p for p in pages if p.flat]
        pages += [p for name in ARTICLE_DATASETS for p in iter_pages(name) if p.flat]
    x = text_signal_rows(pages) if flat else page_signal_rows(pages)
    y = np.array([PAGE_TYPES.index(str(p.page_type or "article")) for p in pages],
                 dtype=np.int64)
    names, shipped, name = ((TEXT_SIGNAL_NAMES, SHIPPED_TEXT, "pagetype-text") if flat
                            else (SIGNAL_NAMES, SHIPPED, "pagetype"))
    if not args.oof:
        datasets = [DATASET, *ARTICLE_DATASETS] if flat else [DATASET]
        model = train_page_model(x, y, {"n_pages": len(pages), "datasets": datasets}, names)
        model.save(shipped)
        print(f"wrote {shipped}")
        return 0
    folds = np.array([fold_of_site(p.site) for p in pages])
    predicted = np.zeros(len(pages), dtype=np.int64)
    OOF_DIR.mkdir(parents=True, exist_ok=True)
    for k in range(N_FOLDS):
        train = folds != k
        model = train_page_model(x[train], y[train], {"fold": k, "n_pages": int(train.sum())},
                                 names)
        model.save(fold_path(name, k))
        predicted[~train] = np.argmax(model.scores(x[~train]), axis=1)
    fold_of = {p.key: int(f) for p, f in zip(pages, folds, strict=True)}
    write_folds(name, fold_of)
    wcxb = np.array([p.dataset == DATASET for p in pages])
    _report(y[wcxb], predicted[wcxb])
    if flat:
        print(f"  (articles of {', '.join(ARTICLE_DATASETS)}: "
              f"{np.mean(predicted[~wcxb] == y[~wcxb]):.3f} of {int((~wcxb).sum())})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
