"""Lexbor DOM (through selectolax) → raw text blocks, in one iterative walk.

This is the only module that imports the HTML parser, so the parser can be swapped.

A *block* is a run of text whose nearest block-level ancestor is one element. When a nested
block interrupts an element's text, the element's text before and after it become two blocks,
so blocks stay in document order. The walk records, per block, what the labeller's features
need: the text, how much of it sits inside links, the block's tag, its ancestors' tags and
class/id signals, and references to its container's and grand-container's running totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..page import PageBlock as RawBlock
from .signals import ANCESTOR_TAG_BITS, class_signal_bits

__all__ = ["Dom", "iter_raw_blocks", "parse_html"]

# Elements that start a block of their own.
BLOCK_TAGS = frozenset(
    "p div section article main aside header footer nav h1 h2 h3 h4 h5 h6 li ul ol dl dd dt "
    "blockquote pre table tr td th thead tbody tfoot caption figure figcaption form fieldset "
    "legend address details summary center body html menu dialog hgroup search".split()
)
# Elements whose content is never page text.
SKIP_TAGS = frozenset(
    "head script style template svg math iframe object embed canvas select textarea input "
    "button video audio map meta link title option datalist source track picture img".split()
)
_TEXT = "-text"
_GROUP_TAGS = frozenset(("ul", "ol", "dl", "table", "blockquote"))
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


@dataclass
class Dom:
    """A parsed HTML document."""

    tree: LexborHTMLParser
    truncated: bool = False

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
        return [node.attributes for node in self.tree.css("meta")]

    def jsonld_scripts(self) -> list[str]:
        return [
            node.text(deep=True)
            for node in self.tree.css('script[type="application/ld+json"]')
        ]

    def time_datetimes(self) -> list[str]:
        return [
            value
            for node in self.tree.css("time[datetime]")
            if (value := node.attributes.get("datetime"))
        ]

    def canonical_url(self) -> str | None:
        node = self.tree.css_first('link[rel="canonical"]')
        return node.attributes.get("href") if node is not None else None


def parse_html(html: str) -> Dom:
    """Parse ``html`` with Lexbor. Never raises on malformed markup."""
    return Dom(LexborHTMLParser(html))


@lru_cache(maxsize=65536)
def _attr_bits(attrs_key: str) -> int:
    return class_signal_bits(attrs_key)


def _hidden(attrs: dict[str, Any]) -> bool:
    if "hidden" in attrs:
        return True
    if attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    return bool(style) and "none" in style and ("display" in style or "visibility" in style)


def iter_raw_blocks(dom: Dom, max_nodes: int) -> list[RawBlock]:
    """Walk the DOM once, depth first, and return its text blocks in document order.

    Deep pages cannot overflow the stack: the walk is iterative. At most ``max_nodes`` nodes
    are visited; ``dom.truncated`` tells when the page was longer.
    """
    body = dom.tree.body
    if body is None:
        return []
    blocks: list[RawBlock] = []
    # One frame per open element: [chars, link_chars, n_blocks] accumulated over its subtree,
    # folded into the parent's frame when the element closes.
    root_frame = [0, 0, 0]
    frames: list[list[int]] = [root_frame]
    # Per open element: (class/id bits, ancestors' bits, ancestors' tag bits, link depth,
    # group id, row id, inside <pre>)
    ctx: list[tuple[int, int, int, int, int, int, bool]] = [(0, 0, 0, 0, 0, 0, False)]
    # Open block elements: (tag, index of its frame, own bits); the top one receives text.
    open_blocks: list[tuple[str, int, int]] = [("body", 0, 0)]
    current: RawBlock | None = None
    node: LexborNode | None = body
    stack: list[LexborNode] = []
    visited = 0
    bits_of = _attr_bits
    hidden_bit = ANCESTOR_TAG_BITS["hidden"]
    while node is not None:
        visited += 1
        if visited > max_nodes:
            dom.truncated = True
            break
        tag = node.tag
        descend = False
        if tag == _TEXT:
            text = node.text_content
            if text and not text.isspace():
                _, anc, atags, in_link, group, row, pre = ctx[-1]
                if current is None:
                    btag, fidx, own = open_blocks[-1]
                    current = RawBlock(
                        btag, [], len(stack), own, anc, atags,
                        frames[fidx - 1] if fidx >= 1 else root_frame,
                        frames[fidx - 2] if fidx >= 2 else root_frame,
                        group, row, pre,
                    )
                    blocks.append(current)
                    frames[fidx][2] += 1
                current.pieces.append(text)
                n = len(text)
                current.chars += n
                frames[-1][0] += n
                if in_link:
                    current.link_chars += n
                    frames[-1][1] += n
        elif tag == "br":
            if current is not None:
                current.pieces.append("\n")
        elif tag is not None and tag not in SKIP_TAGS and tag[0] != "-":
            attrs = node.attributes
            key = (attrs.get("class") or "") + " " + (attrs.get("id") or "")
            bits = bits_of(key) if len(key) > 1 else 0
            p_bits, p_anc, p_tags, in_link, group, row, pre = ctx[-1]
            tbit = ANCESTOR_TAG_BITS.get(tag, 0)
            if _hidden(attrs):
                tbit |= hidden_bit
            if tag == "a":
                in_link += 1
                if current is not None:
                    current.n_links += 1
                    if current.href is None:
                        current.href = attrs.get("href")
            elif tag in _GROUP_TAGS:
                group = node.mem_id
            elif tag == "tr":
                row = node.mem_id
            elif tag == "pre":
                pre = True
            if tag in BLOCK_TAGS:
                current = None
                open_blocks.append((tag, len(frames), bits | p_bits))
            ctx.append((bits, p_anc | bits, p_tags | tbit, in_link, group, row, pre))
            frames.append([0, 0, 0])
            stack.append(node)
            descend = True
        # move to the next node in document order
        child = node.first_child if descend else None
        if child is not None:
            node = child
            continue
        if descend:
            current = _close(tag, frames, ctx, open_blocks, stack, current)
        nxt = node.next
        while nxt is None and stack:
            parent = stack[-1]
            current = _close(parent.tag, frames, ctx, open_blocks, stack, current)
            nxt = parent.next
        node = nxt
    for block in blocks:
        joined = "".join(block.pieces)
        if block.pre:
            block.text = joined.strip("\n")
        else:
            lines = (" ".join(line.split()) for line in joined.split("\n"))
            block.text = "\n".join(line for line in lines if line)
    return [b for b in blocks if b.text]


def _close(
    tag: str | None,
    frames: list[list[int]],
    ctx: list[tuple[int, int, int, int, int, int, bool]],
    open_blocks: list[tuple[str, int, int]],
    stack: list[LexborNode],
    current: RawBlock | None,
) -> RawBlock | None:
    """Leave the top element: fold its totals into its parent's; end its block if it opened one."""
    frame = frames.pop()
    top = frames[-1]
    top[0] += frame[0]
    top[1] += frame[1]
    top[2] += frame[2]
    ctx.pop()
    stack.pop()
    if tag in BLOCK_TAGS:
        open_blocks.pop()
        return None
    return current
