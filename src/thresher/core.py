"""The one-shot entry points: HTML in, Article out (``extract``); flattened text in, the same
Article out (``extract_text``).

The recipe, in order:
  1. check the input's type and size, refuse binary formats, decode bytes to text;
  2. HTML: parse with Lexbor and walk the DOM once into text blocks;
     text: one block per non-empty line;
  3. read the page's metadata — HTML: every source the page offers, reconciled
     (``html/metadata.py``), and its page type; text: its page type alone;
  4. compute each block's features and label it with the shipped model of that front end;
  5. assemble the labelled blocks into an Article (for text, after finding the headline and
     standfirst above the body); when the markup states no language, detect it from the body.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

import numpy as np
import numpy.typing as npt

from .article import Article
from .assemble import assemble, chaff_only, link_clouds
from .errors import InputError, InvalidOptionError, LimitExceededError, NoContentError
from .html.decode import (
    clean_text_utf8,
    decode_html,
    looks_binary,
    looks_like_json,
    repair_mojibake,
)
from .html.dom import nesting_depth, parse_html, walk_blocks
from .html.features import block_features
from .html.metadata import read_metadata
from .html.pagetype import SIGNAL_NAMES
from .html.roles import mark_roles
from .label.labeller import content_probabilities
from .label.model import TreeModel, load_model
from .label.pagetype import top_type, type_scores
from .language import detect_language
from .options import DEFAULT_OPTIONS, Options
from .page import PageBlock, PageMeta
from .text.features import line_features
from .text.headline import shipped_headline_model
from .text.lines import split_blocks
from .text.pagetype import TEXT_SIGNAL_NAMES, shipped_text_page_model, text_page_signals
from .text.structure import few_lines_threshold, find_headline, teasers_after_body

__all__ = ["AnalysedPage", "analyse_html", "analyse_text", "extract", "extract_text"]


class Clock:
    """Measures one page against ``Options.time_limit``; ``check`` raises once it is spent."""

    __slots__ = ("limit", "start")

    def __init__(self, limit: float | None) -> None:
        self.limit = limit
        self.start = time.perf_counter()

    def check(self) -> None:
        if self.limit is not None:
            elapsed = time.perf_counter() - self.start
            if elapsed > self.limit:
                raise LimitExceededError("time_limit", elapsed, self.limit)


@lru_cache(maxsize=1)
def shipped_model() -> TreeModel:
    """The labeller shipped in the package, loaded once per process."""
    return load_model(name="html")


@lru_cache(maxsize=1)
def shipped_text_model() -> TreeModel:
    """The labeller of flattened text shipped in the package, loaded once per process."""
    return load_model(name="text")


def _source_text(
    source: str | bytes, options: Options, *, encoding: str | None = None, markup: bool = True
) -> str:
    """Step 1: the input as text, or a typed error saying why there is none.

    ``markup`` says HTML is expected, so a JSON document is refused as not HTML.
    """
    return _source(source, options, encoding=encoding, markup=markup)[0]


def _source(
    source: str | bytes, options: Options, *, encoding: str | None = None, markup: bool = True
) -> tuple[str, bytes | None]:
    """``_source_text``, with the text's UTF-8 bytes for the parser when the check of a
    ``str`` made them (else None: the parser encodes the text itself)."""
    expected = "HTML" if markup else "text"
    utf8: bytes | None = None
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > options.max_input_bytes:
            raise LimitExceededError("max_input_bytes", len(data), options.max_input_bytes)
        kind = looks_binary(data)
        if kind is not None:
            raise NoContentError("not_html", f"input is {kind} data, not {expected}")
        text = decode_html(data, declared=encoding)  # BOM, charsets, UTF-8, a detector
    elif isinstance(source, str):
        # a str holds at least one byte per character: compare lengths before encoding
        if len(source) > options.max_input_bytes:
            raise LimitExceededError("max_input_bytes", len(source), options.max_input_bytes)
        if not markup and "\x00" in source:
            # in flat text a NUL separates words as the other control characters do (they
            # become spaces); cleaning would drop it and glue the words on either side
            source = source.replace("\x00", " ")
        # a str is what the caller decoded: UTF-8 read as windows-1252 is set right
        text, utf8 = repair_mojibake(*clean_text_utf8(source))
    else:
        raise InputError(f"source must be str or bytes, got {type(source).__name__}")
    if not text or text.isspace():  # what strip() would leave empty, without a copy
        raise NoContentError("empty", "input is empty")
    if markup and looks_like_json(text):
        raise NoContentError("not_html", "input is JSON, not HTML")
    return text, utf8


@dataclass(frozen=True)
class AnalysedPage:
    """A page made ready for labelling: its blocks, their features and the page's metadata."""

    blocks: list[PageBlock]
    meta: PageMeta
    features: npt.NDArray[np.float64]
    chars: npt.NDArray[np.float64]
    parent_keys: npt.NDArray[np.int64]
    grand_keys: npt.NDArray[np.int64]
    containers: npt.NDArray[np.int64]  # (first block, end block, level) per block element
    levels: npt.NDArray[np.float64]
    kind: Literal["html", "text"] = "html"  # the front end that made the blocks
    base_url: str | None = None  # the URL given by the caller, for resolving links


