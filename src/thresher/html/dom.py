"""Lexbor DOM (through selectolax) → raw text blocks, in one iterative walk.

This is the only module that imports the HTML parser, so the parser can be swapped.

A *block* is a run of text whose nearest block-level ancestor is one element. When a nested
block interrupts an element's text, the element's text before and after it become two blocks,
so blocks stay in document order. The walk records, per block, what the labeller's features
need: the text, how much of it sits inside links, the block's tag, its ancestors' tags and
class/id signals, and references to its container's and grand-container's running totals.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any, cast

import numpy as np
import numpy.typing as npt
from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..label.compiled import KERNELS
from ..literals import WordScanner, literal_prefixes
from ..page import PageBlock as RawBlock
from .signals import ANCESTOR_TAG_BITS, CLASS_SIGNALS

__all__ = [
    "COMPILED_WALK_PROBLEM",
    "BlockWalk",
    "Dom",
    "SourceNodes",
    "nesting_depth",
    "parse_html",
    "walk_blocks",
    "walk_blocks_python",
]

# Elements that start a block of their own.
BLOCK_TAGS = frozenset(
    "p div section article main aside header footer nav h1 h2 h3 h4 h5 h6 li ul ol dl dd dt "
    "blockquote pre table tr td th thead tbody tfoot caption figure figcaption form fieldset "
    "legend address details summary center body html menu dialog hgroup search".split()
)
# Elements whose content is never page text.
SKIP_TAGS = frozenset(
    "head script style template svg annotation annotation-xml iframe object embed canvas select "
    "textarea input button video audio map meta link title option datalist source track "
    "picture img".split()
)
_TEXT = "-text"
_GROUP_TAGS = frozenset(("ul", "ol", "dl", "table", "blockquote"))
_CONTROL_TAGS = frozenset(("input", "button", "select", "textarea"))


@dataclass(frozen=True)
class BlockWalk:
    """The blocks of a page, and the block elements that contain them.

    ``containers`` has one row (first block, end block, nesting level) per block element
    holding text; the blocks ``first <= i < end`` lie inside it.
    """

    blocks: list[RawBlock]
    containers: npt.NDArray[np.int64]


_Attributes = dict[str, str | None]


@dataclass(frozen=True)
class SourceNodes:
    """The elements the metadata sources read, found in one pass over the tree, each list in
    document order as its own CSS query would give it (an element with both ``itemprop``
    and ``property`` is in ``items`` twice, as ``[itemprop], [property]`` finds it twice).
    ``<meta>`` elements and microdata/RDFa ones come with their attributes, read once."""

    metas: list[_Attributes]
    jsonld: list[LexborNode]
    items: list[tuple[LexborNode, _Attributes]]
    times: list[LexborNode]
    h1: list[LexborNode]


@dataclass
class Dom:
    """A parsed HTML document."""

    tree: LexborHTMLParser
    truncated: bool = False
    _source_nodes: SourceNodes | None = field(default=None, init=False, repr=False)
    _scanned: tuple[list[LexborNode], ...] | None = field(default=None, init=False, repr=False)
    _queried: dict[int, list[LexborNode]] = field(default_factory=dict, init=False, repr=False)

    def candidates(self, kind: int, *, compiled: bool = True) -> list[LexborNode]:
        """The elements the metadata's query ``_CANDIDATE_QUERIES[kind]`` looks for, in
        document order (``SOURCES``, ``BYLINES`` or ``AUTHORS``), found once.

        The compiled scan (``_walk.source_elements``, when built and ``compiled``) finds all
        three kinds in one pass, each element once and a few more than the query matches;
        else Lexbor's CSS engine runs the query (the reference), an element once for each
        part it matches. Either way the readers below keep the same elements: they skip an
        element seen just before and test each against the parts of the selector they stand
        for."""
        if compiled and _compiled is not None:
            if self._scanned is None:
                root = self.tree.root
                document = root.parent if root is not None else None
                if document is not None:
                    self._scanned = _compiled.source_elements(self.tree, document.mem_id)
            if self._scanned is not None:
                return self._scanned[kind]
        nodes = self._queried.get(kind)
        if nodes is None:
            nodes = self._queried[kind] = self.tree.css(_CANDIDATE_QUERIES[kind])
        return nodes

    def source_nodes(self) -> SourceNodes:
        """The ``<meta>``, JSON-LD ``<script>``, microdata/RDFa, ``<time>`` and ``<h1>``
        elements, from one pass over the tree, once."""
        if self._source_nodes is None:
            self._source_nodes = _split_source_nodes(self.candidates(SOURCES))
        return self._source_nodes

    def html_lang(self) -> str | None:
        root = self.tree.css_first("html")
        if root is None:
            return None
        lang = root.attributes.get("lang") or root.attributes.get("xml:lang")
        return lang.strip() if lang else None

    def title(self) -> str | None:
        node = self.tree.css_first("title")
        return node.text(strip=True) if node is not None else None

    def meta_tags(self) -> list[dict[str, str | None]]:
        return list(self.source_nodes().metas)

    def link_hrefs(self, rel: str) -> list[str]:
        """``href`` of each ``<link>`` whose ``rel`` names ``rel``."""
        return [
            href for node in self.tree.css(f'link[rel~="{rel}"]')
            if (href := node.attributes.get("href"))
        ]

    def jsonld_scripts(self) -> list[str]:
        return [node.text(deep=True) for node in self.source_nodes().jsonld]

    def time_datetimes(self) -> list[str]:
        return [
            value
            for node in self.tree.css("time[datetime]")
            if (value := node.attributes.get("datetime"))
        ]

    def canonical_url(self) -> str | None:
        node = self.tree.css_first('link[rel="canonical"]')
        return node.attributes.get("href") if node is not None else None

    def times(self) -> list[tuple[str, bool]]:
        """Each ``<time>``'s datetime attribute (else its text), and whether to skip it: it sits
        in a comment thread, or it is a forum member's sign-up date."""
        out = []
        for node in self.source_nodes().times:
            value = node.attributes.get("datetime") or node.text(strip=True)
            if value:
                out.append((value, _in_comments(node) or _is_member_date(node)))
        return out

    def item_properties(self) -> list[tuple[str, str]]:
        """Microdata ``itemprop`` and RDFa ``property`` values outside ``<meta>``, in order.

        The value is the element's ``content``/``datetime`` attribute, else the ``name`` inside
        an ``itemscope`` author, else its text. Only the properties metadata reads are kept;
        an author or a date inside a comment thread is a comment's, not the page's, and only
        the first item that names authors gives them (a question's asker, not every answer's).
        """
        out = []
        author_item: int | None = None
        for node, attrs in self.source_nodes().items:
            if node.tag == "meta":
                continue
            in_comments: bool | None = None
            for key in (attrs.get("itemprop") or attrs.get("property") or "").lower().split():
                key = key.rsplit(":", 1)[-1] if key.startswith(("schema:", "dc:", "dcterms:")) \
                    else key
                if key not in _ITEM_KEYS:
                    continue
                if key in _THREAD_KEYS:
                    if in_comments is None:
                        in_comments = _in_comments(node)
                    if in_comments:
                        continue
                if key in ("author", "creator"):
                    owner = _owner_item(node)
                    author_item = owner if author_item is None else author_item
                    if owner != author_item:
                        continue
                value = _item_value(node, attrs)
                if value:
                    out.append((key, value))
        return out

    def byline_texts(self, limit: int = 5) -> list[str]:
        """Texts of elements that name an author: ``rel=author`` links and byline classes."""
        out: list[str] = []
        for node, times in _byline_nodes(self.candidates(BYLINES)):
            if _in_comments(node):
                continue
            text = node.attributes.get("data-author") or node.text(strip=True, separator=" ")
            if text and len(text) < 120:
                out.extend([text] * min(times, limit - len(out)))
                if len(out) >= limit:
                    break
        return out

    def author_texts(self, limit: int = 8) -> list[str]:
        """Short texts of the innermost elements whose class or id names an author or a byline
        (``author``, ``byline``, ``writer``, ``autor``, ``auteur`` in any case), outside
        comment threads, in document order."""
        out: list[str] = []
        nodes = _author_nodes(self.candidates(AUTHORS))[: _MAX_AUTHOR_NODES + 1]
        for node, after in zip(nodes[:_MAX_AUTHOR_NODES], [*nodes[1:], None], strict=False):
            if after is not None and _is_ancestor(node, after):
                continue  # an inner element names the author more precisely
            if _in_comments(node):
                continue
            text = node.attributes.get("data-author") or node.text(strip=True, separator=" ")
            if text and len(text) <= _MAX_AUTHOR_CHARS:
                out.append(text)
            elif text:  # an author box with a biography: its name sits in a first leaf
                out.extend(_short_leaf_texts(node))
            if len(out) >= limit:
                break
        return out[:limit]

    def heading_texts(self, tag: str = "h1", limit: int = 3) -> list[str]:
        nodes = self.source_nodes().h1 if tag == "h1" else self.tree.css(tag)
        return [t for node in nodes[:limit] if (t := node.text(separator=" "))]

    def count(self, selector: str) -> int:
        """How many elements match the CSS ``selector``."""
        return len(self.tree.css(selector))


