"""What one benchmark run produces: per-page scores, speed totals, peak memory, run facts.

Plain dataclasses, so the report and the tests can build them by hand; ``write_page_results``
writes the per-page rows as JSON Lines for later analysis.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = [
    "BASELINE",
    "THRESHER",
    "BenchResults",
    "ExtractorInfo",
    "MemoryResult",
    "PageResult",
    "RunInfo",
    "SpeedResult",
    "read_run",
    "write_page_results",
    "write_run",
]

_MB = 1_000_000
THRESHER = "thresher"  # the extractor under test; every other one is a peer
BASELINE = "baseline"  # the memory run that streams the pages but runs no extractor


@dataclass(frozen=True)
class PageResult:
    """One extractor's scores on one page.

    ``error`` is the exception class name when the extractor raised (the page then scores as
    ``""``); ``empty`` is true when the text scored was empty, whatever the cause.
    ``out_of_fold`` is false only for thresher pages scored with the shipped model.
    ``seconds`` is the timed call's duration, ``None`` when speed was not measured.
    """

    dataset: str
    page_id: str
    extractor: str
    precision: float
    recall: float
    f1: float
    shingle_f1: float
    page_type: str | None = None
    synthetic: bool = False
    error: str | None = None
    empty: bool = False
    out_of_fold: bool = True
    seconds: float | None = None


@dataclass(frozen=True)
class SpeedResult:
    """Time one extractor spent on one dataset's timed pages (warm-up excluded).

    ``failures`` counts timed calls that raised: their time is included, so a high count
    means the speed is that of failing, not of extracting.
    """

    extractor: str
    dataset: str
    pages: int
    input_bytes: int
    seconds: float
    failures: int = 0

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds if self.seconds > 0 else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.input_bytes / _MB / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class MemoryResult:
    """Peak RSS of one process that ran one extractor over the benchmark pages.

    ``peak_rss_mb`` is ``None`` when the measuring subprocess failed; ``error`` then says why.
    ``failures`` counts pages on which the extractor raised in that process.
    """

    extractor: str
    peak_rss_mb: float | None
    pages: int = 0
    failures: int = 0
    error: str = ""


@dataclass(frozen=True)
class ExtractorInfo:
    """How the report names an extractor and which library version ran."""

    name: str
    label: str
    package: str
    version: str
    note: str = ""


@dataclass(frozen=True)
class RunInfo:
    """Facts about the run that the report header states."""

    date: str
    command: str
    machine: dict[str, str]
    extractors: list[ExtractorInfo]
    datasets: list[str]
    limit: int | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class BenchResults:
    """Everything the report is made from; nothing in the report comes from elsewhere."""

    info: RunInfo
    pages: list[PageResult]
    speed: list[SpeedResult] = field(default_factory=list)
    memory: list[MemoryResult] = field(default_factory=list)


def write_page_results(pages: list[PageResult], path: Path) -> None:
    """Write one JSON object per page result to ``path`` (parents created, file replaced)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for result in pages:
            fh.write(json.dumps(asdict(result), ensure_ascii=False) + "\n")


def write_run(results: BenchResults, path: Path) -> None:
    """Write everything but the per-page rows (run facts, speed, memory) as one JSON file.

    With the page rows from :func:`write_page_results` it is enough to rebuild the report
    (:func:`read_run`) without running the extractors again.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "info": asdict(results.info),
        "speed": [asdict(s) for s in results.speed],
        "memory": [asdict(m) for m in results.memory],
    }
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")


def read_run(run_path: Path, pages_path: Path) -> BenchResults:
    """Rebuild the results written by :func:`write_run` and :func:`write_page_results`.

    Raises:
        FileNotFoundError: either file is missing (run the bench first).
    """
    data = json.loads(run_path.read_text(encoding="utf-8"))
    info = data["info"]
    info["extractors"] = [ExtractorInfo(**e) for e in info["extractors"]]
    with pages_path.open(encoding="utf-8") as fh:
        pages = [PageResult(**json.loads(line)) for line in fh if line.strip()]
    return BenchResults(
        info=RunInfo(**info),
        pages=pages,
        speed=[SpeedResult(**s) for s in data["speed"]],
        memory=[MemoryResult(**m) for m in data["memory"]],
    )
