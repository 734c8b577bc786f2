"""Run every fuzz target for a while and report how many inputs ran: ``make fuzz``.

    python -m fuzz.run [--seconds 120] [--targets extract extract_text warc]

Seeds each target's corpus (build/fuzz/corpus/TARGET) with the pages written for the tests
and, when the datasets are present, with dev pages; crashes are written, minimised, to
build/fuzz/crashes/ (a run counts the crashes it found; those left by earlier runs are named
apart). A crash found is a bug: fix it and add the minimised input to
tests/fuzz_cases/TARGET/ (``tests/test_fuzz_cases.py`` replays every file there). The summary
goes to build/fuzz/summary.json.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import re
import subprocess
import sys
from pathlib import Path

_REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(_REPO))

from bench.datasets import DATASETS, datasets_dir, iter_pages  # noqa: E402
from bench.warcfile import http_response, warc_record  # noqa: E402
from tests.corpus_support import flat_page, news_page  # noqa: E402

BUILD = _REPO / "build" / "fuzz"
SEEDS_PER_DATASET = 40
MAX_LEN = 200_000


def seed(target: str, folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    seeds: list[bytes] = []
    pages = [news_page(i) for i in range(5)]
    pages.append((_REPO / "samples" / "news-article.html").read_text(encoding="utf-8"))
    texts = [flat_page(i) for i in range(5)]
    if datasets_dir() is not None:
        for name in DATASETS:
            for page in itertools.islice(iter_pages(name), SEEDS_PER_DATASET):
                pages.append(page.html)
                texts.append(page.flat)
    if target == "extract":
        seeds = [p.encode("utf-8")[:MAX_LEN] for p in pages]
    elif target == "extract_text":
        seeds = [t.encode("utf-8")[:MAX_LEN] for t in texts]
    else:
        for i in range(0, len(pages), 3):
            seeds.append(b"".join(
                warc_record("response", f"https://fuzz.example/{i + k}",
                            http_response(p.encode("utf-8")[:MAX_LEN // 4], "text/html"))
                for k, p in enumerate(pages[i:i + 3])))
    for data in seeds:
        (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)
    return len(seeds)


def fuzz(target: str, seconds: int) -> dict[str, object]:
    corpus = BUILD / "corpus" / target
    crashes = BUILD / "crashes"
    crashes.mkdir(parents=True, exist_ok=True)
    seeds = seed(target, corpus)
    earlier = {p.name for p in crashes.glob(f"{target}-*")}  # left by an earlier run
    cmd = [sys.executable, str(_REPO / "fuzz" / "targets.py"), target, str(corpus),
           f"-max_total_time={seconds}", f"-max_len={MAX_LEN}", "-rss_limit_mb=3072",
           "-timeout=30", f"-artifact_prefix={crashes}/{target}-", "-print_final_stats=1"]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=_REPO)
    log = done.stdout + done.stderr
    (BUILD / f"{target}.log").write_text(log, encoding="utf-8")
    runs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", log)
    found = sorted(p.name for p in crashes.glob(f"{target}-*") if p.name not in earlier)
    return {"target": target, "seconds": seconds, "seeds": seeds,
            "runs": int(runs[-1]) if runs else None, "exit_status": done.returncode,
            "crashes": found, "earlier_crashes": sorted(earlier)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fuzz.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=120, help="per target")
    parser.add_argument("--targets", nargs="+", default=["extract", "extract_text", "warc"])
    args = parser.parse_args(argv)
    results = [fuzz(t, args.seconds) for t in args.targets]
    BUILD.mkdir(parents=True, exist_ok=True)
    (BUILD / "summary.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    for r in results:
        earlier = len(r["earlier_crashes"])  # type: ignore[arg-type]
        print(f"{r['target']}: {r['runs']} inputs in {r['seconds']} s from {r['seeds']} seeds, "
              f"{len(r['crashes'])} new crashes (exit {r['exit_status']})"  # type: ignore[arg-type]
              + (f"; {earlier} from earlier runs still in {BUILD / 'crashes'}" if earlier else ""))
    return 1 if any(r["crashes"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
