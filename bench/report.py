"""Turn a :class:`~bench.results.BenchResults` into BENCHMARKS.md (Markdown).

Every number printed here is computed from the results passed in; nothing is hard-coded.
Averages are macro: per page first, then the mean over pages (the field's convention).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bench.results import (
    BASELINE,
    THRESHER,
    BenchResults,
    MemoryResult,
    PageResult,
    RunInfo,
    SpeedResult,
)
from bench.scale import load_results as load_scale_results
from bench.scale import with_scale_section
from bench.sections import replace_between

__all__ = [
    "Labels",
    "Summary",
    "accuracy_table",
    "dataset_sections",
    "markdown_table",
    "page_type_table",
    "pooled_speed",
    "render_report",
    "speed_table",
    "summarize",
    "verdict",
]

_ALL = "all datasets"
_FAILING_SHARE = 0.05  # above this share of failing timed calls, a speed needs a warning
_TEXT_ONLY = 99  # numeric_from beyond the last column: every column left-aligned


@dataclass(frozen=True)
class Summary:
    """Macro-averaged scores of one extractor over a set of pages.

    ``failures`` counts pages where the extractor raised; ``empty`` pages where the scored text
    was empty (failures included); ``not_oof`` pages thresher scored with the shipped model.
    """

    extractor: str
    pages: int
    precision: float
    recall: float
    f1: float
    shingle_f1: float
    failures: int
    empty: int
    not_oof: int


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def summarize(results: Iterable[PageResult]) -> dict[str, Summary]:
    """Group page results by extractor (first-seen order) and macro-average each group."""
    groups: dict[str, list[PageResult]] = {}
    for result in results:
        groups.setdefault(result.extractor, []).append(result)
    return {name: _summary(name, rows) for name, rows in groups.items()}


def _summary(name: str, rows: list[PageResult]) -> Summary:
    return Summary(
        extractor=name,
        pages=len(rows),
        precision=_mean([r.precision for r in rows]),
        recall=_mean([r.recall for r in rows]),
        f1=_mean([r.f1 for r in rows]),
        shingle_f1=_mean([r.shingle_f1 for r in rows]),
        failures=sum(r.error is not None for r in rows),
        empty=sum(r.empty for r in rows),
        not_oof=sum(not r.out_of_fold for r in rows),
    )


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]], numeric_from: int) -> str:
    """A GitHub Markdown table; columns from index ``numeric_from`` on are right-aligned."""
    align = ["---" if i < numeric_from else "---:" for i in range(len(header))]
    lines = [header, align, *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def _bold_if(text: str, condition: bool) -> str:
    return f"**{text}**" if condition else text


def _f3(value: float) -> str:
    return f"{value:.3f}"


class Labels:
    """Display names for extractor ids; thresher's accuracy rows say whether they are OOF."""

    def __init__(self, info: RunInfo) -> None:
        self._labels = {extractor.name: extractor.label for extractor in info.extractors}

    def plain(self, name: str) -> str:
        return self._labels.get(name, name)

    def accuracy(self, summary: Summary) -> str:
        if summary.extractor != THRESHER:
            return self.plain(summary.extractor)
        if summary.not_oof == 0:
            return "thresher (out-of-fold)"
        if summary.not_oof == summary.pages:
            return "thresher (shipped model, **not out-of-fold**)"
        return f"thresher (**not out-of-fold** on {summary.not_oof} of {summary.pages} pages)"

    def short(self, summary: Summary) -> str:
        """Like :meth:`accuracy` but brief and plain, for column headers and the figure."""
        if summary.extractor != THRESHER:
            return self.plain(summary.extractor)
        if summary.not_oof == 0:
            return "thresher (out-of-fold)"
        if summary.not_oof == summary.pages:
            return "thresher (not out-of-fold)"
        return "thresher (partly out-of-fold)"


def accuracy_table(summaries: Sequence[Summary], labels: Labels) -> str:
    """extractor | word F1 | precision | recall | 4-shingle F1 | failures | empty; best F1 bold."""
    best = max((_f3(s.f1) for s in summaries), default="")
    header = ["extractor", "word F1", "precision", "recall", "4-shingle F1", "failures", "empty"]
    rows = [
        [
            labels.accuracy(s),
            _bold_if(_f3(s.f1), _f3(s.f1) == best),
            _f3(s.precision),
            _f3(s.recall),
            _f3(s.shingle_f1),
            str(s.failures),
            str(s.empty),
        ]
        for s in summaries
    ]
    return markdown_table(header, rows, numeric_from=1)


