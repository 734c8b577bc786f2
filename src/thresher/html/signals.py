"""What an element's tag and class/id say about its role.

Class and id names are written in English on most of the web whatever the page's language,
so these tokens carry across languages; the page text itself is never matched here.
"""

from __future__ import annotations

import re

from ..page import ANCESTOR_TAG_BITS

__all__ = ["ANCESTOR_TAG_BITS", "CLASS_SIGNALS", "class_signal_bits"]

# Roles recognised in class/id attribute values. Order fixes the bit positions.
CLASS_SIGNALS: tuple[tuple[str, str], ...] = (
    ("nav", r"nav|menu|breadcrumb|pagination|pager|toolbar|skip-?link|topbar|tabs?\b"),
    ("footer", r"foot|copyright|legal|colophon"),
    ("header", r"header|masthead|banner|branding|logo"),
    ("sidebar", r"sidebar|side-?bar|aside|widget|rail|secondary|column-right|col-right"),
    ("comment", r"comment|komment|koment|comentar|repl(y|ies)|respond|reacti|discussion|disqus"),
    ("social", r"share|social|sharing|facebook|twitter|whatsapp|linkedin|pinterest|follow"),
    ("related", r"related|recommend|teaser|outbrain|taboola|trending|popular|read-?more|more-"
                r"stories|also|suggest|next-?post|prev"),
    ("ad", r"(^|[\s_-])ads?([\s_-]|$)|advert|sponsor|promo|dfp|gpt-|affiliate|commercial"),
    ("newsletter", r"newsletter|subscri|sign-?up|paywall|register|login|signin|account|cta"),
    ("cookie", r"cookie|consent|gdpr|privacy|notice"),
    ("content", r"article|content|post|entry|story|body|text|main|prose|markdown|blog|detail"),
    ("caption", r"caption|credit|figure|photo|image|img|media|gallery|video|slide"),
    ("meta", r"byline|author|date|time|meta|dateline|publish|posted|info"),
    ("tags", r"tag|categor|topic|keyword|label"),
    ("title", r"title|headline|heading|hed\b"),
    ("lead", r"standfirst|dek\b|lede|lead|subtitle|sub-?head|summary|intro|excerpt|description|"
             r"strap|kicker|teaser-text"),
    ("hidden", r"hidden|hide|sr-only|visually-?hidden|screen-?reader|offscreen|invisible"),
    ("modal", r"modal|popup|pop-up|overlay|dialog|lightbox|drawer"),
    ("card", r"card|tile|thumb|grid|feed|listing|item"),
    ("forum", r"message|thread|topic|forum|question|answer|bbcode|postbody"),
    ("product", r"product|price|cart|buy|shop|review|rating|sku|stock"),
    ("code", r"code|highlight|syntax|hljs|prism"),
)
_PATTERNS = tuple(re.compile(p) for _, p in CLASS_SIGNALS)


def class_signal_bits(attrs: str) -> int:
    """Return a bit set of the roles named in ``attrs`` (class and id values, space-joined)."""
    text = attrs.lower()
    bits = 0
    for i, pattern in enumerate(_PATTERNS):
        if pattern.search(text):
            bits |= 1 << i
    return bits


# ANCESTOR_TAG_BITS (re-exported here for the HTML front end) lives beside the block it
# describes, in ``page`` (``PageBlock.anc_tags``): the core reads it without the front end.