# Properties of microdata and RDFa that metadata reads; those a comment has of its own.
_THREAD_KEYS = frozenset("author creator datepublished datecreated date".split())
_ITEM_KEYS = frozenset(
    "author creator datepublished datecreated datemodified date headline publisher "
    "inlanguage".split()
)
_BYLINE_SELECTOR = (
    'a[rel~="author"], [class*="byline"], [class*="author-name"], [class*="authorname"], '
    '[class*="author__name"], [class="author"], [class*="post-author"], [class*="article-author"], '
    # forums: the first post's author comes first
    '[data-author], [class~="username"], [class*="topic-author"], [class~="postauthor"], '
    # more forum engines' poster names, and microformats (vcard's fn, h-entry's p-author)
    '[class*="username" i], [class*="postuser" i], [class~="user"], [class~="author"], '
    '[class~="author"] [class~="fn"], [class~="p-author"]'
)
# class and id tokens that name an author's element, in the languages CMS themes are written in
_AUTHOR_TOKENS = ("author", "byline", "writer", "autor", "auteur")
_AUTHOR_SELECTOR = ", ".join(
    f'[{attr}*="{token}" i]' for attr in ("class", "id") for token in _AUTHOR_TOKENS
)  # fmt: skip
# Broader parts that every match of ``_AUTHOR_SELECTOR`` matches ("aut" for "author",
# "autor", "auteur"): six parts cost two thirds of ten, and few more elements match them
_AUTHOR_CANDIDATES = ", ".join(
    f'[{attr}*="{token}" i]' for attr in ("class", "id") for token in ("aut", "byline", "writer")
)  # fmt: skip
_MAX_AUTHOR_NODES = 40
_LEAVES_READ = 3  # leaves of a long author element read for its name

