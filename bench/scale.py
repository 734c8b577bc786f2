"""Corpus-scale benchmark: ``python -m bench.scale`` (``make bench-scale``).

Builds a gzipped WARC of about 5,000 HTML responses from the dev pages (repeated with new
record ids until there are enough, with a request record before each response, as in a
crawl) under build/scale/, then measures on it, in one run:

1. thresher's single-process speed: ``extract`` on every record, read into memory first
   (no reading, writing or process overhead) — the ideal each worker is compared with;
2. ``thresher run`` (local engine) with 1 and 2 workers: records/s end to end (read, extract
   in worker processes, write JSON Lines), and parallel efficiency = records/s with W
   workers / (W × single-process records/s), and how busy the workers were (their CPU
   seconds over W × the wall-clock seconds);
3. trafilatura through the same pipeline with the same workers (in the first round).

A virtual machine's speed drifts by 10–15% from minute to minute, more than the effect being
measured, so the measurements are repeated in ``--rounds`` interleaved rounds (single process,
then each worker count, in turn): each round's efficiency compares runs made minutes apart,
and the report gives the median over rounds.

From the 2-worker speed per core it estimates the core-hours a Common Crawl crawl would take
(``--crawl-pages``, 3 billion by default). Results go to bench/scale.json and the "Corpus
scale" section of BENCHMARKS.md (``bench.report`` keeps that section when it rewrites the file).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import shutil
import statistics
import sys
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

from bench.datasets import DATASETS, iter_pages
from bench.machine import describe_machine
from bench.sections import splice_section
from bench.warcfile import http_response, warc_record
from thresher import Options
from thresher.corpus import Record, extract_record, find_shards, read_shard, run

__all__ = ["main", "scale_section", "summarise", "trafilatura_row"]

_REPO = Path(__file__).resolve().parent.parent
RESULTS = _REPO / "bench" / "scale.json"
SECTION_START = "<!-- scale:start (written by make bench-scale) -->"
SECTION_END = "<!-- scale:end -->"


def trafilatura_row(record: Record, options: Options) -> dict[str, Any]:
    """trafilatura (default settings) as a corpus-pipeline extractor."""
    import trafilatura

    return {"text": trafilatura.extract(record.content, url=record.url) or ""}


def build_warc(path: Path, records: int) -> int:
    """Write the benchmark WARC; return its number of HTML responses."""
    pages = [page for name in DATASETS for page in iter_pages(name)]
    if not pages:
        raise SystemExit("no datasets found: set THRESHER_DATASETS (see bench/datasets.py)")
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with open(path, "wb") as out:
        while written < records:
            for page in pages:
                if written == records:
                    break
                url = page.url or f"https://{page.dataset}.example/{page.id}"
                out.write(warc_record("request", url, b"GET / HTTP/1.1\r\n\r\n",
                                      "application/http; msgtype=request"))
                body = page.html.encode("utf-8")
                out.write(warc_record(
                    "response", url, http_response(body, "text/html; charset=utf-8")))
                written += 1
    return written


def warc_records(warc: Path) -> list[Record]:
    """The WARC's HTML records, read into memory."""
    (shard,) = find_shards([str(warc)])
    return [r for r in read_shard(shard, Options().max_input_bytes) if isinstance(r, Record)]


def single_process_speed(records: list[Record]) -> float:
    """Records/s of ``extract`` alone over ``records`` (held in memory), in this process."""
    options = Options()
    extract_record(records[0], options)  # load the model before timing
    started = time.perf_counter()
    for record in records:
        with suppress(Exception):  # rejected pages count: their time is part of the work
            extract_record(record, options)
    return len(records) / (time.perf_counter() - started)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def pipeline_speed(
    warc: Path, workers: int, extractor: Any = extract_record
) -> tuple[float, float]:
    """Records/s of a local ``run`` over the WARC with ``workers`` worker processes, and the
    workers' busy share: their CPU seconds over ``workers`` × the run's wall-clock seconds
    (the pool is shut down, its processes reaped, before ``run`` returns)."""
    out = warc.parent / f"out-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    cpu = _children_cpu()
    report = run([str(warc)], out, workers=workers, progress=False, extractor=extractor)
    busy = (_children_cpu() - cpu) / (workers * report.seconds)
    shutil.rmtree(out, ignore_errors=True)
    return report.totals()["records_in"] / report.seconds, busy


