"""Corpus runs: WARC, WET and JSON Lines in; JSON Lines and Parquet out; local engine; guards;
re-runs after a kill. Inputs are built at test time from pages written for the tests."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import thresher
from bench.datasets import datasets_dir, iter_pages
from tests.corpus_support import (
    crashing_extractor,
    flat_page,
    hanging_extractor,
    memory_hog_extractor,
    news_page,
    output_rows,
    raising_extractor,
    reject_rows,
    write_jsonl,
    write_news_shards,
    write_warc,
    write_wet,
)
from thresher.corpus import Job, Record, find_shards, read_shard, run
from thresher.corpus.records import Damage, Skip

PAGES = [(f"https://valley.example/news/{i}", news_page(i)) for i in range(12)]


@pytest.fixture()
def warc(tmp_path: Path):  # type: ignore[no-untyped-def]
    return write_warc(tmp_path / "crawl-00001.warc.gz", PAGES)


def test_warc_reader_passes_html_responses_and_counts_the_rest(warc) -> None:  # type: ignore[no-untyped-def]
    (shard,) = find_shards([str(warc.path)])
    items = list(read_shard(shard, max_bytes=10_000_000))
    records = [i for i in items if isinstance(i, Record)]
    skips = [i for i in items if isinstance(i, Skip)]
    assert [r.record_id for r in records] == warc.html_ids
    assert [r.url for r in records] == [url for url, _ in PAGES]
    assert all(r.kind == "html" and r.warc_date == "2024-03-04T05:06:07Z" for r in records)
    assert records[1].charset == "iso-8859-1" and records[0].charset == "utf-8"
    assert records[3].content == PAGES[3][1].encode()
    counted: dict[str, int] = {}
    for skip in skips:
        counted[skip.why] = counted.get(skip.why, 0) + 1
    assert counted == warc.skipped
    assert not [i for i in items if isinstance(i, Damage)]
    # offsets point at the record in the compressed file: it is readable from there alone
    data = warc.path.read_bytes()
    assert all(data[r.offset:r.offset + 2] == b"\x1f\x8b" for r in records)
    offsets = [r.offset for r in records]
    assert offsets == sorted(offsets) and len(set(offsets)) == len(offsets)


def test_local_run_writes_every_html_record_once(warc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    report = run([str(warc.path)], out, workers=2, progress=False)
    totals = report.totals()
    assert totals["records_in"] == len(PAGES)
    assert totals["extracted"] + sum(totals["rejected"].values()) == len(PAGES)
    assert totals["skipped"] == warc.skipped
    rows = output_rows(out)
    ids = [r["warc_record_id"] for r in rows] + [r["warc_record_id"] for r in reject_rows(out)]
    assert sorted(ids) == sorted(warc.html_ids)
    assert [r["warc_record_id"] for r in rows] == [i for i in warc.html_ids if i in ids][:len(rows)]
    # rows are the same as extracting the page directly, plus where it came from
    direct = thresher.extract(PAGES[5][1], url=PAGES[5][0]).to_dict()
    row = next(r for r in rows if r["url"] == PAGES[5][0])
    assert row["text"] == direct["text"] and row["title"] == direct["title"]
    assert row["source"]["file"] == str(warc.path) and row["warc_date"] == "2024-03-04T05:06:07Z"
    # the page whose header declared the wrong charset still reads as UTF-8 words
    wrong = next(r for r in rows if r["url"] == PAGES[1][0])
    assert wrong["text"] == thresher.extract(PAGES[1][1]).text
    stats = json.loads((out / "crawl-00001.stats.json").read_text())
    assert stats["records_in"] == len(PAGES) and stats["skipped"] == warc.skipped
    assert not list(out.glob(".*.tmp"))


def test_parquet_output_holds_the_same_rows(warc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pq = pytest.importorskip("pyarrow.parquet")
    run([str(warc.path)], tmp_path / "j", workers=1, progress=False)
    run([str(warc.path)], tmp_path / "p", fmt="parquet", workers=1, progress=False)
    table = pq.read_table(tmp_path / "p" / "crawl-00001.parquet")
    jsonl = output_rows(tmp_path / "j")
    parquet = table.to_pylist()
    assert len(parquet) == len(jsonl) > 0
    for a, b in zip(jsonl, parquet, strict=True):
        assert a["warc_record_id"] == b["warc_record_id"]
        assert a["text"] == b["text"] and a["authors"] == b["authors"]
        assert [blk["text"] for blk in a["blocks"]] == [blk["text"] for blk in b["blocks"]]
        assert a["related"] == b["related"] and a["source"] == b["source"]


def test_wet_records_go_through_the_flattened_text_extractor(tmp_path: Path) -> None:
    texts = [(f"https://valley.example/news/{i}", flat_page(i)) for i in range(4)]
    ids = write_wet(tmp_path / "crawl.warc.wet.gz", texts)
    report = run([str(tmp_path / "crawl.warc.wet.gz")], tmp_path / "out", workers=1,
                 progress=False)
    assert report.totals()["skipped"] == {"warcinfo": 1}
    rows = output_rows(tmp_path / "out")
    assert [r["warc_record_id"] for r in rows] == ids
    expected = thresher.extract_text(texts[2][1], url=texts[2][0])
    assert rows[2]["text"] == expected.text and "Sign up" not in rows[2]["text"]


def test_jsonl_folder_and_page_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "pages").mkdir(parents=True)
    write_jsonl(folder / "a.jsonl.gz", [
        {"id": "h1", "url": "https://valley.example/1", "html": news_page(1)},
        {"id": "t2", "url": "https://valley.example/2", "text": flat_page(2)},
        {"id": "x3", "title": "neither html nor text"},
        {"id": "e4", "html": ""},
    ])
    for i in (3, 4):
        (folder / "pages" / f"p{i}.html").write_text(news_page(i), encoding="utf-8")
    shards = find_shards([str(folder)])
    assert [(s.reader, s.name) for s in shards] == [("jsonl", "a"), ("files", "in")]
    report = run([str(folder)], tmp_path / "out", workers=1, progress=False)
    totals = report.totals()
    assert totals["records_in"] == 5 and totals["skipped"] == {"no_html_or_text": 1}
    assert totals["rejected"] == {"empty": 1}
    ids = {r["warc_record_id"] for r in output_rows(tmp_path / "out")}
    assert {"h1", "t2"} <= ids and len(ids) == 4
    assert reject_rows(tmp_path / "out")[0]["warc_record_id"] == "e4"


def test_shard_selection_splits_inputs_without_overlap(tmp_path: Path) -> None:
    paths = []
    for n in range(5):
        built = write_warc(tmp_path / f"part-{n}.warc.gz", PAGES[n:n + 1], extras=False)
        paths.append(str(built.path))
    seen = []
    for i in range(2):
        report = run(paths, tmp_path / "out", part=(i, 2), workers=1, progress=False)
        seen.extend(s.shard for s in report.shards)
    assert sorted(seen) == sorted(paths)
    assert len(output_rows(tmp_path / "out")) == 5


def test_a_rerun_skips_finished_shards(warc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    run([str(warc.path)], out, workers=1, progress=False)
    before = (out / "crawl-00001.jsonl").stat().st_mtime_ns
    report = run([str(warc.path)], out, workers=1, progress=False)
    assert report.already_done == 1
    assert (out / "crawl-00001.jsonl").stat().st_mtime_ns == before
    assert report.totals()["records_in"] == len(PAGES)


def test_a_worker_killed_mid_shard_costs_only_its_record(tmp_path: Path) -> None:
    pages = list(PAGES[:6])
    pages[3] = ("https://valley.example/crash", news_page(3))
    built = write_warc(tmp_path / "w.warc.gz", pages, extras=False)
    report = run([str(built.path)], tmp_path / "out", workers=2, progress=False,
                 extractor=crashing_extractor)
    totals = report.totals()
    assert totals["rejected"] == {"worker_crashed": 1} and totals["extracted"] == 5
    (reject,) = reject_rows(tmp_path / "out")
    assert reject["url"] == "https://valley.example/crash"
    rows = output_rows(tmp_path / "out")
    assert [r["warc_record_id"] for r in rows] == [i for n, i in enumerate(built.html_ids)
                                                   if n != 3]


def test_a_hanging_record_is_rejected_by_the_time_limit(tmp_path: Path) -> None:
    pages = [PAGES[0], ("https://valley.example/hang", news_page(1)), PAGES[2]]
    built = write_warc(tmp_path / "w.warc.gz", pages, extras=False)
    started = time.monotonic()
    report = run([str(built.path)], tmp_path / "out", workers=1, progress=False,
                 time_limit=0.5, extractor=hanging_extractor)
    assert time.monotonic() - started < 30
    assert report.totals()["rejected"] == {"limit_exceeded:time_limit": 1}
    assert report.totals()["extracted"] == 2


def test_a_runaway_allocation_is_rejected_by_the_worker_memory_cap(tmp_path: Path) -> None:
    pages = [PAGES[0], ("https://valley.example/hog", news_page(1)), PAGES[2]]
    built = write_warc(tmp_path / "w.warc.gz", pages, extras=False)
    report = run([str(built.path)], tmp_path / "out", workers=1, progress=False,
                 max_memory_mb=2048, extractor=memory_hog_extractor)
    assert report.totals()["rejected"] == {"limit_exceeded:memory": 1}
    assert report.totals()["extracted"] == 2


def test_an_unexpected_error_is_a_reject_or_stops_the_run_with_fail_fast(tmp_path: Path) -> None:
    pages = [PAGES[0], ("https://valley.example/bug", news_page(1))]
    built = write_warc(tmp_path / "w.warc.gz", pages, extras=False)
    report = run([str(built.path)], tmp_path / "a", workers=1, progress=False,
                 extractor=raising_extractor)
    assert report.totals()["errors"] == {"KeyError": 1}
    assert reject_rows(tmp_path / "a")[0]["reason"] == "error"
    with pytest.raises(KeyError):
        run([str(built.path)], tmp_path / "b", workers=1, progress=False, fail_fast=True,
            extractor=raising_extractor)
    assert not list((tmp_path / "b").glob("*.jsonl")), "a stopped shard publishes nothing"


def test_job_rejects_oversized_records_with_the_limit_named() -> None:
    job = Job(thresher.Options(max_input_bytes=1000))
    outcome = job(Record(content=news_page(1).encode(), kind="html", source="x", offset=0))
    assert outcome.row is None and outcome.reject is not None
    assert outcome.reject["reason"] == "limit_exceeded:max_input_bytes"


def test_killed_run_restarted_gives_every_record_exactly_once(tmp_path: Path) -> None:
    inputs, ids = write_news_shards(tmp_path, 4, 10)
    out = tmp_path / "out"
    script = (
        "import sys; from thresher.corpus import run; "
        "from tests.corpus_support import slow_extractor; "
        f"run({inputs!r}, {str(out)!r}, workers=1, progress=False, extractor=slow_extractor)"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([os.getcwd(), *sys.path]))
    proc = subprocess.Popen([sys.executable, "-c", script], env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not list(out.glob("*.stats.json")) and time.monotonic() < deadline:
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    finished = len(list(out.glob("*.stats.json")))
    assert 1 <= finished < 4, "the run should have been stopped half-way"
    report = run(inputs, out, workers=1, progress=False)
    assert report.already_done == finished
    got = [r["warc_record_id"] for r in output_rows(out)] + [
        r["warc_record_id"] for r in reject_rows(out)]
    assert sorted(got) == sorted(ids)


def test_cli_run_writes_outputs_and_prints_totals(warc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from thresher.cli import main

    out = tmp_path / "out"
    assert main(["run", str(warc.path), "-o", str(out), "-w", "1", "--no-progress"]) == 0
    assert len(output_rows(out)) + len(reject_rows(out)) == len(PAGES)
    assert main(["run", str(tmp_path / "missing.warc.gz"), "-o", str(out)]) == 1
    assert main(["run", str(warc.path), "-o", str(out), "--shard", "2/2"]) == 2


def test_ray_engine_gives_the_same_records_as_the_local_engine(tmp_path: Path) -> None:
    ray = pytest.importorskip("ray", reason="the ray engine needs: pip install 'thresher[ray]'")
    inputs = []
    for n in range(3):
        built = write_warc(tmp_path / f"r{n}.warc.gz", PAGES[n * 4:(n + 1) * 4])
        inputs.append(str(built.path))
    local = run(inputs, tmp_path / "local", workers=2, progress=False)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        remote = run(inputs, tmp_path / "ray", engine="ray", progress=False)
    finally:
        ray.shutdown()
    assert output_rows(tmp_path / "ray") == output_rows(tmp_path / "local")
    assert reject_rows(tmp_path / "ray") == reject_rows(tmp_path / "local")
    assert remote.totals() | {"seconds": 0} == local.totals() | {"seconds": 0}


@pytest.mark.skipif(datasets_dir() is None,
                    reason="dev datasets not found (set THRESHER_DATASETS to ../shared/datasets)")
def test_warc_and_wet_built_from_dev_pages(tmp_path: Path) -> None:
    pages = [p for name in ("scrapinghub_aeb", "wcxb_dev")
             for p in itertools.islice(iter_pages(name), 20)]
    built = write_warc(tmp_path / "dev.warc.gz",
                       [(p.url or f"https://dev.example/{p.id}", p.html) for p in pages])
    wet_ids = write_wet(tmp_path / "dev.warc.wet.gz",
                        [(p.url or f"https://dev.example/{p.id}", p.flat) for p in pages])
    report = run([str(built.path), str(tmp_path / "dev.warc.wet.gz")], tmp_path / "out",
                 workers=2, progress=False)
    warc_stats, wet_stats = report.shards
    assert warc_stats.skipped == built.skipped and wet_stats.skipped == {"warcinfo": 1}
    for stats in (warc_stats, wet_stats):
        assert stats.records_in == len(pages)
        assert stats.extracted + sum(stats.rejected.values()) == len(pages)
    rows = {r["warc_record_id"]: r for r in output_rows(tmp_path / "out")}
    rejected = {r["warc_record_id"] for r in reject_rows(tmp_path / "out")}
    assert set(rows) | rejected == set(built.html_ids) | set(wet_ids)
    # the same text as extracting each page directly (page 1's header names a wrong charset)
    for page, html_id, text_id in list(zip(pages, built.html_ids, wet_ids, strict=True))[:9]:
        url = page.url or f"https://dev.example/{page.id}"
        if html_id in rows:
            assert rows[html_id]["text"] == thresher.extract(page.html.encode(), url=url).text
        if text_id in rows:
            assert rows[text_id]["text"] == thresher.extract_text(page.flat, url=url).text
