"""Does a change keep the metadata the same? ``python -m bench.metadata_digest write FILE`` then
``python -m bench.metadata_digest compare FILE`` (after the change).

``write`` runs the HTML front end up to its metadata (``read_metadata``: every field, and the
page-type signals) over the pages of the dev sets and writes one JSON line per page to
``FILE`` (keep it outside the repository: it is derived from the datasets page by page).
``compare`` computes the same again and prints every page whose metadata differs, field by
field, and how many pages are identical. ``today`` is pinned, so dates do not move between
the two runs. ``--limit`` reads the first N pages of each set.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import itertools
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.datasets import DATASETS, iter_pages

__all__ = ["main", "metadata_rows"]

_TODAY = dt.date(2026, 1, 1)


def _row(meta: Any) -> dict[str, Any]:
    row = {f.name: getattr(meta, f.name) for f in dataclasses.fields(meta) if f.name != "signals"}
    row["signals"] = [float(v) for v in meta.signals]  # exact: JSON keeps a float's repr
    return {k: list(v) if isinstance(v, tuple) else v for k, v in row.items()}


def metadata_rows(
    datasets: tuple[str, ...], limit: int | None
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(page key, its metadata as JSON values) for the pages of ``datasets`` with a body."""
    from thresher.core import _source_text
    from thresher.errors import ThresherError
    from thresher.html.dom import parse_html, walk_blocks
    from thresher.html.metadata import read_metadata
    from thresher.html.roles import mark_roles
    from thresher.options import DEFAULT_OPTIONS

    for name in datasets:
        for page in itertools.islice(iter_pages(name), limit):
            try:
                html = _source_text(page.html, DEFAULT_OPTIONS)
            except ThresherError:
                continue
            dom = parse_html(html)
            blocks = walk_blocks(dom, DEFAULT_OPTIONS.max_nodes).blocks
            mark_roles(blocks)
            yield page.key, _row(read_metadata(dom, page.url, blocks, today=_TODAY))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.metadata_digest", description=__doc__)
    parser.add_argument("action", choices=("write", "compare"))
    parser.add_argument("file", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="at most N pages per set")
    parser.add_argument("--datasets", nargs="+", default=list(DATASETS), choices=DATASETS)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    rows = metadata_rows(tuple(args.datasets), args.limit)
    if args.action == "write":
        with args.file.open("w", encoding="utf-8") as fh:
            for key, row in rows:
                fh.write(json.dumps({"key": key, **row}, ensure_ascii=False) + "\n")
        return 0
    with args.file.open(encoding="utf-8") as fh:
        before = {(r := json.loads(line)).pop("key"): r for line in fh}
    same = differ = 0
    for key, row in rows:
        old = before.pop(key, None)
        if old == row:
            same += 1
            continue
        differ += 1
        changed = sorted(k for k in row if old is None or old.get(k) != row[k])
        print(f"{key}: " + ", ".join(
            f"{k} {None if old is None else old.get(k)!r} -> {row[k]!r}" for k in changed))
    print(f"identical on {same} pages, different on {differ}, missing {len(before)}")
    return 1 if differ or before else 0


if __name__ == "__main__":
    sys.exit(main())
