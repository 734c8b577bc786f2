"""What each fuzz target does with one input; shared by the fuzzer (``fuzz/targets.py``) and
the replay of saved cases (``tests/test_fuzz_cases.py``). Each raises on a bug: any
exception other than a :class:`~thresher.ThresherError`, or a broken invariant."""

from __future__ import annotations

import os
import tempfile

import thresher
from thresher.corpus import Job, find_shards, read_shard
from thresher.corpus.records import Record
from thresher.errors import ThresherError

OPTIONS = thresher.Options(max_input_bytes=1_000_000)
_JOB = Job(OPTIONS, time_limit=None)
_WARC = os.path.join(tempfile.mkdtemp(prefix="thresher-fuzz-"), "input.warc.gz")


def fuzz_extract(data: bytes) -> None:
    """Any bytes as an HTML page."""
    try:
        article = thresher.extract(data, options=OPTIONS)
    except ThresherError:
        return
    assert article.blocks
    article.to_json()
    article.to_markdown()


def fuzz_extract_text(data: bytes) -> None:
    """Any text as a flattened page (the bytes read as UTF-8, invalid ones replaced)."""
    try:
        article = thresher.extract_text(data.decode("utf-8", "replace"), options=OPTIONS)
    except ThresherError:
        return
    assert article.blocks
    article.to_json()


def fuzz_warc(data: bytes) -> None:
    """Any bytes as a WARC file: read to the end, every record extracted or rejected."""
    with open(_WARC, "wb") as out:
        out.write(data)
    (shard,) = find_shards([_WARC])
    for item in read_shard(shard, OPTIONS.max_input_bytes):
        if isinstance(item, Record):
            outcome = _JOB(item)
            assert outcome.row is not None or outcome.reject is not None
            assert outcome.error is None, outcome.reject


TARGETS = {"extract": fuzz_extract, "extract_text": fuzz_extract_text, "warc": fuzz_warc}
