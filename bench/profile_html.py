"""Where ``extract`` spends its time: ``python -m bench.profile_html [DATASET] [--limit N]``.

Runs a dataset's HTML pages through each stage of the HTML front end in turn (input check,
Lexbor parse, DOM walk, roles, metadata, block features, labelling and assembly) and prints the
CPU time per page of each stage, best of ``--repeats`` passes after one warm-up pass. The DOM
walk is timed twice: as ``extract`` runs it (compiled when ``_walk.pyx`` is built) and, in a
pass of its own, in Python (the reference walk). The pages per second of the whole ``extract``
call are given with each walk, passes alternating, with their ratio. CPU time
(``time.process_time``) rather than wall time, so other processes on the machine disturb the
figures less; compare runs of this command with each other, and use ``python -m bench.run``
for speed beside the peers. ``--cold`` empties the walk's caches of class/id signals before
every pass, so that each pass is a stream of pages never seen before, as in a corpus run.
``--cprofile`` prints the top functions instead. The tree evaluation of both labelling stages
(part of "labelling and assembly") is also timed on its own, as ``extract`` runs it (compiled
when ``label/_kernels.pyx`` is built) and with the NumPy reference.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import itertools
import pstats
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any
from unittest import mock

from bench.datasets import DATASETS, GoldPage, iter_pages

__all__ = ["main", "reference_walk_time", "stage_times", "tree_times"]


_Stage = tuple[str, Callable[[], Any], Callable[[], Any] | None]  # name, timed call, set-up


def _stages(page: GoldPage) -> list[_Stage]:
    """The stages of ``extract`` on one page, each a call that reuses earlier results, with
    an untimed set-up where one is needed."""
    from thresher.core import _analysed_page, _source_text, label_and_assemble, shipped_model
    from thresher.html.dom import nesting_depth, parse_html, walk_blocks
    from thresher.html.features import block_features
    from thresher.html.metadata import read_metadata
    from thresher.html.roles import mark_roles
    from thresher.options import DEFAULT_OPTIONS

    options = DEFAULT_OPTIONS
    state: dict[str, Any] = {}

    def check() -> None:
        state["html"] = _source_text(page.html, options)
        nesting_depth(state["html"], options.max_depth)

    def features() -> None:
        walk = state["walk"]
        state["page"] = _analysed_page(
            walk.blocks, state["meta"], block_features(
                walk.blocks, state["meta"].title, state["meta"].type_scores),
            walk.containers, kind="html", base_url=page.url,
        )  # fmt: skip

    def label() -> None:
        with contextlib.suppress(Exception):  # a page may hold no main content
            label_and_assemble(state["page"], shipped_model(), options)

    return [
        ("input check", check, None),
        ("parse (Lexbor)", lambda: state.update(dom=parse_html(state["html"])), None),
        ("DOM walk", lambda: state.update(walk=walk_blocks(state["dom"], options.max_nodes)),
         None),
        ("roles", lambda: mark_roles(state["walk"].blocks), None),
        ("metadata", lambda: state.update(
            meta=read_metadata(state["dom"], page.url, state["walk"].blocks)), None),
        ("block features", features, None),
        ("labelling and assembly", label, None),
    ]  # fmt: skip


def _forget_signals() -> None:
    from thresher.html import dom

    for cache in (dom._value_bits, dom._shape_bits):
        cache.cache_clear()


def stage_times(pages: list[GoldPage], cold: bool = False) -> dict[str, float]:
    """CPU seconds per stage over ``pages``."""
    if cold:
        _forget_signals()
    totals: dict[str, float] = {}
    for page in pages:
        for name, run, setup in _stages(page):
            if setup is not None:
                setup()
            start = time.process_time()
            run()
            totals[name] = totals.get(name, 0.0) + time.process_time() - start
    return totals


def reference_walk_time(pages: list[GoldPage], cold: bool = False) -> float:
    """CPU seconds of the Python reference walk over ``pages``, in a pass of its own (so that
    neither walk finds the other's nodes in the CPU's caches, nor, with ``cold``, its class
    signals), each page parsed untimed just before."""
    from thresher.core import _source_text
    from thresher.html.dom import parse_html, walk_blocks_python
    from thresher.options import DEFAULT_OPTIONS

    if cold:
        _forget_signals()
    total = 0.0
    for page in pages:
        dom = parse_html(_source_text(page.html, DEFAULT_OPTIONS))
        start = time.process_time()
        walk_blocks_python(dom, DEFAULT_OPTIONS.max_nodes)
        total += time.process_time() - start
    return total


def tree_times(pages: list[Any], model: Any) -> tuple[float, float]:
    """CPU seconds of both stages' tree evaluation over analysed ``pages``
    (``core.AnalysedPage``): as ``extract`` runs it, and with the NumPy reference."""
    import numpy as np

    from thresher.label.context import context_features
    from thresher.label.labeller import block_probabilities

    inputs = []
    for page in pages:
        first = block_probabilities(model, page.features)
        context = context_features(first, page.chars, page.parent_keys, page.grand_keys,
                                   page.containers, page.levels)
        inputs.append((page.features, np.hstack((context, page.features))))

    def run(numpy: bool) -> float:
        block, second = model.block, model.context
        start = time.process_time()
        for features, both in inputs:
            if numpy:
                block.raw_score_numpy(features)
                second.raw_score_numpy(both)
            else:
                block.raw_score(features)
                second.raw_score(both)
        return time.process_time() - start

    return run(numpy=False), run(numpy=True)


def _analysed(pages: list[GoldPage]) -> list[Any]:
    from thresher.core import analyse_html
    from thresher.errors import ThresherError
    from thresher.options import DEFAULT_OPTIONS

    out = []
    for page in pages:
        with contextlib.suppress(ThresherError):
            out.append(analyse_html(page.html, url=page.url, options=DEFAULT_OPTIONS))
    return out


def print_tree_times(pages: list[Any], model: Any, repeats: int, n: int) -> None:
    """Print the tree evaluation's CPU time per page, compiled and NumPy (best of ``repeats``)."""
    from thresher.label import compiled

    times = [tree_times(pages, model) for _ in range(repeats)]
    fast, slow = min(t[0] for t in times), min(t[1] for t in times)
    used = "compiled" if compiled.KERNELS is not None else "NumPy (the kernels are not built)"
    print(f"  {'trees of both stages':26s} {1000 * fast / n:6.2f} ms/page ({used})")
    print(f"  {'trees, NumPy reference':26s} {1000 * slow / n:6.2f} ms/page")


