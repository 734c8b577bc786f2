"""The flattened-text benchmark: thresher's text front end against line baselines.

Every page of a dataset also comes as ``flat`` text (its visible text, one line per block,
boilerplate kept, as a Common Crawl WET record holds it). Over that input this pass runs
thresher's ``extract_text`` (scored with the out-of-fold text models), all lines, C4's line
rules and jusText over lines (``bench.baselines``); over the same pages' HTML it runs thresher's
HTML mode (out-of-fold HTML models) for reference and two HTML peers, so the speed of the text
front end has a yardstick measured in the same run. ``python -m bench.run`` runs it after the
main pass (``--flat-only`` runs only this, ``--no-flat`` skips it); this module declares the
extractors and renders the report's "Flattened text" section and README table.
"""

from __future__ import annotations

from collections.abc import Sequence

from bench.baselines import all_lines, c4_lines, justext_lines
from bench.peers import THRESHER, Extractor, select_extractors
from bench.report import (
    IN_SAMPLE,
    Labels,
    Summary,
    dataset_sections,
    markdown_table,
    speed_table,
    summarize,
    verdict,
)
from bench.results import BenchResults
from bench.sections import replace_between, splice_section

__all__ = [
    "FLAT_EXTRACTORS",
    "FLAT_TARGETS",
    "README_FLAT_END",
    "README_FLAT_START",
    "SPEED_TARGET",
    "THRESHER_TEXT",
    "render_flat_section",
    "select_flat_extractors",
    "splice_flat_section",
    "update_readme_flat",
]

THRESHER_TEXT = "thresher_text"
SECTION_START = "<!-- flat:start -->"
SECTION_END = "<!-- flat:end -->"
README_FLAT_START = "<!-- bench-flat:start (written by make bench) -->"
README_FLAT_END = "<!-- bench-flat:end -->"
# word F1 of thresher's text front end the project aims for (out-of-fold), per dataset
FLAT_TARGETS = {"scrapinghub_aeb": 0.93, "wcxb_dev": 0.85}
SPEED_TARGET = ("scrapinghub_aeb", 1000.0)  # pages/s on one core
# the HTML peers whose speed is the yardstick for the text front end's
_SPEED_PEERS = ("resiliparse", "trafilatura")


def _thresher_text(text: str, url: str | None) -> str:
    import thresher

    return str(thresher.extract_text(text, url=url).text)


def _all_lines(text: str, url: str | None) -> str:
    return all_lines(text)


def _c4_lines(text: str, url: str | None) -> str:
    return c4_lines(text)


def _justext_lines(text: str, url: str | None) -> str:
    return justext_lines(text)


def _html_reference(name: str, label: str) -> Extractor:
    """A main-pass extractor (HTML input), relabelled to say so in the flat tables."""
    extractor = select_extractors([name])[0]
    return Extractor(extractor.name, label, extractor.package, extractor.run, "html",
                     extractor.note)  # fmt: skip


FLAT_EXTRACTORS: tuple[Extractor, ...] = (
    Extractor(THRESHER_TEXT, "thresher, flat text", "thresher", _thresher_text, "flat",
              note="extract_text(); accuracy from the out-of-fold text models"),
    Extractor("all_lines", "all lines", "thresher", _all_lines, "flat",
              note="every non-blank line"),
    Extractor("c4_lines", "C4 line rules", "thresher", _c4_lines, "flat",
              note="TFDS c4_utils.clean_page rules (bench/baselines.py)"),
    Extractor("justext_lines", "jusText over lines", "justext", _justext_lines, "flat",
              note="each line an escaped <p>; English stoplist, default settings"),
    _html_reference(THRESHER, "thresher, HTML"),
    _html_reference("resiliparse", "Resiliparse, HTML"),
    _html_reference("trafilatura", "trafilatura, HTML"),
)  # fmt: skip


def select_flat_extractors(names: list[str] | None) -> list[Extractor]:
    """The flat-pass extractors named in ``names`` (all when ``None``), in canonical order.

    Raises:
        ValueError: a name is not a flat-pass extractor; the message lists the known ones.
    """
    known = [extractor.name for extractor in FLAT_EXTRACTORS]
    if names is None:
        return list(FLAT_EXTRACTORS)
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ValueError(f"unknown flat extractor(s) {unknown}; known: {known}")
    return [extractor for extractor in FLAT_EXTRACTORS if extractor.name in names]


class _FlatLabels(Labels):
    """Labels that mark both thresher rows (text and HTML) as out-of-fold or not."""

    _OOF_SCORED = (THRESHER, THRESHER_TEXT)

    def accuracy(self, summary: Summary) -> str:
        if summary.extractor not in self._OOF_SCORED:
            return self.plain(summary.extractor)
        name = self.plain(summary.extractor)
        if summary.not_oof == 0:
            return f"{name} (out-of-fold)"
        if summary.not_oof == summary.pages:
            return f"{name} (shipped model, **not out-of-fold**)"
        return f"{name} (**not out-of-fold** on {summary.not_oof} of {summary.pages} pages)"

    def short(self, summary: Summary) -> str:
        return self.accuracy(summary).replace("**", "")


def _f3(value: float) -> str:
    return f"{value:.3f}"


def _headline_table(results: BenchResults, labels: Labels) -> str:
    """Word F1 per dataset (columns) for each extractor (rows)."""
    datasets = [d for d in results.info.datasets if any(r.dataset == d for r in results.pages)]
    per_dataset = {d: summarize(r for r in results.pages if r.dataset == d) for d in datasets}
    rows = []
    for extractor in results.info.extractors:
        name = extractor.name
        found = [per_dataset[d][name] for d in datasets if name in per_dataset[d]]
        if not found:
            continue
        cells = [_f3(per_dataset[d][name].f1) if name in per_dataset[d] else "–" for d in datasets]
        rows.append([labels.accuracy(_pooled_oof(found)), *cells])
    return markdown_table(["extractor", *datasets], rows, numeric_from=1)


