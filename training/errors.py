"""Where the out-of-fold labeller goes wrong, page by page.

    python -m training.errors [--dataset scrapinghub_aeb] [--input html|flat] [--worst 15]

Reads the fold models written by ``python -m training.train --oof`` and labels every page with
the model that never saw its site. Prints the worst pages with their false-positive and
false-negative blocks (tokens, probability, where they sit), then the token mass of the errors
by where the blocks sit relative to the content root and by the class/id roles of their
ancestors, so feature work aims at the errors that cost the most.
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass

import numpy as np

from thresher.html.signals import CLASS_SIGNALS
from thresher.label.context import CONTEXT_FEATURE_NAMES, context_features
from thresher.label.labeller import content_probabilities

from .folds import load_oof
from .labels import block_labels
from .train import INPUTS, POSITIVE_AT, TrainPage, analyse_all, evaluate

_SIGNALS = [name for name, _ in CLASS_SIGNALS]
_ROOT_SIDE = CONTEXT_FEATURE_NAMES.index("root_side")


@dataclass
class PageErrors:
    page: TrainPage
    f1: float
    probabilities: np.ndarray
    side: np.ndarray


def _describe(block_bits: int) -> str:
    return ",".join(n for i, n in enumerate(_SIGNALS) if block_bits >> i & 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", default="scrapinghub_aeb")
    parser.add_argument("--input", choices=sorted(INPUTS), default="html")
    parser.add_argument("--worst", type=int, default=15)
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--page-type", default=None, help="only pages of this WCXB type")
    args = parser.parse_args(argv)
    from bench.datasets import iter_pages

    kind = INPUTS[args.input]
    oof = load_oof(name=kind.model_name)
    golds = [g for g in iter_pages(args.dataset)
             if args.page_type is None or g.page_type == args.page_type]
    pages = analyse_all(golds, kind)
    results: list[PageErrors] = []
    fp_side: Counter[str] = Counter()
    fn_side: Counter[str] = Counter()
    fp_role: Counter[str] = Counter()
    fn_role: Counter[str] = Counter()
    for p in pages:
        model = oof.models[oof.fold_of[p.gold.key]]
        page = p.page
        prob = content_probabilities(model, page.features, page.chars, page.parent_keys,
                                     page.grand_keys, page.containers, page.levels)
        side = context_features(prob, page.chars, page.parent_keys, page.grand_keys,
                                page.containers, page.levels)[:, _ROOT_SIDE]
        threshold = args.threshold if args.threshold is not None else model.threshold
        f1 = evaluate([p], lambda _p, m=model: m, threshold)[p.gold.dataset][0]
        results.append(PageErrors(p, f1, prob, side))
        coverage, counts = block_labels(page.blocks, p.gold.text)
        for i, block in enumerate(page.blocks):
            pos, gold = prob[i] >= threshold, coverage[i] >= POSITIVE_AT
            if pos == gold:
                continue
            where = {-1.0: "before root", 0.0: "in root", 1.0: "after root"}[float(side[i])]
            roles = _describe(block.anc_bits) or "-"
            (fp_side if pos else fn_side)[where] += int(counts[i])
            for role in roles.split(","):
                (fp_role if pos else fn_role)[role] += int(counts[i])
    results.sort(key=lambda r: r.f1)
    print(f"{args.dataset} ({args.input}): mean word F1 "
          f"{np.mean([r.f1 for r in results]):.4f} over {len(results)} pages")
    for r in results[: args.worst]:
        p = r.page
        model = oof.models[oof.fold_of[p.gold.key]]
        threshold = args.threshold if args.threshold is not None else model.threshold
        coverage, counts = block_labels(p.page.blocks, p.gold.text)
        print(f"\n== {p.gold.key} {p.gold.url} F1 {r.f1:.3f} "
              f"({p.gold.page_type or '-'}, {len(p.page.blocks)} blocks)")
        for i, block in enumerate(p.page.blocks):
            pos, gold = r.probabilities[i] >= threshold, coverage[i] >= POSITIVE_AT
            if pos == gold or counts[i] < 4:
                continue
            tag = "FP" if pos else "FN"
            print(f"  {tag} #{i:4d} p={r.probabilities[i]:.2f} side={r.side[i]:+.0f} "
                  f"{block.tag:5s} tok={int(counts[i]):4d} [{_describe(block.anc_bits)}] "
                  f"{block.text[:90]!r}")
    print("\nfalse-positive tokens by place:", dict(fp_side.most_common()))
    print("false-negative tokens by place:", dict(fn_side.most_common()))
    print("false-positive tokens by ancestor role:", dict(fp_role.most_common(12)))
    print("false-negative tokens by ancestor role:", dict(fn_role.most_common(12)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
