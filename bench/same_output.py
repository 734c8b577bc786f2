"""Does a change keep thresher's output? ``python -m bench.same_output --write FILE`` records a
digest of every dev page's result, ``python -m bench.same_output --against FILE`` compares.

For each page of the datasets, the digest covers what ``extract`` returns for its HTML and
what ``extract_text`` returns for its flat text (the Article's JSON, or the error's type,
reason and Article), and the block features and the content probabilities of both labelling
stages, bit for bit, so that a speed-up which moves a number without changing the Article
still shows. Write the file before the change (``git stash`` or another checkout), compare
after. The file holds digests only; keep it outside the repository (``build/`` is ignored).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bench.datasets import DATASETS, GoldPage, iter_pages

if TYPE_CHECKING:
    from thresher.article import Article
    from thresher.core import AnalysedPage
    from thresher.label.model import TreeModel

__all__ = ["main", "page_digests"]


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()[:24]


def _result(call: Callable[[], Article]) -> bytes:
    """The Article's JSON, or the error's type, reason and Article, as bytes."""
    from thresher import ThresherError

    try:
        article = call()
        return article.to_json().encode()
    except ThresherError as exc:
        held = getattr(exc, "article", None)
        return json.dumps([type(exc).__name__, getattr(exc, "reason", None), str(exc),
                           held.to_json() if held is not None else None]).encode()


def _probabilities(analyse: Callable[[], AnalysedPage], model: TreeModel) -> bytes:
    """The block features and both stages' probabilities, bit for bit (empty when the page
    never reaches them)."""
    from thresher import ThresherError
    from thresher.label.labeller import block_probabilities, content_probabilities

    try:
        page = analyse()
    except ThresherError:
        return b""
    first = block_probabilities(model, page.features)
    both = content_probabilities(model, page.features, page.chars, page.parent_keys,
                                 page.grand_keys, page.containers, page.levels)
    return page.features.tobytes() + first.tobytes() + both.tobytes()


def page_digests(page: GoldPage) -> dict[str, str]:
    """The digests of one page: ``html`` and ``flat`` (result and probabilities)."""
    import thresher
    from thresher.core import analyse_html, analyse_text, shipped_model, shipped_text_model
    from thresher.options import DEFAULT_OPTIONS

    out = {
        "html": _digest(
            _result(lambda: thresher.extract(page.html, url=page.url)),
            _probabilities(lambda: analyse_html(page.html, url=page.url,
                                                options=DEFAULT_OPTIONS), shipped_model()),
        ),
    }
    if page.flat.strip():
        out["flat"] = _digest(
            _result(lambda: thresher.extract_text(page.flat, url=page.url)),
            _probabilities(lambda: analyse_text(page.flat, url=page.url,
                                                options=DEFAULT_OPTIONS), shipped_text_model()),
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.same_output", description=__doc__)
    parser.add_argument("datasets", nargs="*", default=list(DATASETS))
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="record the digests in this file")
    group.add_argument("--against", type=Path, help="compare with the digests in this file")
    parser.add_argument("--limit", type=int, default=None, help="at most N pages per dataset")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    digests = {
        page.key: page_digests(page)
        for name in args.datasets
        for page in itertools.islice(iter_pages(name), args.limit)
    }
    if args.write:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(json.dumps(digests, indent=0, sort_keys=True))
        print(f"wrote the digests of {len(digests)} pages to {args.write}")
        return 0
    before = json.loads(args.against.read_text())
    differ = {kind: [k for k, d in digests.items() if kind in d and before.get(k, {}).get(kind)
                     != d[kind]] for kind in ("html", "flat")}
    for kind, keys in differ.items():
        compared = sum(kind in d for d in digests.values())
        print(f"{kind}: identical on {compared - len(keys)} of {compared} pages")
        for key in keys[:20]:
            print(f"  differs: {key}")
    return 1 if any(differ.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