# One query for every source element; ``_split_source_nodes`` sorts its matches out.
_SOURCES_SELECTOR = 'meta, script[type="application/ld+json"], time, [itemprop], [property], h1'
_JSONLD_TYPE = "application/ld+json"
_JSONLD_SELECTOR = f'script[type="{_JSONLD_TYPE}"]'


def _split_source_nodes(nodes: list[LexborNode]) -> SourceNodes:
    """Sort the matches of ``_SOURCES_SELECTOR`` into the lists its parts would give.

    Lexbor gives an element once for each part of a selector list it matches, in document
    order; the parts are told apart by tag and attribute. A ``type`` attribute's value
    matches without regard to ASCII case on an HTML element (HTML lists it among such
    attributes; see ``_is_jsonld``). A script of another type (the compiled scan gives every
    script) is kept only for its ``itemprop`` or ``property``.
    """
    out = SourceNodes([], [], [], [], [])
    last = -1
    for node in nodes:
        mem_id = node.mem_id
        if mem_id == last:
            continue  # the same element again, for another part
        last = mem_id
        tag = node.tag
        attrs = node.attributes
        if tag == "meta":
            out.metas.append(attrs)
        elif tag == "time":
            out.times.append(node)
        elif tag == "h1":
            out.h1.append(node)
        elif tag == "script" and _is_jsonld(node, attrs.get("type")):
            out.jsonld.append(node)
        out.items.extend([(node, attrs)] * (("itemprop" in attrs) + ("property" in attrs)))
    return out


def _is_jsonld(node: LexborNode, kind: str | None) -> bool:
    """Whether a ``<script>`` of type ``kind`` matches ``script[type="application/ld+json"]``.
    The value matches in any ASCII case on an HTML element only (an SVG ``<script>``'s must
    be exact), so a value that differs in case alone is left to Lexbor's selector."""
    if kind is None or kind.lower() != _JSONLD_TYPE:
        return False
    return kind == _JSONLD_TYPE or node.css_matches(_JSONLD_SELECTOR)


# ``_BYLINE_SELECTOR``'s parts as tests of an element's tag and attributes (``_byline_parts``)
_CLASS_HOLDS = ("byline", "author-name", "authorname", "author__name", "post-author",
                "article-author", "topic-author")  # [class*=…]
_CLASS_HOLDS_ANY_CASE = ("username", "postuser")  # [class*=… i]
_CLASS_WORDS = ("username", "postauthor", "user", "author", "p-author")  # [class~=…]
# Fewer, broader parts that every match of ``_BYLINE_SELECTOR`` matches: each part of a
# selector list is one more test per element of the tree, so this query costs half as much.
_BYLINE_CANDIDATES = (
    'a[rel~="author"], [class*="author"], [class*="byline"], [class*="user" i], '
    '[data-author], [class~="author"] [class~="fn"]'
)
_CSS_SPACE = re.compile(r"[ \t\n\f\r]+")  # what separates the words of a ~= test
# The metadata's three element queries, by the kind ``Dom.candidates`` takes
SOURCES, BYLINES, AUTHORS = 0, 1, 2
_CANDIDATE_QUERIES = (_SOURCES_SELECTOR, _BYLINE_CANDIDATES, _AUTHOR_CANDIDATES)


