"""Damaged archives: the reader reports the damage with its offset, keeps every record it
can, and the run goes on. Every archive here is built by the test from its own pages."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from bench.warcfile import http_response, warc_record
from tests.corpus_support import news_page, output_rows, reject_rows, write_warc
from thresher.corpus import Record, find_shards, read_shard, run
from thresher.corpus.records import Damage

N = 6


@pytest.fixture()
def members(tmp_path: Path) -> list[bytes]:
    """The gzip members of a clean WARC with N HTML responses, one member per record."""
    built = write_warc(tmp_path / "clean.warc.gz",
                       [(f"https://valley.example/{i}", news_page(i)) for i in range(N)],
                       extras=False)
    data = built.path.read_bytes()
    starts = [m.start() for m in re.finditer(rb"\x1f\x8b\x08", data)]
    # every record's member starts with the magic; keep only real member starts
    offsets = [r.offset for r in read_shard(find_shards([str(built.path)])[0], 10**7)
               if isinstance(r, Record)]
    assert set(offsets) <= set(starts) and len(offsets) == N
    bounds = [*offsets, len(data)]
    return [data[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def read_all(path: Path) -> tuple[list[Record], list[Damage]]:
    (shard,) = find_shards([str(path)])
    items = list(read_shard(shard, max_bytes=20_000_000))
    return ([i for i in items if isinstance(i, Record)],
            [i for i in items if isinstance(i, Damage)])


def urls(records: list[Record]) -> list[str | None]:
    return [r.url for r in records]


def with_content_length(member: bytes, delta: int) -> bytes:
    raw = gzip.decompress(member)
    match = re.search(rb"Content-Length: (\d+)\r\n\r\n", raw)
    assert match
    lied = str(int(match.group(1)) + delta).encode()
    return gzip.compress(raw[:match.start(1)] + lied + raw[match.end(1):])


def test_truncated_file_keeps_the_whole_records_and_reports_the_cut_one(
    members: list[bytes], tmp_path: Path
) -> None:
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(b"".join(members[:4]) + members[4][: len(members[4]) // 2])
    records, damage = read_all(path)
    assert urls(records) == [f"https://valley.example/{i}" for i in range(4)]
    (cut,) = damage
    assert cut.url == "https://valley.example/4" and cut.offset == sum(map(len, members[:4]))


def test_corrupt_member_in_the_middle_is_skipped_and_reading_resumes(
    members: list[bytes], tmp_path: Path
) -> None:
    bad = bytearray(members[2])
    for k in range(40, 90):  # garble the compressed data, keep the gzip header
        bad[k] ^= 0xFF
    path = tmp_path / "corrupt.warc.gz"
    path.write_bytes(b"".join([*members[:2], bytes(bad), *members[3:]]))
    records, damage = read_all(path)

    got = set(urls(records))
    assert {f"https://valley.example/{i}" for i in (0, 3, 4, 5)} <= got
    assert "https://valley.example/2" not in got
    assert damage and all(d.offset <= sum(map(len, members[:3])) for d in damage)


@pytest.mark.parametrize("delta", [4000, -1000])
def test_a_record_whose_content_length_lies_is_rejected_and_the_rest_read(
    members: list[bytes], tmp_path: Path, delta: int
) -> None:
    path = tmp_path / "lies.warc.gz"
    path.write_bytes(b"".join([*members[:2], with_content_length(members[2], delta),
                               *members[3:]]))
    records, damage = read_all(path)
    got = urls(records)
    assert "https://valley.example/2" not in got
    assert {f"https://valley.example/{i}" for i in (0, 1, 3, 4, 5)} <= set(got)
    assert [d.url for d in damage if d.record_id] == ["https://valley.example/2"]


def test_gzip_bomb_costs_no_more_than_the_input_limit(members: list[bytes],
                                                      tmp_path: Path) -> None:
    body = b"<html><body><p>" + b"a" * 60_000_000 + b"</p></body></html>"
    bomb = warc_record("response", "https://valley.example/bomb",
                       http_response(body, "text/html"))
    del body
    assert len(bomb) < 1_000_000  # 60 MB of page in well under 1 MB of file
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(members[0] + bomb + members[1])
    report = run([str(path)], tmp_path / "out", workers=1, progress=False)
    assert report.totals()["rejected"] == {"limit_exceeded:max_input_bytes": 1}
    assert len(output_rows(tmp_path / "out")) == 2


@pytest.mark.parametrize("content", [b"", b"this is not a WARC file at all\n" * 20,
                                     b"\x1f\x8b\x08\x00garbage"])
def test_empty_or_foreign_files_give_no_records_and_do_not_stop_the_run(
    members: list[bytes], tmp_path: Path, content: bytes
) -> None:
    odd = tmp_path / "odd.warc.gz"
    odd.write_bytes(content)
    good = tmp_path / "good.warc.gz"
    good.write_bytes(b"".join(members))
    report = run([str(odd), str(good)], tmp_path / "out", workers=1, progress=False)
    odd_stats, good_stats = report.shards
    assert odd_stats.records_in == 0 and (odd_stats.damage or not content)
    assert good_stats.extracted == N and len(output_rows(tmp_path / "out")) == N


def test_damaged_records_are_rejected_so_every_record_is_accounted_for(
    members: list[bytes], tmp_path: Path
) -> None:
    path = tmp_path / "mixed.warc.gz"
    path.write_bytes(b"".join([*members[:3], with_content_length(members[3], 5000),
                               *members[4:5], members[5][:200]]))
    report = run([str(path)], tmp_path / "out", workers=2, progress=False)
    totals = report.totals()
    assert totals["rejected"].get("damaged_record") == 2
    assert totals["extracted"] == 4 and totals["records_in"] == 6
    rejected = {r["url"] for r in reject_rows(tmp_path / "out")}
    assert rejected == {"https://valley.example/3", "https://valley.example/5"}


def test_uncompressed_warc_resumes_after_a_garbled_record(tmp_path: Path) -> None:
    raw = b"".join(gzip.decompress(warc_record(
        "response", f"https://valley.example/{i}",
        http_response(news_page(i).encode(), "text/html"))) for i in range(4))
    starts = [m.start() for m in re.finditer(rb"WARC/1\.0\r\n", raw)]
    garbled = raw[:starts[1] + 2] + b"XX" + raw[starts[1] + 4:]  # breaks record 1's header
    path = tmp_path / "plain.warc"
    path.write_bytes(garbled)
    records, damage = read_all(path)
    assert {"https://valley.example/0", "https://valley.example/2",
            "https://valley.example/3"} <= set(urls(records))
    assert damage
