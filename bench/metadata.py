"""Metadata agreement with gold: ``python -m bench.metadata [--limit N]`` (and ``make bench``).

For each page of wcxb_dev and mozilla_readability, thresher and the peers that read metadata
(trafilatura's ``extract_metadata``, newspaper4k, htmldate) are run on the same HTML in one
pass, and each field is compared with the gold:

- title: equal after Unicode NFKC normalisation, lower-casing and whitespace folding;
- author: every name of the gold byline (split on commas, ``;``, ``&`` and "and") is contained,
  normalised the same way, in the extracted authors joined together;
- date: the same day (the first ten characters of the ISO date);
- page type (wcxb_dev): the same WCXB type; language (mozilla_readability): the same primary
  subtag (``en-US`` agrees with ``en``).

A field is scored on the pages whose gold has it; a peer that does not return a field at all
is shown as "–". thresher's page type comes from a learned model and is scored out of fold
(the fold model that never saw the page's site, from ``make oof``) when those models exist.

Beside them, *thresher (flat text)*: what ``extract_text`` reads from the page's flattened
text (its ``flat`` field: no markup, so no stated title, byline or date), with the text front
end's out-of-fold models: the headline it picks among the lines, the page type, the language.
It is not a peer: the targets compare thresher's HTML metadata with the peers'.

Also measured: the time thresher spends reading metadata as a share of its whole extraction,
summed over the pages of the run.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.datasets import GoldPage, iter_pages
from bench.peers import block_network, library_version
from bench.report import verdict

__all__ = [
    "FIELDS",
    "MetaOutput",
    "MetadataRun",
    "author_agrees",
    "date_agrees",
    "language_agrees",
    "main",
    "render_metadata",
    "run_metadata",
    "title_agrees",
]

_REPO = Path(__file__).resolve().parent.parent
DATASETS = ("wcxb_dev", "mozilla_readability")
_PLACEHOLDER_URL = "http://example.com"
THRESHER_TEXT = "thresher (flat text)"

# (dataset, field label, gold getter, MetaOutput attribute, comparison)
Field = tuple[str, str, Callable[[GoldPage], str | None], str, Callable[[str, "MetaOutput"], bool]]


@dataclass(frozen=True)
class MetaOutput:
    """What one extractor said about one page; ``None`` where it gave nothing."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    page_type: str | None = None
    language: str | None = None
    error: str | None = None


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def title_agrees(gold: str, out: MetaOutput) -> bool:
    return out.title is not None and _norm(out.title) == _norm(gold)


_NAME_SPLIT = re.compile(r"\s*(?:[,;&]|\band\b)\s*", re.IGNORECASE)


def author_agrees(gold: str, out: MetaOutput) -> bool:
    if not out.authors:
        return False
    joined = _norm(" ; ".join(out.authors))
    names = [_norm(n) for n in _NAME_SPLIT.split(gold) if n.strip()]
    return bool(names) and all(name in joined for name in names)


def date_agrees(gold: str, out: MetaOutput) -> bool:
    return out.date is not None and out.date[:10] == gold.strip()[:10]


def page_type_agrees(gold: str, out: MetaOutput) -> bool:
    return out.page_type == gold


def language_agrees(gold: str, out: MetaOutput) -> bool:
    if not out.language:
        return False
    return out.language.lower().replace("_", "-").split("-")[0] == gold.lower().split("-")[0]


FIELDS: tuple[Field, ...] = (
    ("wcxb_dev", "title", lambda p: p.title, "title", title_agrees),
    ("wcxb_dev", "meta.author", lambda p: p.meta.get("author"), "authors", author_agrees),
    ("wcxb_dev", "meta.publish_date", lambda p: p.meta.get("publish_date"), "date", date_agrees),
    ("wcxb_dev", "meta.page_type", lambda p: p.meta.get("page_type"), "page_type",
     page_type_agrees),
    ("mozilla_readability", "title", lambda p: p.title, "title", title_agrees),
    ("mozilla_readability", "meta.byline", lambda p: p.meta.get("byline"), "authors",
     author_agrees),
    ("mozilla_readability", "meta.publishedTime", lambda p: p.meta.get("publishedTime"), "date",
     date_agrees),
    ("mozilla_readability", "meta.lang", lambda p: p.meta.get("lang"), "language",
     language_agrees),
)  # fmt: skip


# ---- the extractors ------------------------------------------------------------------------


