"""Pipeline faults: a write error (disk full) on one shard, a record that raises, and a
re-run afterwards that completes every record exactly once."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest

from tests.corpus_support import output_rows, reject_rows, write_news_shards
from thresher.cli import main
from thresher.corpus import run
from thresher.corpus import writers as writers_module


def _fill_disk_on(monkeypatch: pytest.MonkeyPatch, shard_name: str) -> None:
    """Make writing the data file of one shard fail as a full disk does, after one row."""
    real_write = writers_module.JsonlWriter.write_line

    def write_line(self: Any, line: str) -> None:
        if self.path.name == f"{shard_name}.jsonl" and getattr(self, "_rows_written", 0) >= 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        self._rows_written = getattr(self, "_rows_written", 0) + 1
        real_write(self, line)

    monkeypatch.setattr(writers_module.JsonlWriter, "write_line", write_line)


def test_a_full_disk_fails_one_shard_the_rest_finish_and_a_rerun_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs, ids = write_news_shards(tmp_path, 3, 4)
    out = tmp_path / "out"
    with monkeypatch.context() as patch:
        _fill_disk_on(patch, "s1")
        report = run(inputs, out, workers=1, progress=False)
    assert [f["shard"] for f in report.failed] == [inputs[1]]
    assert "No space left" in report.failed[0]["error"]
    assert [s.shard for s in report.shards] == [inputs[0], inputs[2]]
    assert not (out / "s1.jsonl").exists() and not (out / "s1.stats.json").exists()
    assert not list(out.glob(".*.tmp")), "the failed shard's temporary files are removed"
    rerun = run(inputs, out, workers=1, progress=False)
    assert rerun.already_done == 2 and not rerun.failed
    got = [r["warc_record_id"] for r in output_rows(out) + reject_rows(out)]
    assert sorted(got) == sorted(ids)


def test_cli_reports_a_failed_shard_with_exit_status_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs, _ = write_news_shards(tmp_path, 3, 4)
    _fill_disk_on(monkeypatch, "s0")
    assert main(["run", *inputs, "-o", str(tmp_path / "out"), "-w", "1", "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert "s0.warc.gz: OSError" in err and "re-run to redo it" in err
    assert '"failed_shards": 1' in err
