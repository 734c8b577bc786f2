"""The one-shot entry point: HTML in, Article out.

The recipe, in order:
  1. check the input's type and size, refuse binary formats, decode bytes to text;
  2. parse with Lexbor and walk the DOM once into text blocks;
  3. read the page's metadata (title, authors, date, site, language);
  4. compute each block's features and label it with the shipped model;
  5. assemble the labelled blocks into an Article.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from .article import Article
from .assemble import PageInfo, assemble
from .errors import InputError, LimitExceededError, NoContentError
from .html.decode import clean_text, decode_html, looks_binary, looks_like_json
from .html.dom import nesting_depth, parse_html, walk_blocks
from .html.features import block_features
from .html.metadata import PageMeta, read_metadata
from .html.roles import mark_roles
from .label.labeller import content_probabilities
from .label.model import TreeModel, load_model
from .options import DEFAULT_OPTIONS, Options
from .page import PageBlock

__all__ = ["AnalysedPage", "analyse_html", "extract"]


@lru_cache(maxsize=1)
def shipped_model() -> TreeModel:
    """The labeller shipped in the package, loaded once per process."""
    return load_model(name="html")


def _html_text(source: str | bytes, options: Options, encoding: str | None) -> str:
    """Steps 1: the page as text, or a typed error saying why there is none."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > options.max_input_bytes:
            raise LimitExceededError("max_input_bytes", len(data), options.max_input_bytes)
        kind = looks_binary(data)
        if kind is not None:
            raise NoContentError("not_html", f"input is {kind} data, not HTML")
        html = decode_html(data, declared=encoding)
    elif isinstance(source, str):
        # a str holds at least one byte per character: compare lengths before encoding
        if len(source) > options.max_input_bytes:
            raise LimitExceededError("max_input_bytes", len(source), options.max_input_bytes)
        html = clean_text(source)
    else:
        raise InputError(f"source must be str or bytes, got {type(source).__name__}")
    if not html.strip():
        raise NoContentError("empty", "input is empty")
    if looks_like_json(html):
        raise NoContentError("not_html", "input is JSON, not HTML")
    return html


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


def analyse_html(
    source: str | bytes, *, url: str | None, options: Options, encoding: str | None = None
) -> AnalysedPage:
    """Steps 1-4 up to the labels: used by ``extract`` and by training alike."""
    html = _html_text(source, options, encoding)
    depth = nesting_depth(html, options.max_depth)
    if depth > options.max_depth:
        raise LimitExceededError("max_depth", depth, options.max_depth)
    dom = parse_html(html)
    walk = walk_blocks(dom, options.max_nodes)
    blocks = walk.blocks
    mark_roles(blocks)
    if not blocks:
        raise NoContentError("no_text", "the page has no visible text")
    meta = read_metadata(dom, url)
    return AnalysedPage(
        blocks=blocks,
        meta=meta,
        features=block_features(blocks, meta.title),
        chars=np.array([b.chars for b in blocks], dtype=np.float64),
        parent_keys=np.array([id(b.parent) for b in blocks], dtype=np.int64),
        grand_keys=np.array([id(b.grandparent) for b in blocks], dtype=np.int64),
        containers=walk.containers,
        levels=np.array([b.level for b in blocks], dtype=np.float64),
    )


def label_and_assemble(page: AnalysedPage, model: TreeModel, options: Options) -> Article:
    """Step 4-5: label the blocks and assemble the Article."""
    probabilities = content_probabilities(
        model, page.features, page.chars, page.parent_keys, page.grand_keys,
        page.containers, page.levels,
    )
    threshold = options.threshold if options.threshold is not None else model.threshold
    meta = page.meta
    info = PageInfo(
        title=meta.title,
        description=meta.description,
        authors=meta.authors,
        date=meta.date,
        site_name=meta.site_name,
        language=meta.language,
        url=meta.url,
    )
    article = assemble(page.blocks, probabilities, threshold, info,
                       include_tables=options.include_tables)
    if not article.blocks:
        raise NoContentError("boilerplate_only", "no block of the page is main content")
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
        url: the page's URL, kept in the Article.
        options: how to extract; the defaults suit most pages.
        encoding: the charset the HTTP headers declared, if known; tried after a BOM.

    Returns:
        The Article; never None.

    Raises:
        InputError: ``source`` is neither str nor bytes.
        LimitExceededError: the input is larger than ``options.max_input_bytes``.
        NoContentError: the page has no main content; ``reason`` says why.
    """
    options = options or DEFAULT_OPTIONS
    page = analyse_html(source, url=url, options=options, encoding=encoding)
    return label_and_assemble(page, options.model or shipped_model(), options)
