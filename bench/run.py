"""Benchmark thresher against its peers: ``python -m bench.run`` (``make bench``).

One pass over the pages of each dataset runs every extractor on each page in turn (the order
rotates from page to page, so no extractor always runs on a cold cache), timing each call; a
warm-up over each dataset's first pages is not timed. The same outputs are scored against the
gold text, except thresher's: thresher is timed with its default options (shipped model) but
scored with the out-of-fold model that did not train on the page (``bench.oof``). Peak memory
is measured afterwards, one subprocess per extractor (``bench.memory``).

A second pass does the same over each page's flattened text (``bench.flat``): thresher's text
front end, scored with its out-of-fold text models, beside line baselines, with thresher's HTML
mode and two HTML peers on the same pages for reference. ``--flat-only`` runs only that pass
(``--limit N`` for a quick look), ``--no-flat`` skips it.

Writes the report (BENCHMARKS.md, with its "Flattened text" section), the figure
(bench/frontier.png) and the per-page results (build/bench/results.jsonl and
flat-results.jsonl). Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import itertools
import os
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from bench.datasets import DATASETS, GoldPage, iter_pages
from bench.flat import (
    THRESHER_TEXT,
    render_flat_section,
    select_flat_extractors,
    splice_flat_section,
    update_readme_flat,
)
from bench.machine import describe_machine, load_average
from bench.memory import measure_memory
from bench.metadata import DATASETS as METADATA_DATASETS
from bench.metadata import render_metadata, run_metadata
from bench.metrics import score
from bench.oof import FoldModels, load_fold_models
from bench.peers import (
    THRESHER,
    ExtractFn,
    Extractor,
    block_network,
    input_of,
    library_version,
    select_extractors,
    settings_note,
)
from bench.plot import plot_frontier
from bench.report import render_report, update_readme
from bench.results import (
    BenchResults,
    ExtractorInfo,
    PageResult,
    RunInfo,
    SpeedResult,
    read_run,
    write_page_results,
    write_run,
)

__all__ = ["BenchConfig", "main", "parse_args", "run_dataset"]

_REPO = Path(__file__).resolve().parent.parent
WARMUP_PAGES = 10
_PROGRESS_EVERY = 100


@dataclass(frozen=True)
class BenchConfig:
    """What to run and where to write; built from the command line by :func:`parse_args`."""

    datasets: list[str]
    extractors: list[Extractor]
    limit: int | None = None
    measure_speed: bool = True
    out: Path = _REPO / "BENCHMARKS.md"
    plot: Path = _REPO / "bench" / "frontier.png"
    results: Path = _REPO / "build" / "bench" / "results.jsonl"
    run: Path = _REPO / "build" / "bench" / "run.json"
    metadata: Path = _REPO / "build" / "bench" / "metadata.md"
    render_only: bool = False
    flat_extractors: list[Extractor] = field(default_factory=list)  # empty: no flat pass
    main_pass: bool = True  # False with --flat-only
    flat_results: Path = _REPO / "build" / "bench" / "flat-results.jsonl"
    flat_run: Path = _REPO / "build" / "bench" / "flat-run.json"
    argv: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Outcome:
    """One extractor call: the text (``""`` on failure), the exception name, the duration."""

    text: str
    error: str | None
    seconds: float


@dataclass
class SpeedTally:
    """Running totals of one extractor's timed calls on one dataset."""

    pages: int = 0
    input_bytes: int = 0
    seconds: float = 0.0
    failures: int = 0

    def add(self, input_bytes: int, outcome: Outcome) -> None:
        self.pages += 1
        self.input_bytes += input_bytes
        self.seconds += outcome.seconds
        self.failures += outcome.error is not None


@dataclass(frozen=True)
class DatasetRun:
    """Per-page scores and per-extractor speed of one dataset."""

    pages: list[PageResult]
    speed: list[SpeedResult]


