"""Engines: who runs the shards.

- ``local`` (the default): this machine, every core. This process reads each shard and
  writes its output; a pool of worker processes extracts batches of records, so even a
  single WARC file keeps every core busy. A worker that dies (a crash, the OOM killer,
  SIGKILL) costs only the record it was on: the pool is restarted, the records in flight are
  redone one by one, and the one that kills a worker again is rejected as ``worker_crashed``.
- ``ray``: the same shards as Ray tasks, each running :func:`~.pipeline.run_shard` in a Ray
  worker, on a local Ray instance or a cluster joined with ``address``. Each task reads,
  extracts and writes one shard, so output goes wherever every node can write (a shared
  file system). Local and Ray runs give the same records.

:func:`run` is the one entry point; ``thresher run`` calls it.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..options import DEFAULT_OPTIONS, Options
from .pipeline import finished_stats, run_shard
from .process import Extractor, Job, extract_record, rejected
from .readers import COMMON_CRAWL_URL, InputKind, Shard, find_shards
from .records import Outcome, Record, ShardStats
from .writers import OutputFormat

__all__ = ["EngineName", "LocalPool", "RunReport", "run", "select_shards"]

EngineName = Literal["local", "ray"]
ENGINES: tuple[EngineName, ...] = ("local", "ray")
_BATCH = 8  # records per round trip to a worker
_IN_FLIGHT = 4  # batches queued per worker


@dataclass
class RunReport:
    """What a run did: the stats of every selected shard, and which were already done."""

    shards: list[ShardStats] = field(default_factory=list)
    already_done: int = 0
    seconds: float = 0.0
    failed: list[dict[str, str]] = field(default_factory=list)  # shard, error: redo by re-running

    def totals(self) -> dict[str, Any]:
        """The shards' counts added up."""
        rejected: Counter[str] = Counter()
        skipped: Counter[str] = Counter()
        errors: Counter[str] = Counter()
        for s in self.shards:
            rejected.update(s.rejected)
            skipped.update(s.skipped)
            errors.update(s.errors)
        return {
            "shards": len(self.shards),
            "already_done": self.already_done,
            "records_in": sum(s.records_in for s in self.shards),
            "extracted": sum(s.extracted for s in self.shards),
            "rejected": dict(sorted(rejected.items())),
            "skipped": dict(sorted(skipped.items())),
            "errors": dict(sorted(errors.items())),
            "damaged_shards": sum(1 for s in self.shards if s.damage),
            "failed_shards": len(self.failed),
            "bytes_in": sum(s.bytes_in for s in self.shards),
            "seconds": round(self.seconds, 3),
        }


def select_shards(shards: list[Shard], part: tuple[int, int] | None) -> list[Shard]:
    """Shard ``I/N`` of a run split over N machines: every N-th shard from the I-th."""
    if part is None:
        return shards
    index, count = part
    return shards[index::count]


