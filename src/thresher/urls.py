"""The words of a page's URL, which both front ends read: a slug is most often the headline;
and the date in its path."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import SplitResult, unquote, urlsplit

__all__ = [
    "URL_WORD_GROUPS", "WEB_START", "is_plausible", "path_words", "slug_terms", "split_url",
    "url_date", "url_words",
]  # fmt: skip

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


# A date is plausible when it falls between the first web page and tomorrow (pages in time
# zones ahead of UTC may already be a day on).
WEB_START = dt.date(1991, 8, 6)
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
)
_URL_YMD_SEP = re.compile(
    r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?=/|$)"
)


def is_plausible(day: dt.date, today: dt.date | None = None) -> bool:
    """True when ``day`` lies between the first web page and tomorrow."""
    today = today or dt.datetime.now(dt.timezone.utc).date()
    return WEB_START <= day <= today + dt.timedelta(days=1)


def url_date(url: str | None, today: dt.date | None = None) -> str | None:
    """The date in a URL's path (``/2025/09/04/``, ``/2025-09-04-title``), if plausible."""
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    for pattern in (_URL_YMD_SEP, _URL_DATE):
        match = pattern.search(path)
        if match is None:
            continue
        try:
            day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
        if is_plausible(day, today):
            return day.isoformat()
    return None
