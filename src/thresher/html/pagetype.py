"""What kind of page this is: article | forum | product | collection | listing |
documentation | service (WCXB's page types).

A small gradient-boosted tree ensemble per type (one-vs-rest, trained by
``python -m training.pagetype`` with LightGBM, exported to arrays, evaluated with NumPy) reads
page-level signals: the JSON-LD ``@type`` names and ``og:type``, the URL's path, how the page's
text is spread over its blocks (link density, list items, headings, code, tables), and the
share of its text under class/id names that say forum, product, card, comment or code. The
highest-scoring type wins.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..article import PAGE_TYPES, PageType
from ..label.compiled import KERNELS
from ..label.model import Stage
from ..page import ROLE_CODE, PageBlock
from ..urls import URL_WORD_GROUPS, path_words, split_url
from .dates import url_date
from .signals import ANCESTOR_TAG_BITS, CLASS_SIGNALS
from .sources import Sources

__all__ = [
    "SIGNAL_NAMES",
    "PageTypeModel",
    "classify_page",
    "load_page_model",
    "page_signals",
    "shipped_page_model",
    "top_type",
    "type_scores",
]


# JSON-LD @type groups, one signal each
_JSONLD_GROUPS: dict[str, frozenset[str]] = {
    "ld_article": frozenset("article newsarticle blogposting liveblogposting reportagenewsarticle "
                            "analysisnewsarticle scholarlyarticle report opinionnewsarticle "
                            "review".split()),
    "ld_tech": frozenset("techarticle apireference softwaresourcecode".split()),
    "ld_product": frozenset("product offer aggregateoffer productgroup individualproduct".split()),
    "ld_forum": frozenset("qapage question answer discussionforumposting comment "
                          "socialmediaposting".split()),
    "ld_faq": frozenset(["faqpage"]),
    "ld_list": frozenset("itemlist collectionpage searchresultspage offercatalog listitem".split()),
    "ld_service": frozenset("service localbusiness professionalservice organization corporation "
                            "store restaurant medicalbusiness legalservice".split()),
    "ld_breadcrumb": frozenset(["breadcrumblist"]),
    "ld_howto": frozenset("howto recipe".split()),
    "ld_event": frozenset("event course jobposting".split()),
    "ld_software": frozenset(["softwareapplication", "webapplication", "mobileapplication"]),
    "ld_webpage": frozenset(["webpage", "itempage", "aboutpage", "contactpage"]),
    "ld_video": frozenset(["videoobject"]),
    "ld_rating": frozenset(["aggregaterating", "rating"]),
}  # fmt: skip
_OG_TYPES = ("article", "product", "website", "profile", "video")


# the same matches as "[$€£¥₹]\s?\d|\d\s?(?:€|USD|EUR|GBP|zł|kr)\b" (a character is never a
# currency sign and a digit at once), with a first character the search can skip ahead to
_PRICE = re.compile(r"[$€£¥₹\d](?:(?<=[$€£¥₹])\s?\d|(?<=\d)\s?(?:€|USD|EUR|GBP|zł|kr)\b)")
# literals one of which each price holds: without any, the pattern is not run
_PRICE_LITERALS = ("$", "€", "£", "¥", "₹", "USD", "EUR", "GBP", "zł", "kr")
# Words (and phrases) counted where they stand whole in the lower-cased text: what
# r"\b(?:repl(?:y|ies)|posts?|joined|members?|quote|thread)\b" and r"\b(?:add to (?:cart|bag|
# basket)|in stock|buy now|checkout|shipping|sku)\b" find (``_count_words``)
_FORUM_WORDS = ("reply", "replies", "post", "posts", "joined", "member", "members", "quote",
                "thread")  # fmt: skip
_SHOP_WORDS = ("add to cart", "add to bag", "add to basket", "in stock", "buy now", "checkout",
               "shipping", "sku")  # fmt: skip
_SAMPLE_CHARS = 8000  # of short blocks' text, searched for prices and forum or shop words
_LI, _TABLE = ANCESTOR_TAG_BITS["li"], ANCESTOR_TAG_BITS["table"]
_ARTICLE, _FORM = ANCESTOR_TAG_BITS["article"], ANCESTOR_TAG_BITS["form"]
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))

SIGNAL_NAMES: tuple[str, ...] = (
    *_JSONLD_GROUPS, "ld_items", *(f"og_{t}" for t in _OG_TYPES), "og_other",
    "has_author", "has_date_meta", *URL_WORD_GROUPS, "url_depth", "url_length", "url_date",
    "url_numeric", "url_query", "url_home", "url_html",
    "log_blocks", "log_chars", "link_share", "li_share", "table_share", "article_share",
    "form_share", "heading_share", "headings", "code_share", "long_blocks", "long_share",
    "mean_chars", "max_share", "prices", "forum_words", "shop_words", "times", "bylines", "h1s",
    *(f"class_{name}" for name, _ in CLASS_SIGNALS),
)  # fmt: skip


def _url_signals(url: str | None) -> list[float]:
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


_N_BLOCK_SIGNALS = 17
_MASK_BITS = (_LI, _TABLE, _ARTICLE, _FORM)  # ancestor tags whose text share is a signal
_MASK_BIT_ARRAY = np.array(_MASK_BITS, dtype=np.int64)
_LONG_WORDS = 40  # a block of this many words or more is long


def _count_prices(text: str) -> float:
    """How many prices ``text`` holds; a test for the signs and units first, since a
    search for a few characters costs a tenth of the regular expression's scan."""
    if not any(sign in text for sign in _PRICE_LITERALS):
        return 0.0
    return float(len(_PRICE.findall(text)))


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what ``re`` counts as ``\w``