def _csv(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def parse_args(argv: list[str]) -> BenchConfig:
    """Parse the command line. Exits with a usage message on unknown datasets or extractors."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--datasets", type=_csv, default=list(DATASETS), help="a,b (default: all)")
    parser.add_argument("--limit", type=int, default=None, help="at most N pages per dataset")
    parser.add_argument("--extractors", type=_csv, default=None, help="x,y (default: all)")
    parser.add_argument("--no-speed", action="store_true", help="skip speed and memory")
    flat = parser.add_mutually_exclusive_group()
    flat.add_argument("--flat-only", action="store_true", help="run only the flat-text pass")
    flat.add_argument("--no-flat", action="store_true", help="skip the flat-text pass")
    parser.add_argument(
        "--flat-extractors", type=_csv, default=None, help="x,y for the flat pass (default: all)"
    )
    parser.add_argument("--out", type=Path, default=_REPO / "BENCHMARKS.md", help="report path")
    parser.add_argument(
        "--render-only",
        action="store_true",
        help="rebuild the report and figure from the last run's build/bench files; run nothing",
    )
    args = parser.parse_args(argv)
    unknown = [name for name in args.datasets if name not in DATASETS]
    if unknown:
        parser.error(f"unknown dataset(s) {unknown}; known: {list(DATASETS)}")
    if args.limit is not None and args.limit <= 0:
        parser.error(f"--limit must be a positive number of pages, got {args.limit}")
    try:
        extractors = select_extractors(args.extractors)
        flat_extractors = [] if args.no_flat else select_flat_extractors(args.flat_extractors)
    except ValueError as exc:
        parser.error(str(exc))
    return BenchConfig(
        datasets=args.datasets,
        extractors=extractors,
        limit=args.limit,
        measure_speed=not args.no_speed,
        out=args.out,
        render_only=args.render_only,
        flat_extractors=flat_extractors,
        main_pass=not args.flat_only,
        argv=list(argv),
    )


def call(run: ExtractFn, source: str, url: str | None) -> Outcome:
    """Run one extractor on one page, timing it; an exception becomes ``error`` and ``""``."""
    start = time.perf_counter()
    try:
        text = run(source, url)
        error = None
    except Exception as exc:  # a peer failing on a page is data, not a crash of the bench
        text, error = "", type(exc).__name__
    return Outcome(text or "", error, time.perf_counter() - start)


def _score(page: GoldPage, name: str, outcome: Outcome, *, out_of_fold: bool) -> PageResult:
    s = score(outcome.text, page.text)
    return PageResult(
        dataset=page.dataset,
        page_id=page.id,
        extractor=name,
        precision=s.precision,
        recall=s.recall,
        f1=s.f1,
        shingle_f1=s.shingle_f1,
        page_type=page.page_type,
        synthetic=bool(page.meta.get("synthetic")),
        error=outcome.error,
        empty=not outcome.text.strip(),
        out_of_fold=out_of_fold,
    )


@dataclass(frozen=True)
class PageRun:
    """One extractor on one page: the scored result and the call to time (None: untimed)."""

    result: PageResult
    timed: Outcome | None


# extractor name -> the fold models that score it (thresher's front ends); peers have none
FoldsByExtractor = Mapping[str, FoldModels]


def _run_page(
    extractor: Extractor, page: GoldPage, folds: FoldsByExtractor, timed: bool
) -> PageRun:
    """Run ``extractor`` on ``page`` and score it.

    For an extractor with fold models (thresher) the timed call uses the shipped model and the
    scored call the page's fold model; without a fold model for the page the default call is
    scored and marked not out-of-fold.
    """
    source = input_of(extractor, page)
    own_folds = folds.get(extractor.name)
    fold_run = own_folds.extractor_for(page.key) if own_folds is not None else None
    if fold_run is None:
        outcome = call(extractor.run, source, page.url)
        is_oof = own_folds is None
        return PageRun(_score(page, extractor.name, outcome, out_of_fold=is_oof), outcome)
    timed_call = call(extractor.run, source, page.url) if timed else None
    scored = call(fold_run, source, page.url)
    return PageRun(_score(page, extractor.name, scored, out_of_fold=True), timed_call)


def _warm_up(pages: list[GoldPage], extractors: list[Extractor]) -> None:
    """Run every extractor on the first pages untimed: imports, caches and JIT-free warm paths."""
    for page in pages[:WARMUP_PAGES]:
        for extractor in extractors:
            call(extractor.run, input_of(extractor, page), page.url)


def _rotated(extractors: list[Extractor], index: int) -> list[Extractor]:
    shift = index % len(extractors)
    return extractors[shift:] + extractors[:shift]


def run_dataset(
    pages: list[GoldPage],
    extractors: list[Extractor],
    folds: FoldsByExtractor,
    measure_speed: bool,
) -> DatasetRun:
    """Run and score every extractor on every page; time the calls when ``measure_speed``.

    ``folds`` maps an extractor's name to the fold models its accuracy is scored with.
    """
    if not pages:
        return DatasetRun([], [])
    if measure_speed:
        _warm_up(pages, extractors)
    tallies = {extractor.name: SpeedTally() for extractor in extractors}
    results: list[PageResult] = []
    started = time.perf_counter()
    with _harness_frozen(measure_speed):
        for index, page in enumerate(pages):
            for extractor in _rotated(extractors, index):
                run = _run_page(extractor, page, folds, measure_speed)
                result = run.result
                if run.timed is not None and measure_speed:
                    size = len(input_of(extractor, page).encode("utf-8"))
                    tallies[extractor.name].add(size, run.timed)
                    result = replace(result, seconds=run.timed.seconds)
                results.append(result)
            _progress(pages[0].dataset, index + 1, len(pages), started)
    speed = [
        SpeedResult(name, pages[0].dataset, t.pages, t.input_bytes, t.seconds, t.failures)
        for name, t in tallies.items()
        if measure_speed
    ]
    return DatasetRun(_in_order(results, extractors), speed)


@contextmanager
def _harness_frozen(active: bool) -> Iterator[None]:
    """While the pages run, leave the objects alive before them out of the garbage
    collector's full passes (``gc.freeze``; the cycles among them collected first).

    The bench holds every dataset's pages, the fold models and the results: tens of thousands
    of objects an extractor's own process would not hold. A full pass, which any extractor's
    allocations may set off inside its timed call, reads them all, and charges that call for
    the harness. Frozen, each extractor pays for its own objects only.
    """
    if not active:
        yield
        return
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _in_order(results: list[PageResult], extractors: list[Extractor]) -> list[PageResult]:
    """Results sorted by extractor in canonical order (pages keep their order within one)."""
    rank = {extractor.name: i for i, extractor in enumerate(extractors)}
    return sorted(results, key=lambda r: rank[r.extractor])


def _progress(dataset: str, done: int, total: int, started: float) -> None:
    if done % _PROGRESS_EVERY == 0 or done == total:
        elapsed = time.perf_counter() - started
        print(f"  {dataset}: {done}/{total} pages, {elapsed:.0f} s", file=sys.stderr, flush=True)


def _load(name: str, limit: int | None) -> list[GoldPage]:
    return list(itertools.islice(iter_pages(name), limit))


def _git_revision() -> str:
    try:
        done = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=_REPO, capture_output=True, text=True, timeout=10, check=False,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _extractor_infos(extractors: list[Extractor]) -> list[ExtractorInfo]:
    infos = []
    for e in extractors:
        version = library_version(e.package)
        if e.name == THRESHER and (revision := _git_revision()):
            version = f"{version} (git {revision})"
        infos.append(ExtractorInfo(e.name, e.label, e.package, version, settings_note(e)))
    return infos


def _fold_notes(
    datasets: list[str], folds: FoldsByExtractor, pages: list[PageResult]
) -> list[str]:
    """Loud notes when a thresher front end's accuracy is not (entirely) out-of-fold."""
    notes = []
    for name, own in folds.items():
        who = "thresher" if name == THRESHER else f"thresher ({name})"
        if not own.is_loaded:
            notes.append(
                f"{who}'s accuracy is NOT out-of-fold in this run: {own.note}. It was scored "
                "with the shipped model, which trained on these pages, so its scores are "
                "optimistic. Run `make oof` and re-run the bench."
            )
            continue
        for dataset in datasets:
            missing = sum(
                not r.out_of_fold for r in pages if r.dataset == dataset and r.extractor == name
            )
            if missing:
                notes.append(
                    f"{dataset}: {missing} page(s) have no fold model; {who} scored them with "
                    "the shipped model (not out-of-fold)."
                )
    return notes


def _run_info(
    config: BenchConfig,
    extractors: list[Extractor],
    folds: FoldsByExtractor,
    pages: list[PageResult],
    machine: dict[str, str],
) -> RunInfo:
    notes = _fold_notes(config.datasets, folds, pages)
    if config.limit is not None:
        notes.append(f"Quick run: at most {config.limit} pages per dataset, not the full bench.")
    return RunInfo(
        date=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        command=" ".join(["python -m bench.run", *config.argv]),
        machine=machine,
        extractors=_extractor_infos(extractors),
        datasets=list(config.datasets),
        limit=config.limit,
        notes=notes,
    )


def _load_folds(extractors: list[Extractor]) -> dict[str, FoldModels]:
    """The fold models of each thresher front end among ``extractors``; warn when missing."""
    front_ends = {THRESHER: "html", THRESHER_TEXT: "text"}
    folds: dict[str, FoldModels] = {}
    for extractor in extractors:
        front_end = front_ends.get(extractor.name)
        if front_end == "html":
            folds[extractor.name] = load_fold_models("html")
        elif front_end == "text":
            folds[extractor.name] = load_fold_models("text")
    for name, own in folds.items():
        if own.note:
            print(f"WARNING: {name} scored with the shipped model: {own.note}", file=sys.stderr)
    return folds


def _relative(path: Path, start: Path) -> str:
    return os.path.relpath(path.resolve(), start.resolve().parent)


def main(argv: list[str] | None = None) -> int:
    config = parse_args(sys.argv[1:] if argv is None else argv)
    if config.render_only:
        main_run = read_run(config.run, config.results) if config.run.exists() else None
        flat_run = None
        if config.flat_run.exists():
            flat_run = read_run(config.flat_run, config.flat_results)
        return _render(config, main_run, flat_run)
    block_network()
    # Peers warn about odd pages (unknown time zones, missing optional nltk); hundreds of such
    # lines would bury the progress output and say nothing about extraction quality.
    warnings.simplefilter("ignore")
    results = _run_main(config) if config.main_pass else None
    flat = _run_flat(config) if config.flat_extractors else None
    return _render(config, results, flat)


def _run_main(config: BenchConfig) -> BenchResults:
    """The main pass: every extractor on every page's HTML, then peak memory."""
    folds = _load_folds(config.extractors)
    machine = describe_machine()
    pages: list[PageResult] = []
    speed: list[SpeedResult] = []
    for name in config.datasets:
        print(f"{name}: running {len(config.extractors)} extractors", file=sys.stderr, flush=True)
        run = run_dataset(_load(name, config.limit), config.extractors, folds, config.measure_speed)
        pages += run.pages
        speed += run.speed
    machine["load average after the timed pass"] = load_average()
    memory = []
    if config.measure_speed:
        print("peak memory: one process per extractor", file=sys.stderr, flush=True)
        names = [e.name for e in config.extractors]
        memory = measure_memory(names, config.datasets, config.limit, workers=os.cpu_count() or 1)
    info = _run_info(config, config.extractors, folds, pages, machine)
    results = BenchResults(info, pages, speed, memory)
    write_page_results(results.pages, config.results)
    write_run(results, config.run)
    metadata_sets = [name for name in config.datasets if name in METADATA_DATASETS]
    if metadata_sets and any(e.name == THRESHER for e in config.extractors):
        print("metadata: thresher, trafilatura, newspaper4k, htmldate", file=sys.stderr)
        section = render_metadata(run_metadata(metadata_sets, config.limit))
        config.metadata.parent.mkdir(parents=True, exist_ok=True)
        config.metadata.write_text(section, encoding="utf-8")
    else:  # a section left by an earlier run would not describe this one
        config.metadata.unlink(missing_ok=True)
    return results


def _run_flat(config: BenchConfig) -> BenchResults:
    """The flattened-text pass over the pages that have flat text (no memory measurement)."""
    extractors = config.flat_extractors
    folds = _load_folds(extractors)
    machine = describe_machine()
    pages: list[PageResult] = []
    speed: list[SpeedResult] = []
    skipped: list[str] = []
    for name in config.datasets:
        loaded = _load(name, config.limit)
        with_flat = [page for page in loaded if page.flat.strip()]
        if len(with_flat) < len(loaded):
            skipped.append(f"{name}: {len(loaded) - len(with_flat)} of {len(loaded)} pages")
        print(f"{name}, flat text: running {len(extractors)} extractors", file=sys.stderr,
              flush=True)  # fmt: skip
        run = run_dataset(with_flat, extractors, folds, config.measure_speed)
        pages += run.pages
        speed += run.speed
    machine["load average after the timed pass"] = load_average()
    info = _run_info(config, extractors, folds, pages, machine)
    if skipped:
        info.notes.append("Pages left out for want of flat text: " + "; ".join(skipped) + ".")
    results = BenchResults(info, pages, speed)
    write_page_results(results.pages, config.flat_results)
    write_run(results, config.flat_run)
    return results


def _render(
    config: BenchConfig, results: BenchResults | None, flat: BenchResults | None
) -> int:
    """Write the figure and the report from ``results``, and its flat section from ``flat``.

    Without ``results`` (``--flat-only``) the report's other sections are kept as they are.
    """
    written = []
    if results is not None:
        has_plot = plot_frontier(results, config.plot)
        plot = _relative(config.plot, config.out) if has_plot else None
        report = render_report(results, plot)
        if config.metadata.exists():  # the metadata section of the same run
            report = report.rstrip("\n") + "\n\n" + config.metadata.read_text(encoding="utf-8")
        written += [str(config.results)] + ([str(config.plot)] if has_plot else [])
    else:
        report = config.out.read_text(encoding="utf-8") if config.out.exists() else ""
    if flat is not None:
        report = splice_flat_section(report, render_flat_section(flat))
        written.append(str(config.flat_results))
    config.out.write_text(report, encoding="utf-8")
    readme = config.out.parent / "README.md"
    if readme.exists():
        text = readme.read_text(encoding="utf-8")
        if results is not None:
            text = update_readme(text, results) or text
        if flat is not None:
            text = update_readme_flat(text, flat) or text
        readme.write_text(text, encoding="utf-8")
    print(f"wrote {', '.join([str(config.out), *written])}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
