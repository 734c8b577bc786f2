"""What kind of page flattened text comes from: article | forum | product | collection |
listing | documentation | service (WCXB's page types), as the HTML front end tells it.

Flat text has no markup to say it (no JSON-LD, no ``og:type``, no class names), so the
page-type model of this front end (:mod:`thresher.label.pagetype`, trained by ``python -m
training.pagetype --input flat``) reads the URL's signals and how the text is spread over
its lines: how many and how long, the share in lines of prose, in short lines, in lines
holding a digit, in long ones (read from the lines' features), and the prices and forum and
shop words of its short lines.
Out of fold it tells articles from the rest well (0.95 of WCXB's articles) and the other
kinds less well than the HTML model does; a page's type sets the labeller's threshold, as
on HTML (lower where the content is spread over many small lines), and whether the page
can have a standfirst.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ..label.pagetype import (
    FORUM_WORDS,
    SHOP_WORDS,
    URL_SIGNAL_NAMES,
    PageTypeModel,
    count_prices,
    count_words,
    read_page_model,
    sample_text,
    url_signals,
)
from ..page import PageBlock
from .features import FEATURE_NAMES

__all__ = [
    "TEXT_SIGNAL_NAMES", "load_text_page_model", "shipped_text_page_model", "text_page_signals",
]  # fmt: skip

TEXT_SIGNAL_NAMES: tuple[str, ...] = (
    *URL_SIGNAL_NAMES, "log_lines", "log_chars", "mean_chars", "median_chars", "max_share",
    "prose_share", "prose_lines", "short_lines", "digit_lines", "long_lines", "long_share",
    "prices", "forum_words", "shop_words",
)  # fmt: skip

_PROSE_CHARS = 80  # a line of prose: this long at least, and ending as a sentence ends
_SHORT_CHARS = 30  # a line shorter than this is short (a menu item, a label, a price)
_LONG_WORDS = 40  # a line of this many words or more is long
_LOG_WORDS = FEATURE_NAMES.index("log_words")
_TERMINAL = FEATURE_NAMES.index("ends_terminal")
_DIGITS = FEATURE_NAMES.index("digit_share")


def text_page_signals(
    blocks: Sequence[PageBlock], url: str | None, features: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """The page-level signals of flattened text's lines, in ``TEXT_SIGNAL_NAMES`` order;
    ``features`` are the lines' (``line_features``), whose words, ends and digits they
    read."""
    n = len(blocks)
    if not n:
        return np.asarray(url_signals(url) + [0.0] * (len(TEXT_SIGNAL_NAMES)
                                                       - len(URL_SIGNAL_NAMES)))
    chars = np.fromiter([b.chars for b in blocks], dtype=np.float64, count=n)
    total = max(float(chars.sum()), 1.0)
    prose = (chars >= _PROSE_CHARS) & (features[:, _TERMINAL] > 0)
    long = np.rint(np.expm1(features[:, _LOG_WORDS])) >= _LONG_WORDS
    sample = sample_text(blocks)
    values = url_signals(url) + [
        math.log1p(n), math.log1p(total), total / n, float(np.median(chars)),
        float(chars.max()) / total, float(chars[prose].sum()) / total, float(prose.mean()),
        float((chars < _SHORT_CHARS).mean()), float((features[:, _DIGITS] > 0).mean()),
        float(long.mean()), float(chars[long].sum()) / total, count_prices(sample),
        count_words(sample, FORUM_WORDS), count_words(sample, SHOP_WORDS),
    ]  # fmt: skip
    return np.asarray(values, dtype=np.float64)


def load_text_page_model(path: Path | None = None) -> PageTypeModel:
    """Load a page-type model of flattened text from ``path``, or the one shipped.

    Raises:
        ValueError: the model reads other signals than ``TEXT_SIGNAL_NAMES`` (an HTML
            page-type model, or one trained before the signals changed).
    """
    return read_page_model(path, TEXT_SIGNAL_NAMES, "pagetype_text.json.gz")


@lru_cache(maxsize=1)
def shipped_text_page_model() -> PageTypeModel:
    """The page-type model of flattened text shipped in the package, loaded once."""
    return load_text_page_model()
