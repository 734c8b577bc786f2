"""The benchmark's out-of-fold models: the labeller's and the page-type model's folds go
together (the page type decides whether a page can have a standfirst)."""

from __future__ import annotations

from typing import Any

import pytest

import bench.oof as oof
import training.pagetype


def _page_models(fold_of: dict[str, int], n: int) -> Any:
    return lambda: (fold_of, [f"page-model-{k}" for k in range(n)])


def test_page_type_folds_that_split_the_pages_alike_are_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(training.pagetype, "load_oof_page_models", _page_models({"w/a": 1}, 2))
    models, note = oof._page_fold_models({"w/a": 1, "aeb/b": 0}, 2, "html")
    assert (models, note) == (["page-model-0", "page-model-1"], "")


@pytest.mark.parametrize(("page_fold_of", "n"), [({"w/a": 0}, 2), ({"w/a": 1}, 3)])
def test_page_type_folds_that_differ_are_refused(
    monkeypatch: pytest.MonkeyPatch, page_fold_of: dict[str, int], n: int
) -> None:
    monkeypatch.setattr(training.pagetype, "load_oof_page_models", _page_models(page_fold_of, n))
    models, note = oof._page_fold_models({"w/a": 1}, 2, "html")
    assert models == [] and "otherwise" in note


def test_flat_text_reads_the_page_type_folds_of_flat_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(training.pagetype, "load_oof_page_models", _page_models({"w/a": 0}, 2))
    monkeypatch.setattr(training.pagetype, "load_oof_text_page_models",
                        lambda: ({"w/a": 1}, ["text-model-0", "text-model-1"]))
    models, note = oof._page_fold_models({"w/a": 1}, 2, "text")
    assert (models, note) == (["text-model-0", "text-model-1"], "")
    models, note = oof._page_fold_models({"w/a": 1}, 2, "html")
    assert models == [] and "otherwise" in note


def test_missing_page_type_folds_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> Any:
        raise FileNotFoundError("build/oof/pagetype-folds.json")

    monkeypatch.setattr(training.pagetype, "load_oof_page_models", missing)
    models, note = oof._page_fold_models({"w/a": 1}, 2, "html")
    assert models == [] and "make oof" in note and "FileNotFoundError" in note


def test_the_fold_extractor_uses_the_fold_page_model(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []
    import thresher

    class Done:
        text = "body"

    def fake_extract(source: str, *, url: str | None, options: Any) -> Done:
        seen.append((options.model, options.page_model))
        return Done()

    monkeypatch.setattr(thresher, "extract", fake_extract)
    folds = oof.FoldModels(fold_of={"w/a": 1}, models=[None, None],
                           page_models=["p0", "p1"])  # fmt: skip
    run = folds.extractor_for("w/a")
    assert run is not None and run("<p>x</p>", None) == "body"
    assert seen == [(None, "p1")]


def test_flat_text_uses_the_headline_folds_that_split_the_pages_alike(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import thresher
    import training.headline

    monkeypatch.setattr(training.headline, "load_oof_headline_models",
                        lambda: ({"w/a": 1}, ["h0", "h1"]))
    assert oof._headline_fold_models({"w/a": 1, "r/b": 0}) == ["h0", "h1"]
    assert oof._headline_fold_models({"w/a": 0}) == []  # split otherwise: not used
    seen: list[Any] = []

    class Done:
        text = "body"

    def fake_extract_text(source: str, *, url: str | None, options: Any) -> Done:
        seen.append(options.headline_model)
        return Done()

    monkeypatch.setattr(thresher, "extract_text", fake_extract_text)
    folds = oof.FoldModels(fold_of={"w/a": 1}, models=[None, None], front_end="text",
                           page_models=["p0", "p1"], headline_models=["h0", "h1"])
    run = folds.extractor_for("w/a")
    assert run is not None and run("a line", None) == "body" and seen == ["h1"]


def test_missing_headline_folds_leave_the_shipped_chooser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import training.headline

    def missing() -> Any:
        raise FileNotFoundError("build/oof/headline-text-folds.json")

    monkeypatch.setattr(training.headline, "load_oof_headline_models", missing)
    assert oof._headline_fold_models({"w/a": 1}) == []
