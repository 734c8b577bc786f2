"""Which title the gold takes when the page offers two: ``python -m bench.title_split``.

For every page with a gold title (wcxb_dev and mozilla_readability by default), the stated
title (the most trusted source, as :mod:`thresher.html.title` picks it), that title without
the site's name, and the first visible ``<h1>`` are compared. Each page falls in one relation
between the ``<h1>`` and the stated title:

- ``same``: the same words (or the ``<h1>`` is the title without the site's name);
- ``inside``: the title contains the ``<h1>``; ``extends``: the ``<h1>`` contains the title
  without the site's name;
- ``reworded``: neither contains the other but they share words;
- ``unrelated``: no word in common; ``no h1``: no visible ``<h1>``.

For each relation the table counts the pages whose gold is the ``<h1>``, the stated title
(whole or without the site's name), or neither. A relation where the gold splits between
the ``<h1>`` and the title is one no rule over these two candidates gets right on both
datasets. Nothing is written.
"""

from __future__ import annotations

import argparse
import re
import sys
import warnings
from collections import Counter
from collections.abc import Sequence

from bench.datasets import iter_pages
from bench.metadata import _norm

__all__ = ["RELATIONS", "gold_choice", "main", "relation"]

RELATIONS = ("same", "inside", "extends", "reworded", "unrelated", "no h1")
_WORD = re.compile(r"\w+")


def relation(stated: str, stripped: str, heading: str | None) -> str:
    """How the visible ``heading`` relates to the ``stated`` title (``stripped``: without
    the site's name); one of :data:`RELATIONS`."""
    from thresher.html.title import _fold

    if not heading:
        return "no h1"
    shown, full, kept = _fold(heading), _fold(stated), _fold(stripped)
    if shown in (full, kept):
        return "same"
    if shown in full:
        return "inside"
    if kept in shown:
        return "extends"
    shared = set(_WORD.findall(shown)) & set(_WORD.findall(full))
    return "reworded" if shared else "unrelated"


def gold_choice(gold: str, stated: str, stripped: str, heading: str | None) -> str:
    """Which candidate the ``gold`` title is: ``h1``, ``title`` or ``neither``."""
    wanted = _norm(gold)
    if heading and _norm(heading) == wanted:
        return "h1"
    if wanted in (_norm(stated), _norm(stripped)):
        return "title"
    return "neither"


def count_choices(dataset: str, limit: int | None = None) -> Counter[tuple[str, str]]:
    """(relation, gold choice) -> pages, over the pages of ``dataset`` with a gold title."""
    from thresher.html.dom import parse_html, walk_blocks
    from thresher.html.metadata import _site_name
    from thresher.html.sources import gather_sources
    from thresher.html.title import (
        _first_whole,
        _stated_titles,
        strip_site_name,
        visible_headings,
    )

    counts: Counter[tuple[str, str]] = Counter()
    for index, page in enumerate(iter_pages(dataset)):
        if limit is not None and index >= limit:
            break
        if not page.title:
            continue
        dom = parse_html(page.html)
        src = gather_sources(dom)
        stated = _first_whole(_stated_titles(src))
        if stated is None:
            continue
        host = page.url.split("/")[2] if page.url and "//" in page.url else None
        stripped = strip_site_name(stated, _site_name(src), host)
        headings = visible_headings(src, walk_blocks(dom, 1_000_000).blocks)
        heading = headings[0] if headings else None
        key = (relation(stated, stripped, heading),
               gold_choice(page.title, stated, stripped, heading))  # fmt: skip
        counts[key] += 1
    return counts


def render(dataset: str, counts: Counter[tuple[str, str]]) -> str:
    lines = [f"\n## {dataset}: which candidate the gold title is, by how the <h1> relates "
             "to the stated title", "", "| <h1> vs title | pages | gold = <h1> | gold = title "
             "| neither |", "| --- | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for rel in RELATIONS:
        row = [counts[(rel, c)] for c in ("h1", "title", "neither")]
        if sum(row):
            lines.append(f"| {rel} | {sum(row)} | " + " | ".join(map(str, row)) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.title_split", description=__doc__)
    parser.add_argument("--dataset", action="append", default=None,
                        help="dataset name (repeatable); default wcxb_dev and "
                             "mozilla_readability")  # fmt: skip
    parser.add_argument("--limit", type=int, default=None, help="at most N pages per dataset")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    warnings.simplefilter("ignore")
    for dataset in args.dataset or ["wcxb_dev", "mozilla_readability"]:
        print(render(dataset, count_choices(dataset, args.limit)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
