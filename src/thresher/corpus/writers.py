"""Writers: output rows to JSON Lines or Parquet, into a temporary file that becomes the
shard's output only when the shard is complete (an atomic rename), so a reader of the output
folder never sees half a shard.

The Parquet schema follows :class:`~thresher.Article`'s fields (nested blocks, links and
lists keep their structure), after the provenance columns ``url`` (the record's own URL),
``canonical_url`` (the Article's ``url``: the canonical URL the page declares, else the
record's), ``warc_record_id``, ``warc_date`` and ``source`` (file, offset), so every shard
of a run has the same schema.
"""

from __future__ import annotations

import dataclasses
import json
import os
import types
import typing
from contextlib import suppress
from pathlib import Path
from typing import IO, Any, Literal, Protocol

from ..article import Article

__all__ = ["FORMATS", "OutputFormat", "RowWriter", "open_writer", "row_schema"]

OutputFormat = Literal["jsonl", "parquet"]
FORMATS: tuple[OutputFormat, ...] = ("jsonl", "parquet")
SUFFIX = {"jsonl": ".jsonl", "parquet": ".parquet"}
_PARQUET_BATCH = 512

if typing.TYPE_CHECKING:
    import pyarrow as pa


class RowWriter(Protocol):
    """Write rows; ``commit`` publishes the file, ``abort`` removes the temporary one."""

    path: Path

    def write(self, row: dict[str, Any]) -> None: ...

    def write_line(self, line: str) -> None: ...

    def commit(self) -> None: ...

    def abort(self) -> None: ...


def temporary_path(path: Path) -> Path:
    """Where a file is written before it is renamed onto ``path``."""
    return path.with_name(f".{path.name}.tmp")


class _Atomic:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.temp = temporary_path(path)

    def _publish(self) -> None:
        os.replace(self.temp, self.path)

    def _remove(self) -> None:
        with suppress(FileNotFoundError):
            self.temp.unlink()


class JsonlWriter(_Atomic):
    """One JSON object per line, UTF-8."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._stream: IO[str] = open(self.temp, "w", encoding="utf-8")  # noqa: SIM115 - closed by commit/abort

    def write(self, row: dict[str, Any]) -> None:
        self._stream.write(json.dumps(row, ensure_ascii=False) + "\n")

    def write_line(self, line: str) -> None:
        """Write a row already encoded as one JSON line (ending with a newline)."""
        self._stream.write(line)

    def commit(self) -> None:
        self._stream.flush()
        os.fsync(self._stream.fileno())
        self._stream.close()
        self._publish()

    def abort(self) -> None:
        self._stream.close()
        self._remove()


class ParquetWriter(_Atomic):
    """Parquet with :func:`row_schema`, written in row groups as rows arrive."""

    def __init__(self, path: Path) -> None:
        import pyarrow.parquet as pq

        super().__init__(path)
        self._schema = row_schema()
        self._writer = pq.ParquetWriter(self.temp, self._schema, compression="zstd")
        self._rows: list[dict[str, Any]] = []

    def write(self, row: dict[str, Any]) -> None:
        self._rows.append(row)
        if len(self._rows) >= _PARQUET_BATCH:
            self._flush()

    def write_line(self, line: str) -> None:
        self.write(json.loads(line))

    def _flush(self) -> None:
        import pyarrow as pa

        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self._schema))
            self._rows = []

    def commit(self) -> None:
        self._flush()
        self._writer.close()
        self._publish()

    def abort(self) -> None:
        self._rows = []
        try:
            self._writer.close()
        finally:
            self._remove()


def open_writer(path: Path, fmt: OutputFormat) -> RowWriter:
    """A writer of ``fmt`` whose output appears at ``path`` on commit."""
    return ParquetWriter(path) if fmt == "parquet" else JsonlWriter(path)


def row_schema() -> pa.Schema:
    """The Arrow schema of an output row: provenance columns, then the Article's fields."""
    import pyarrow as pa

    fields = [
        pa.field("url", pa.string()),
        pa.field("canonical_url", pa.string()),
        pa.field("warc_record_id", pa.string()),
        pa.field("warc_date", pa.string()),
        pa.field("source", pa.struct([("file", pa.string()), ("offset", pa.int64())])),
    ]
    for name, kind in _article_columns():
        if name != "url":
            fields.append(pa.field(name, kind))
    return pa.schema(fields)


def _article_columns() -> list[tuple[str, pa.DataType]]:
    """Article.to_dict()'s keys with their Arrow types, in order."""
    import pyarrow as pa

    hints = typing.get_type_hints(Article)
    columns = {f.name: _arrow_type(hints[f.name]) for f in dataclasses.fields(Article) if f.init}
    columns["text"] = pa.string()
    return [(key, columns[key]) for key in Article().to_dict()]


def _arrow_type(hint: Any) -> pa.DataType:
    import pyarrow as pa

    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in args if a is not type(None)]
        return _arrow_type(inner)
    if origin in (tuple, list):
        return pa.list_(_arrow_type(args[0]))
    if origin is Literal or hint is str:
        return pa.string()
    if hint is bool:
        return pa.bool_()
    if hint is int:
        return pa.int64()
    if hint is float:
        return pa.float64()
    if dataclasses.is_dataclass(hint):
        sub = typing.get_type_hints(hint)
        return pa.struct(
            [(f.name, _arrow_type(sub[f.name])) for f in dataclasses.fields(hint) if f.init]
        )
    return pa.string()


def write_json(path: Path, data: Any) -> None:
    """Write a small JSON file atomically."""
    temp = temporary_path(path)
    temp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(temp, path)
