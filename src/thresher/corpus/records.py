"""What flows through a corpus run: input records, the outcome of extracting each, and the
per-shard counts.

Every type here is a plain, picklable value, so records and outcomes can cross process
boundaries (a local process pool, Ray tasks) unchanged.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["Damage", "Outcome", "Record", "ShardStats", "Skip"]

RecordKind = Literal["html", "text"]


@dataclass(frozen=True, slots=True)
class Record:
    """One page to extract, with where it came from.

    Attributes:
        content: the payload as read: HTML bytes, or the flattened text.
        kind: ``"html"`` goes to :func:`thresher.extract`, ``"text"`` to
            :func:`thresher.extract_text`.
        source: the file (or URL) the record was read from.
        offset: where the record starts in ``source``: a byte offset in the (compressed)
            file for WARC, WET and JSON Lines, 0 for a page file.
        url: the page's URL, when the input says it.
        record_id: the WARC-Record-ID, or the ``id`` field of a JSON Lines record.
        warc_date: the WARC-Date (ISO 8601), for WARC and WET input.
        charset: the charset the HTTP headers declared, passed on to decoding.
    """

    content: bytes | str
    kind: RecordKind
    source: str
    offset: int
    url: str | None = None
    record_id: str | None = None
    warc_date: str | None = None
    charset: str | None = None


@dataclass(frozen=True, slots=True)
class Skip:
    """A record the reader did not pass on, and why (a WARC record type, ``"non_html"`` …)."""

    why: str
    offset: int = 0


@dataclass(frozen=True, slots=True)
class Damage:
    """Part of an input the reader could not read: where, and what went wrong.

    When the damage hit a record whose headers were read, ``record_id`` and ``url`` name it,
    and the record is rejected as ``damaged_record`` rather than extracted from half a page.
    """

    offset: int
    message: str
    record_id: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one record: an output row, or a reject with a reason.

    ``error`` names the exception class when extraction failed unexpectedly (not a
    :class:`~thresher.ThresherError`); such records are rejected with reason ``"error"``.
    For JSON Lines output the row comes already encoded as ``line``, by the process that
    extracted it, so the process writing the shard does as little as possible.
    """

    row: dict[str, Any] | None = None
    reject: dict[str, Any] | None = None
    error: str | None = None
    line: str | None = None
    offset: int = 0

    @property
    def extracted(self) -> bool:
        return self.row is not None or self.line is not None


@dataclass
class ShardStats:
    """The counts a shard's ``*.stats.json`` holds; ``records_in`` = extracted + rejected."""

    shard: str
    output: str = ""
    records_in: int = 0
    extracted: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    damage: list[dict[str, Any]] = field(default_factory=list)
    bytes_in: int = 0
    seconds: float = 0.0

    def count(self, outcome: Outcome) -> None:
        """Add one record's outcome."""
        self.records_in += 1
        if outcome.extracted:
            self.extracted += 1
        elif outcome.reject is not None:
            self.rejected[str(outcome.reject["reason"])] += 1
        if outcome.error:
            self.errors[outcome.error] += 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "shard": self.shard,
            "output": self.output,
            "records_in": self.records_in,
            "extracted": self.extracted,
            "rejected": dict(sorted(self.rejected.items())),
            "skipped": dict(sorted(self.skipped.items())),
            "errors": dict(sorted(self.errors.items())),
            "damage": self.damage,
            "bytes_in": self.bytes_in,
            "seconds": round(self.seconds, 3),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ShardStats:
        return cls(
            shard=data["shard"],
            output=data.get("output", ""),
            records_in=data["records_in"],
            extracted=data["extracted"],
            rejected=Counter(data.get("rejected", {})),
            skipped=Counter(data.get("skipped", {})),
            errors=Counter(data.get("errors", {})),
            damage=list(data.get("damage", [])),
            bytes_in=data.get("bytes_in", 0),
            seconds=data.get("seconds", 0.0),
        )