def run(
    inputs: Iterable[str],
    out_dir: str | Path,
    *,
    fmt: OutputFormat = "jsonl",
    engine: EngineName = "local",
    workers: int | None = None,
    part: tuple[int, int] | None = None,
    input_kind: InputKind = "auto",
    options: Options | None = None,
    time_limit: float | None = 30.0,
    max_memory_mb: int | None = 4096,
    fail_fast: bool = False,
    address: str | None = None,
    base_url: str = COMMON_CRAWL_URL,
    progress: bool | None = None,
    extractor: Extractor = extract_record,
) -> RunReport:
    """Extract every record of ``inputs`` into ``out_dir``, one output file per shard.

    Args:
        inputs: WARC, WET, JSON Lines files, folders, Common Crawl path listings, URLs.
        out_dir: the output folder (created).
        fmt: ``"jsonl"`` or ``"parquet"``.
        engine: ``"local"`` (a process pool) or ``"ray"``.
        workers: worker processes (local) or Ray CPUs to start (local Ray); default: all cores.
        part: ``(I, N)`` to process only shard I of N (0-based), for splitting a run by hand.
        input_kind: how page files and JSON Lines ``text`` fields are read.
        options: extraction options.
        time_limit: seconds one record may take before it is rejected; None for no limit.
        max_memory_mb: address-space limit of each local worker process; None for none.
        fail_fast: stop at the first unexpected error instead of rejecting the record.
        address: the Ray cluster to join (``"auto"``, ``"ray://host:10001"``).
        base_url: what relative lines of a path listing are joined to.
        progress: show a progress bar; None shows it when stderr is a terminal.
        extractor: record → Article dict (the benchmark runs peers through the same pipeline).

    Returns:
        The counts of every selected shard.
    """
    started = time.perf_counter()
    if fmt == "parquet":
        _require("pyarrow", "parquet")
    if engine == "ray":
        _require("ray", "ray")
    job = Job(options or DEFAULT_OPTIONS, time_limit, fail_fast, extractor,
              encode_rows=fmt == "jsonl")
    shards = select_shards(find_shards(inputs, input_kind, base_url), part)
    workers = workers or os.cpu_count() or 1
    report = RunReport()
    todo = []
    for shard in shards:
        done = finished_stats(out_dir, shard, fmt)
        if done is None:
            todo.append(shard)
        else:
            report.already_done += 1
            report.shards.append(done)
    show = sys.stderr.isatty() if progress is None else progress
    if engine == "ray":
        _run_ray(todo, out_dir, fmt, job, input_kind, workers, address, show, report)
    else:
        with LocalPool(workers, max_memory_mb) as pool, _Progress(todo, show) as bar:
            for shard in todo:
                bar.start(shard)
                try:
                    stats = run_shard(shard, out_dir, fmt, job, input_kind, pool.map,
                                      bar.advance)
                except OSError as exc:  # e.g. the disk is full: the shard is redone next run
                    if fail_fast:
                        raise
                    report.failed.append(_failure(shard, exc))
                else:
                    report.shards.append(stats)
    report.seconds = time.perf_counter() - started
    return report


def _failure(shard: Shard, exc: BaseException) -> dict[str, str]:
    return {"shard": shard.path, "error": f"{type(exc).__name__}: {exc}"}


def _require(module: str, extra: str) -> None:
    try:
        __import__(module)
    except ImportError as exc:
        raise ImportError(f"{module} is needed for this: pip install 'thresher[{extra}]'") from exc


class LocalPool:
    """Worker processes extracting batches of records, in order, surviving worker deaths."""

    def __init__(self, workers: int, max_memory_mb: int | None = None) -> None:
        self.workers = workers
        self.max_memory_mb = max_memory_mb
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers, initializer=_init_worker, initargs=(self.max_memory_mb,)
            )
        return self._pool

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None

    def map(self, job: Job, records: Iterator[Record | Outcome]) -> Iterator[Outcome]:
        """Extract ``records`` in the workers; yield their outcomes in input order."""
        pending: deque[tuple[list[Record | Outcome], Future[list[Outcome]]]] = deque()
        limit = self.workers * _IN_FLIGHT
        for batch in _batches(records, _BATCH):
            pending.append((batch, self._submit(job, batch)))
            while len(pending) >= limit:
                yield from self._collect(job, pending)
        while pending:
            yield from self._collect(job, pending)

    def _submit(self, job: Job, batch: list[Record | Outcome]) -> Future[list[Outcome]]:
        try:
            return self._executor().submit(job.batch, batch)
        except BrokenProcessPool:  # broke since the last collect: the next collect redoes it
            future: Future[list[Outcome]] = Future()
            future.set_exception(BrokenProcessPool("worker pool broken"))
            return future

    def _collect(
        self, job: Job, pending: deque[tuple[list[Record | Outcome], Future[list[Outcome]]]]
    ) -> Iterator[Outcome]:
        batch, future = pending[0]
        try:
            outcomes = future.result()
        except BrokenProcessPool:
            # every batch in flight died with the pool: redo them one record at a time
            self._restart()
            redo = [record for b, _ in pending for record in b]
            pending.clear()
            yield from (self._isolated(job, record) for record in redo)
            return
        pending.popleft()
        yield from outcomes

    def _isolated(self, job: Job, record: Record | Outcome) -> Outcome:
        if isinstance(record, Outcome):
            return record
        try:
            return self._executor().submit(job, record).result()
        except BrokenProcessPool:
            self._restart()
            return rejected(record.record_id, record.url, record.source, record.offset,
                            "worker_crashed",
                            "the worker process died while extracting this record",
                            error="WorkerCrashed")