def _byline_parts(node: LexborNode) -> int:
    """How many parts of ``_BYLINE_SELECTOR`` ``node`` matches.

    A class is compared as written, but where the part says ``i``: then without regard to
    ASCII case, as ``rel`` is (HTML lists it among such attributes). Python's ``lower``
    does the same for these values: they hold no "k", the one ASCII letter it gives for a
    non-ASCII one (the Kelvin sign)."""
    attrs = node.attributes
    cls = attrs.get("class") or ""
    words = _CSS_SPACE.split(cls) if cls else []
    low = cls.lower()
    parts = sum(part in cls for part in _CLASS_HOLDS)
    parts += sum(part in low for part in _CLASS_HOLDS_ANY_CASE)
    parts += sum(word in words for word in _CLASS_WORDS)
    parts += (cls == "author") + ("data-author" in attrs)
    if node.tag == "a":  # a[rel~="author"]
        parts += "author" in _CSS_SPACE.split((attrs.get("rel") or "").lower())
    if "fn" in words:  # [class~="author"] [class~="fn"]: a vcard's name in an author element
        parts += _inside_author(node)
    return parts


def _inside_author(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if "author" in _CSS_SPACE.split(parent.attributes.get("class") or ""):
            return True
        parent = parent.parent
    return False


def _author_nodes(candidates: list[LexborNode]) -> list[LexborNode]:
    """``tree.css(_AUTHOR_SELECTOR)``, an element once for each part it matches: from the
    matches of the broader ``_AUTHOR_CANDIDATES`` (or more), each candidate's class and id
    tested against every part (without regard to ASCII case, as ``lower`` does for these
    words: they hold no "k", the one ASCII letter it gives for a non-ASCII one, the Kelvin
    sign)."""
    out = []
    last = -1
    for node in candidates:
        if node.mem_id == last:
            continue
        last = node.mem_id
        attrs = node.attrs
        parts = 0
        for value in (attrs.get("class"), node.id):
            if value:
                low = value.lower()
                parts += sum(token in low for token in _AUTHOR_TOKENS)
        out.extend([node] * parts)
    return out


def _byline_nodes(candidates: list[LexborNode]) -> list[tuple[LexborNode, int]]:
    """``tree.css(_BYLINE_SELECTOR)`` as (element, how many times it is there): Lexbor gives
    an element once for each part of the list it matches. From the matches of the broader
    ``_BYLINE_CANDIDATES`` (or more), each candidate tested against every part."""
    out = []
    last = -1
    for node in candidates:
        if node.mem_id == last:
            continue
        last = node.mem_id
        times = _byline_parts(node)
        if times:
            out.append((node, times))
    return out


def _item_value(node: LexborNode, attrs: dict[str, str | None]) -> str | None:
    value = attrs.get("content") or attrs.get("datetime")
    if not value and "itemscope" in attrs:
        name = node.css_first('[itemprop="name"]')
        value = None if name is None else (  # <meta itemprop=name content=…>
            name.attributes.get("content") or name.text(strip=True, separator=" "))
    return value or node.text(strip=True, separator=" ")[:200]


def _owner_item(node: LexborNode, depth: int = 20) -> int:
    """The id of the ``itemscope`` element a property belongs to (0: none found)."""
    parent = node.parent
    for _ in range(depth):
        if parent is None:
            return 0
        if "itemscope" in parent.attributes:
            return int(parent.mem_id)
        parent = parent.parent
    return 0


def _is_ancestor(node: LexborNode, other: LexborNode, depth: int = 30) -> bool:
    """True when ``other`` lies inside ``node`` (``other`` follows ``node`` in the document:
    the next match after an element is its descendant if it has one, so one look suffices)."""
    parent = other.parent
    mem_id = node.mem_id
    for _ in range(depth):
        if parent is None:
            return False
        if parent.mem_id == mem_id:
            return True
        parent = parent.parent
    return False


def _short_leaf_texts(node: LexborNode) -> list[str]:
    """The texts of the first elements without child elements in ``node``, when short."""
    out: list[str] = []
    for inner in node.css("*")[1:_MAX_AUTHOR_NODES]:
        if next(inner.iter(include_text=False), None) is not None:
            continue
        text = inner.text(strip=True, separator=" ")
        if text:
            if len(text) <= _MAX_AUTHOR_CHARS:
                out.append(text)
            if len(out) >= _LEAVES_READ:
                break
    return out
_MAX_AUTHOR_CHARS = 100
_COMMENT_MARKERS = ("comment", "reply", "respond", "response", "disqus")  # not "responsive"
_COMMENT_PATTERN = re.compile("|".join(_COMMENT_MARKERS))


MEMBER_MARKERS = ("joined", "member since", "registered")


def _is_member_date(node: LexborNode) -> bool:
    """True for a forum member's sign-up date ("Joined Apr 13, 2009") beside a post."""
    parent = node.parent
    for _ in range(2):  # <dl><dt>Joined</dt><dd><time>…: the label sits beside the parent
        if parent is None:
            return False
        text = parent.text(strip=True)[:80].lower()
        if any(m in text for m in MEMBER_MARKERS):
            return True
        parent = parent.parent
    return False


def _in_comments(node: LexborNode, depth: int = 12) -> bool:
    """True when an ancestor's class or id says comments (a comment's date, its author).

    ``<body>`` does not count: its classes state the page's settings ("comments-open" on
    every WordPress post), not a thread."""
    parent = node.parent
    for _ in range(depth):
        if parent is None or parent.tag in ("body", "html"):
            return False
        # ``attrs`` reads one attribute where ``attributes`` builds a dict of them all (it
        # has them for elements only: <html>'s parent is the document)
        if parent.is_element_node and _COMMENT_PATTERN.search(
            f"{parent.attrs.get('class') or ''} {parent.id or ''}".lower()
        ):
            return True
        parent = parent.parent
    return False


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
# elements that never nest (void) or that the parser closes implicitly
_FLAT_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr p li td th tr "
    "option dt dd".split()
)
_DEPTH_SCAN_FROM = 10_000  # fewer tags than this cannot nest deep enough to matter