def _grouped_f1_table(
    groups: dict[str, list[PageResult]], extractors: Sequence[str], labels: Labels, first: str
) -> str:
    """Rows are groups, columns extractors, cells word F1; the best cell of each row is bold."""
    overall = summarize(r for results in groups.values() for r in results)
    names = [labels.short(overall[n]) if n in overall else labels.plain(n) for n in extractors]
    header = [first, "pages", *names]
    rows = []
    for group, results in groups.items():
        by_extractor = summarize(results)
        cells = [_f3(by_extractor[n].f1) if n in by_extractor else "–" for n in extractors]
        best = max((c for c in cells if c != "–"), default="")
        pages = max((s.pages for s in by_extractor.values()), default=0)
        rows.append([group, str(pages), *(_bold_if(c, c == best) for c in cells)])
    return markdown_table(header, rows, numeric_from=1)


def page_type_table(
    results: Sequence[PageResult], extractors: Sequence[str], labels: Labels
) -> str:
    """Word F1 per page type (rows, most pages first) for each extractor (columns)."""
    groups: dict[str, list[PageResult]] = {}
    for result in results:
        groups.setdefault(result.page_type or "unknown", []).append(result)
    ordered = dict(sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])))
    return _grouped_f1_table(ordered, extractors, labels, first="page type")


def _ratio(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}×" if value < 10 else f"{value:.0f}×"


def pooled_speed(speed: Sequence[SpeedResult]) -> list[SpeedResult]:
    """One SpeedResult per extractor over all datasets (pages, bytes and seconds summed)."""
    pooled: dict[str, SpeedResult] = {}
    for s in speed:
        prior = pooled.get(s.extractor) or SpeedResult(s.extractor, _ALL, 0, 0, 0.0)
        pooled[s.extractor] = SpeedResult(
            s.extractor,
            _ALL,
            prior.pages + s.pages,
            prior.input_bytes + s.input_bytes,
            prior.seconds + s.seconds,
            prior.failures + s.failures,
        )
    return list(pooled.values())


def speed_table(
    speed: Sequence[SpeedResult],
    memory: Sequence[MemoryResult],
    labels: Labels,
    reference: str = THRESHER,
) -> str:
    """extractor | pages/s | MB/s | thresher speed ratio | [peak RSS MB] | failures.

    The ratio is the ``reference`` extractor's pages/s divided by the row's pages/s (>1: the
    reference is faster); the reference is thresher unless another is named.
    The RSS column appears when ``memory`` is given, with a ``baseline`` row when measured.
    ``failures`` counts timed calls that raised (their time is in the rate).
    """
    rates = {s.extractor: s.pages_per_s for s in speed}
    ours = rates.get(reference)
    rss = {m.extractor: m.peak_rss_mb for m in memory}
    header = ["extractor", "pages/s", "MB/s", f"{labels.plain(reference)} speed ratio (×)"]
    header += ["peak RSS MB", "failures"] if memory else ["failures"]
    rows = []
    for s in speed:
        ratio = ours / s.pages_per_s if ours is not None and s.pages_per_s > 0 else None
        row = [labels.plain(s.extractor), f"{s.pages_per_s:.1f}", f"{s.mb_per_s:.2f}"]
        row.append(_ratio(ratio))
        if memory:
            row.append(_megabytes(rss, s.extractor))
        rows.append([*row, str(s.failures)])
    if BASELINE in rss:
        rows.append([f"{BASELINE} (no extractor)", "–", "–", "–", _megabytes(rss, BASELINE), "–"])
    return markdown_table(header, rows, numeric_from=1)


def _failing_speed_notes(speed: Sequence[SpeedResult], labels: Labels) -> list[str]:
    """Warn where many timed calls raised: a fast failure is not a fast extraction."""
    notes = [
        f"> **Note:** {labels.plain(s.extractor)} raised on {s.failures} of {s.pages} timed "
        "pages; its rate includes those failures and overstates its real speed."
        for s in speed
        if s.pages and s.failures / s.pages > _FAILING_SHARE
    ]
    return [*notes, ""] if notes else []


