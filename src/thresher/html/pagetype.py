"""What kind of page this is, from its HTML: article | forum | product | collection |
listing | documentation | service (WCXB's page types).

The page-type model (:mod:`thresher.label.pagetype`, trained by ``python -m
training.pagetype``) reads page-level signals: the JSON-LD ``@type`` names and ``og:type``,
the URL's path, how the page's text is spread over its blocks (link density, list items,
headings, code, tables), and the share of its text under class/id names that say forum,
product, card, comment or code. The highest-scoring type wins.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ..label.compiled import KERNELS
from ..label.pagetype import (
    FORUM_WORDS,
    SHOP_WORDS,
    URL_SIGNAL_NAMES,
    PageTypeModel,
    classify_page,
    count_prices,
    count_words,
    read_page_model,
    sample_text,
    top_type,
    type_scores,
    url_signals,
)
from ..page import ROLE_CODE, PageBlock
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


_LI, _TABLE = ANCESTOR_TAG_BITS["li"], ANCESTOR_TAG_BITS["table"]
_ARTICLE, _FORM = ANCESTOR_TAG_BITS["article"], ANCESTOR_TAG_BITS["form"]
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))

SIGNAL_NAMES: tuple[str, ...] = (
    *_JSONLD_GROUPS, "ld_items", *(f"og_{t}" for t in _OG_TYPES), "og_other",
    "has_author", "has_date_meta", *URL_SIGNAL_NAMES,
    "log_blocks", "log_chars", "link_share", "li_share", "table_share", "article_share",
    "form_share", "heading_share", "headings", "code_share", "long_blocks", "long_share",
    "mean_chars", "max_share", "prices", "forum_words", "shop_words", "times", "bylines", "h1s",
    *(f"class_{name}" for name, _ in CLASS_SIGNALS),
)  # fmt: skip


_N_BLOCK_SIGNALS = 17
_MASK_BITS = (_LI, _TABLE, _ARTICLE, _FORM)  # ancestor tags whose text share is a signal
_MASK_BIT_ARRAY = np.array(_MASK_BITS, dtype=np.int64)
_LONG_WORDS = 40  # a block of this many words or more is long


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
    text = sample_text(blocks)
    spread = [
        math.log1p(n), math.log1p(total), float(links_sum) / total, li, table, article, form,
        head_share, float(headings), code_share, float(long_blocks), long_share,
        total / max(n, 1), float(biggest) / total,
        count_prices(text), count_words(text, FORUM_WORDS), count_words(text, SHOP_WORDS),
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
    values += url_signals(url)
    spread, classes = _block_signals(blocks)
    values += spread
    values += [float(len(src.times)), float(len(src.bylines)), float(len(src.h1))]
    values += classes
    return np.asarray(values, dtype=np.float64)


def load_page_model(path: Path | None = None) -> PageTypeModel:
    """Load an HTML page-type model from ``path``, or the one shipped in the package.

    Raises:
        ValueError: the model reads other signals than this version computes, or names
            page types this version does not know.
    """
    return read_page_model(path, SIGNAL_NAMES, "pagetype.json.gz")


@lru_cache(maxsize=1)
def shipped_page_model() -> PageTypeModel:
    """The page-type model shipped in the package, loaded once per process."""
    return load_page_model()