def nesting_depth(html: str, limit: int) -> int:
    """Estimate how deep ``html`` nests, stopping as soon as ``limit`` is passed.

    Lexbor's tree builder slows quadratically with nesting depth (100,000 levels take
    minutes), so deep documents are refused before they are parsed. Documents with few tags
    are not scanned at all.
    """
    if html.count("<") < _DEPTH_SCAN_FROM:
        return 0
    return _deepest(html, limit, compiled=KERNELS is not None)


def _deepest(html: str, limit: int, *, compiled: bool) -> int:
    """The deepest nesting of ``_TAG``'s tags in ``html``, stopping once past ``limit``:
    ``_FLAT_TAGS`` and tags closed by "/>" do not nest, a closing tag never takes the depth
    below zero. ``compiled``: the kernels' ``tag_depth`` scans the characters once, the
    same tags in the same order; the regex's loop below is its reference."""
    if compiled and KERNELS is not None:
        return int(KERNELS.tag_depth(html, limit, _FLAT_TAGS))
    depth = deepest = 0
    flat = _FLAT_TAGS
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        if self_closing or name.lower() in flat:
            continue
        if closing:
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
    return deepest


def parse_html(html: str | bytes) -> Dom:
    """Parse ``html`` (text, or text encoded as UTF-8) with Lexbor. Never raises on
    malformed markup."""
    return Dom(LexborHTMLParser(html))


def _attr_bits(cls: str | None, ident: str | None) -> int:
    """``class_signal_bits(f"{cls} {ident}")``, read value by value and token by token.

    The same: no signal pattern matches across whitespace (the ad pattern's ``[\\s_-]``
    delimiters stand at a token's start or end, where ``^``/``$`` match a token alone), and
    the token "None" matches none. Faster: a page brings many new class/id combinations
    (unique ids, long utility-class lists) but few new values of each, and fewer new tokens.
    """
    return (_value_bits(cls) if cls else 0) | (_value_bits(ident) if ident else 0)


class _Memo:
    """A function of a string memoised in a plain dict, emptied when it holds ``limit``
    entries. The garbage collector leaves a dict of strings and ints out of its passes;
    ``lru_cache`` keeps each entry in a link it reads on every full pass (on a big page's
    walk, a full pass over the signal caches cost tens of milliseconds)."""

    __slots__ = ("__wrapped__", "cache", "limit")

    def __init__(self, function: Callable[[str], int], limit: int) -> None:
        self.__wrapped__ = function
        self.cache: dict[str, int] = {}
        self.limit = limit

    def __call__(self, key: str) -> int:
        value = self.cache.get(key)
        if value is None:
            if len(self.cache) >= self.limit:
                self.cache.clear()
            value = self.cache[key] = self.__wrapped__(key)
        return value

    def cache_clear(self) -> None:
        self.cache.clear()


def _value_bits_of(value: str) -> int:
    """``class_signal_bits(value)`` for one class or id value, token by token.

    The value is lower-cased and its digits made "0" before it is split: the same tokens as
    splitting first, since ``lower`` never makes white space nor turns it into anything else
    (a test reads every code point)."""
    bits = 0
    known = _shape_bits.cache  # read here: most tokens are known, and a call costs more
    for token in _zero_digits(value.lower()).split():
        found = known.get(token)
        bits |= found if found is not None else _shape_bits(token)
    return bits


# No signal pattern names a digit, and every ASCII digit is a word character as "0" is: a
# token's digits all made "0" match the same patterns ("post-12345" as "post-00000"), so
# the unique ids of posts and comments share one entry of ``_shape_bits``. The digits are
# replaced in the UTF-8 bytes, where they are the only bytes 0x31-0x39 (bytes.translate is
# a table lookup per byte, str.translate a dict lookup per character: six times slower).
_ZERO_DIGITS = bytes.maketrans(b"123456789", b"000000000")


def _zero_digits(text: str) -> str:
    """``text`` with each ASCII digit made "0"."""
    return text.encode("utf-8", "surrogatepass").translate(_ZERO_DIGITS).decode(
        "utf-8", "surrogatepass")