def _megabytes(rss: dict[str, float | None], name: str) -> str:
    if name not in rss:
        return "–"
    peak = rss[name]
    return f"{peak:.0f}" if peak is not None else "failed"


def dataset_sections(results: BenchResults, labels: Labels,
                     heading: str = "### {dataset} ({pages} pages)") -> list[str]:
    """Per dataset: the accuracy table and, where pages have a type, F1 by page type."""
    out: list[str] = []
    extractors = [e.name for e in results.info.extractors]
    for dataset in results.info.datasets:
        rows = [r for r in results.pages if r.dataset == dataset]
        if not rows:
            continue
        pages = len({r.page_id for r in rows})
        out += [heading.format(dataset=dataset, pages=pages), ""]
        out += [accuracy_table(list(summarize(rows).values()), labels), ""]
        real = [r for r in rows if not r.synthetic]
        if len(real) < len(rows):
            count = len({r.page_id for r in real})
            out += [f"{dataset} without the synthetic unit-test pages ({count} pages):", ""]
            out += [accuracy_table(list(summarize(real).values()), labels), ""]
        if any(r.page_type for r in rows):
            out += [f"{dataset}: word F1 by page type (best in bold):", ""]
            out += [page_type_table(rows, extractors, labels), ""]
    return out


def _headline(results: BenchResults, labels: Labels) -> list[str]:
    """Word F1 of each extractor (rows) per dataset (columns), plus the mean over datasets."""
    datasets = [d for d in results.info.datasets if any(r.dataset == d for r in results.pages)]
    per_dataset = {d: summarize(r for r in results.pages if r.dataset == d) for d in datasets}
    header = ["extractor", *datasets, "mean over datasets"]
    rows = []
    for extractor in results.info.extractors:
        name = extractor.name
        found = [per_dataset[d][name] for d in datasets if name in per_dataset[d]]
        if not found:
            continue
        label = labels.accuracy(_merge_oof(found))
        cells = [_f3(per_dataset[d][name].f1) if name in per_dataset[d] else "–" for d in datasets]
        rows.append([label, *cells, _f3(_mean([s.f1 for s in found]))])
    return ["## Word F1 at a glance", "", markdown_table(header, rows, numeric_from=1), ""]


# The HTML targets: word F1 out of fold per dataset, above every peer; no wcxb_dev page type
# where a peer is ahead by more than PAGE_TYPE_MARGIN; speed against trafilatura and on aeb;
# peak memory.
F1_TARGETS = {"scrapinghub_aeb": 0.96, "wcxb_dev": 0.88}
PAGE_TYPE_DATASET, PAGE_TYPE_MARGIN = "wcxb_dev", 0.02
SPEED_PEER, SPEED_RATIO = "trafilatura", 10.0
SPEED_DATASET, SPEED_PAGES = "scrapinghub_aeb", 300.0
RSS_LIMIT_MB = 300.0


IN_SAMPLE = "scored in-sample, not out-of-fold"


def verdict(met: bool, unassessed: str | None = None) -> str:
    """A target's verdict in bold; ``unassessed`` says why the number cannot tell (a score
    of pages the model learned from says nothing about a target)."""
    if unassessed:
        return f"**not assessed: {unassessed}**"
    return "**met**" if met else "**not met**"


