"""The words of a page's URL, which both front ends read: a slug is most often the headline."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

__all__ = ["slug_terms", "url_words"]

_WORD = re.compile(r"\w+")


def slug_terms(text: str) -> set[str]:
    """The words a slug is compared on: lower-cased, longer than two characters, not numbers
    (dates and ids in a path say nothing of the headline)."""
    return {t for t in _WORD.findall(text.lower()) if len(t) > 2 and not t.isdigit()}


def url_words(url: str | None) -> set[str]:
    """The words of a URL's path (``/news/2019/the-story-slug.html``), percent-decoded."""
    if not url:
        return set()
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:  # a malformed address (an unclosed IPv6 bracket) has no path to read
        return set()
    return slug_terms(path)
