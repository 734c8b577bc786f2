"""Page types (WCXB's: article | forum | product | collection | listing | documentation |
service), told from page-level signals by a small tree ensemble per type: the model both
front ends share, and the signals of a page's URL and words that both can read.

Each front end gathers its own signals (``html.pagetype``: JSON-LD, ``og:type``, class names
and how the text is spread over the DOM's blocks; ``text.pagetype``: how the text is spread
over the lines) and ships its own model, trained by ``python -m training.pagetype`` with
LightGBM and exported to arrays; the highest-scoring type wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..article import PAGE_TYPES, PageType
from ..page import PageBlock
from ..urls import URL_WORD_GROUPS, path_words, split_url, url_date
from .model import Stage, read_model_file, write_model_file

__all__ = [
    "FORUM_WORDS", "SAMPLE_CHARS", "SHOP_WORDS", "URL_SIGNAL_NAMES", "PageTypeModel",
    "classify_page", "count_prices", "count_words", "read_page_model", "sample_text", "top_type",
    "type_scores", "url_signals",
]  # fmt: skip

URL_SIGNAL_NAMES: tuple[str, ...] = (
    *URL_WORD_GROUPS, "url_depth", "url_length", "url_date", "url_numeric", "url_query",
    "url_home", "url_html",
)  # fmt: skip

# the same matches as "[$€£¥₹]\s?\d|\d\s?(?:€|USD|EUR|GBP|zł|kr)\b" (a character is never a
# currency sign and a digit at once), with a first character the search can skip ahead to
_PRICE = re.compile(r"[$€£¥₹\d](?:(?<=[$€£¥₹])\s?\d|(?<=\d)\s?(?:€|USD|EUR|GBP|zł|kr)\b)")
# literals one of which each price holds: without any, the pattern is not run
_PRICE_LITERALS = ("$", "€", "£", "¥", "₹", "USD", "EUR", "GBP", "zł", "kr")
# Words (and phrases) counted where they stand whole in the lower-cased text: what
# r"\b(?:repl(?:y|ies)|posts?|joined|members?|quote|thread)\b" and r"\b(?:add to (?:cart|bag|
# basket)|in stock|buy now|checkout|shipping|sku)\b" find (``count_words``)
FORUM_WORDS = ("reply", "replies", "post", "posts", "joined", "member", "members", "quote",
                "thread")  # fmt: skip
SHOP_WORDS = ("add to cart", "add to bag", "add to basket", "in stock", "buy now", "checkout",
               "shipping", "sku")  # fmt: skip
SAMPLE_CHARS = 8000  # of short blocks' text, searched for prices and forum or shop words
_SHORT_BLOCK_CHARS = 400  # a block or line shorter than this is short


def sample_text(blocks: Iterable[PageBlock]) -> str:
    """The first ``SAMPLE_CHARS`` characters of the short blocks' text (under
    ``_SHORT_BLOCK_CHARS``) joined by spaces, lower-cased: where prices and forum or shop
    words are counted. The blocks after the sample's end are not read."""
    parts: list[str] = []
    size = 0
    for block in blocks:
        if block.chars < _SHORT_BLOCK_CHARS:
            parts.append(block.text)
            size += len(block.text) + 1
            if size > SAMPLE_CHARS:
                break
    return " ".join(parts)[:SAMPLE_CHARS].lower()


def url_signals(url: str | None) -> list[float]:
    """What the URL says of the page: its path's page-kind words, depth, length, date, numeric
    segments, query, whether it is a home page or a file (``URL_SIGNAL_NAMES``)."""
    parts = split_url(url)
    path = parts.path.lower() if parts else ""
    segments = [s for s in path.split("/") if s]
    words = path_words(path)
    groups = [float(bool(words & group)) for group in URL_WORD_GROUPS.values()]
    return groups + [
        float(len(segments)),
        float(len(path)),
        float(url_date(url) is not None),
        float(sum(any(c.isdigit() for c in s) for s in segments)),
        float(bool(parts and parts.query)),
        float(not segments),
        float(path.endswith((".html", ".htm", ".php", ".aspx", ".asp"))),
    ]


def count_prices(text: str) -> float:
    """How many prices ``text`` holds; a test for the signs and units first, since a
    search for a few characters costs a tenth of the regular expression's scan."""
    if not any(sign in text for sign in _PRICE_LITERALS):
        return 0.0
    return float(len(_PRICE.findall(text)))


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what ``re`` counts as ``\w``


def count_words(text: str, words: tuple[str, ...]) -> float:
    """How many times one of ``words`` stands whole in ``text``: not inside a longer word.

    The same count as a regular expression ``\b(?:word|…)\b``, found with ``str.find``,
    which costs a fraction of the expression's scan: each word (or phrase) begins and ends
    with a letter, and no word begins inside another word or phrase of the list, so two
    occurrences never overlap and each is counted on its own.
    """
    count = 0
    end = len(text)
    for word in words:
        size = len(word)
        at = text.find(word)
        while at >= 0:
            after = at + size
            if (at == 0 or not _is_word_char(text[at - 1])) and (
                after == end or not _is_word_char(text[after])
            ):
                count += 1
            at = text.find(word, after)
    return float(count)


