"""Folds grouped by site, and the out-of-fold models the benchmark scores with.

A page's fold depends only on its site's name, so every page of a site lands in the same fold
and the assignment is the same on every machine.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from thresher.label.model import TreeModel, load_model

__all__ = ["N_FOLDS", "OOF_DIR", "OutOfFold", "fold_of_site", "load_oof"]

N_FOLDS = 5
OOF_DIR = Path(__file__).resolve().parent.parent / "build" / "oof"


def fold_of_site(site: str, n_folds: int = N_FOLDS) -> int:
    digest = hashlib.sha1(site.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % n_folds


@dataclass(frozen=True)
class OutOfFold:
    """For each page key ("dataset/id"), the fold whose model never saw that page's site."""

    fold_of: dict[str, int]
    models: list[TreeModel]


def load_oof(directory: Path = OOF_DIR, name: str = "html") -> OutOfFold:
    """Load the fold models written by ``make oof``.

    Raises:
        FileNotFoundError: ``make oof`` has not been run.
    """
    folds = json.loads((directory / f"{name}-folds.json").read_text())
    models = [load_model(directory / f"{name}-fold{k}.json.gz") for k in range(folds["n_folds"])]
    return OutOfFold(fold_of=folds["fold_of"], models=models)
