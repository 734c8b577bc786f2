"""The language sample-size check, on hand-written bodies."""

from __future__ import annotations

import pytest

from bench import language_sample

BODIES = [
    ["The council voted on Tuesday to close the old bridge for repairs until the spring."] * 40,
    ["Der Gemeinderat hat am Dienstag beschlossen, die alte Brücke bis zum Frühjahr zu sperren."],
]


def test_every_size_is_compared_with_the_shipped_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(language_sample, "_bodies", lambda datasets, limit: BODIES)
    assert language_sample.main(["--repeats", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 bodies")
    for size in language_sample.SIZES:
        assert f"{size:5d} characters:    0 answers differ" in out


def test_unknown_dataset_is_refused() -> None:
    with pytest.raises(SystemExit):
        language_sample.main(["no_such_dataset"])
