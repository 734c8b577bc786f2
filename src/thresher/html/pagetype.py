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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import numpy.typing as npt

from ..article import PAGE_TYPES, PageType
from ..label.model import Stage
from ..page import ROLE_CODE, PageBlock
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
# URL path words, one signal per group
_URL_GROUPS: dict[str, frozenset[str]] = {
    "url_article": frozenset("blog blogs news article articles story stories post posts "
                             "insights press magazine opinion".split()),
    "url_product": frozenset("product products p dp shop store item items buy sku "
                             "ip".split()),
    "url_docs": frozenset("docs doc documentation api reference guide guides manual developer "
                          "developers learn tutorial tutorials wiki kb help support handbook "
                          "library sdk reference".split()),
    "url_forum": frozenset("forum forums thread threads t topic topics questions question "
                           "community discussion discussions answers r comments board "
                           "showthread viewtopic".split()),
    "url_list": frozenset("category categories tag tags collections collection c search list "
                          "lists browse archive all best top shop-all s".split()),
    "url_service": frozenset("services service solutions pricing about contact company "
                             "features plans hire agency consulting".split()),
}  # fmt: skip
_PRICE = re.compile(r"[$€£¥₹]\s?\d|\d\s?(?:€|USD|EUR|GBP|zł|kr)\b")
# matched on lower-cased text: a case-insensitive search costs twice as much
_FORUM_WORDS = re.compile(r"\b(?:repl(?:y|ies)|posts?|joined|members?|quote|thread)\b")
_SHOP_WORDS = re.compile(r"\b(?:add to (?:cart|bag|basket)|in stock|buy now|checkout|"
                         r"shipping|sku)\b")  # fmt: skip
_SAMPLE_CHARS = 8000  # of short blocks' text, searched for prices and forum or shop words
_LI, _TABLE = ANCESTOR_TAG_BITS["li"], ANCESTOR_TAG_BITS["table"]
_ARTICLE, _FORM = ANCESTOR_TAG_BITS["article"], ANCESTOR_TAG_BITS["form"]
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))

SIGNAL_NAMES: tuple[str, ...] = (
    *_JSONLD_GROUPS, "ld_items", *(f"og_{t}" for t in _OG_TYPES), "og_other",
    "has_author", "has_date_meta", *_URL_GROUPS, "url_depth", "url_length", "url_date",
    "url_numeric", "url_query", "url_home", "url_html",
    "log_blocks", "log_chars", "link_share", "li_share", "table_share", "article_share",
    "form_share", "heading_share", "headings", "code_share", "long_blocks", "long_share",
    "mean_chars", "max_share", "prices", "forum_words", "shop_words", "times", "bylines", "h1s",
    *(f"class_{name}" for name, _ in CLASS_SIGNALS),
)  # fmt: skip


def _url_signals(url: str | None) -> list[float]:
    parts = urlsplit(url) if url else None
    path = parts.path.lower() if parts else ""
    segments = [s for s in path.split("/") if s]
    words = set(re.split(r"[^a-z0-9]+", path))
    groups = [float(bool(words & group)) for group in _URL_GROUPS.values()]
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


def _block_signals(blocks: Sequence[PageBlock]) -> tuple[list[float], list[float]]:
    """Signals of how the text is spread over the blocks, and the class/id shares."""
    n = len(blocks)
    if not n:
        return [0.0] * _N_BLOCK_SIGNALS, [0.0] * len(CLASS_SIGNALS)
    chars = np.fromiter((b.chars for b in blocks), np.float64, n)
    total = float(chars.sum()) or 1.0
    links = float(sum(b.link_chars for b in blocks))
    anc_tags = np.fromiter((b.anc_tags for b in blocks), np.int64, n)
    anc_bits = np.fromiter((b.anc_bits for b in blocks), np.int64, n)
    heading = np.fromiter((b.tag in _HEADINGS for b in blocks), bool, n)
    code = np.fromiter((b.roles & ROLE_CODE != 0 for b in blocks), bool, n)
    words = np.fromiter((b.text.count(" ") + 1 for b in blocks), np.float64, n)
    text = " ".join(b.text for b in blocks if b.chars < 400)[:_SAMPLE_CHARS].lower()

    def share(mask: npt.NDArray[np.bool_]) -> float:
        return float(chars[mask].sum()) / total

    long_blocks = words >= 40
    spread = [
        math.log1p(n), math.log1p(total), links / total,
        share((anc_tags & _LI) != 0), share((anc_tags & _TABLE) != 0),
        share((anc_tags & _ARTICLE) != 0), share((anc_tags & _FORM) != 0),
        share(heading), float(heading.sum()), share(code), float(long_blocks.sum()),
        share(long_blocks), total / max(n, 1), float(chars.max()) / total,
        float(len(_PRICE.findall(text))), float(len(_FORUM_WORDS.findall(text))),
        float(len(_SHOP_WORDS.findall(text))),
    ]  # fmt: skip
    return spread, [share((anc_bits & (1 << i)) != 0) for i in range(len(CLASS_SIGNALS))]


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

    def scores(self, signals: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Raw scores, one row per page (``signals`` is one page or a 2-D array of pages)."""
        x = np.atleast_2d(signals)
        return np.stack([stage.raw_score(x) for stage in self.stages], axis=1)

    def to_json(self) -> dict[str, Any]:
        return {"types": list(self.types), "stages": [s.to_json() for s in self.stages],
                "signal_names": list(self.signal_names), "info": self.info}  # fmt: skip

    def save(self, path: Path) -> None:
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            json.dump(self.to_json(), fh, separators=(",", ":"))


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


def classify_page(signals: npt.NDArray[np.float64], model: PageTypeModel) -> PageType:
    """The page type ``model`` scores highest for one page's ``signals``."""
    return model.types[int(np.argmax(model.scores(signals)[0]))]