def _shape_bits_of(text: str) -> int:
    """The signal bits of a lower-cased token: only the patterns one of whose literal starts
    occurs in it run (one Aho-Corasick pass finds them), and those without any."""
    scanner, always = _signal_scanner()
    candidates = scanner.sets_present(text) | always
    bits = 0
    while candidates:
        low = candidates & -candidates
        if _SIGNAL_PATTERNS[low.bit_length() - 1].search(text):
            bits |= low
        candidates ^= low
    return bits


_value_bits = _Memo(_value_bits_of, 1 << 16)
_shape_bits = _Memo(_shape_bits_of, 1 << 17)


_SIGNAL_PATTERNS = tuple(re.compile(pattern) for _, pattern in CLASS_SIGNALS)
# For a pattern without literal starts, strings one of which each of its matches holds: the
# ad pattern's first branch ("(^|[\s_-])ads?([\s_-]|$)") holds "ad", the others are words.
_SIGNAL_NEEDS = {"ad": ("ad", "sponsor", "promo", "dfp", "gpt-", "affiliate", "commercial")}


@lru_cache(maxsize=1)
def _signal_scanner() -> tuple[WordScanner, int]:
    """The literal starts of each signal pattern (or its ``_SIGNAL_NEEDS``) in one automaton,
    one set per pattern, and the bits of the patterns that have neither (every match of a
    pattern holds one of its starts, so a pattern none of whose starts occurs cannot match)."""
    sets: list[tuple[str, ...]] = []
    always = 0
    for i, pattern in enumerate(_SIGNAL_PATTERNS):
        starts = literal_prefixes(pattern) or _SIGNAL_NEEDS.get(CLASS_SIGNALS[i][0])
        if starts is None:
            always |= 1 << i
        sets.append(tuple(starts or ()))
    return WordScanner(sets), always


# What the walk does with a non-text node: descend into it as an element, or one of these.
_SKIP, _BREAK, _CONTROL, _ELEMENT = range(4)
# Elements that change inherited state beyond class and tag bits.
_PLAIN, _LINK, _GROUP, _ROW, _PRE, _MATH = range(6)
_TagAction = tuple[int, bool, int, int]  # (what to do, is a block, ancestor tag bit, role)


def _tag_action(tag: str | None) -> _TagAction:
    if tag == "br":
        return (_BREAK, False, 0, _PLAIN)
    if tag == "hr":  # a rule has no content, but ends the line like a block
        return (_ELEMENT, True, 0, _PLAIN)
    if tag in _CONTROL_TAGS:
        return (_CONTROL, False, 0, _PLAIN)
    if tag is None or tag in SKIP_TAGS or tag[0] == "-":  # "-comment", "-doctype", …
        return (_SKIP, False, 0, _PLAIN)
    role = {"a": _LINK, "tr": _ROW, "pre": _PRE, "math": _MATH}.get(
        tag, _GROUP if tag in _GROUP_TAGS else _PLAIN)
    return (_ELEMENT, tag in BLOCK_TAGS, ANCESTOR_TAG_BITS.get(tag, 0), role)


# Tags classified once, so that a node costs one lookup instead of a chain of set tests.
# Tags missing here (custom elements, rare ones) are classified as they are met.
_TAG_ACTIONS: dict[str | None, _TagAction] = {
    tag: _tag_action(tag)
    for tag in (
        BLOCK_TAGS | SKIP_TAGS | _CONTROL_TAGS | ANCESTOR_TAG_BITS.keys()
        | {None, "br", "-comment", "-doctype", "-document"}
        | set("span a b i u s em strong small big font time label code sup sub abbr cite "
              "mark q var kbd samp dfn del ins bdi bdo data tt strike nobr wbr hr".split())
    )
}


def walk_blocks(dom: Dom, max_nodes: int) -> BlockWalk:
    """Walk the DOM once, depth first, and return its text blocks in document order.

    Deep pages cannot overflow the stack: the walk is iterative. At most ``max_nodes`` nodes
    are visited; ``dom.truncated`` tells when the page was longer. The walk runs compiled
    (``_walk.pyx``) when that module is built for the installed selectolax, else in Python;
    both give the same blocks.
    """
    return _walk(dom, max_nodes, compiled=_compiled is not None)


def walk_blocks_python(dom: Dom, max_nodes: int) -> BlockWalk:
    """``walk_blocks`` in Python whether or not the compiled walk is available: the
    reference the compiled walk is tested against."""
    return _walk(dom, max_nodes, compiled=False)


def _finish_texts(blocks: list[RawBlock]) -> None:
    """Each block's ``text`` from its pieces: white space folded to single spaces, each line
    of a block that holds line breaks folded on its own and the empty lines dropped; in
    ``<pre>`` only the breaks at either end go. The kernels' ``finish_texts`` does the same
    in one pass over each text."""
    for block in blocks:
        joined = "".join(block.pieces)
        if block.pre:
            block.text = joined.strip("\n")
        elif "\n" not in joined:  # one line: the common case, and a quicker one
            block.text = " ".join(joined.split())
        else:
            lines = (" ".join(line.split()) for line in joined.split("\n"))
            block.text = "\n".join(line for line in lines if line)


