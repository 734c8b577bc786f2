"""The per-record step of a corpus run: one record in, one outcome out, never an exception.

:class:`Job` is a picklable callable, so the same step runs in this process, in a local
process pool and in Ray tasks, and gives the same rows. Guards keep one pathological page
from stalling or killing a shard:

- a wall-clock limit per record (``time_limit`` seconds, enforced with ``SIGALRM`` where the
  step runs on a process's main thread, as in pool workers and Ray tasks);
- an address-space limit per worker process (``max_memory_mb``, set by the local engine), so
  a runaway allocation raises ``MemoryError`` in that record instead of waking the OOM killer;
- the size limits of :class:`~thresher.Options` (input bytes, DOM nodes, nesting depth).

A record that trips a guard is rejected with the limit named (``limit_exceeded:time_limit``).
"""

from __future__ import annotations

import json
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

from ..core import extract, extract_text
from ..errors import LimitExceededError, NoContentError, ThresherError
from ..options import DEFAULT_OPTIONS, Options
from .records import Damage, Outcome, Record

__all__ = ["Extractor", "Job", "damaged_outcome", "extract_record", "rejected"]

Extractor = Callable[[Record, Options], dict[str, Any]]


def extract_record(record: Record, options: Options) -> dict[str, Any]:
    """The default extractor: the record's Article as a dict (HTML or flattened text)."""
    if record.kind == "html":
        article = extract(record.content, url=record.url, options=options, encoding=record.charset)
    else:
        article = extract_text(record.content, url=record.url, options=options)
    return article.to_dict()


class _TimeUp(BaseException):
    """Raised by the alarm; a BaseException so page code cannot swallow it."""


@dataclass(frozen=True)
class Job:
    """Extract one record into an output row or a reject.

    Attributes:
        options: the extraction options.
        time_limit: seconds one record may take; None for no limit.
        fail_fast: re-raise unexpected errors instead of rejecting the record.
        extractor: record → dict of Article fields; :func:`extract_record` by default (the
            benchmark passes a peer's extractor here to run it through the same pipeline).
        encode_rows: give rows as JSON lines (``Outcome.line``) rather than dicts.
    """

    options: Options = DEFAULT_OPTIONS
    time_limit: float | None = 30.0
    fail_fast: bool = False
    extractor: Extractor = field(default=extract_record)
    encode_rows: bool = False

    def __call__(self, record: Record | Outcome) -> Outcome:
        if isinstance(record, Outcome):  # decided by the reader (a damaged record)
            return record
        try:
            with _deadline(self.time_limit):
                article = self.extractor(record, self.options)
        except NoContentError as exc:
            return _reject(record, exc.reason, str(exc))
        except LimitExceededError as exc:
            return _reject(record, f"limit_exceeded:{exc.limit}", str(exc))
        except ThresherError as exc:
            return _reject(record, type(exc).__name__, str(exc))
        except _TimeUp:
            return _reject(record, "limit_exceeded:time_limit",
                           f"extraction took longer than {self.time_limit} s")
        except MemoryError:
            return _reject(record, "limit_exceeded:memory", "the worker's memory limit was hit")
        except Exception as exc:
            if self.fail_fast:
                raise
            name = type(exc).__name__
            return _reject(record, "error", f"{name}: {exc}", error=name)
        row = _row(record, article)
        if self.encode_rows:
            return Outcome(line=json.dumps(row, ensure_ascii=False) + "\n", offset=record.offset)
        return Outcome(row=row, offset=record.offset)

    def batch(self, records: list[Record | Outcome]) -> list[Outcome]:
        """Several records at once (fewer round trips to a worker process)."""
        return [self(record) for record in records]


def _row(record: Record, article: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {
        "url": record.url or article.get("url"),  # the record's own URL (the WARC target)
        "canonical_url": article.get("url"),  # the page's declared canonical URL, else the same
        "warc_record_id": record.record_id,
        "warc_date": record.warc_date,
        "source": {"file": record.source, "offset": record.offset},
    }
    row.update((key, value) for key, value in article.items() if key != "url")
    return row


def _reject(record: Record, reason: str, message: str, error: str | None = None) -> Outcome:
    return rejected(record.record_id, record.url, record.source, record.offset, reason, message,
                    error)


def rejected(
    record_id: str | None,
    url: str | None,
    source: str,
    offset: int,
    reason: str,
    message: str,
    error: str | None = None,
) -> Outcome:
    """The outcome of a record that yields no row, with the reason written to the rejects."""
    return Outcome(
        reject={
            "warc_record_id": record_id,
            "url": url,
            "reason": reason,
            "message": " ".join(message.split())[:500],
            "source": {"file": source, "offset": offset},
        },
        error=error,
        offset=offset,
    )


def damaged_outcome(damage: Damage, source: str) -> Outcome:
    """A record the reader could not read whole: rejected as ``damaged_record``."""
    return rejected(damage.record_id, damage.url, source, damage.offset, "damaged_record",
                    damage.message)


@contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`_TimeUp` in this thread after ``seconds``, where signals allow it."""
    if (
        not seconds
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
