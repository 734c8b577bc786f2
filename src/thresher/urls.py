"""The words of a page's URL, which both front ends read: a slug is most often the headline."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, unquote, urlsplit

__all__ = ["slug_terms", "split_url", "url_words"]

_WORD = re.compile(r"\w+")


def slug_terms(text: str) -> set[str]:
    """The words a slug is compared on: lower-cased, longer than two characters, not numbers
    (dates and ids in a path say nothing of the headline)."""
    return {t for t in _WORD.findall(text.lower()) if len(t) > 2 and not t.isdigit()}


def split_url(url: str | None) -> SplitResult | None:
    """``urlsplit(url)``, or None for no URL and for a malformed one: urlsplit raises
    ValueError for a host in brackets that is no IPv6 address ("http://[if IE 7]>", left
    by a conditional comment) or a bracket left open."""
    if not url:
        return None
    try:
        return urlsplit(url)
    except ValueError:
        return None


def url_words(url: str | None) -> set[str]:
    """The words of a URL's path (``/news/2019/the-story-slug.html``), percent-decoded."""
    parts = split_url(url)
    return slug_terms(unquote(parts.path)) if parts is not None else set()
