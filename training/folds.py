"""Folds grouped by site, and the out-of-fold models the benchmark scores with.

A page's fold depends only on its site's name, so every page of a site lands in the same fold
and the assignment is the same on every machine.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from thresher.label.model import TreeModel, load_model

__all__ = [
    "N_FOLDS",
    "OOF_DIR",
    "OutOfFold",
    "fold_of_site",
    "fold_path",
    "load_oof",
    "write_folds",
]

N_FOLDS = 5
M = TypeVar("M")
OOF_DIR = Path(__file__).resolve().parent.parent / "build" / "oof"


def fold_of_site(site: str, n_folds: int = N_FOLDS) -> int:
    digest = hashlib.sha1(site.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % n_folds


@dataclass(frozen=True)
class OutOfFold(Generic[M]):
    """For each page key ("dataset/id"), the fold whose model never saw that page's site."""

    fold_of: dict[str, int]
    models: list[M]


def fold_path(name: str, k: int, directory: Path = OOF_DIR) -> Path:
    """Where ``--oof`` writes fold ``k``'s model of ``name`` ("html", "text", "pagetype")."""
    return directory / f"{name}-fold{k}.json.gz"


def write_folds(name: str, fold_of: Mapping[str, int], directory: Path = OOF_DIR) -> None:
    """Record each page key's fold beside the fold models of ``name``."""
    (directory / f"{name}-folds.json").write_text(
        json.dumps({"n_folds": N_FOLDS, "fold_of": dict(fold_of)})
    )


@overload
def load_oof(directory: Path = ..., name: str = ...) -> OutOfFold[TreeModel]: ...
@overload
def load_oof(directory: Path, name: str, loader: Callable[[Path], M]) -> OutOfFold[M]: ...
def load_oof(
    directory: Path = OOF_DIR, name: str = "html", loader: Callable[[Path], Any] = load_model
) -> OutOfFold[Any]:
    """Load the fold models of ``name`` written by ``make oof`` (``loader`` reads one file).

    Raises:
        FileNotFoundError: ``make oof`` has not been run.
    """
    folds = json.loads((directory / f"{name}-folds.json").read_text())
    models = [loader(fold_path(name, k, directory)) for k in range(folds["n_folds"])]
    return OutOfFold(fold_of={str(k): int(v) for k, v in folds["fold_of"].items()}, models=models)
