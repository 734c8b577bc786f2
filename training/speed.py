"""Pages per second of ``thresher.extract`` on one dataset, for before/after comparisons.

    PYTHONPATH=src:. python -m training.speed [--dataset scrapinghub_aeb] [--rounds 3]

Times whichever ``thresher`` is first on the path, so two versions compare by alternating
runs with different ``PYTHONPATH`` values in one quiet moment (``git archive <rev> src``
unpacks an older version). Pages are decoded to ``str`` first and every page is extracted once
before timing, so only extraction is timed; the best round is reported, by wall-clock and by
CPU time (the steadier of the two on a shared machine).
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

    def one_round() -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        for html, url in pages:
            with contextlib.suppress(thresher.ThresherError):
                thresher.extract(html, url=url)
        return time.perf_counter() - wall, time.process_time() - cpu

    one_round()  # warm up: model loading, caches
    rounds = [one_round() for _ in range(args.rounds)]
    # CPU time is the steadier measure when other processes share the machine
    wall = min(r[0] for r in rounds)
    cpu = min(r[1] for r in rounds)
    print(f"{thresher.__file__}: {len(pages) / wall:.1f} pages/s wall, "
          f"{len(pages) / cpu:.1f} pages/s of CPU time "
          f"({len(pages)} pages of {args.dataset}, best of {args.rounds} rounds)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
