"""Write WARC and WET records (one gzip member each, as crawlers write them) for the scale
benchmark and the corpus tests."""

from __future__ import annotations

import gzip
import uuid

__all__ = ["http_response", "warc_record"]


def warc_record(
    warc_type: str,
    uri: str,
    payload: bytes,
    content_type: str = "application/http; msgtype=response",
    record_id: str | None = None,
    date: str = "2024-03-04T05:06:07Z",
) -> bytes:
    """One gzipped WARC/1.0 record."""
    record_id = record_id or f"<urn:uuid:{uuid.uuid4()}>"
    head = (
        "WARC/1.0\r\n"
        f"WARC-Type: {warc_type}\r\n"
        f"WARC-Record-ID: {record_id}\r\n"
        f"WARC-Date: {date}\r\n"
        f"WARC-Target-URI: {uri}\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + payload + b"\r\n\r\n", compresslevel=6)


def http_response(body: bytes, content_type: str, status: str = "200 OK") -> bytes:
    """An HTTP/1.1 response as a WARC response record holds it."""
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