@dataclass(frozen=True)
class PageTypeModel:
    """One tree ensemble per page type; the type whose ensemble scores highest wins."""

    types: tuple[PageType, ...]
    stages: tuple[Stage, ...]
    signal_names: tuple[str, ...]
    info: dict[str, Any]
    # every type's trees in one node table, walked in one pass (see ``scores``)
    _joined: _JoinedStages | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_joined", _join_stages(self.stages))

    def scores(self, signals: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Raw scores, one row per page (``signals`` is one page or a 2-D array of pages)."""
        x = np.atleast_2d(signals)
        joined = self._joined
        if joined is None:
            return np.stack([stage.raw_score(x) for stage in self.stages], axis=1)
        return joined.raw_scores(x)

    def to_json(self) -> dict[str, Any]:
        return {"types": list(self.types), "stages": [s.to_json() for s in self.stages],
                "signal_names": list(self.signal_names), "info": self.info}  # fmt: skip

    def save(self, path: Path) -> None:
        write_model_file(path, self.to_json())


@dataclass(frozen=True)
class _JoinedStages:
    """The stages' node tables end to end, as one stage without a bias: a page walks every
    type's trees in one pass instead of one pass per type, which for a single page costs
    little more than one type's. Each type's score is then the sum of its own trees' leaf
    values (the same values summed in the same order as ``Stage.raw_score``) plus its bias."""

    stage: Stage
    bounds: tuple[tuple[int, int], ...]  # each type's trees: [start, end) in ``stage.roots``
    biases: tuple[float, ...]

    def raw_scores(self, x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        leaves = self.stage.leaf_values(x)
        out = np.empty((len(x), len(self.bounds)), dtype=np.float64)
        for k, ((start, end), bias) in enumerate(zip(self.bounds, self.biases, strict=True)):
            out[:, k] = leaves[:, start:end].sum(axis=1) + bias
        return out


def _join_stages(stages: Sequence[Stage]) -> _JoinedStages | None:
    if not stages:
        return None
    offsets = np.cumsum([0] + [len(s.feature) for s in stages])
    starts = np.cumsum([0] + [len(s.roots) for s in stages])
    stage = Stage(
        feature=np.concatenate([s.feature for s in stages]),
        threshold=np.concatenate([s.threshold for s in stages]),
        child=np.concatenate([s.child + o for s, o in zip(stages, offsets, strict=False)]),
        value=np.concatenate([s.value for s in stages]),
        roots=np.concatenate([s.roots + o for s, o in zip(stages, offsets, strict=False)]),
        # a leaf is its own child: steps past a shallower tree's bottom leave it in place
        depth=max(s.depth for s in stages),
        bias=0.0,
    )
    bounds = tuple((int(a), int(b)) for a, b in zip(starts[:-1], starts[1:], strict=True))
    return _JoinedStages(stage, bounds, tuple(s.bias for s in stages))


def read_page_model(
    path: Path | None, signal_names: tuple[str, ...], shipped: str
) -> PageTypeModel:
    """A page-type model from ``path``, or the package's file ``shipped``, checked to read
    ``signal_names``.

    Raises:
        ValueError: the model reads other signals than ``signal_names``, or names page
            types this version does not know.
    """
    data = read_model_file(path, shipped)
    if tuple(data["signal_names"]) != signal_names:
        raise ValueError("page-type model was trained on other signals; retrain it")
    known = {t: t for t in PAGE_TYPES}
    if any(t not in known for t in data["types"]):
        raise ValueError(f"page-type model names unknown page types: {data['types']}")
    return PageTypeModel(
        types=tuple(known[t] for t in data["types"]),
        stages=tuple(Stage.from_json(s) for s in data["stages"]),
        signal_names=tuple(data["signal_names"]),
        info=data.get("info", {}),
    )


def type_scores(signals: npt.NDArray[np.float64], model: PageTypeModel) -> npt.NDArray[np.float64]:
    """``model``'s score of each page type for one page's ``signals``, in ``PAGE_TYPES``
    order (a type the model does not know scores far below any other)."""
    raw = model.scores(signals)[0]
    out = np.full(len(PAGE_TYPES), -1e3)
    for score, kind in zip(raw.tolist(), model.types, strict=True):
        out[PAGE_TYPES.index(kind)] = score
    return out


def top_type(scores: npt.NDArray[np.float64]) -> PageType:
    """The page type that ``scores`` (in ``PAGE_TYPES`` order, see ``type_scores``) rank
    highest."""
    return PAGE_TYPES[int(np.argmax(scores))]


def classify_page(signals: npt.NDArray[np.float64], model: PageTypeModel) -> PageType:
    """The page type ``model`` scores highest for one page's ``signals``."""
    return top_type(type_scores(signals, model))
