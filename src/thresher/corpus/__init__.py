"""Corpus scale: WARC, WET, JSON Lines and page folders in; JSON Lines or Parquet out.

The same extraction as :func:`thresher.extract` / :func:`thresher.extract_text`, run as a
pipeline of picklable steps — read a shard (:func:`read_shard`), extract each record
(:class:`Job`), write the rows (:func:`run_shard`) — on every core of one machine or as Ray
tasks on a cluster (:func:`run`).
"""

from __future__ import annotations

from .engines import LocalPool, RunReport, run, select_shards
from .pipeline import run_shard
from .process import Job, extract_record
from .readers import Shard, find_shards, read_shard
from .records import Damage, Outcome, Record, ShardStats, Skip
from .writers import row_schema

__all__ = [
    "Damage",
    "Job",
    "LocalPool",
    "Outcome",
    "Record",
    "RunReport",
    "Shard",
    "ShardStats",
    "Skip",
    "extract_record",
    "find_shards",
    "read_shard",
    "row_schema",
    "run",
    "run_shard",
    "select_shards",
]
