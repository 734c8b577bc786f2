"""The words of a page's URL, which both front ends read: a slug is most often the headline."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, unquote, urlsplit

__all__ = ["URL_WORD_GROUPS", "path_words", "slug_terms", "split_url", "url_words"]

_WORD = re.compile(r"\w+")
_PATH_SEPARATORS = re.compile(r"[^a-z0-9]+")

# Words of a URL's path that say what kind of page it is (the page-type model reads one
# signal per group; flattened text reads the forum group)
URL_WORD_GROUPS: dict[str, frozenset[str]] = {
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


def path_words(path: str) -> set[str]:
    """The runs of ASCII letters and digits in a lower-cased URL path, as
    ``URL_WORD_GROUPS`` is matched against them."""
    return set(_PATH_SEPARATORS.split(path))
