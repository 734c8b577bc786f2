"""Replay every saved fuzz case through the function its fuzz target drives."""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzz.cases import TARGETS

CASES = sorted(p for p in (Path(__file__).parent / "fuzz_cases").glob("*/*") if p.is_file())


def test_there_are_cases_for_every_target() -> None:
    assert {p.parent.name for p in CASES} == set(TARGETS)


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fuzz_case(case: Path) -> None:
    TARGETS[case.parent.name](case.read_bytes())
