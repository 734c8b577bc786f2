"""Peak memory of one extractor: ``python -m bench.memory EXTRACTOR DATASETS [--limit N]``.

The child process imports only the named extractor's library (``bench.peers`` imports lazily),
streams the pages of the comma-separated DATASETS one at a time (so the gold data adds little to
the footprint), runs the extractor on each and prints one JSON line::

    {"extractor": "...", "pages": N, "failures": N, "peak_rss_kb": N, "ru_maxrss_kb": N}

``peak_rss_kb`` is the peak resident set of the whole process, interpreter and page data
included: ``VmHWM`` from ``/proc/self/status`` where there is one, else
``resource.getrusage(RUSAGE_SELF).ru_maxrss``. VmHWM is preferred because Linux carries the
*parent's* peak into ``ru_maxrss`` across fork/exec (the bench parent holds every page in
memory, so each child would report the parent's peak); VmHWM belongs to the exec'd image only.
``ru_maxrss_kb`` is printed too, for reference. The pseudo-extractor ``baseline`` runs nothing,
so its figure is the floor every other row stands on.

The parent side, :func:`measure_memory`, runs one such child per extractor.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.datasets import iter_pages
from bench.peers import block_network, input_of, select_extractors
from bench.results import BASELINE, MemoryResult

__all__ = ["measure_memory", "main"]

_REPO = Path(__file__).resolve().parent.parent
_TIMEOUT_S = 3600


def _run_child(extractor_name: str, datasets: list[str], limit: int | None) -> dict[str, int]:
    """Run one extractor over the pages in this process; return counts and peak RSS."""
    extractor = None if extractor_name == BASELINE else select_extractors([extractor_name])[0]
    pages = failures = 0
    for name in datasets:
        for page in itertools.islice(iter_pages(name), limit):
            pages += 1
            if extractor is None:
                continue
            try:
                extractor.run(input_of(extractor, page), page.url)
            except Exception:  # a failing page is still a page the process held in memory
                failures += 1
    ru_maxrss = int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    peak = _vm_hwm_kb() or ru_maxrss
    return {"pages": pages, "failures": failures, "peak_rss_kb": peak, "ru_maxrss_kb": ru_maxrss}


def _vm_hwm_kb() -> int | None:
    """This process image's peak resident set in KiB (Linux ``VmHWM``), None where unknown."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.memory", description=__doc__)
    parser.add_argument("extractor", help=f"an extractor name, or {BASELINE!r}")
    parser.add_argument("datasets", help="comma-separated dataset names")
    parser.add_argument("--limit", type=int, default=None, help="pages per dataset at most")
    args = parser.parse_args(argv)
    block_network()
    counts = _run_child(args.extractor, args.datasets.split(","), args.limit)
    print(json.dumps({"extractor": args.extractor, **counts}))
    return 0


def _measure_one(extractor: str, datasets: list[str], limit: int | None) -> MemoryResult:
    """Run the child for ``extractor`` and parse its answer; failures become ``error``."""
    command = [sys.executable, "-m", "bench.memory", extractor, ",".join(datasets)]
    if limit is not None:
        command += ["--limit", str(limit)]
    try:
        done = subprocess.run(
            command, cwd=_REPO, capture_output=True, text=True, timeout=_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        return MemoryResult(extractor, None, error=f"timed out after {_TIMEOUT_S} s")
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["no stderr"]
        return MemoryResult(extractor, None, error=f"exit {done.returncode}: {tail[0]}")
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    peak_mb = answer["peak_rss_kb"] / 1024
    return MemoryResult(extractor, peak_mb, pages=answer["pages"], failures=answer["failures"])


def measure_memory(
    extractors: list[str], datasets: list[str], limit: int | None, workers: int = 1
) -> list[MemoryResult]:
    """Peak RSS of one fresh process per extractor (plus ``baseline``), in ``extractors`` order.

    Children may run ``workers`` at a time: each measures only its own process, so running
    side by side changes their duration, not their peak memory.
    """
    names = [BASELINE, *extractors]
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [pool.submit(_measure_one, name, datasets, limit) for name in names]
        return [future.result() for future in futures]


if __name__ == "__main__":
    sys.exit(main())
