"""Why thresher's metadata misses the gold: ``python -m bench.metadata_errors [--field F]``.

For every page of a dataset (default wcxb_dev) whose gold has the field, thresher's metadata is
read the way ``extract`` reads it, and every candidate each source offered is listed beside
it. Each miss is put in one cause class (the first that applies, in the order below), and the
classes are counted:

- title: ``no article`` (the metadata agrees but ``extract`` raised, so the Article is lost) →
  ``gold offered by <source>`` (some source's value, or its site-name-stripped form, equals
  the gold; we took another) → ``quote marks only`` (ours differs from the gold only in
  typographic quotes) → ``site name kept`` (ours contains the gold) → ``over-stripped``
  (the gold contains ours) → ``gold is a visible line`` (a text block equals the gold, no
  source states it) → ``not derivable``;
- author: ``no article`` → ``gold offered by <source>`` → ``gold in a short line`` (a block of
  at most 80 characters names every gold author: a byline we did not find) → ``gold in the
  page text`` → ``gold in the HTML only`` (an attribute or script) → ``not derivable``;
- date: ``no article`` → ``we took modified`` (ours is a stated modification date) →
  ``gold offered by <source>`` → ``gold in a short line`` (a date line we did not read) →
  ``gold in the HTML only`` (ISO form in an attribute or script) → ``not derivable``.

``--show N`` prints N misses of each class with the values, to read. Nothing is written.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from bench.datasets import GoldPage, iter_pages
from bench.metadata import MetaOutput, author_agrees, date_agrees, title_agrees

__all__ = ["Miss", "classify_misses", "main"]

FIELDS = ("title", "author", "date")
# the gold's key per field: wcxb_dev's, then mozilla_readability's
_GOLD_KEYS: dict[str, tuple[str, ...]] = {
    "title": (), "author": ("author", "byline"), "date": ("publish_date", "publishedTime")}


@dataclass(frozen=True)
class Miss:
    """One page where thresher disagreed with the gold, and why."""

    key: str
    url: str | None
    gold: str
    ours: str
    cause: str
    candidates: dict[str, list[str]] = field(default_factory=dict)


def _gold(page: GoldPage, name: str) -> str | None:
    if name == "title":
        return page.title or None
    value = next((page.meta[k] for k in _GOLD_KEYS[name] if page.meta.get(k)), None)
    return str(value) if value else None


def _candidates(page: GoldPage, name: str) -> tuple[Any, dict[str, list[str]], list[Any]]:
    """thresher's metadata of ``page``, every source's candidates for ``name``, and the blocks."""
    from thresher.html.authors import _AUTHOR_META, labelled_bylines, text_bylines
    from thresher.html.dom import parse_html, walk_blocks
    from thresher.html.metadata import (
        _MODIFIED_META,
        _PUBLISHED_META,
        _headline_anchors,
        _jsonld_values,
        keyword_dates,
        read_metadata,
        strip_site_name,
        text_dates,
    )
    from thresher.html.sources import clean, gather_sources

    dom = parse_html(page.html)
    blocks = walk_blocks(dom, 1_000_000).blocks
    meta = read_metadata(dom, page.url, blocks)
    src = gather_sources(dom)
    main = src.main.data if src.main else {}
    out: dict[str, list[str]] = {}
    if name == "title":
        host = page.url.split("/")[2] if page.url and "//" in page.url else None
        raw = {"jsonld.headline": main.get("headline"), "jsonld.name": main.get("name"),
               "og:title": src.first_meta("og:title"),
               "twitter:title": src.first_meta("twitter:title"), "<title>": src.title}  # fmt: skip
        for key, value in raw.items():
            text = clean(value)
            if text:
                out[key] = [text]
                stripped = strip_site_name(text, meta.site_name, host)
                if stripped != text:
                    out[key + " stripped"] = [stripped]
        out["<h1>"] = list(src.h1)
    elif name == "author":
        out["jsonld.author"] = [str(main.get("author"))] if main.get("author") else []
        out["<meta>"] = [v for k in _AUTHOR_META for v in src.meta.get(k, [])]
        out["microdata"] = src.item_values("author") + src.item_values("creator")
        out["byline element"] = list(src.bylines)
        out["By line"] = text_bylines(blocks, _headline_anchors(blocks, meta.title))
        out["author element"] = dom.author_texts()
        out["labelled line"] = labelled_bylines(blocks)
    else:
        out["jsonld.datePublished"] = [v for v in _jsonld_values(src, "datePublished") if v]
        out["jsonld.dateModified"] = [v for v in _jsonld_values(src, "dateModified") if v]
        out["<meta> published"] = [v for k in _PUBLISHED_META for v in src.meta.get(k, [])]
        out["<meta> modified"] = [v for k in _MODIFIED_META for v in src.meta.get(k, [])]
        out["microdata"] = src.item_values("datepublished") + src.item_values("date")
        out["<time>"] = [v for v, skipped in src.times if not skipped]
        out["<time> skipped"] = [v for v, skipped in src.times if skipped]
        out["date line"] = text_dates(blocks, _headline_anchors(blocks, meta.title), None,
                                      wide=True)
        out["keyword line"] = keyword_dates(blocks, None)
        from thresher.html.dates import url_date

        out["url"] = [d for d in (url_date(page.url), url_date(src.canonical)) if d]
    return meta, {k: [str(v) for v in vs] for k, vs in out.items() if vs}, blocks


def _agrees(name: str, gold: str, value: str) -> bool:
    if name == "title":
        return title_agrees(gold, MetaOutput(title=value))
    if name == "author":
        return author_agrees(gold, MetaOutput(authors=(value,)))
    from thresher.html.dates import parse_date

    return date_agrees(gold, MetaOutput(date=parse_date(value) or value))


def _ours(meta: Any, name: str) -> MetaOutput:
    return MetaOutput(title=meta.title, authors=meta.authors, date=meta.date)


def _agrees_out(name: str, gold: str, out: MetaOutput) -> bool:
    check: dict[str, Callable[[str, MetaOutput], bool]] = {
        "title": title_agrees, "author": author_agrees, "date": date_agrees}  # fmt: skip
    return check[name](gold, out)


def _cause(name: str, page: GoldPage, gold: str, meta: Any, candidates: dict[str, list[str]],
           blocks: list[Any]) -> str:  # fmt: skip
    from bench.metadata import _norm

    if name == "date" and meta.date and meta.date_modified and (
        meta.date[:10] == meta.date_modified[:10]
    ):
        return "we took modified"
    offered = [k for k, vs in candidates.items() if any(_agrees(name, gold, v) for v in vs)]
    if offered:
        return "gold offered by " + offered[0]
    gold_n = _norm(gold)
    if name == "title":
        from thresher.html.title import _fold

        ours = _norm(meta.title or "")
        if ours and _fold(ours) == _fold(gold_n):
            return "quote marks only"
        if ours and gold_n in ours:
            return "site name kept"
        if ours and ours in gold_n:
            return "over-stripped"
        if any(_norm(b.text) == gold_n for b in blocks):
            return "gold is a visible line"
        return "not derivable"
    if name == "author":
        names = [n for n in gold_n.replace(" and ", ",").split(",") if n.strip()]
        short = [_norm(b.text) for b in blocks if b.chars <= 80]
        if any(all(n.strip() in s for n in names) for s in short):
            return "gold in a short line"
        text = _norm(" ".join(b.text for b in blocks))
        if all(n.strip() in text for n in names):
            return "gold in the page text"
        if all(n.strip() in _norm(page.html) for n in names):
            return "gold in the HTML only"
        return "not derivable"
    from thresher.html.dates import find_text_date

    day = gold.strip()[:10]
    if any(b.chars <= 120 and find_text_date(b.text) == day for b in blocks):
        return "gold in a short line"
    if day in page.html:
        return "gold in the HTML only"
    return "not derivable"


def _raises(page: GoldPage) -> bool:
    import thresher

    try:
        thresher.extract(page.html, url=page.url)
    except thresher.NoContentError as exc:
        return exc.article is None  # a page without a body still gives its metadata
    except thresher.ThresherError:
        return True
    return False


def iter_misses(name: str, dataset: str = "wcxb_dev", limit: int | None = None
                ) -> Iterator[tuple[GoldPage, Miss | None]]:  # fmt: skip
    """Each page with a gold ``name``, with its :class:`Miss` (None when thresher agrees)."""
    for index, page in enumerate(iter_pages(dataset)):
        if limit is not None and index >= limit:
            break
        gold = _gold(page, name)
        if not gold:
            continue
        meta, candidates, blocks = _candidates(page, name)
        out = _ours(meta, name)
        ours = meta.title if name == "title" else (
            " ; ".join(meta.authors) if name == "author" else meta.date)
        if _agrees_out(name, gold, out):
            if not _raises(page):
                yield page, None
                continue
            cause = "no article"
        else:
            cause = _cause(name, page, gold, meta, candidates, blocks)
        yield page, Miss(page.key, page.url, gold, ours or "", cause, candidates)


def classify_misses(name: str, dataset: str = "wcxb_dev", limit: int | None = None
                    ) -> tuple[int, list[Miss]]:  # fmt: skip
    """How many pages have a gold ``name``, and thresher's misses among them."""
    pages, misses = 0, []
    for _page, miss in iter_misses(name, dataset, limit):
        pages += 1
        if miss is not None:
            misses.append(miss)
    return pages, misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.metadata_errors", description=__doc__)
    parser.add_argument("--field", choices=(*FIELDS, "all"), default="all")
    parser.add_argument("--dataset", default="wcxb_dev")
    parser.add_argument("--limit", type=int, default=None, help="at most N pages")
    parser.add_argument("--show", type=int, default=0, help="print N misses of each cause")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    warnings.simplefilter("ignore")
    for name in FIELDS if args.field == "all" else (args.field,):
        pages, misses = classify_misses(name, args.dataset, args.limit)
        hits = pages - len(misses)
        print(f"\n## {args.dataset} {name}: {hits}/{pages} agree ({hits / max(pages, 1):.3f}), "
              f"{len(misses)} misses")  # fmt: skip
        by_cause: dict[str, list[Miss]] = defaultdict(list)
        for miss in misses:
            by_cause[miss.cause].append(miss)
        for cause, count in Counter(m.cause for m in misses).most_common():
            print(f"  {count:4d}  {cause}")
        for cause, group in by_cause.items():
            for miss in group[: args.show]:
                print(f"\n[{cause}] {miss.key} {miss.url}\n  gold: {miss.gold!r}\n"
                      f"  ours: {miss.ours!r}")  # fmt: skip
                for source, values in miss.candidates.items():
                    print(f"    {source}: {[v[:100] for v in values[:4]]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