def _targets_section(results: BenchResults) -> list[str]:
    """One line per target of the HTML extractor: the measured value and whether it is met."""
    lines = []
    for dataset, floor in F1_TARGETS.items():
        summaries = summarize(r for r in results.pages if r.dataset == dataset)
        if THRESHER not in summaries:
            continue
        ours = summaries[THRESHER]
        best = max((s.f1 for n, s in summaries.items() if n != THRESHER), default=0.0)
        said = verdict(ours.f1 >= floor and ours.f1 > best, IN_SAMPLE if ours.not_oof else None)
        lines.append(f"- {dataset}: word F1 {ours.f1:.3f} (target ≥ {floor:.2f} out-of-fold and "
                     f"above every peer; best peer {best:.3f}): {said}")  # fmt: skip
    groups: dict[str, list[PageResult]] = {}
    for r in results.pages:
        if r.dataset == PAGE_TYPE_DATASET:
            groups.setdefault(r.page_type or "unknown", []).append(r)
    behind = []  # (how far the best peer is ahead, page type, that peer)
    in_sample = False
    for page_type, rows in sorted(groups.items()):
        summaries = summarize(rows)
        if THRESHER not in summaries:
            continue
        in_sample |= summaries[THRESHER].not_oof > 0
        peers = [(s.f1, n) for n, s in summaries.items() if n != THRESHER]
        if peers:
            f1, peer = max(peers)
            behind.append((f1 - summaries[THRESHER].f1, page_type, peer))
    if behind:
        gap, page_type, peer = max(behind)
        said = verdict(gap <= PAGE_TYPE_MARGIN, IN_SAMPLE if in_sample else None)
        lines.append(f"- {PAGE_TYPE_DATASET}: no page type where a peer is ahead by more than "
                     f"{PAGE_TYPE_MARGIN:.2f} (largest lead of a peer: {gap:+.3f}, {peer} on "
                     f"{page_type}): {said}")  # fmt: skip
    pooled = {s.extractor: s for s in pooled_speed(results.speed)}
    if THRESHER in pooled and SPEED_PEER in pooled and pooled[SPEED_PEER].pages_per_s:
        ratio = pooled[THRESHER].pages_per_s / pooled[SPEED_PEER].pages_per_s
        said = verdict(ratio >= SPEED_RATIO)
        lines.append(f"- speed: {ratio:.2f}× {SPEED_PEER}'s pages/s over all datasets in this "
                     f"run (target ≥ {SPEED_RATIO:.0f}×): {said}")  # fmt: skip
    for s in results.speed:
        if s.extractor == THRESHER and s.dataset == SPEED_DATASET:
            lines.append(f"- {SPEED_DATASET}: {s.pages_per_s:.0f} pages/s on one core, "
                         f"interleaved with the peers (target ≥ {SPEED_PAGES:.0f}): "
                         f"{verdict(s.pages_per_s >= SPEED_PAGES)}")  # fmt: skip
    for m in results.memory:
        if m.extractor == THRESHER and m.peak_rss_mb is not None:
            lines.append(f"- peak RSS {m.peak_rss_mb:.0f} MB (target under {RSS_LIMIT_MB:.0f} "
                         f"MB): {verdict(m.peak_rss_mb < RSS_LIMIT_MB)}")  # fmt: skip
    return ["## Targets", "", *lines, ""] if lines else []


def _merge_oof(summaries: list[Summary]) -> Summary:
    """A stand-in Summary whose page and not-OOF counts add up, for choosing a label."""
    first = summaries[0]
    return Summary(
        first.extractor, sum(s.pages for s in summaries), 0, 0, 0, 0, 0, 0,
        sum(s.not_oof for s in summaries),
    )  # fmt: skip


def _speed_sections(results: BenchResults, labels: Labels) -> list[str]:
    if not results.speed:
        return ["## Speed", "", "Not measured in this run (`--no-speed`).", ""]
    out = ["## Speed", "", _SPEED_METHOD, ""]
    pooled = pooled_speed(results.speed)
    out += [f"### {_ALL}", "", speed_table(pooled, results.memory, labels), ""]
    out += _failing_speed_notes(pooled, labels)
    out += [_MEMORY_METHOD, ""]
    for m in results.memory:
        if m.peak_rss_mb is None:
            out.append(f"- memory run for {labels.plain(m.extractor)} failed: {m.error}")
        elif m.failures:
            out.append(
                f"- memory run for {labels.plain(m.extractor)}: {m.failures} of {m.pages} pages "
                "raised, so its peak may understate a successful run."
            )
    for dataset in results.info.datasets:
        rows = [s for s in results.speed if s.dataset == dataset]
        if rows:
            out += ["", f"### {dataset}", "", speed_table(rows, [], labels)]
    return [*out, ""]


