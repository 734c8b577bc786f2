"""Where ``extract_text`` spends its time: ``python -m bench.profile_text [DATASET] [--limit N]``.

Runs the flat text of a dataset's pages through each stage of the text front end in turn
(input check, lines to blocks, line features, the two labelling stages, headline and
assembly) and prints the CPU time per page of each stage, best of ``--repeats`` passes after
one warm-up pass, and the pages per second of the whole ``extract_text`` call. CPU time
(``time.process_time``) rather than wall time, so other processes on the machine disturb the
figures less; compare runs of this command with each other, and use ``python -m bench.run
--flat-only`` for speed beside the peers. ``--cprofile`` prints the top functions instead.
The tree evaluation of both labelling stages is also timed on its own, as ``extract_text``
runs it (compiled when ``label/_kernels.pyx`` is built) and with the NumPy reference.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import itertools
import pstats
import sys
import time
from collections.abc import Callable
from typing import Any

from bench.datasets import DATASETS, GoldPage, iter_pages

__all__ = ["main", "stage_times"]


def _stages(page: GoldPage) -> list[tuple[str, Callable[[], Any]]]:
    """The stages of ``extract_text`` on one page, each a call that reuses earlier results."""
    from thresher.core import _source_text, shipped_text_model
    from thresher.label.labeller import content_probabilities
    from thresher.options import DEFAULT_OPTIONS
    from thresher.text.features import line_features
    from thresher.text.lines import split_blocks

    model = shipped_text_model()
    state: dict[str, Any] = {}

    def features() -> None:
        state["features"] = line_features(state["flat"], page.url)

    def labels() -> None:
        import numpy as np

        blocks = state["flat"].blocks
        chars = np.array([b.chars for b in blocks], dtype=np.float64)
        keys = np.array([id(b.parent) for b in blocks], dtype=np.int64)
        grand = np.array([id(b.grandparent) for b in blocks], dtype=np.int64)
        content_probabilities(model, state["features"], chars, keys, grand,
                              np.zeros((0, 3), dtype=np.int64), np.zeros(len(blocks)))  # fmt: skip

    return [
        ("input check", lambda: state.update(
            text=_source_text(page.flat, DEFAULT_OPTIONS, markup=False))),
        ("lines to blocks", lambda: state.update(
            flat=split_blocks(state["text"], DEFAULT_OPTIONS.max_nodes))),
        ("line features", features),
        ("labelling (both stages)", labels),
    ]  # fmt: skip


def stage_times(pages: list[GoldPage]) -> dict[str, float]:
    """CPU seconds per stage over ``pages`` (pages without blocks stop after splitting)."""
    totals: dict[str, float] = {}
    for page in pages:
        for name, run in _stages(page):
            start = time.process_time()
            run()
            totals[name] = totals.get(name, 0.0) + time.process_time() - start
    return totals


def _whole_calls(pages: list[GoldPage]) -> float:
    import thresher

    start = time.process_time()
    for page in pages:
        with contextlib.suppress(thresher.ThresherError):
            thresher.extract_text(page.flat, url=page.url)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_text", description=__doc__)
    parser.add_argument("dataset", nargs="?", default="scrapinghub_aeb", choices=DATASETS)
    parser.add_argument("--limit", type=int, default=None, help="at most N pages")
    parser.add_argument("--repeats", type=int, default=3, help="timed passes (best is kept)")
    parser.add_argument("--cprofile", action="store_true", help="print cProfile's top functions")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    pages = [p for p in itertools.islice(iter_pages(args.dataset), args.limit) if p.flat.strip()]
    if not pages:
        parser.error(f"{args.dataset} has no page with flat text")
    _whole_calls(pages)  # warm-up: model loading, lazily built tables
    if args.cprofile:
        profiler = cProfile.Profile()
        profiler.runcall(_whole_calls, pages)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        return 0
    best = min(_whole_calls(pages) for _ in range(args.repeats))
    stages = [stage_times([p for p in pages if _has_blocks(p)]) for _ in range(args.repeats)]
    n = len(pages)
    print(f"{args.dataset}: {n} pages with flat text")
    print(f"  extract_text: {n / best:.1f} pages/s, {1000 * best / n:.2f} ms/page (CPU time)")
    for name in stages[0]:
        seconds = min(s[name] for s in stages)
        print(f"  {name:26s} {1000 * seconds / n:6.2f} ms/page")
    from bench.profile_html import print_tree_times
    from thresher.core import analyse_text, shipped_text_model
    from thresher.options import DEFAULT_OPTIONS

    analysed = [analyse_text(p.flat, url=p.url, options=DEFAULT_OPTIONS)
                for p in pages if _has_blocks(p)]
    print_tree_times(analysed, shipped_text_model(), args.repeats, n)
    return 0


def _has_blocks(page: GoldPage) -> bool:
    from thresher.core import _source_text
    from thresher.errors import ThresherError
    from thresher.options import DEFAULT_OPTIONS
    from thresher.text.lines import split_blocks

    try:
        text = _source_text(page.flat, DEFAULT_OPTIONS, markup=False)
    except ThresherError:
        return False
    return bool(split_blocks(text, DEFAULT_OPTIONS.max_nodes).blocks)


if __name__ == "__main__":
    sys.exit(main())
