"""Out-of-fold thresher models, so thresher is never scored on pages its labeller trained on.

The contract with the training package: ``training.folds.load_oof(name=...)`` (``"html"`` or
``"text"``, the front end) returns an object with
``fold_of: dict[str, int]`` (GoldPage.key -> fold) and ``models: list[TreeModel]``; the model
``models[fold_of[key]]`` was trained without the page ``key``. ``make oof`` builds them.

When the training package or its fold models are missing, :func:`load_fold_models` returns an
empty set of folds with a ``note`` saying why; the bench then scores thresher with the shipped
model and the report says so loudly, because such scores are optimistic.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from bench.peers import ExtractFn

FrontEnd = Literal["html", "text"]

__all__ = ["FoldModels", "load_fold_models"]


@dataclass(frozen=True)
class FoldModels:
    """Fold assignment and one model per fold.

    Attributes:
        fold_of: GoldPage.key -> index into ``models``.
        models: the fold models (``thresher.label.model.TreeModel``).
        note: empty when the folds loaded; otherwise why they could not be used.
        front_end: ``"html"`` (models for ``thresher.extract``) or ``"text"`` (for
            ``thresher.extract_text``, the page's flattened text).
    """

    fold_of: Mapping[str, int] = field(default_factory=dict)
    models: Sequence[Any] = ()
    note: str = ""
    front_end: FrontEnd = "html"
    page_models: Sequence[Any] = ()  # page-type model of each fold (threshold and lead)
    headline_models: Sequence[Any] = ()  # flat text: the headline chooser of each fold

    @property
    def is_loaded(self) -> bool:
        return bool(self.models) and not self.note

    def extractor_for(self, key: str) -> ExtractFn | None:
        """A ``(source, url) -> text`` function using the fold model that did not see ``key``.

        Returns ``None`` when ``key`` has no fold (or no folds loaded): the caller then falls
        back to the shipped model and must mark the score as not out-of-fold.
        """
        options = self.options_for(key)
        return None if options is None else _fold_extractor(options, self.front_end)

    def options_for(self, key: str) -> Any:
        """``thresher.Options`` holding the fold models that did not see ``key`` (labeller,
        page type and, for flat text, headline chooser), or ``None`` as ``extractor_for``."""
        import thresher

        fold = self.fold_of.get(key)
        if fold is None or not 0 <= fold < len(self.models):
            return None
        page_model = self.page_models[fold] if self.page_models else None
        headline_model = self.headline_models[fold] if self.headline_models else None
        return thresher.Options(model=self.models[fold], page_model=page_model,
                                headline_model=headline_model)


def _fold_extractor(options: Any, front_end: FrontEnd) -> ExtractFn:
    import thresher

    extract = thresher.extract_text if front_end == "text" else thresher.extract

    def run(source: str, url: str | None) -> str:
        return str(extract(source, url=url, options=options).text)

    return run


def load_fold_models(front_end: FrontEnd = "html") -> FoldModels:
    """Load the out-of-fold models of one front end through ``training.folds.load_oof()``.

    ``make oof`` writes both: ``build/oof/html-fold*.json.gz`` and ``text-fold*.json.gz``.

    Never raises: any failure (package missing, ``make oof`` not run, a broken file) becomes an
    empty :class:`FoldModels` whose ``note`` names the failure, for the report.
    """
    try:
        from training.folds import load_oof
    except ImportError as exc:
        return FoldModels(note=f"training.folds is not importable ({exc})", front_end=front_end)
    try:
        oof = load_oof(name=front_end)
        fold_of = {str(key): int(fold) for key, fold in oof.fold_of.items()}
        models = list(oof.models)
    except Exception as exc:  # any failure means "no folds"; the report names it
        return FoldModels(
            note=f"training.folds.load_oof({front_end!r}) failed: {type(exc).__name__}: {exc}",
            front_end=front_end,
        )
    if not models:
        return FoldModels(note="training.folds.load_oof() returned no models", front_end=front_end)
    stale = _stale_folds(models, front_end)
    if stale:
        return FoldModels(
            note=f"the {front_end} fold model(s) {stale} read other features than the shipped "
            "model (trained before the features changed)",
            front_end=front_end,
        )
    page_models, note = _page_fold_models(fold_of, len(models), front_end)
    if note:
        return FoldModels(note=note, front_end=front_end)
    return FoldModels(fold_of=fold_of, models=models, front_end=front_end,
                      page_models=page_models,
                      headline_models=_headline_fold_models(fold_of) if front_end == "text" else [])


def _headline_fold_models(fold_of: Mapping[str, int]) -> list[Any]:
    """The headline choosers of flattened text by fold (``training.headline --oof``), when
    written and split as the labeller's folds; else none (the shipped one then picks the
    headline, which learned from the gold titles: the headline line leaves the body)."""
    try:
        import training.headline

        headline_fold_of, models = training.headline.load_oof_headline_models()
    except Exception:  # not written: training.headline reads these folds to learn
        return []
    return list(models) if _splits_alike(fold_of, headline_fold_of) else []


def _splits_alike(fold_of: Mapping[str, int], other: Mapping[str, int]) -> bool:
    """Whether ``other`` puts every page the labeller's folds know in the same fold."""
    return all(fold_of.get(key, fold) == fold for key, fold in other.items())


def _page_fold_models(
    fold_of: Mapping[str, int], n_folds: int, front_end: FrontEnd
) -> tuple[list[Any], str]:
    """The page-type fold models of ``front_end`` (``training.pagetype [--input flat]
    --oof``), which must split the pages as the labeller's folds do, or why they cannot be
    used: the page type a page is given sets the labeller's threshold and decides whether it
    can have a standfirst, so it too must come from a model that did not see the page."""
    name = "load_oof_text_page_models" if front_end == "text" else "load_oof_page_models"
    try:
        import training.pagetype

        page_fold_of, page_models = getattr(training.pagetype, name)()
    except Exception as exc:  # no folds written, or broken: the report names it
        return [], (f"training.pagetype.{name}() failed: {type(exc).__name__}: {exc} "
                    "(run make oof)")
    if len(page_models) != n_folds or not _splits_alike(fold_of, page_fold_of):
        return [], "the page-type folds split the pages otherwise than the labeller's folds"
    return list(page_models), ""


def _stale_folds(models: Sequence[Any], front_end: FrontEnd) -> list[int]:
    """Folds whose model's feature names differ from the shipped model's of that front end:
    scoring with them would feed features to the wrong trees."""
    from thresher.core import shipped_model, shipped_text_model

    shipped = shipped_text_model() if front_end == "text" else shipped_model()
    expected = tuple(shipped.feature_names)
    return [k for k, model in enumerate(models) if tuple(model.feature_names) != expected]