@dataclass(frozen=True)
class MetaExtractor:
    name: str
    package: str
    fields: frozenset[str]  # the MetaOutput attributes it can fill
    run: Callable[[GoldPage], MetaOutput]
    note: str = ""


def _trafilatura(page: GoldPage) -> MetaOutput:
    from trafilatura.metadata import extract_metadata

    doc = extract_metadata(page.html, default_url=page.url)
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
    return MetaOutput(title=doc.title, authors=authors, date=doc.date, page_type=doc.pagetype,
                      language=doc.language)  # fmt: skip


def _newspaper4k(page: GoldPage) -> MetaOutput:
    import newspaper

    article = newspaper.Article(page.url or _PLACEHOLDER_URL, fetch_images=False)
    article.download(input_html=page.html)
    article.parse()
    date = article.publish_date.isoformat() if article.publish_date else None
    return MetaOutput(title=article.title or None, authors=tuple(article.authors), date=date,
                      language=article.meta_lang or None)  # fmt: skip


def _htmldate(page: GoldPage) -> MetaOutput:
    from htmldate import find_date

    return MetaOutput(date=find_date(page.html, url=page.url, original_date=True))


@dataclass
class ThresherMeta:
    """thresher's metadata, with the page type from the out-of-fold model where there is one."""

    fold_of: dict[str, int] = field(default_factory=dict)
    models: list[object] = field(default_factory=list)
    note: str = ""
    metadata_seconds: float = 0.0
    extract_seconds: float = 0.0

    def __call__(self, page: GoldPage) -> MetaOutput:
        import thresher
        from thresher.html.metadata import classify_page

        started = time.perf_counter()
        article = _article(thresher.extract, page.html, page.url, None)
        self.extract_seconds += time.perf_counter() - started
        self.metadata_seconds += _metadata_seconds(page)
        page_type = article.page_type
        fold = self.fold_of.get(page.key)
        if fold is not None:
            page_type = classify_page(_signals(page), self.models[fold])  # type: ignore[arg-type]
        return MetaOutput(title=article.title, authors=article.authors, date=article.date,
                          page_type=page_type, language=article.language)  # fmt: skip


def _article(extract: Callable[..., Any], source: str, url: str | None, options: Any) -> Any:
    """``extract(source, url=url, options=options)``; for a page without a body, the Article
    its NoContentError carries (no body, but the page's metadata)."""
    import thresher

    try:
        return extract(source, url=url, options=options)
    except thresher.NoContentError as exc:
        if exc.article is None:
            raise
        return exc.article


def _signals(page: GoldPage):  # type: ignore[no-untyped-def]
    """The page-type signals as ``extract`` reads them (also for a page without visible
    text, whose metadata travels with its NoContentError)."""
    from thresher import Options
    from thresher.html.decode import clean_text
    from thresher.html.dom import parse_html, walk_blocks
    from thresher.html.metadata import read_metadata
    from thresher.html.roles import mark_roles

    dom = parse_html(clean_text(page.html))
    blocks = walk_blocks(dom, Options().max_nodes).blocks
    mark_roles(blocks)
    return read_metadata(dom, page.url, blocks).signals


def _metadata_seconds(page: GoldPage) -> float:
    """Time of the metadata step alone, on a page parsed and walked beforehand."""
    from thresher.html.dom import parse_html, walk_blocks
    from thresher.html.metadata import read_metadata

    dom = parse_html(page.html)
    blocks = walk_blocks(dom, 1_000_000).blocks
    started = time.perf_counter()
    read_metadata(dom, page.url, blocks)
    return time.perf_counter() - started


def _load_page_type_folds(meta: ThresherMeta) -> None:
    try:
        from training.pagetype import load_oof_page_models

        meta.fold_of, meta.models = load_oof_page_models()
    except (ImportError, OSError, ValueError, KeyError) as exc:
        meta.note = (f"page type scored with the shipped model, which trained on these pages "
                     f"({type(exc).__name__}: {exc}); run `make oof`")  # fmt: skip


@dataclass
class ThresherTextMeta:
    """What thresher reads from each page's flattened text (``extract_text`` on the ``flat``
    field): the headline as title, the page type and the language, with the out-of-fold text
    models (labeller, page type, headline chooser) where ``make oof`` wrote them. A page
    without flat text gives nothing, and so counts as a miss."""

    folds: Any = None  # bench.oof.FoldModels of the text front end
    note: str = ""

    def __call__(self, page: GoldPage) -> MetaOutput:
        import thresher

        if not page.flat:
            return MetaOutput()
        options = self.folds.options_for(page.key) if self.folds is not None else None
        article = _article(thresher.extract_text, page.flat, page.url, options)
        return MetaOutput(title=article.title, page_type=article.page_type,
                          language=article.language)


