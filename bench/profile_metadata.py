"""Where the metadata step spends its time: ``python -m bench.profile_metadata [DATASET ...]
[--limit N]``.

For each dataset, the pages are parsed and walked untimed, then ``read_metadata`` is timed
whole and in its parts: finding the source elements (``<meta>``, JSON-LD, microdata,
``<time>``, ``<h1>``; with the compiled scan, the byline and author elements in the same
pass), the bylines (a CSS query, unless the scan found them), the JSON-LD parse, the
page-type signals and the page-type model; what is left (title, dates, authors, URLs) is
the rest. CPU time per page (``time.process_time``), best of ``--repeats`` passes after a
warm-up pass; the share of metadata in the whole ``extract`` call is measured in the same
passes. Compare runs of this command with each other; ``python -m bench.profile_html``
times every stage of ``extract``.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from bench.datasets import DATASETS, iter_pages

__all__ = ["main", "part_times"]

_Page = tuple[str, str | None, Any, list[Any]]  # html, url, dom, blocks


def _pages(name: str, limit: int | None) -> list[_Page]:
    from thresher.core import _source_text
    from thresher.errors import ThresherError
    from thresher.html.dom import parse_html, walk_blocks
    from thresher.html.roles import mark_roles
    from thresher.options import DEFAULT_OPTIONS

    out = []
    for page in itertools.islice(iter_pages(name), limit):
        try:
            html = _source_text(page.html, DEFAULT_OPTIONS)
        except ThresherError:
            continue
        dom = parse_html(html)
        blocks = walk_blocks(dom, DEFAULT_OPTIONS.max_nodes).blocks
        mark_roles(blocks)
        out.append((page.html, page.url, dom, blocks))
    return out


def part_times(pages: list[_Page]) -> dict[str, float]:
    """CPU seconds over ``pages`` of ``read_metadata``, its parts, and the whole ``extract``."""
    import thresher
    from thresher.html import dom as dom_module
    from thresher.html.metadata import read_metadata
    from thresher.html.pagetype import classify_page, page_signals, shipped_page_model
    from thresher.html.sources import gather_sources, jsonld_items

    model = shipped_page_model()
    totals: dict[str, float] = {}

    def timed(name: str, run: Callable[[], Any]) -> Any:
        start = time.process_time()
        out = run()
        totals[name] = totals.get(name, 0.0) + time.process_time() - start
        return out

    for html, url, dom, blocks in pages:
        dom._source_nodes = dom._scanned = None  # each part finds its elements afresh
        dom._queried.clear()
        nodes = timed("source elements", dom.source_nodes)
        timed("bylines", partial(dom.candidates, dom_module.BYLINES))
        scripts = [node.text(deep=True) for node in nodes.jsonld]
        timed("JSON-LD parse", partial(jsonld_items, scripts))
        src = gather_sources(dom)
        signals = timed("page-type signals", partial(page_signals, src, url, blocks))
        timed("page-type model", partial(classify_page, signals, model))
        dom._source_nodes = dom._scanned = None
        dom._queried.clear()
        timed("read_metadata", partial(read_metadata, dom, url, blocks))
        with contextlib.suppress(thresher.ThresherError):
            timed("extract", partial(thresher.extract, html, url=url))
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_metadata", description=__doc__)
    parser.add_argument("datasets", nargs="*", metavar="DATASET", help=", ".join(DATASETS))
    parser.add_argument("--limit", type=int, default=None, help="at most N pages per set")
    parser.add_argument("--repeats", type=int, default=3, help="timed passes (best is kept)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if unknown := set(args.datasets) - set(DATASETS):
        parser.error(f"unknown datasets {sorted(unknown)}: choose from {', '.join(DATASETS)}")
    for name in args.datasets or DATASETS:
        pages = _pages(name, args.limit)
        part_times(pages)  # warm-up: the model, lazily built tables
        runs = [part_times(pages) for _ in range(args.repeats)]
        best = {key: min(run[key] for run in runs) for key in runs[0]}
        n = len(pages)
        whole = best.pop("read_metadata")
        extract = best.pop("extract")
        print(f"{name}: {n} pages")
        for key, seconds in best.items():
            print(f"  {key:24s} {1000 * seconds / n:6.3f} ms/page")
        rest = whole - sum(best.values())
        print(f"  {'rest (title, dates, …)':24s} {1000 * rest / n:6.3f} ms/page")
        print(f"  {'read_metadata':24s} {1000 * whole / n:6.3f} ms/page, "
              f"{100 * whole / extract:.1f}% of extract ({1000 * extract / n:.2f} ms/page)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
