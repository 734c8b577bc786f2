"""Inputs for the corpus tests, built at test time: news pages, WARC, WET and JSON Lines files,
and extractors that misbehave on purpose (slow, hanging, crashing) to test the guards."""

from __future__ import annotations

import gzip
import html
import json
import os
import random
import signal
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.warcfile import http_response, warc_record
from thresher import Options
from thresher.corpus import Record, extract_record

_WORDS = (
    "harbour council river bridge station market library school garden orchard festival "
    "museum railway ferry village meadow harvest bakery tram canal quarry workshop theatre "
    "archive lighthouse vineyard mill forest island valley tunnel square chapel stadium "
    "clinic factory pier cathedral airport reservoir allotment footpath"
).split()
_VERBS = "opened reopened approved rejected repaired extended funded closed renamed".split()


def news_page(index: int, *, charset: str = "utf-8") -> str:
    """A news page with menus, a newsletter box, related links and a footer; its body
    paragraphs use words chosen by ``index`` so every page differs."""
    rng = random.Random(index)
    topic = rng.choice(_WORDS)
    title = f"Town {topic} {rng.choice(_VERBS)} after long campaign, number {index}"
    paragraphs = []
    for _ in range(6):
        words = [rng.choice(_WORDS) for _ in range(28)]
        sentence = " ".join(words)
        paragraphs.append(
            f"Residents said the {topic} was {rng.choice(_VERBS)} near the {sentence}, "
            f"and the council agreed to review the plans again next year."
        )
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    related = "\n".join(
        f'<li><a href="/news/{i}">Another story about the {rng.choice(_WORDS)}</a></li>'
        for i in range(4)
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}"><title>{title} | Valley Herald</title></head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
<main><article>
<h1>{title}</h1>
<div class="byline">By Alex Morgan</div>
{body}
<aside class="newsletter"><h3>Get our daily briefing</h3>
<form><input type="email" placeholder="Email address"><button>Sign up</button></form></aside>
</article>
<section class="related"><h2>Related stories</h2><ul>{related}</ul></section>
</main>
<footer><p>Copyright Valley Herald. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul></footer>
</body></html>"""


def flat_page(index: int) -> str:
    """The flattened text of :func:`news_page`: every menu and footer line still there."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(news_page(index))
    lines = []
    for node in tree.css("title, li, h1, h2, h3, p, div.byline, button"):
        text = node.text(deep=True, separator=" ", strip=True)
        if text and text not in lines:
            lines.append(text)
    return "\n".join(lines)


@dataclass
class WarcRecordSpec:
    """One record to write: its WARC type, URI, payload and extra WARC headers."""

    warc_type: str
    uri: str
    payload: bytes
    content_type: str = "application/http; msgtype=response"
    record_id: str = ""

    def encode(self) -> bytes:
        return warc_record(self.warc_type, self.uri, self.payload, self.content_type,
                           self.record_id or None)


@dataclass
class BuiltWarc:
    path: Path
    html_ids: list[str]  # record ids of the HTML responses, in order
    skipped: dict[str, int]  # what the reader must skip, by why


def write_warc(path: Path, pages: list[tuple[str, str]], *, extras: bool = True) -> BuiltWarc:
    """A gzipped WARC (one gzip member per record) with an HTML response per (url, html)
    page, and, with ``extras``, the records a crawl also holds: warcinfo, requests,
    metadata, a PNG, a JSON response, a 404 and a response with a wrong charset."""
    records: list[WarcRecordSpec] = []
    html_ids: list[str] = []
    skipped: dict[str, int] = {}

    def skip(why: str) -> None:
        skipped[why] = skipped.get(why, 0) + 1

    if extras:
        records.append(WarcRecordSpec("warcinfo", "", b"software: test\r\n",
                                      "application/warc-fields"))
        skip("warcinfo")
    for i, (url, page) in enumerate(pages):
        if extras:
            records.append(WarcRecordSpec("request", url, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                                          "application/http; msgtype=request"))
            skip("request")
        record_id = f"<urn:uuid:{uuid.UUID(int=i + 1)}>"
        charset = "utf-8"
        if extras and i == 1:
            charset = "iso-8859-1"  # the body is UTF-8: the declared charset is wrong
        body = page.encode("utf-8")
        records.append(WarcRecordSpec("response", url,
                                      http_response(body, f"text/html; charset={charset}"),
                                      record_id=record_id))
        html_ids.append(record_id)
        if extras:
            records.append(WarcRecordSpec("metadata", url, b"fetchTimeMs: 120\r\n",
                                          "application/warc-fields"))
            skip("metadata")
    if extras:
        records.append(WarcRecordSpec("response", "http://x.example/logo.png",
                                      http_response(b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
                                                    "image/png")))
        records.append(WarcRecordSpec("response", "http://x.example/api",
                                      http_response(b'{"a": 1}', "application/json")))
        skip("non_html")
        skip("non_html")
        records.append(WarcRecordSpec("response", "http://x.example/gone",
                                      http_response(b"<html>gone</html>", "text/html",
                                                    "404 Not Found")))
        skip("http_status")
    with open(path, "wb") as out:
        for record in records:
            out.write(record.encode())
    return BuiltWarc(path, html_ids, skipped)