def _count_words(text: str, words: tuple[str, ...]) -> float:
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


def _block_signals(
    blocks: Sequence[PageBlock], *, compiled: bool = True
) -> tuple[list[float], list[float]]:
    """Signals of how the text is spread over the blocks, and the class/id shares.

    The whole numbers they divide are summed by the compiled kernel when it is built
    (``compiled``), else by NumPy (the reference): the same numbers, so the same signals."""
    n = len(blocks)
    if not n:
        return [0.0] * _N_BLOCK_SIGNALS, [0.0] * len(CLASS_SIGNALS)
    kernels = KERNELS if compiled else None
    if kernels is None:
        return _block_signals_numpy(blocks)
    sums = np.empty(5 + len(_MASK_BITS) + 3 + len(CLASS_SIGNALS), dtype=np.int64)
    kernels.block_sums(list(blocks), _HEADINGS, ROLE_CODE, _MASK_BIT_ARRAY, _LONG_WORDS,
                       len(CLASS_SIGNALS), sums)
    chars_sum, links_sum, headings, long_blocks, biggest = sums[:5].tolist()
    return _spread(blocks, n, chars_sum, links_sum, headings, long_blocks, biggest,
                   sums[5:].tolist())


def _spread(blocks: Sequence[PageBlock], n: int, chars_sum: int, links_sum: int, headings: int,
            long_blocks: int, biggest: int,
            weighted: list[int]) -> tuple[list[float], list[float]]:
    """The signals from the sums (``weighted``: the characters under each mask of
    ``_block_signals_numpy``)."""
    total = float(chars_sum) or 1.0
    shares = [float(s) / total for s in weighted]
    li, table, article, form, head_share, code_share, long_share = shares[:7]
    text = " ".join([b.text for b in blocks if b.chars < 400])[:_SAMPLE_CHARS].lower()
    spread = [
        math.log1p(n), math.log1p(total), float(links_sum) / total, li, table, article, form,
        head_share, float(headings), code_share, float(long_blocks), long_share,
        total / max(n, 1), float(biggest) / total,
        _count_prices(text), _count_words(text, _FORUM_WORDS), _count_words(text, _SHOP_WORDS),
    ]  # fmt: skip
    return spread, shares[7:]


def _block_signals_numpy(blocks: Sequence[PageBlock]) -> tuple[list[float], list[float]]:
    n = len(blocks)
    # one row per block: chars, link chars, ancestor tags, class bits, is a heading, is code,
    # words; then every share is one integer product with the blocks' chars (exact, as the
    # sums of whole numbers the shares divide are)
    rows = np.fromiter(chain.from_iterable([
        (b.chars, b.link_chars, b.anc_tags, b.anc_bits, b.tag in _HEADINGS,
         b.roles & ROLE_CODE != 0, b.text.count(" ") + 1) for b in blocks
    ]), np.int64, 7 * n).reshape(n, 7)  # fmt: skip
    chars, anc_tags, heading, code, words = (rows[:, k] for k in (0, 2, 4, 5, 6))
    long_blocks = words >= _LONG_WORDS
    masks = np.empty((n, len(_MASK_BITS) + 3 + len(CLASS_SIGNALS)), dtype=np.int64)
    for k, bit in enumerate(_MASK_BITS):
        masks[:, k] = (anc_tags & bit) != 0
    masks[:, 4], masks[:, 5], masks[:, 6] = heading, code, long_blocks
    masks[:, 7:] = (rows[:, 3:4] >> np.arange(len(CLASS_SIGNALS))) & 1
    return _spread(blocks, n, int(chars.sum()), int(rows[:, 1].sum()), int(heading.sum()),
                   int(long_blocks.sum()), int(chars.max()), (chars @ masks).tolist())


def page_signals(
    src: Sources, url: str | None, blocks: Sequence[PageBlock]
) -> npt.NDArray[np.float64]:
    """The page-level signals the page-type model reads, in ``SIGNAL_NAMES`` order."""
    types = src.jsonld_types
    og_type = (src.first_meta("og:type") or "").lower().split(".")[0].split(":")[0]
    has_author = bool(src.first_meta("author", "article:author") or src.bylines)
    has_date = bool(src.first_meta("article:published_time", "date", "pubdate")
                    or "datePublished" in (src.main.data if src.main else {}))  # fmt: skip
    values = [float(bool(types & group)) for group in _JSONLD_GROUPS.values()]
    values += [float(len(src.jsonld))]
    values += [float(og_type == t) for t in _OG_TYPES] + [float(og_type not in _OG_TYPES)]
    values += [float(has_author), float(has_date)]
    values += _url_signals(url)
    spread, classes = _block_signals(blocks)
    values += spread
    values += [float(len(src.times)), float(len(src.bylines)), float(len(src.h1))]
    values += classes
    return np.asarray(values, dtype=np.float64)


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
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            json.dump(self.to_json(), fh, separators=(",", ":"))


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


def load_page_model(path: Path | None = None) -> PageTypeModel:
    """Load a page-type model from ``path``, or the one shipped in the package.

    Raises:
        ValueError: the model reads other signals than this version computes, or names
            page types this version does not know.
    """
    if path is None:
        raw = gzip.decompress((resources.files("thresher.label") / "pagetype.json.gz").read_bytes())
    else:
        raw = gzip.decompress(Path(path).read_bytes())
    data = json.loads(raw)
    if tuple(data["signal_names"]) != SIGNAL_NAMES:
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


@lru_cache(maxsize=1)
def shipped_page_model() -> PageTypeModel:
    """The page-type model shipped in the package, loaded once per process."""
    return load_page_model()


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