def _pooled_oof(summaries: Sequence[Summary]) -> Summary:
    """A stand-in Summary whose page and not-OOF counts add up, for choosing a label."""
    first = summaries[0]
    return Summary(first.extractor, sum(s.pages for s in summaries), 0, 0, 0, 0, 0, 0,
                   sum(s.not_oof for s in summaries))  # fmt: skip


def _targets(results: BenchResults) -> list[str]:
    """One line per target: the measured value and whether it is met."""
    lines = []
    baselines = [e.name for e in results.info.extractors if e.name in
                 ("all_lines", "c4_lines", "justext_lines")]  # fmt: skip
    for dataset, floor in FLAT_TARGETS.items():
        summaries = summarize(r for r in results.pages if r.dataset == dataset)
        if THRESHER_TEXT not in summaries:
            continue
        ours = summaries[THRESHER_TEXT]
        best_baseline = max((summaries[b].f1 for b in baselines if b in summaries), default=0.0)
        said = verdict(ours.f1 >= floor and ours.f1 > best_baseline,
                       IN_SAMPLE if ours.not_oof else None)
        lines.append(
            f"- {dataset}: word F1 {ours.f1:.3f} (target ≥ {floor:.2f} out-of-fold and above "
            f"every baseline; best baseline {best_baseline:.3f}): {said}"
        )
    dataset, floor = SPEED_TARGET
    for s in results.speed:
        if s.extractor == THRESHER_TEXT and s.dataset == dataset:
            lines.append(
                f"- {dataset}: {s.pages_per_s:.0f} pages/s on one core (target ≥ {floor:.0f}): "
                f"{verdict(s.pages_per_s >= floor)}"
            )
    return lines


def _speed_section(results: BenchResults, labels: Labels) -> list[str]:
    if not results.speed:
        return ["Speed was not measured in this run (`--no-speed`).", ""]
    out = [
        "Speed (one core, timed as in the main pass; the text front end is timed with the "
        "shipped text model; ratio = thresher-on-flat-text pages/s ÷ that extractor's; MB/s "
        "counts each extractor's own input, flat text or HTML):",
        "",
    ]
    for dataset in results.info.datasets:
        rows = [s for s in results.speed if s.dataset == dataset]
        if rows:
            out += [f"{dataset}:", "", speed_table(rows, [], labels, reference=THRESHER_TEXT), ""]
    return out


def render_flat_section(results: BenchResults) -> str:
    """The "Flattened text" section of BENCHMARKS.md, between its markers."""
    labels = _FlatLabels(results.info)
    out = [SECTION_START, "## Flattened text", "", _FLAT_METHOD, ""]
    out += [f"_Run on {results.info.date}: `{results.info.command}`._", ""]
    out += [f"> **Note:** {note}\n" for note in results.info.notes]
    out += ["Word F1 (macro over pages):", "", _headline_table(results, labels), ""]
    targets = _targets(results)
    if targets:
        out += ["Targets:", "", *targets, ""]
    out += dataset_sections(results, labels, "### {dataset}, flat text ({pages} pages)")
    out += ["### Speed, flat text", "", *_speed_section(results, labels)]
    return "\n".join([*out, SECTION_END, ""])


_FLAT_METHOD = (
    "Input: each page's `flat` field (its visible text, boilerplate kept, one block per line, "
    "as a WET record holds it); gold: the same `text` as for HTML. Pages whose flat text is "
    "empty are left out. *all lines* keeps every line; *C4 line rules* applies TFDS "
    "`c4_utils.clean_page` (lines ending in `. ? ! \"` with at least 5 words, no `javascript` "
    "or policy phrase; the page is dropped for `lorem ipsum`, a `{` or fewer than 3 sentences; "
    "sentences end at `.!?` before white space, not NLTK Punkt; C4's language, bad-words and "
    "cross-page deduplication steps are not applied); *jusText over lines* feeds each line to "
    "jusText as an escaped `<p>` (English stoplist). thresher's text front end "
    "(`extract_text`) is scored with the out-of-fold text models (`make oof`), and the rows "
    "marked *HTML* run on the same pages' HTML for reference (thresher with its out-of-fold "
    "HTML models)."
)


def splice_flat_section(report: str, section: str) -> str:
    """``report`` with its flattened-text section replaced by ``section`` (appended if none)."""
    return splice_section(report, section, SECTION_START, SECTION_END)


def readme_flat_summary(results: BenchResults) -> str:
    """The README's flat table: word F1 per dataset, and pages/s of the text front end."""
    labels = _FlatLabels(results.info)
    out = [_headline_table(results, labels), ""]
    rates = [s for s in results.speed if s.extractor == THRESHER_TEXT]
    peers = {(s.extractor, s.dataset): s.pages_per_s for s in results.speed}
    for s in rates:
        yardsticks = [
            f"{labels.plain(p)} {s.pages_per_s / peers[(p, s.dataset)]:.2f}×"
            for p in _SPEED_PEERS
            if peers.get((p, s.dataset), 0.0) > 0
        ]
        ratio = f" (ratio to {', '.join(yardsticks)})" if yardsticks else ""
        out.append(f"- {s.dataset}: {s.pages_per_s:.0f} pages/s on one core{ratio}")
    return "\n".join(out).strip() + "\n"


def update_readme_flat(readme: str, results: BenchResults) -> str | None:
    """``readme`` with the flat table between its markers replaced, or None without markers."""
    return replace_between(readme, README_FLAT_START, README_FLAT_END,
                           readme_flat_summary(results))