def _text_folds() -> ThresherTextMeta:
    from bench.oof import load_fold_models

    folds = load_fold_models("text")
    if not folds.is_loaded:
        return ThresherTextMeta(None, f"shipped text models, which trained on these pages "
                                      f"({folds.note})")
    return ThresherTextMeta(folds, "extract_text on the page's flat text, out of fold")


def _extractors(thresher: ThresherMeta,
                text: ThresherTextMeta | None = None) -> list[MetaExtractor]:
    ours = [
        MetaExtractor("thresher", "thresher",
                      frozenset({"title", "authors", "date", "page_type", "language"}), thresher,
                      thresher.note),
    ]
    if text is not None:
        ours.append(MetaExtractor(THRESHER_TEXT, "thresher",
                                  frozenset({"title", "page_type", "language"}), text, text.note))
    return ours + [
        MetaExtractor("trafilatura", "trafilatura",
                      frozenset({"title", "authors", "date", "page_type"}), _trafilatura,
                      "trafilatura.metadata.extract_metadata(html, default_url=url); page type "
                      "is its og:type-based `pagetype`"),
        MetaExtractor("newspaper4k", "newspaper4k",
                      frozenset({"title", "authors", "date", "language"}), _newspaper4k,
                      "HTML passed in (no download), fetch_images=False"),
        MetaExtractor("htmldate", "htmldate", frozenset({"date"}), _htmldate,
                      "find_date(html, url=url, original_date=True): the publication date"),
    ]  # fmt: skip


# ---- the run -------------------------------------------------------------------------------


@dataclass
class MetadataRun:
    """Agreement counts per (dataset, field, extractor), and thresher's metadata time share."""

    extractors: list[MetaExtractor]
    agree: dict[tuple[str, str, str], int] = field(default_factory=dict)
    scored: dict[tuple[str, str], int] = field(default_factory=dict)
    failures: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # per extractor, all pages
    pages: int = 0
    metadata_share: float = 0.0
    limit: int | None = None

    def agreement(self, dataset: str, label: str, extractor: str) -> float | None:
        n = self.scored.get((dataset, label), 0)
        return self.agree.get((dataset, label, extractor), 0) / n if n else None


def run_metadata(datasets: Sequence[str] = DATASETS, limit: int | None = None) -> MetadataRun:
    """Run every metadata extractor on every page of ``datasets`` and count agreements."""
    thresher = ThresherMeta()
    _load_page_type_folds(thresher)
    run = MetadataRun(_extractors(thresher, _text_folds()), limit=limit)
    for dataset in datasets:
        for index, page in enumerate(iter_pages(dataset)):
            if limit is not None and index >= limit:
                break
            _score_page(run, page)
            if (index + 1) % 100 == 0:
                print(f"  metadata {dataset}: {index + 1} pages", file=sys.stderr, flush=True)
    if thresher.extract_seconds:
        run.metadata_share = thresher.metadata_seconds / thresher.extract_seconds
    return run


def _score_page(run: MetadataRun, page: GoldPage) -> None:
    outputs: dict[str, MetaOutput] = {}
    run.pages += 1
    for extractor in run.extractors:
        started = time.perf_counter()
        try:
            outputs[extractor.name] = extractor.run(page)
        except Exception as exc:  # a peer's failure on one page is counted, not fatal
            outputs[extractor.name] = MetaOutput(error=type(exc).__name__)
            run.failures[extractor.name] = run.failures.get(extractor.name, 0) + 1
        elapsed = time.perf_counter() - started
        run.seconds[extractor.name] = run.seconds.get(extractor.name, 0.0) + elapsed
    for dataset, label, gold_of, _attr, agrees in FIELDS:
        gold = gold_of(page) if dataset == page.dataset else None
        if not gold:
            continue
        run.scored[(dataset, label)] = run.scored.get((dataset, label), 0) + 1
        for name, out in outputs.items():
            if agrees(str(gold), out):
                key = (dataset, label, name)
                run.agree[key] = run.agree.get(key, 0) + 1


