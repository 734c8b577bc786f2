"""Quality gate: thresher's word F1 on a fixed sample of the dev sets stays above pinned floors.

The floors only move up. The sample (every third page of each dataset) was also used to train
the shipped model, so these are regression floors, not estimates of accuracy on unseen sites:
BENCHMARKS.md reports out-of-fold scores for that. Skipped when the datasets are absent.
"""

from __future__ import annotations

import pytest

import thresher
from bench.datasets import datasets_dir, iter_pages
from bench.metrics import score

# dataset -> minimum mean word F1 over the sample; measured when pinned (2026-11-27, with the
# class-repeat and content-run features): aeb 0.9757, readability 0.9461, wcxb 0.8953; with
# the prose root and hidden copies dropped (2026-11-28): aeb 0.9754, readability 0.9565,
# wcxb 0.8953
FLOORS = {
    "scrapinghub_aeb": 0.974,
    "mozilla_readability": 0.955,
    "wcxb_dev": 0.894,
}
EVERY = 3

pytestmark = pytest.mark.skipif(
    datasets_dir() is None,
    reason="gold datasets not found: set THRESHER_DATASETS to the folder of pages.jsonl.gz sets",
)


@pytest.mark.parametrize("dataset", sorted(FLOORS))
def test_word_f1_above_floor(dataset: str) -> None:
    scores = []
    for i, page in enumerate(iter_pages(dataset)):
        if i % EVERY:
            continue
        try:
            text = thresher.extract(page.html, url=page.url).text
        except thresher.ThresherError:
            text = ""
        scores.append(score(text, page.text).f1)
    mean = sum(scores) / len(scores)
    print(f"{dataset}: word F1 {mean:.4f} over {len(scores)} pages (floor {FLOORS[dataset]})")
    assert mean >= FLOORS[dataset], f"{dataset} word F1 {mean:.4f} fell below {FLOORS[dataset]}"