def _walk(dom: Dom, max_nodes: int, *, compiled: bool) -> BlockWalk:
    body = dom.tree.body
    if body is None:
        return BlockWalk([], np.zeros((0, 3), dtype=np.int64))
    if compiled and _compiled is not None:
        # the compiled walk reads the document through ``body``'s address; ``dom`` keeps it
        blocks, containers, stopped = _compiled.walk(body.mem_id, max_nodes, _WALK_TABLES)
    else:
        blocks, containers, stopped = _walk_python(body, max_nodes)
    if stopped:  # stopped early: containers still open end at the last block
        dom.truncated = True
        for container in containers:
            if container[4] < 0:
                container[4] = len(blocks)
    if compiled and KERNELS is not None:
        KERNELS.finish_texts(blocks)
    else:
        _finish_texts(blocks)
    # one C-level pass over every frame's totals: building a list of tuples for NumPy to
    # convert cost half as much again
    width = 8
    table = np.fromiter(chain.from_iterable(containers), np.int64, width * len(containers))
    table = table.reshape(len(containers), width)
    spans = table[table[:, 4] > table[:, 3], 3:6]  # (first, end, level) of non-empty frames
    return BlockWalk(blocks, spans)


# What a gap set between two inline elements gives way to: the next text opening with
# punctuation that closes on the word before it
INLINE_GAP_CLOSERS = frozenset(",.;:!?)]}…’”%")


# A browser that runs scripts keeps a <noscript>'s content as text, and a page saved from
# one holds that text escaped ("&lt;div class=…&gt;"): parsed, the text reads as markup.
_MARKUP_TAG = re.compile(r"<[A-Za-z!/][^<>]*>")


def markup_text(text: str) -> str:
    """The text of markup that a ``<noscript>`` holds as text: its tags made spaces."""
    return _MARKUP_TAG.sub(" ", text)