_SPEED_METHOD = (
    "One process, extractors interleaved page by page (the order rotates from page to page), "
    "each call timed with `time.perf_counter`; a warm-up pass over each dataset's first pages is "
    "not counted. While a dataset's pages run, the objects the bench itself holds (every "
    "dataset's pages, the fold models, the results so far) are left out of the garbage "
    "collector's full passes (`gc.freeze`), so that no extractor's call pays for reading them "
    "(measured, it spared thresher about 5% and trafilatura, readability-lxml and Resiliparse "
    "0-3%). MB/s counts the input HTML as UTF-8 bytes. thresher runs with default options "
    "(shipped model). Ratio = thresher pages/s ÷ that extractor's pages/s (above 1: thresher is "
    "faster). Single-threaded for every extractor."
)
_MEMORY_METHOD = (
    "Peak RSS: the peak resident set (Linux `VmHWM`; `ru_maxrss` elsewhere) of one fresh process "
    "per extractor (`python -m bench.memory NAME DATASETS`) that imports only that extractor and "
    "streams the same pages through it; it includes the interpreter and the page being "
    "processed. The `baseline` process runs no extractor: it is the floor under every other "
    "figure."
)


def _setup_section(info: RunInfo) -> list[str]:
    out = ["## Setup", "", "Machine:", ""]
    out += [markdown_table(["", ""], [[k, v] for k, v in info.machine.items()], _TEXT_ONLY)]
    out += ["", "Extractors (each library's defaults unless stated):", ""]
    rows = [[e.label, e.package, e.version, e.note or "defaults"] for e in info.extractors]
    out += [markdown_table(["extractor", "package", "version", "settings"], rows, _TEXT_ONLY), ""]
    out += ["Reproduce:", "", "```", "make bench", "# or, after `make oof`:", info.command, "```"]
    out += ["", _METRIC_NOTE, ""]
    return out


_METRIC_NOTE = (
    'Scores: tokens are `re.findall(r"\\w+", text.lower())`; word precision/recall/F1 over '
    "token multisets and F1 over 4-token shingles are computed per page (`bench/metrics.py`) and "
    "averaged over the pages of a dataset (macro). A page where an extractor raises, or returns "
    "nothing, scores as empty text (*failures* counts exceptions, *empty* counts empty outputs "
    "including failures). thresher's accuracy is scored out-of-fold: each page is extracted "
    "with a model trained on folds (grouped by site) that did not contain it. Raw per-page "
    "results: `build/bench/results.jsonl`."
)


def render_report(results: BenchResults, plot: str | None = None) -> str:
    """The whole BENCHMARKS.md; ``plot`` is the figure's path relative to the report."""
    info = results.info
    labels = Labels(info)
    out = ["# Benchmarks", ""]
    out += [f"_Generated by `make bench` on {info.date}; do not edit by hand._", ""]
    out += [f"> **Note:** {note}" + "\n" for note in info.notes]
    out += _setup_section(info)
    out += _headline(results, labels)
    out += _targets_section(results)
    out += ["## Accuracy per dataset", "", *dataset_sections(results, labels)]
    out += _speed_sections(results, labels)
    if plot:
        out += ["## Accuracy against speed", "", _PLOT_NOTE, "", f"![accuracy–speed]({plot})", ""]
    # the corpus-scale section comes from its own command (make bench-scale): keep it
    return with_scale_section("\n".join(out), load_scale_results())


_PLOT_NOTE = (
    "Word F1 (thresher: out-of-fold) against pages/s on a log scale, one panel per dataset; "
    "the dashed line joins the extractors no other extractor beats on both axes."
)


README_START = "<!-- bench:start (written by make bench) -->"
README_END = "<!-- bench:end -->"


def readme_summary(results: BenchResults) -> str:
    """The headline tables for README: word F1 per dataset and the pooled speed table."""
    labels = Labels(results.info)
    out = _headline(results, labels)[2:]
    if results.speed:
        out += [_speed_sections(results, labels)[0].replace("## ", "**") + "** (all datasets, "
                "one core; ratio = thresher pages/s ÷ that extractor's):", ""]
        out += [speed_table(pooled_speed(results.speed), results.memory, labels), ""]
    return "\n".join(out).strip() + "\n"


def update_readme(readme: str, results: BenchResults) -> str | None:
    """``readme`` with the text between the bench markers replaced, or None without markers."""
    return replace_between(readme, README_START, README_END, readme_summary(results))
