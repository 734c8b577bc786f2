"""Pages per second of ``thresher.extract`` on one dataset, for before/after comparisons.

    PYTHONPATH=src:. python -m training.speed [--dataset scrapinghub_aeb] [--rounds 3]

Times whichever ``thresher`` is first on the path, so two versions compare by alternating
runs with different ``PYTHONPATH`` values in one quiet moment (``git archive <rev> src``
unpacks an older version). Pages are decoded to ``str`` first and every page is extracted once
before timing, so only extraction is timed; the best round is reported.
"""

from __future__ import annotations

import argparse
import contextlib
import time

import thresher
from bench.datasets import iter_pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", default="scrapinghub_aeb")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    pages = [(p.html, p.url) for p in iter_pages(args.dataset)]

    def one_round() -> float:
        start = time.perf_counter()
        for html, url in pages:
            with contextlib.suppress(thresher.ThresherError):
                thresher.extract(html, url=url)
        return time.perf_counter() - start

    one_round()  # warm up: model loading, caches
    best = min(one_round() for _ in range(args.rounds))
    print(f"{thresher.__file__}: {len(pages) / best:.1f} pages/s "
          f"({len(pages)} pages of {args.dataset}, best of {args.rounds} rounds)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