def _analysed_page(
    blocks: list[PageBlock],
    meta: PageMeta,
    features: npt.NDArray[np.float64],
    containers: npt.NDArray[np.int64],
    *,
    kind: Literal["html", "text"],
    base_url: str | None = None,
) -> AnalysedPage:
    """Bundle a front end's blocks with the per-block arrays the labeller reads."""
    return AnalysedPage(
        blocks=blocks,
        meta=meta,
        features=features,
        chars=np.array([b.chars for b in blocks], dtype=np.float64),
        parent_keys=np.array([id(b.parent) for b in blocks], dtype=np.int64),
        grand_keys=np.array([id(b.grandparent) for b in blocks], dtype=np.int64),
        containers=containers,
        levels=np.array([b.level for b in blocks], dtype=np.float64),
        kind=kind,
        base_url=base_url,
    )


def analyse_html(
    source: str | bytes,
    *,
    url: str | None,
    options: Options,
    encoding: str | None = None,
    clock: Clock | None = None,
) -> AnalysedPage:
    """Steps 1-4 up to the labels: used by ``extract`` and by training alike."""
    clock = clock or Clock(None)
    html, utf8 = _source(source, options, encoding=encoding)
    depth = nesting_depth(html, options.max_depth)
    if depth > options.max_depth:
        raise LimitExceededError("max_depth", depth, options.max_depth)
    clock.check()
    dom = parse_html(utf8 if utf8 is not None else html)
    clock.check()
    walk = walk_blocks(dom, options.max_nodes)
    blocks = walk.blocks
    mark_roles(blocks)
    clock.check()
    if options.page_model is not None and options.page_model.signal_names != SIGNAL_NAMES:
        raise InvalidOptionError("options.page_model reads other signals than HTML's (a "
                                 "page-type model of flattened text?)")
    meta = read_metadata(dom, url, blocks, page_model=options.page_model)
    if not blocks:
        # a page whose text is all in scripts may still state its metadata: it travels
        # with the error
        raise NoContentError("no_text", "the page has no visible text",
                             article=_metadata_article(meta))
    clock.check()
    features = block_features(blocks, meta.title, meta.type_scores)
    return _analysed_page(blocks, meta, features, walk.containers, kind="html", base_url=url)


def _metadata_article(meta: PageMeta) -> Article:
    """An Article with ``meta``'s fields and no body, for a page without visible text."""
    return assemble((), np.zeros(0), 1.0, meta)


def block_labels(page: AnalysedPage, model: TreeModel,
                 options: Options) -> tuple[npt.NDArray[np.float64], float]:
    """Step 4: each block's probability of being content, and the threshold it must reach
    (link clouds and, in flat text, teasers after the body set to 0)."""
    probabilities = content_probabilities(
        model, page.features, page.chars, page.parent_keys, page.grand_keys,
        page.containers, page.levels,
    )
    threshold = (options.threshold if options.threshold is not None
                 else model.threshold_for(page.meta.page_type))
    blocks = page.blocks
    probabilities[link_clouds(blocks)] = 0.0  # flat text has no links: none there
    if page.kind == "text":
        probabilities[teasers_after_body(blocks, probabilities, page.chars, threshold,
                                         page.meta.url)] = 0.0
        threshold = few_lines_threshold(probabilities, threshold)
    return probabilities, threshold