def write_news_shards(
    folder: Path, shards: int, per_shard: int
) -> tuple[list[str], list[str]]:
    """``shards`` gzipped WARCs of ``per_shard`` news pages each (no other records): their
    paths, and the record ids of all their HTML responses."""
    paths, ids = [], []
    for n in range(shards):
        built = write_warc(folder / f"s{n}.warc.gz",
                           [(f"https://valley.example/{n}/{i}", news_page(n * 10 + i))
                            for i in range(per_shard)], extras=False)
        paths.append(str(built.path))
        ids.extend(built.html_ids)
    return paths, ids


def write_wet(path: Path, texts: list[tuple[str, str]]) -> list[str]:
    """A gzipped WET file: a warcinfo record, then one conversion record per (url, text)."""
    ids = []
    with open(path, "wb") as out:
        out.write(WarcRecordSpec("warcinfo", "", b"software: test\r\n",
                                 "application/warc-fields").encode())
        for i, (url, text) in enumerate(texts):
            record_id = f"<urn:uuid:{uuid.UUID(int=10_000 + i)}>"
            ids.append(record_id)
            out.write(WarcRecordSpec("conversion", url, text.encode("utf-8"), "text/plain",
                                     record_id=record_id).encode())
    return ids


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")


def output_rows(out_dir: Path) -> list[dict[str, Any]]:
    """Every row of every JSON Lines output file in ``out_dir`` (not rejects)."""
    rows = []
    for path in sorted(out_dir.glob("*.jsonl")):
        if not path.name.endswith(".rejects.jsonl"):
            rows.extend(json.loads(line) for line in path.read_text().splitlines())
    return rows


def reject_rows(out_dir: Path) -> list[dict[str, Any]]:
    rows = []
    for path in sorted(out_dir.glob("*.rejects.jsonl")):
        rows.extend(json.loads(line) for line in path.read_text().splitlines())
    return rows


# --- extractors that misbehave on purpose (module level, so worker processes can load them)


def slow_extractor(record: Record, options: Options) -> dict[str, Any]:
    """The real extractor, 50 ms slower per record, so a test can stop a run half-way."""
    time.sleep(0.05)
    return extract_record(record, options)


def crashing_extractor(record: Record, options: Options) -> dict[str, Any]:
    """Kills its own process (as the OOM killer would) on a record whose URL says "crash"."""
    if record.url and "crash" in record.url:
        os.kill(os.getpid(), signal.SIGKILL)
    return extract_record(record, options)


def hanging_extractor(record: Record, options: Options) -> dict[str, Any]:
    """Never returns on a record whose URL says "hang"."""
    while record.url and "hang" in record.url:
        time.sleep(0.01)
    return extract_record(record, options)


def raising_extractor(record: Record, options: Options) -> dict[str, Any]:
    """Raises an unexpected error on a record whose URL says "bug"."""
    if record.url and "bug" in record.url:
        raise KeyError("a bug in page handling")
    return extract_record(record, options)


def memory_hog_extractor(record: Record, options: Options) -> dict[str, Any]:
    """Tries to allocate 8 GB on a record whose URL says "hog"."""
    if record.url and "hog" in record.url:
        hog = bytearray(8 << 30)
        return {"text": str(len(hog))}
    return extract_record(record, options)