def summarise(
    rounds: list[dict[str, Any]], peers: dict[int, float | None]
) -> list[dict[str, Any]]:
    """One row per worker count: the median over ``rounds`` of its records/s, busy share and
    efficiency, beside the peer's records/s with as many workers."""
    rows = []
    for workers, peer in peers.items():
        ours = [run_ for round_ in rounds for run_ in round_["runs"]
                if run_["workers"] == workers]
        rows.append({
            "workers": workers,
            **{key: statistics.median(run_[key] for run_ in ours)
               for key in ("thresher", "busy", "efficiency")},
            "trafilatura": peer,
        })
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=5000, help="HTML responses in the WARC")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--crawl-pages", type=float, default=3.0e9,
                        help="pages in the crawl the estimate is for (default 3 billion)")
    parser.add_argument("--rounds", type=int, default=2,
                        help="interleaved rounds of measurement; medians are reported")
    parser.add_argument("--no-peer", action="store_true", help="skip trafilatura")
    parser.add_argument("--out", type=Path, default=_REPO / "BENCHMARKS.md")
    args = parser.parse_args(argv)

    warc = _REPO / "build" / "scale" / "dev.warc.gz"
    machine = describe_machine()
    n = build_warc(warc, args.records)
    print(f"built {warc} ({n} HTML records, {warc.stat().st_size / 1e6:.0f} MB)", file=sys.stderr)
    records = warc_records(warc)
    rounds: list[dict[str, Any]] = []
    peers: dict[int, float | None] = {}
    for number in range(1, args.rounds + 1):
        single = single_process_speed(records)
        runs = []
        for workers in args.workers:
            speed, busy = pipeline_speed(warc, workers)
            runs.append({"workers": workers, "thresher": speed, "busy": busy,
                         "efficiency": speed / (workers * single)})
            if number == 1:
                peers[workers] = (None if args.no_peer
                                  else pipeline_speed(warc, workers, trafilatura_row)[0])
        rounds.append({"single_process": single, "runs": runs})
        print(f"round {number}: single-process {single:.1f} records/s; " + "; ".join(
            f"{r['workers']} workers {r['thresher']:.1f} records/s (efficiency "
            f"{r['efficiency']:.2f}, workers busy {r['busy']:.0%})" for r in runs),
            file=sys.stderr)
    rows = summarise(rounds, peers)
    data = {
        "date": datetime.date.today().isoformat(),
        "records": n,
        "warc_megabytes": round(warc.stat().st_size / 1e6, 1),
        "single_process": statistics.median(r["single_process"] for r in rounds),
        "runs": rows,
        "rounds": rounds,
        "crawl_pages": args.crawl_pages,
        "machine": machine,
        "command": "make bench-scale",
    }
    RESULTS.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    report = args.out.read_text(encoding="utf-8") if args.out.exists() else "# Benchmarks\n"
    args.out.write_text(with_scale_section(report, data), encoding="utf-8")
    print(scale_section(data))
    return 0


def load_results() -> dict[str, Any] | None:
    """The last scale run's results, if any."""
    if not RESULTS.exists():
        return None
    return json.loads(RESULTS.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def with_scale_section(report: str, data: dict[str, Any] | None) -> str:
    """``report`` with its corpus-scale section replaced (or appended)."""
    if data is None:
        return report
    section = f"{SECTION_START}\n{scale_section(data)}\n{SECTION_END}\n"
    return splice_section(report, section, SECTION_START, SECTION_END)


def scale_section(data: dict[str, Any]) -> str:
    """The "Corpus scale" section of BENCHMARKS.md."""
    single = data["single_process"]
    lines = [
        "## Corpus scale",
        "",
        f"`{data['command']}` on {data['date']}: a gzipped WARC of {data['records']:,} HTML "
        f"responses built from the dev pages ({data['warc_megabytes']} MB, a request record "
        "before each response), run through `thresher run` (local engine: this process reads "
        "and writes, worker processes extract) and, for comparison, trafilatura through the "
        "same pipeline (in the first round). Single-process speed is `extract` alone over the "
        "records held in memory. Machine: " + ", ".join(
            f"{k} {v}" for k, v in data["machine"].items() if k in ("CPU", "cores",
                                                                    "load average before "
                                                                    "the run")) + ".",
        "",
    ]
    rounds = data.get("rounds", [])
    if rounds:
        lines += [
            f"The measurements were repeated in {len(rounds)} interleaved rounds (the single "
            "process, then each worker count): each round's efficiency compares runs made "
            "minutes apart, and the figures below are medians over the rounds.",
            "",
        ]
    lines += [
        f"Single-process `extract`: **{single:.1f} records/s**.",
        "",
        "| workers | thresher records/s | parallel efficiency | workers busy "
        "| trafilatura records/s | thresher / trafilatura |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for row in data["runs"]:
        peer = row["trafilatura"]
        busy = f"{row['busy']:.0%}" if "busy" in row else "–"
        lines.append(
            f"| {row['workers']} | {row['thresher']:.1f} | {row['efficiency']:.2f} | {busy} | "
            + (f"{peer:.1f} | {row['thresher'] / peer:.1f}× |" if peer else "– | – |")
        )
    if rounds:
        lines += ["", "Each round: " + "; ".join(
            f"{r['single_process']:.1f} single, " + ", ".join(
                f"{run['thresher']:.1f} with {run['workers']} ({run['efficiency']:.2f})"
                for run in r["runs"]) for r in rounds) + " records/s (efficiency)."]
    runs = sorted(data["runs"], key=lambda r: r["workers"])
    for fewer, more in zip(runs, runs[1:], strict=False):
        gain = (more["thresher"] - fewer["thresher"]) / (more["workers"] - fewer["workers"])
        lines += ["", f"From {fewer['workers']} to {more['workers']} workers each added core "
                  f"adds {gain / fewer['thresher'] * fewer['workers']:.2f} × the records/s of "
                  "one worker."]
    best = max(data["runs"], key=lambda r: r["workers"])
    per_core = best["thresher"] / best["workers"]
    hours = data["crawl_pages"] / per_core / 3600
    lines += [
        "",
        "Parallel efficiency is records/s with W workers over W × the single-process speed; "
        "the reading and writing process shares the cores with the workers. *Workers busy* is "
        "the workers' CPU time over W × the run's wall-clock time: below 100% the workers "
        "waited for records. At "
        f"{per_core:.1f} records/s per core ({best['workers']} workers), a Common Crawl crawl "
        f"of {data['crawl_pages'] / 1e9:.1f} billion HTML pages takes about "
        f"**{hours:,.0f} core-hours** of extraction (plus download time; see "
        "docs/common-crawl.md).",
    ]
    if best.get("trafilatura"):
        peer_hours = data["crawl_pages"] / (best["trafilatura"] / best["workers"]) / 3600
        lines[-1] += f" trafilatura at its measured speed: about {peer_hours:,.0f} core-hours."
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