@contextlib.contextmanager
def _python_walk() -> Iterator[None]:
    """``extract`` with the Python walk, whether or not the compiled one is built."""
    from thresher.html import dom

    with mock.patch.object(dom, "_compiled", None):
        yield


def _whole_calls(pages: list[GoldPage], cold: bool = False) -> float:
    import thresher

    if cold:
        _forget_signals()
    start = time.process_time()
    for page in pages:
        with contextlib.suppress(thresher.ThresherError):
            thresher.extract(page.html, url=page.url)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_html", description=__doc__)
    parser.add_argument("dataset", nargs="?", default="scrapinghub_aeb", choices=DATASETS)
    parser.add_argument("--limit", type=int, default=None, help="at most N pages")
    parser.add_argument("--repeats", type=int, default=3, help="timed passes (best is kept)")
    parser.add_argument("--cold", action="store_true",
                        help="forget the walk's class/id signals before every pass")
    parser.add_argument("--cprofile", action="store_true", help="print cProfile's top functions")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    from thresher.html import dom

    pages = [p for p in itertools.islice(iter_pages(args.dataset), args.limit) if _has_body(p)]
    if not pages:
        parser.error(f"{args.dataset} has no page with a body")
    _whole_calls(pages)  # warm-up: model loading, lazily built tables
    if args.cprofile:
        profiler = cProfile.Profile()
        profiler.runcall(_whole_calls, pages)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        return 0
    fast, slow = [], []
    for _ in range(args.repeats):
        fast.append(_whole_calls(pages, args.cold))
        with _python_walk():
            slow.append(_whole_calls(pages, args.cold))
    stages = [stage_times(pages, args.cold) for _ in range(args.repeats)]
    reference = min(reference_walk_time(pages, args.cold) for _ in range(args.repeats))
    n = len(pages)
    walk = "compiled" if dom._compiled is not None else "Python (the compiled walk is not built)"
    print(f"{args.dataset}: {n} pages, DOM walk {walk}" + (", cold" if args.cold else ""))
    for label, times in (("extract", fast), ("extract, Python walk", slow)):
        best = min(times)
        print(f"  {label:26s} {n / best:6.1f} pages/s, {1000 * best / n:.2f} ms/page (CPU time)")
    print(f"  {'speed-up of extract':26s} {min(slow) / min(fast):6.2f}x")
    for name in stages[0]:
        seconds = min(s[name] for s in stages)
        print(f"  {name:26s} {1000 * seconds / n:6.2f} ms/page")
    compiled = min(s["DOM walk"] for s in stages)
    print(f"  {'DOM walk, Python reference':26s} {1000 * reference / n:6.2f} ms/page")
    print(f"  {'speed-up of the DOM walk':26s} {reference / max(compiled, 1e-9):6.2f}x")
    from thresher.core import shipped_model

    print_tree_times(_analysed(pages), shipped_model(), args.repeats, n)
    return 0


def _has_body(page: GoldPage) -> bool:
    from thresher.core import _source_text
    from thresher.errors import ThresherError
    from thresher.options import DEFAULT_OPTIONS

    try:
        _source_text(page.html, DEFAULT_OPTIONS)
    except ThresherError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
