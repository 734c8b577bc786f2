"""Readers: input files in, a stream of records out — never a whole archive in memory.

One input file is one *shard*, the unit a run finishes, skips or redoes:

- **WARC** (``.warc``, ``.warc.gz``, also zstd/lz4, read with FastWARC): ``response`` records
  whose HTTP status is 2xx and whose Content-Type is HTML become HTML records, with the HTTP
  charset passed on to decoding; ``conversion`` records (a **WET** file, ``.wet.gz``) become
  flattened-text records. Every other record is skipped and counted by why.
- **JSON Lines** (``.jsonl``, ``.jsonl.gz``): one object per line with an ``html`` or a
  ``text`` field, and optionally ``url`` and ``id``.
- **Page files** in a folder (``.html``, ``.htm``, ``.txt``, optionally gzipped): the files
  under one folder given as input form one shard.
- **Path listings** (``.paths``, ``.paths.gz``, as Common Crawl publishes them): every line names
  one input; relative lines are joined to ``base_url``.

Payloads are read up to one byte past ``max_input_bytes``, so a huge record costs no more
memory than the limit and is rejected by extraction with the limit named.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import zlib
from collections import Counter
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, Literal

from ..errors import LimitExceededError
from .records import Damage, Record, RecordKind, Skip

__all__ = [
    "COMMON_CRAWL_URL",
    "InputKind",
    "Shard",
    "find_shards",
    "looks_like_html",
    "read_page_file",
    "read_shard",
]

InputKind = Literal["auto", "html", "text"]
ReaderName = Literal["warc", "jsonl", "files"]
Item = Record | Skip | Damage

COMMON_CRAWL_URL = "https://data.commoncrawl.org/"
WARC_SUFFIXES = (".warc", ".warc.gz", ".warc.zst", ".warc.lz4", ".arc.gz", ".wet", ".wet.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
TEXT_SUFFIXES = (".txt", ".txt.gz")
LISTING_SUFFIXES = (".paths", ".paths.gz")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_CHUNK = 1 << 16
_CHECK_BYTES = 16 << 20  # records up to this size are checked whole when damage is suspected
_CONTENT_LENGTH = re.compile(rb"(?im)^content-length:[ \t]*(\d+)[ \t]*\r?$")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/xhtml"})
_SNIFF_CHARS = 1024
# markup starts with a doctype, a comment, an XML declaration or a tag
_MARKUP_START = re.compile(r"<(?:!doctype|!--|\?xml|/?[a-z][a-z0-9-]*(?:[\s/>]|$))", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Shard:
    """One unit of work: an archive or JSON Lines file, or the page files of one folder.

    ``name`` is unique within a run and names the shard's output files.
    """

    path: str
    reader: ReaderName
    name: str
    files: tuple[str, ...] = ()


def looks_like_html(data: bytes) -> bool:
    """Tell HTML from flattened text by how the input starts (after a BOM and whitespace)."""
    head = data[: _SNIFF_CHARS * 4]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", "ignore")
    else:
        text = head.decode("utf-8", "ignore")
    return _MARKUP_START.match(text.lstrip("\ufeff \t\r\n\x00")[:_SNIFF_CHARS]) is not None


def read_page_file(path: str | Path, limit: int) -> bytes:
    """One page file's bytes, gunzipped for ``.gz``, at most ``limit + 1`` of them.

    Raises:
        OSError: the file cannot be read, or is corrupt gzip.
        LimitExceededError: a plain file is larger than ``limit``.
    """
    path = Path(path)
    if path.name.lower().endswith(".gz"):
        try:
            with gzip.open(path, "rb") as stream:
                return stream.read(limit + 1)
        except (EOFError, zlib.error) as exc:  # truncated or corrupt
            raise OSError(f"corrupt gzip data ({exc})") from exc
    size = path.stat().st_size
    if size > limit:
        raise LimitExceededError("max_input_bytes", size, limit)
    return path.read_bytes()


def find_shards(
    inputs: Iterable[str], input_kind: InputKind = "auto", base_url: str = COMMON_CRAWL_URL
) -> list[Shard]:
    """The shards the inputs name, in a stable order, each with a unique name.

    Files are taken by their suffix; a folder contributes its archives and JSON Lines files
    (each a shard) and its page files (together one shard); a path listing contributes the
    inputs it lists. URLs (``s3://``, ``https://``) are read through fsspec when installed.

    Raises:
        FileNotFoundError: an input does not exist or holds nothing thresher reads.
    """
    found: list[tuple[str, ReaderName, tuple[str, ...]]] = []
    page_suffixes = _page_suffixes(input_kind)
    for item in inputs:
        lower = item.lower()
        if lower.endswith(LISTING_SUFFIXES):
            found.extend((p, _reader_for(p), ()) for p in _read_listing(item, base_url))
        elif "://" in item or os.path.isfile(item):
            found.append((item, _reader_for(item), (item,)))
        elif os.path.isdir(item):
            inside = sorted(p for p in Path(item).rglob("*") if p.is_file())
            found.extend(
                (str(p), _reader_for(str(p)), ())
                for p in inside
                if p.name.lower().endswith(WARC_SUFFIXES + JSONL_SUFFIXES)
            )
            pages = tuple(str(p) for p in inside if p.name.lower().endswith(page_suffixes))
            if pages:
                found.append((item, "files", pages))
            if not pages and not any(path.startswith(item) for path, _, _ in found):
                raise FileNotFoundError(f"{item}: no WARC, JSON Lines or page files")
        else:
            raise FileNotFoundError(f"{item}: no such file or folder")
    stems = Counter(_stem(path) for path, _, _ in found)
    shards = []
    for path, reader, files in found:
        name = _stem(path)
        if stems[name] > 1:  # the same file name in two folders: tell them apart
            name += "-" + hashlib.sha1(path.encode()).hexdigest()[:8]
        shards.append(Shard(path, reader, name, files if reader == "files" else ()))
    return shards


def read_shard(
    shard: Shard, max_bytes: int, input_kind: InputKind = "auto"
) -> Iterator[Record | Skip | Damage]:
    """Stream a shard's records, with a :class:`Skip` for each record passed over and a
    :class:`Damage` where the input cannot be read further."""
    if shard.reader == "warc":
        yield from _read_warc(shard.path, max_bytes, input_kind)
    elif shard.reader == "jsonl":
        yield from _read_jsonl(shard.path, max_bytes, input_kind)
    else:
        yield from _read_files(shard.files, max_bytes, input_kind)


def _read_warc(path: str, max_bytes: int, input_kind: InputKind) -> Iterator[Item]:
    """Read a WARC file, and past damage: after a corrupt or cut-short part, reading resumes
    at the next record that can be read (local files; a damaged URL input stops there)."""
    start = 0
    while True:
        failed_at = yield from _read_warc_from(path, start, max_bytes, input_kind)
        if failed_at is None or "://" in path:
            return
        resume = _next_record_start(path, failed_at + 1)
        if resume is None:
            return
        start = resume


def _read_warc_from(
    path: str, start: int, max_bytes: int, input_kind: InputKind
) -> Generator[Item, None, int | None]:
    """Read records from ``start``; return None at a clean end, else where reading failed.

    Each record is held back until the next one parses: a record whose Content-Length lies,
    or that the file cuts short, is reported as :class:`Damage` instead of extracted.
    """
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    offset = start
    held: tuple[Record | Skip, Damage] | None = None  # the last item, and its damage report
    seen = 0
    error = None
    try:
        with _open(path, start=start) as stream:
            records = ArchiveIterator(
                stream, record_types=WarcRecordType.any_type, parse_http=True,
                auto_decode="content",
            )
            for record in records:
                seen += 1
                offset = int(record.stream_pos)
                if held is not None:
                    yield held[0]
                item = _warc_item(record, offset, path, max_bytes, input_kind)
                # a damaged response or conversion is a page lost: it will be rejected
                page = str(record.record_type).endswith(("response", "conversion"))
                held = item, Damage(
                    offset, "", (record.record_id or None) if page else None,
                    record.headers.get("WARC-Target-URI") or None)
    except (OSError, ValueError, EOFError, zlib.error) as exc:
        error = f"{type(exc).__name__}: {exc}"
    if held is not None:
        item, damage = held
        if not _record_intact(path, damage.offset):
            # its Content-Length lies or the file cuts it short: whatever followed it in
            # the file was read as its content, so reading resumes right after its start
            why = error or "the record's length does not match its content"
            yield replace(damage, message=why)
            return damage.offset
        yield item
    if error is not None:
        yield Damage(offset, f"after the record at offset {offset}: {error}" if seen else error)
        return offset
    if not seen and _file_size(path) > 0 and start == 0:
        yield Damage(0, "no WARC record could be read")
    return None


def _warc_item(
    record: Any, offset: int, path: str, max_bytes: int, input_kind: InputKind
) -> Record | Skip:
    kind = str(record.record_type).rsplit(".", 1)[-1]
    charset = None
    if kind == "conversion":
        record_kind: RecordKind = "html" if input_kind == "html" else "text"
    elif kind == "response" and record.is_http:
        status = record.http_headers.status_code if record.http_headers else None
        if status is None or not 200 <= int(status) < 300:
            return Skip("http_status", offset)
        content_type = (record.http_content_type or "").lower()
        if content_type not in _HTML_TYPES and input_kind != "html":
            return Skip("non_html", offset)
        record_kind, charset = "html", record.http_charset
    else:
        return Skip(kind, offset)
    date = record.record_date
    return Record(
        content=record.reader.read(max_bytes + 1),
        kind=record_kind,
        source=path,
        offset=offset,
        url=record.headers.get("WARC-Target-URI") or None,
        record_id=record.record_id or None,
        warc_date=date.isoformat().replace("+00:00", "Z") if date else None,
        charset=charset,
    )


def _open(path: str, *, start: int = 0, inflate: bool = False) -> IO[bytes]:
    """Open a local path or a URL (through fsspec) for reading bytes from ``start``; with
    ``inflate``, a ``.gz`` file is decompressed on the fly (WARC files are not: fastwarc
    reads their gzip members itself)."""
    if "://" in path:
        import fsspec

        compression = "infer" if inflate else None
        stream: IO[bytes] = fsspec.open(path, "rb", compression=compression).open()
    elif inflate and path.lower().endswith(".gz"):
        stream = gzip.open(path, "rb")  # type: ignore[assignment]  # noqa: SIM115
    else:
        stream = open(path, "rb")  # noqa: SIM115 - the caller closes it
    if start:
        stream.seek(start)
    return stream


def _is_gzip(path: str) -> bool:
    if "://" in path:
        return False
    with open(path, "rb") as stream:
        return stream.read(2) == _GZIP_MAGIC[:2]


def _file_size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _record_intact(path: str, offset: int) -> bool:
    """Whether the record at ``offset`` ends where its Content-Length says, followed by the
    record separator (and, in a gzipped WARC, by the end of its gzip member).

    Records too large to check in memory here are trusted; URL inputs are not checked.
    """
    if "://" in path:
        return True
    gzipped = _is_gzip(path)
    with open(path, "rb") as stream:
        stream.seek(offset)
        raw, ended = _inflate_member(stream) if gzipped else (stream.read(_CHECK_BYTES), True)
    head_end = raw.find(b"\r\n\r\n")
    length = _CONTENT_LENGTH.search(raw, 0, max(head_end, 0) + 2) if head_end >= 0 else None
    if length is None:
        return False
    end = head_end + 4 + int(length.group(1))
    if end + 4 > _CHECK_BYTES:
        return True
    if raw[end:end + 4] != b"\r\n\r\n":
        return False
    return not gzipped or (ended and len(raw) == end + 4)


def _inflate_member(stream: IO[bytes]) -> tuple[bytes, bool]:
    """Inflate the gzip member at the stream's position, up to ``_CHECK_BYTES`` of output;
    also say whether the member ended (False: cut short, corrupt, or too large to tell)."""
    inflater = zlib.decompressobj(wbits=31)
    out = bytearray()
    try:
        while not inflater.eof and len(out) <= _CHECK_BYTES:
            data = inflater.unconsumed_tail or stream.read(_CHUNK)
            if not data:
                return bytes(out), False
            out += inflater.decompress(data, _CHECK_BYTES + 1 - len(out))
    except zlib.error:
        return bytes(out), False
    return bytes(out), inflater.eof


def _next_record_start(path: str, position: int) -> int | None:
    """The offset of the next readable record at or after ``position``, or None.

    In a gzipped WARC each record is its own gzip member: the next member whose start
    inflates to a WARC header. In a plain WARC: the next line starting a WARC header.
    """
    gzipped = _is_gzip(path)
    marker = _GZIP_MAGIC if gzipped else b"\nWARC/1."
    with open(path, "rb") as stream:
        stream.seek(position)
        base, buffer = position, b""
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk:
                return None
            buffer += chunk
            found = buffer.find(marker)
            while found != -1:
                candidate = base + found + (0 if gzipped else 1)
                if not gzipped or _starts_warc_member(buffer[found:found + _CHUNK]):
                    return candidate
                found = buffer.find(marker, found + 1)
            keep = len(marker) - 1  # a marker split across two chunks
            base += len(buffer) - keep
            buffer = buffer[-keep:]


def _starts_warc_member(data: bytes) -> bool:
    try:
        return zlib.decompressobj(wbits=31).decompress(data, 16).startswith(b"WARC/")
    except zlib.error:
        return False


def _read_jsonl(path: str, max_bytes: int, input_kind: InputKind) -> Iterator[Item]:
    offset = 0
    try:
        with _open(path, inflate=True) as raw:
            for number, line in enumerate(raw, start=1):
                line_offset, offset = offset, offset + len(line)
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except ValueError as exc:
                    yield Damage(line_offset, f"line {number}: not JSON ({exc})")
                    continue
                if not isinstance(obj, dict):
                    yield Skip("not_an_object", line_offset)
                    continue
                html, text = obj.get("html"), obj.get("text")
                if isinstance(html, str) and input_kind != "text":
                    content, kind = html, "html"
                elif isinstance(text, str):
                    content, kind = text, ("html" if input_kind == "html" else "text")
                else:
                    yield Skip("no_html_or_text", line_offset)
                    continue
                url, ident = obj.get("url"), obj.get("id")
                yield Record(
                    content=content[: max_bytes + 1],
                    kind=kind,  # type: ignore[arg-type]
                    source=path,
                    offset=line_offset,
                    url=url if isinstance(url, str) else None,
                    record_id=str(ident) if ident is not None else None,
                )
    except (OSError, EOFError, zlib.error) as exc:
        yield Damage(offset, f"{type(exc).__name__}: {exc}")


def _read_files(files: tuple[str, ...], max_bytes: int, input_kind: InputKind) -> Iterator[Item]:
    for path in files:
        try:
            try:
                data = read_page_file(path, max_bytes)
            except LimitExceededError:  # extraction rejects it, naming the limit
                with open(path, "rb") as stream:
                    data = stream.read(max_bytes + 1)
        except OSError as exc:
            yield Damage(0, f"{path}: {type(exc).__name__}: {exc}")
            continue
        if input_kind == "auto":
            kind: RecordKind = "html" if looks_like_html(data) else "text"
        else:
            kind = input_kind
        yield Record(content=data, kind=kind, source=path, offset=0, record_id=path)


def _read_listing(path: str, base_url: str) -> list[str]:
    with _open(path, inflate=True) as raw:
        lines = [line.decode("utf-8").strip() for line in raw]
    here = os.path.dirname(path)
    out = []
    for line in lines:
        if not line or line.startswith("#"):
            continue
        if "://" in line or os.path.isabs(line):
            out.append(line)
        elif base_url:
            out.append(base_url.rstrip("/") + "/" + line)
        else:
            out.append(os.path.join(here, line))
    return out


def _reader_for(path: str) -> ReaderName:
    lower = path.lower()
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(WARC_SUFFIXES):
        return "warc"
    if lower.endswith(HTML_SUFFIXES + TEXT_SUFFIXES):
        return "files"
    raise FileNotFoundError(f"{path}: not a WARC, WET, JSON Lines or page file")


def _page_suffixes(input_kind: InputKind) -> tuple[str, ...]:
    if input_kind == "html":
        return HTML_SUFFIXES
    if input_kind == "text":
        return TEXT_SUFFIXES
    return HTML_SUFFIXES + TEXT_SUFFIXES


def _stem(path: str) -> str:
    name = path.rstrip("/").rsplit("/", 1)[-1] or "input"
    for suffix in (".gz", ".zst", ".lz4"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return re.sub(r"[^\w.-]+", "_", stem) or "input"
