"""The core's currency: a page as ordered blocks, whichever front end made them."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from .article import PageType

__all__ = [
    "ANCESTOR_TAG_BITS",
    "ROLE_CAPTION",
    "ROLE_CODE",
    "ROLE_HIDDEN",
    "ROLE_LEAD",
    "ROLE_MAYBE_HIDDEN",
    "ROLE_QUOTE",
    "ROLE_RELATED",
    "PageBlock",
    "PageMeta",
]

# What a front end can tell about a block's role besides its tag, one bit each (``roles``).
ROLE_CAPTION = 1  # describes a picture or a figure
ROLE_LEAD = 2  # marked as the standfirst / dek / summary
ROLE_RELATED = 4  # sits in a list of links to other pages ("Related", "Read more")
ROLE_QUOTE = 8  # inside a quotation
ROLE_CODE = 16  # preformatted code or text
ROLE_HIDDEN = 32  # not shown when the page loads (hidden, aria-hidden, display:none)
# may not be shown: inside <noscript> (shown only where scripts do not run), or under a class
# that names hiding ("hidden", "invisible"), which the page's CSS may or may not apply
ROLE_MAYBE_HIDDEN = 64

# The ancestor elements that say something about a block, one bit each (``anc_tags``); the
# HTML front end sets them, flattened text leaves them zero.
_ANCESTOR_TAGS = (
    "nav", "footer", "header", "aside", "article", "main", "form", "a", "figure", "li",
    "table", "blockquote", "pre", "details", "dialog", "noscript", "label", "address",
    "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "menu", "code",
)  # fmt: skip
ANCESTOR_TAG_BITS: dict[str, int] = {t: 1 << i for i, t in enumerate(_ANCESTOR_TAGS)}
ANCESTOR_TAG_BITS["hidden"] = 1 << len(_ANCESTOR_TAGS)  # hidden / aria-hidden / display:none


@dataclass(slots=True)
class PageBlock:
    """One block of a page, before labelling.

    The HTML front end fills every field; the flattened-text front end leaves the structural
    ones (``own_bits``, ``anc_bits``, ``anc_tags``, container totals) at zero.
    """

    tag: str  # the block element's tag ("p", "li", "td", …)
    pieces: list[str]  # text pieces, joined into ``text`` when the block is complete
    depth: int
    own_bits: int  # class/id signals of the element and its parent
    anc_bits: int  # class/id signals of every ancestor, OR-ed
    anc_tags: int  # tag bits of every ancestor, OR-ed
    parent: list[int]  # container's totals [chars, link_chars, blocks, …]
    grandparent: list[int]
    group: int  # id of the nearest list / table / blockquote ancestor, 0 if none
    row: int  # id of the nearest table row, 0 if none
    pre: bool  # whitespace is significant (inside <pre>)
    level: int = 0  # how many block elements enclose the block
    roles: int = 0  # ROLE_* bits set by the front end
    link_chars: int = 0
    n_links: int = 0
    href: str | None = None
    text: str = ""
    chars: int = 0


@dataclass(frozen=True)
class PageMeta:
    """What a front end knows about the page besides its blocks: its reconciled metadata.

    The HTML front end reads every field from the markup (``html/metadata.py`` documents the
    precedence); flattened text states none of them, so its front end gives only ``url``.
    ``url`` is the page's canonical URL when it declares a plausible one, else the caller's.
    """

    title: str | None = None
    doc_title: str | None = None  # the <title> element as written
    description: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    date_modified: str | None = None
    site_name: str | None = None
    language: str | None = None
    url: str | None = None
    image: str | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    page_type: PageType | None = None
    # page-level signals the page type was read from (to re-classify with another model)
    signals: npt.NDArray[np.float64] = field(
        default_factory=lambda: np.zeros(0), repr=False, compare=False
    )
    # the page-type model's score of each type (``PAGE_TYPES`` order): the labeller reads them
    type_scores: npt.NDArray[np.float64] = field(
        default_factory=lambda: np.zeros(0), repr=False, compare=False
    )