def _init_worker(max_memory_mb: int | None) -> None:
    if max_memory_mb:
        import resource

        limit = max_memory_mb * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or hard > limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _batches(
    records: Iterator[Record | Outcome], size: int
) -> Iterator[list[Record | Outcome]]:
    batch: list[Record | Outcome] = []
    for record in records:
        batch.append(record)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _run_ray(
    shards: list[Shard],
    out_dir: str | Path,
    fmt: OutputFormat,
    job: Job,
    input_kind: InputKind,
    workers: int,
    address: str | None,
    show: bool,
    report: RunReport,
) -> None:
    import ray

    started_here = not ray.is_initialized()
    if started_here:
        ray.init(
            address=address,
            num_cpus=None if address else workers,
            include_dashboard=False,
            log_to_driver=False,
            configure_logging=False,
        )
    try:
        task: Any = ray.remote(num_cpus=1, max_retries=3)(run_shard)
        refs = {task.remote(s, str(out_dir), fmt, job, input_kind): s for s in shards}
        out: list[ShardStats] = []
        waiting = list(refs)
        with _Progress(shards, show, unit="shard") as bar:
            while waiting:
                done, waiting = ray.wait(waiting, num_returns=1)
                try:
                    out.append(ray.get(done[0]))
                except Exception as exc:  # the task raised: its shard is redone next run
                    if job.fail_fast:
                        raise
                    report.failed.append(_failure(refs[done[0]], exc))
                bar.shard_done()
        order = {s.path: i for i, s in enumerate(shards)}
        report.shards.extend(sorted(out, key=lambda s: order.get(s.shard, 0)))
    finally:
        if started_here:
            ray.shutdown()


class _Progress:
    """A progress bar over the input bytes (records/s and ETA), or nothing off a terminal."""

    def __init__(self, shards: list[Shard], show: bool, unit: str = "B") -> None:
        self._bar: Any = None
        self._base = 0
        self._size = 0
        self._records = 0
        self._started = time.perf_counter()
        self._last = 0.0
        self._unit = unit
        if not show:
            return
        from tqdm import tqdm

        if unit == "shard":
            self._bar = tqdm(total=len(shards), unit="shard", file=sys.stderr)
        else:
            sizes = [_size(s) for s in shards]
            self._bar = tqdm(total=sum(sizes), unit="B", unit_scale=True, file=sys.stderr)

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            if exc[0] is None and self._unit == "B":
                self._bar.n = self._base + self._size
                self._bar.set_postfix_str(f"{self._records:,} records")
            self._bar.close()

    def start(self, shard: Shard) -> None:
        if self._bar is not None:
            self._base += self._size
            self._bar.n = self._base
            self._size = _size(shard)

    def advance(self, offset: int) -> None:
        self._records += 1
        if self._bar is None:
            return
        now = time.perf_counter()
        if now - self._last > 0.5:
            self._last = now
            rate = self._records / max(now - self._started, 1e-9)
            self._bar.n = self._base + min(offset, self._size)
            self._bar.set_postfix_str(f"{self._records:,} records, {rate:,.0f} records/s")

    def shard_done(self) -> None:
        if self._bar is not None:
            self._bar.update(1)


def _size(shard: Shard) -> int:
    paths = shard.files or (shard.path,)
    total = 0
    for path in paths:
        with suppress(OSError):
            total += os.path.getsize(path)
    return total

