"""Roles of HTML blocks that the markup states outright: captions, standfirsts, quotes, code,
hidden text."""

from __future__ import annotations

from collections.abc import Iterable

from ..page import (
    ROLE_CAPTION,
    ROLE_CODE,
    ROLE_HIDDEN,
    ROLE_LEAD,
    ROLE_MAYBE_HIDDEN,
    ROLE_QUOTE,
    ROLE_RELATED,
    PageBlock,
)
from .signals import ANCESTOR_TAG_BITS, CLASS_SIGNALS

__all__ = ["mark_roles"]

_SIGNALS = [name for name, _ in CLASS_SIGNALS]
_LEAD = 1 << _SIGNALS.index("lead")
_RELATED = 1 << _SIGNALS.index("related")
_FIGCAPTION = ANCESTOR_TAG_BITS["figcaption"]
_BLOCKQUOTE = ANCESTOR_TAG_BITS["blockquote"]
_PRE = ANCESTOR_TAG_BITS["pre"]
_HIDDEN = ANCESTOR_TAG_BITS["hidden"]
_NOSCRIPT = ANCESTOR_TAG_BITS["noscript"]
_HIDING_CLASS = 1 << _SIGNALS.index("hidden")


def mark_roles(blocks: Iterable[PageBlock]) -> None:
    """Set each block's ``roles`` from its tag, its ancestors and their class names."""
    for block in blocks:
        roles = 0
        if block.tag == "figcaption" or block.anc_tags & _FIGCAPTION:
            roles |= ROLE_CAPTION
        if block.own_bits & _LEAD:
            roles |= ROLE_LEAD
        if block.anc_bits & _RELATED:
            roles |= ROLE_RELATED
        if block.anc_tags & _BLOCKQUOTE:
            roles |= ROLE_QUOTE
        if block.pre or block.anc_tags & _PRE:
            roles |= ROLE_CODE
        if block.anc_tags & _HIDDEN:
            roles |= ROLE_HIDDEN
        if block.anc_tags & _NOSCRIPT or block.anc_bits & _HIDING_CLASS:
            roles |= ROLE_MAYBE_HIDDEN
        block.roles = roles