def label_and_assemble(page: AnalysedPage, model: TreeModel, options: Options) -> Article:
    """Step 4-5: label the blocks and assemble the Article."""
    probabilities, threshold = block_labels(page, model, options)
    meta = page.meta
    blocks = page.blocks
    keep = probabilities >= threshold
    shell = chaff_only(blocks, keep)
    if shell is not None:
        raise NoContentError(shell[0], shell[1], article=_metadata_article(meta))
    if page.kind == "text":
        # flat text has no <title>: the headline is found above where the body starts
        headline = find_headline(blocks, keep, meta.url, probabilities,
                                 options.headline_model or shipped_headline_model(),
                                 page.features)
        blocks = headline.blocks
        meta = replace(meta, title=headline.title)
    article = assemble(blocks, probabilities, threshold, meta, base_url=page.base_url,
                       include_tables=options.include_tables, containers=page.kind == "html")
    if not article.blocks:
        # the page's metadata stays readable: it travels with the error
        raise NoContentError("boilerplate_only", "no block of the page is main content",
                             article=article)
    if article.language is None:
        article = replace(article, language=detect_language(b.text for b in article.blocks))
    return article


def extract(
    source: str | bytes,
    *,
    url: str | None = None,
    options: Options | None = None,
    encoding: str | None = None,
) -> Article:
    """Extract the main content of one HTML page.

    Args:
        source: the page as served: ``str``, or ``bytes`` in any encoding.
        url: the page's URL: links are resolved against it, and it is the Article's ``url``
            unless the page declares a plausible canonical URL.
        options: how to extract; the defaults suit most pages.
        encoding: the charset the HTTP headers declared, if known; tried after a BOM.

    Returns:
        The Article; never None.

    Raises:
        InputError: ``source`` is neither str nor bytes.
        LimitExceededError: the input is over a size or depth limit, or took longer than
            ``options.time_limit``; ``limit`` names it.
        NoContentError: the page has no main content; ``reason`` says why, and ``article``
            holds the page's metadata when it could be read.
    """
    options = options or DEFAULT_OPTIONS
    clock = Clock(options.time_limit)
    page = analyse_html(source, url=url, options=options, encoding=encoding, clock=clock)
    clock.check()
    return label_and_assemble(page, options.model or shipped_model(), options)


def analyse_text(source: str | bytes, *, url: str | None, options: Options) -> AnalysedPage:
    """Steps 1-4 up to the labels for flattened text: used by ``extract_text`` and training."""
    flat = split_blocks(_source_text(source, options, markup=False), options.max_nodes)
    blocks = flat.blocks
    if not blocks:
        raise NoContentError("no_text", "the text has no visible characters")
    containers = np.zeros((0, 3), dtype=np.int64)  # lines have no enclosing elements
    page_model = options.page_model or shipped_text_page_model()
    if page_model.signal_names != TEXT_SIGNAL_NAMES:
        raise InvalidOptionError("options.page_model reads other signals than flattened "
                                 "text's (an HTML page-type model?)")
    features = line_features(flat, url)
    scores = type_scores(text_page_signals(blocks, url, features), page_model)
    meta = PageMeta(url=url, page_type=top_type(scores), type_scores=scores)
    return _analysed_page(blocks, meta, features, containers, kind="text", base_url=url)


def extract_text(
    source: str | bytes, *, url: str | None = None, options: Options | None = None
) -> Article:
    """Extract the main content of a page's flattened text (a WET record, a text dump).

    Every non-empty line is a block; the labeller trained on flattened pages picks the body,
    and the Article carries the headline, standfirst, captions and related links it finds
    around the body (no authors, date or site name: flat text does not state them).

    Args:
        source: the text, ``str``; ``bytes`` are decoded (BOM, UTF-8, then a detector).
        url: the page's URL, kept in the Article and used to recognise the headline.
        options: how to extract; the defaults suit most pages.

    Returns:
        The Article; never None.

    Raises:
        InputError: ``source`` is neither str nor bytes.
        LimitExceededError: the input is larger than ``options.max_input_bytes``.
        NoContentError: the text has no main content; ``reason`` says why.
    """
    options = options or DEFAULT_OPTIONS
    clock = Clock(options.time_limit)
    page = analyse_text(source, url=url, options=options)
    clock.check()
    return label_and_assemble(page, options.model or shipped_text_model(), options)