def _walk_python(body: LexborNode, max_nodes: int) -> tuple[list[RawBlock], list[list[int]], bool]:
    """The walk's node loop in Python: ``(blocks, containers, stopped early)``.

    Blocks' ``text`` is left to fill; each container is its frame list (below).
    """
    blocks: list[RawBlock] = []
    # Running totals [chars, link_chars, blocks, first block, end block, level, form controls,
    # class key] of the innermost open block element (frame), its nearest block ancestor
    # (parent) and that one's (grand); folded upwards on close. A block's level is its frame's
    # plus one. The class key (the hash of the element's class value, 0 without one) tells
    # which containers repeat one template: teaser cards, comments, forum posts.
    root = [0, 0, 0, 0, -1, 0, 0, 0]
    frame, parent, grand = [0, 0, 0, 0, -1, 0, 0, 0], root, root
    containers: list[list[int]] = []
    anc_bits = anc_tags = in_link = group = row = ebits = 0
    pre = False
    link_href: str | None = None
    btag, own = "body", 0
    current: RawBlock | None = None
    gap = -1  # where in the current block's pieces the last gap between inline elements is
    # per open element: the node and the state to restore when it closes, in one flat tuple
    stack: list[tuple[Any, ...]] = []
    bits_of = _attr_bits
    hidden_bit = ANCESTOR_TAG_BITS["hidden"]
    noscript_bit = ANCESTOR_TAG_BITS["noscript"]
    actions = _TAG_ACTIONS
    node: LexborNode | None = body.first_child
    for _ in range(max_nodes):
        if node is None:
            break
        tag = node.tag
        if tag == "-text":
            # Most text nodes are layout whitespace, which Lexbor tells apart without making a
            # Python string; isspace() still catches the non-ASCII kinds it does not know.
            # Inside a block, whitespace still parts the words of the inline elements on
            # either side ("of</em> <a>a post</a>"): it is kept as a space (in preformatted
            # text, as it is), counted in no total.
            text = None if node.is_empty_text_node else node.text_content
            if text and anc_tags & noscript_bit and "<" in text:
                text = markup_text(text)
            if not text or text.isspace():
                if current is not None:
                    current.pieces.append(
                        (text if text is not None else node.text_content or "") if pre else " ")
            else:
                if current is None:
                    current = RawBlock(btag, [], len(stack), own, anc_bits, anc_tags, parent,
                                       grand, group, row, pre, frame[5] + 1)
                    if in_link:  # the block starts inside a link
                        current.n_links = 1
                        current.href = link_href
                    blocks.append(current)
                    frame[2] += 1
                    gap = -1
                elif gap == len(current.pieces) - 1 and text[0] in INLINE_GAP_CLOSERS:
                    current.pieces.pop()  # punctuation goes on the word before it
                current.pieces.append(text)
                n = len(text)
                current.chars += n
                frame[0] += n
                if in_link:
                    current.link_chars += n
                    frame[1] += n
        else:
            action, is_block, tbit, role = actions.get(tag) or _tag_action(tag)
            if action == _ELEMENT:
                child = node.first_child
                if child is not None:
                    attrs = node.attributes
                    cls = attrs.get("class")
                    ident = attrs.get("id")
                    bits = bits_of(cls, ident) if cls or ident else 0
                    if "hidden" in attrs or attrs.get("aria-hidden") == "true" or (
                        "style" in attrs and _hidden_style(attrs["style"])
                    ):
                        tbit |= hidden_bit
                    # a formula's hidden MathML copy (the page shows an image): no text
                    if role != _MATH or not (anc_tags | tbit) & hidden_bit:
                        stack.append((node, anc_bits, anc_tags, ebits, in_link, link_href, group,
                                      row, pre, btag, own, frame, parent, grand, is_block))
                        if role == _LINK:
                            in_link += 1
                            link_href = attrs.get("href")
                            if current is not None:
                                current.n_links += 1
                                if current.href is None:
                                    current.href = link_href
                        elif role == _GROUP:
                            group = node.mem_id
                        elif role == _ROW:
                            row = node.mem_id
                        elif role == _PRE:
                            pre = True
                        if is_block:
                            own = bits | ebits  # the element's signals and its parent's
                            btag = cast(str, tag)  # only element tags reach here, never None
                            grand, parent = parent, frame
                            frame = [0, 0, 0, len(blocks), -1, frame[5] + 1, 0,
                                     hash(cls) if cls else 0]
                            containers.append(frame)
                            current = None
                        ebits = bits
                        anc_bits |= bits
                        anc_tags |= tbit
                        node = child
                        continue
                if is_block:  # an empty block element still ends the line before it
                    current = None
            elif action == _BREAK:
                if current is not None:
                    current.pieces.append("\n")
            elif action == _CONTROL:
                frame[6] += 1
        # move to the next node in document order, closing finished elements
        nxt = node.next
        while nxt is None and stack:
            closing = frame
            (closed, anc_bits, anc_tags, ebits, in_link, link_href, group, row, pre, btag,
             own, frame, parent, grand, was_block) = stack.pop()
            if was_block:
                frame[0] += closing[0]
                frame[1] += closing[1]
                frame[2] += closing[2]
                frame[6] += closing[6]
                closing[4] = len(blocks)
                current = None
            nxt = closed.next
            if (current is not None and not was_block and not pre and nxt is not None
                    and nxt.is_element_node):
                # an inline element followed by another ("<span>2026</span><span>1h</span>"):
                # pages style such items apart, and glued they make a word of neither; the
                # gap goes again when the next text opens with punctuation ("</a><em>, ")
                gap = len(current.pieces)
                current.pieces.append(" ")
        node = nxt
    return blocks, containers, node is not None


# an inline style that hides its element: "display: none" or "visibility: hidden" as one of
# its declarations (not "border: none" beside "display: block")
_HIDING_STYLE = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!\s*important\s*)?(?:;|$)"
)


def _hidden_style(style: str | None) -> bool:
    if not style:
        return False
    lowered = style.lower()  # CSS keywords take any case
    # most styles hold neither keyword: no scan then
    return ("none" in lowered or "hidden" in lowered) and _HIDING_STYLE.search(lowered) is not None


def _classify(tag: str | None) -> _TagAction:
    return _TAG_ACTIONS.get(tag) or _tag_action(tag)


def _load_compiled() -> tuple[Any, str | None]:
    """The compiled walk and None, or None and why it is not used.

    It refuses to import unless built for the installed selectolax (see setup.py); in a
    source tree it is also left out when ``_walk.pyx`` changed after it was built. The Python
    walk, which gives the same blocks, runs instead.
    """
    try:
        from . import _walk  # type: ignore[attr-defined]
    except ImportError as exc:
        return None, f"not importable: {exc}"
    if _walk.ACTIONS != (_SKIP, _BREAK, _CONTROL, _ELEMENT) or _walk.ROLES != (
        _PLAIN, _LINK, _GROUP, _ROW, _PRE, _MATH
    ):
        return None, "built for other action codes"
    source = Path(__file__).with_name("_walk.pyx")
    built_from = getattr(_walk, "SOURCE_SHA256", None)
    if source.is_file() and hashlib.sha256(source.read_bytes()).hexdigest() != built_from:
        return None, "built from an older _walk.pyx: rebuild with python setup.py build_ext -i"
    return _walk, None


_compiled, COMPILED_WALK_PROBLEM = _load_compiled()
_WALK_TABLES = (
    RawBlock, _classify, _value_bits.cache, _value_bits, _hidden_style, ANCESTOR_TAG_BITS["hidden"],
    markup_text, ANCESTOR_TAG_BITS["noscript"], INLINE_GAP_CLOSERS,
)
