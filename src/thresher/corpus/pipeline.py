"""One shard from start to finish: read → extract → write, then publish.

A shard's outputs are ``NAME.jsonl`` (or ``.parquet``), ``NAME.rejects.jsonl`` and
``NAME.stats.json``. Each is written to a temporary file and renamed when the shard is
complete, the stats file last: it marks the shard finished. A re-run skips shards with a
stats file and redoes the others from the start, so every record of every shard ends up in
the output exactly once, extracted or rejected.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .process import Job, damaged_outcome
from .readers import InputKind, Shard, read_shard
from .records import Damage, Outcome, Record, ShardStats, Skip
from .writers import SUFFIX, JsonlWriter, OutputFormat, open_writer, write_json

__all__ = ["Mapper", "ShardPaths", "run_shard", "serial_map", "shard_paths"]

# records in, outcomes out, in the same order (outcomes the reader decided pass through)
Mapper = Callable[[Job, Iterator[Record | Outcome]], Iterator[Outcome]]
# told the offset reached in the shard's input after each record
OnRecord = Callable[[int], None]


class ShardPaths:
    """Where a shard's three output files go."""

    def __init__(self, out_dir: Path, name: str, fmt: OutputFormat) -> None:
        self.data = out_dir / (name + SUFFIX[fmt])
        self.rejects = out_dir / f"{name}.rejects.jsonl"
        self.stats = out_dir / f"{name}.stats.json"


def shard_paths(out_dir: str | Path, shard: Shard, fmt: OutputFormat) -> ShardPaths:
    return ShardPaths(Path(out_dir), shard.name, fmt)


def finished_stats(out_dir: str | Path, shard: Shard, fmt: OutputFormat) -> ShardStats | None:
    """The stats of a shard an earlier run finished, or None."""
    paths = shard_paths(out_dir, shard, fmt)
    if not (paths.stats.exists() and paths.data.exists()):
        return None
    return ShardStats.from_dict(json.loads(paths.stats.read_text(encoding="utf-8")))


def serial_map(job: Job, records: Iterator[Record | Outcome]) -> Iterator[Outcome]:
    """Extract records one after another in this process."""
    return (job(record) for record in records)


def run_shard(
    shard: Shard,
    out_dir: str | Path,
    fmt: OutputFormat,
    job: Job,
    input_kind: InputKind = "auto",
    mapper: Mapper = serial_map,
    on_record: OnRecord | None = None,
) -> ShardStats:
    """Extract every record of ``shard`` into ``out_dir`` and return its counts.

    A shard finished by an earlier run is not redone: its stats are returned as they are.
    If anything raises, the temporary files are removed and nothing is published.
    """
    done = finished_stats(out_dir, shard, fmt)
    if done is not None:
        return done
    paths = shard_paths(out_dir, shard, fmt)
    paths.data.parent.mkdir(parents=True, exist_ok=True)
    stats = ShardStats(shard=shard.path, output=paths.data.name)
    started = time.perf_counter()
    writer = open_writer(paths.data, fmt)
    rejects = JsonlWriter(paths.rejects)
    try:
        for outcome in mapper(job, _records(shard, job, input_kind, stats)):
            stats.count(outcome)
            if outcome.line is not None:
                writer.write_line(outcome.line)
            elif outcome.row is not None:
                writer.write(outcome.row)
            elif outcome.reject is not None:
                rejects.write(outcome.reject)
            if on_record is not None:
                on_record(outcome.offset)
        stats.seconds = time.perf_counter() - started
        writer.commit()
        rejects.commit()
        write_json(paths.stats, stats.to_dict())
    except BaseException:
        writer.abort()
        rejects.abort()
        raise
    return stats


def _records(
    shard: Shard, job: Job, input_kind: InputKind, stats: ShardStats
) -> Iterator[Record | Outcome]:
    for item in read_shard(shard, job.options.max_input_bytes, input_kind):
        if isinstance(item, Record):
            stats.bytes_in += len(item.content)
            yield item
        elif isinstance(item, Skip):
            stats.skipped[item.why] += 1
        elif isinstance(item, Damage):
            stats.damage.append({"offset": item.offset, "message": item.message})
            if item.record_id is not None:  # a record was hit: it is rejected, not lost
                yield damaged_outcome(item, shard.path)
