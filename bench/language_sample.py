"""How much text language detection needs: ``python -m bench.language_sample [--limit N]``.

The body of every dev page's flat text (what ``extract_text`` detects the language from) is
read by the identifier at several sample sizes. For each size it prints how many pages get
another answer than with ``thresher.language.SAMPLE_CHARS`` characters, and the CPU time
per detection (best of ``--repeats`` passes), so the size can be cut only where no answer
moves.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import sys
import time

from bench.datasets import DATASETS, iter_pages

__all__ = ["main"]

SIZES = (3000, 2500, 2000, 1500, 1000, 500)  # and SAMPLE_CHARS


def _bodies(datasets: tuple[str, ...], limit: int | None) -> list[list[str]]:
    """The body blocks' texts of each page's flat text that has a body."""
    import thresher

    out: list[list[str]] = []
    for dataset in datasets:
        for page in itertools.islice(iter_pages(dataset), limit):
            with contextlib.suppress(thresher.ThresherError):
                out.append([b.text for b in thresher.extract_text(page.flat, url=page.url).blocks])
    return out


def main(argv: list[str] | None = None) -> int:
    from thresher.language import SAMPLE_CHARS, detect_language

    parser = argparse.ArgumentParser(prog="python -m bench.language_sample", description=__doc__)
    parser.add_argument("datasets", nargs="*", help=f"of {', '.join(DATASETS)} (all if none)")
    parser.add_argument("--limit", type=int, default=None, help="at most N pages per dataset")
    parser.add_argument("--repeats", type=int, default=3, help="timed passes (best is kept)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    unknown = set(args.datasets) - set(DATASETS)
    if unknown:
        parser.error(f"unknown datasets {sorted(unknown)}: choose from {', '.join(DATASETS)}")
    bodies = _bodies(tuple(args.datasets or DATASETS), args.limit)
    if not bodies:
        parser.error("no page with a body")
    reference = [detect_language(body, sample_chars=SAMPLE_CHARS) for body in bodies]
    print(f"{len(bodies)} bodies; answers compared with a sample of {SAMPLE_CHARS} characters")
    for size in sorted({SAMPLE_CHARS, *SIZES}, reverse=True):
        seconds = []
        for _ in range(args.repeats):
            start = time.process_time()
            answers = [detect_language(body, sample_chars=size) for body in bodies]
            seconds.append(time.process_time() - start)
        moved = sum(a != b for a, b in zip(answers, reference, strict=True))
        ms = 1000 * min(seconds) / len(bodies)
        print(f"  {size:5d} characters: {moved:4d} answers differ, {ms:.3f} ms per detection")
    return 0


if __name__ == "__main__":
    sys.exit(main())