# Issue targets on wcxb_dev: agreement at least this, and above every peer that returns the
# field; and the metadata step under this share of the extraction time.
TARGETS: tuple[tuple[str, str, float], ...] = (
    ("wcxb_dev", "title", 0.85),
    ("wcxb_dev", "meta.author", 0.85),
    ("wcxb_dev", "meta.publish_date", 0.92),
    ("wcxb_dev", "meta.page_type", 0.80),
)
SHARE_TARGET = 0.20
_OURS = ("thresher", THRESHER_TEXT)  # not peers: the targets are thresher's HTML metadata
_PAGE_TYPE_IN_SAMPLE = "the page-type model scored in-sample (`make oof`)"


def _targets(run: MetadataRun) -> list[str]:
    """One line per target: the measured value and whether it is met."""
    lines = []
    fields = {(dataset, label): attr for dataset, label, _gold, attr, _agrees in FIELDS}
    # thresher's note says its page types came from the shipped model, not the fold models
    in_sample = any(e.name == "thresher" and e.note for e in run.extractors)
    for dataset, label, floor in TARGETS:
        ours = run.agreement(dataset, label, "thresher")
        if ours is None:
            continue
        attr = fields[(dataset, label)]
        peers = [v for e in run.extractors if e.name not in _OURS and attr in e.fields
                 if (v := run.agreement(dataset, label, e.name)) is not None]  # fmt: skip
        best_peer = max(peers, default=0.0)
        why = (_PAGE_TYPE_IN_SAMPLE if label == "meta.page_type" and in_sample else None)
        said = verdict(ours >= floor and ours > best_peer, why)
        lines.append(f"- {dataset} {label}: {ours:.3f} (target ≥ {floor:.2f} and above every "
                     f"peer; best peer {best_peer:.3f}): {said}")  # fmt: skip
    if run.pages:
        said = verdict(run.metadata_share < SHARE_TARGET)
        lines.append(f"- metadata step: {run.metadata_share:.1%} of extraction time (target "
                     f"under {SHARE_TARGET:.0%}): {said}")  # fmt: skip
    return lines


def render_metadata(run: MetadataRun) -> str:
    """The Markdown section for BENCHMARKS.md."""
    names = [e.name for e in run.extractors]
    lines = [
        "## Metadata",
        "",
        "Share of pages whose gold field the extractor matched (`python -m bench.metadata`; "
        "definitions in `bench/metadata.py`). \"–\": the extractor does not return that field.",
        "",
        "| dataset | field | pages | " + " | ".join(names) + " |",
        "| --- | --- | ---: | " + " | ".join("---:" for _ in names) + " |",
    ]
    for dataset, label, _gold, attr, _agrees in FIELDS:
        n = run.scored.get((dataset, label), 0)
        if not n:
            continue
        cells = []
        values = {e.name: run.agreement(dataset, label, e.name) for e in run.extractors
                  if attr in e.fields}  # fmt: skip
        best = max((v for v in values.values() if v is not None), default=None)
        for extractor in run.extractors:
            value = values.get(extractor.name)
            if value is None:
                cells.append("–")
            else:
                cell = f"{value:.3f}"
                cells.append(f"**{cell}**" if value == best else cell)
        lines.append(f"| {dataset} | {label} | {n} | " + " | ".join(cells) + " |")
    lines += [
        "",
        f"thresher's metadata step (sources, reconciliation, page type, language) took "
        f"**{run.metadata_share:.1%}** of its extraction time over these pages.",
        "",
    ]
    targets = _targets(run)
    if targets:
        lines += ["Targets:", "", *targets, ""]
    for extractor in run.extractors:
        version = library_version(extractor.package)
        failures = run.failures.get(extractor.name, 0)
        note = f"; {extractor.note}" if extractor.note else ""
        per_page = 1000 * run.seconds.get(extractor.name, 0.0) / max(run.pages, 1)
        lines.append(f"- {extractor.name} {version}: {per_page:.1f} ms per page, "
                     f"{failures} failure(s){note}")  # fmt: skip
    lines.append("- thresher's time per page is its whole extraction (body and metadata) plus "
                 "the metadata step timed again on its own; the peers' is metadata only.")
    if run.limit is not None:
        lines.append(f"- Quick run: at most {run.limit} pages per dataset.")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.metadata", description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="at most N pages per dataset")
    parser.add_argument("--out", type=Path, default=None, help="also write the section here")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    block_network()
    warnings.simplefilter("ignore")
    section = render_metadata(run_metadata(DATASETS, args.limit))
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(section, encoding="utf-8")
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
