"""Page metadata: every source a page offers (:mod:`.sources`), reconciled field by field.

Precedence, most trusted first; a candidate that fails the field's plausibility check is
skipped and the next one is tried:

- **title**: see :mod:`.title` (the stated title, most trusted source first, reconciled
  with the visible ``<h1>``, without the site's name).
- **authors**: see :mod:`.authors`.
- **date** (published): JSON-LD ``datePublished`` (main item, then any item) →
  ``article:published_time`` and the other publication ``<meta>`` keys → microdata/RDFa
  ``datePublished`` (outside comment threads) → a ``<time>`` outside comment threads and not
  a forum member's join date → a date line just around the headline (or in the first blocks;
  not the first of a run of short lines with other dates: a list of other posts) → the date
  in the URL path → a line anywhere that says what its date is ("Posted on …", "Last updated: …")
  → JSON-LD ``dateCreated``/``uploadDate``. A date line by the headline that is
  *earlier* than the stated date wins (the stated one is then an update's), and a UTC time
  stamp one day off the URL's date takes the URL's day (the local day of publication).
  **date_modified**: JSON-LD ``dateModified`` → ``article:modified_time``/
  ``og:updated_time`` → microdata ``dateModified``. A date must parse with its day
  (:mod:`.dates`) and lie between 1991-08-06 and tomorrow.
- **site_name**: ``og:site_name`` → JSON-LD ``publisher.name`` → JSON-LD ``WebSite`` name →
  ``application-name``.
- **language**: ``<html lang>`` → ``og:locale`` → ``Content-Language`` → JSON-LD
  ``inLanguage``; only well-formed tags (``en``, ``pt-BR``). Without one, the language is
  detected from the page's text (:mod:`thresher.language`).
- **url**: the canonical URL the page declares (``<link rel=canonical>`` → ``og:url`` →
  JSON-LD ``url``), made absolute against the caller's URL, when it is plausible (http(s),
  not the site's root for an inner page, the same site or the same path); else the caller's
  URL. (The declared canonical URL is also what the URL-based signals read: date, path.)
- **description**, **image**, **categories**, **tags**: JSON-LD, then OpenGraph/``<meta>``.
- **page_type**: a small tree model over page-level signals (:mod:`.pagetype`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import islice
from typing import Any
from urllib.parse import urljoin

from ..page import PageBlock, PageMeta
from ..urls import split_url
from .authors import clean_author, jsonld_names, read_authors
from .dates import find_text_date, has_year, parse_date, url_date
from .dom import MEMBER_MARKERS, Dom
from .pagetype import (
    PageTypeModel,
    classify_page,
    page_signals,
    shipped_page_model,
    top_type,
    type_scores,
)
from .sources import JsonLdItem, Sources, clean, gather_sources
from .title import read_title, site_key, strip_site_name

__all__ = ["classify_page", "clean_author", "read_metadata", "strip_site_name"]


# ---- authors: :mod:`.authors` -------------------------------------------------------------


_DATE_LINE_CHARS = 120
_DATE_WINDOW = 30  # blocks after the headline searched for a date line
_BESIDE = 6  # blocks below the headline where a shown date overrides a stated one
_MAX_ANCHORS = 3
_NO_H1_WINDOW = 100  # without a headline, the first blocks are searched


def _headline_anchors(blocks: Sequence[PageBlock], title: str | None) -> list[int]:
    """Where the headline may sit: blocks that repeat the title, then the first ``<h1>``s."""
    wanted = _norm(title) if title else None
    repeats: list[int] = []
    if wanted:
        size = len(wanted)
        repeats = next(([i] for i, b in enumerate(blocks)
                        if abs(b.chars - size) < 8 and _norm(b.text) == wanted), [])  # fmt: skip
    h1s = list(islice((i for i, b in enumerate(blocks) if b.tag == "h1"), _MAX_ANCHORS))
    return list(dict.fromkeys(repeats + h1s))[:_MAX_ANCHORS]


def text_dates(
    blocks: Sequence[PageBlock], anchors: Sequence[int], today: dt.date | None, *,
    wide: bool = False, after: int = _DATE_WINDOW,
) -> list[str]:
    """A date written in a short line just around the headline (the blocks at ``anchors``:
    "Published March 4, 2025"), at most ``after`` blocks below it; with ``wide``, in the
    page's first blocks when it has no headline."""
    found = _date_line(blocks, anchors, today, wide=wide, after=after)
    return [found[2]] if found else []


def _date_line(
    blocks: Sequence[PageBlock], anchors: Sequence[int], today: dt.date | None, *,
    wide: bool = False, after: int = _DATE_WINDOW,
) -> tuple[int, int, str] | None:
    """:func:`text_dates`' date line: (its window's number, its block, its date)."""
    if not anchors and not wide:
        return None
    windows = [(max(0, a - 4), a + after) for a in anchors] or [(0, _NO_H1_WINDOW)]
    for k, (lo, hi) in enumerate(windows):
        for i in range(lo, min(len(blocks), hi)):
            text = blocks[i].text
            if blocks[i].chars > _DATE_LINE_CHARS or not has_year(text):
                continue  # without a year, no date: most lines are passed over here
            if _is_member_line(text):
                continue
            if i > 0 and blocks[i - 1].chars <= 15 and _is_member_line(blocks[i - 1].text):
                continue  # "Joined" | "Apr 13, 2009" in two blocks
            if date := find_text_date(text, today):
                if _is_date_list(blocks, i, date, today):
                    break  # the dates of a list of other posts, not this page's
                return k, i, date
    return None


def _beside_dates(
    blocks: Sequence[PageBlock], anchors: Sequence[int], found: tuple[int, int, str] | None,
    today: dt.date | None,
) -> list[str]:
    """``text_dates(..., after=_BESIDE)``, read off the wider search's ``found`` line when it
    lies within ``_BESIDE`` blocks of its headline (the narrower windows hold no earlier
    date line then), else searched again."""
    if found is None:
        return []  # the narrower windows lie inside the wider ones
    k, i, date = found
    if i < anchors[k] + _BESIDE:
        return [date]
    return text_dates(blocks, anchors, today, after=_BESIDE)


_LIST_SPAN = 6  # blocks after a date line searched for more dates
_LIST_DATES = 3  # distinct dates in that span that make a list


def _is_date_list(blocks: Sequence[PageBlock], i: int, date: str, today: dt.date | None) -> bool:
    """True when the date line at ``i`` heads a run of short lines with other dates (a list
    of recent posts by the headline), not a page's own date line."""
    seen = {date}
    for block in blocks[i + 1 : i + 1 + _LIST_SPAN]:
        if block.chars > _DATE_LINE_CHARS:
            return False  # a paragraph: the article goes on below its date line
        if other := find_text_date(block.text, today):
            seen.add(other)
            if len(seen) >= _LIST_DATES:
                return True
    return False


_DATE_WORDS = ("posted", "published", "updated", "submitted", "written", "date:")
_KEYWORD_SCAN_BLOCKS = 300


def keyword_dates(blocks: Sequence[PageBlock], today: dt.date | None) -> list[str]:
    """A date on a short line that says what it is ("Posted on 15/12/2025", "Last updated:
    November 13, 2025"), anywhere in the page's first blocks."""
    for block in blocks[:_KEYWORD_SCAN_BLOCKS]:
        if block.chars > _DATE_LINE_CHARS or not has_year(block.text):
            continue
        low = block.text.lower()
        if (any(w in low for w in _DATE_WORDS) and not _is_member_line(low)
                and (date := find_text_date(block.text, today))):  # fmt: skip
            return [date]
    return []


def _is_member_line(text: str) -> bool:
    low = text.lower()
    return any(m in low for m in MEMBER_MARKERS)


# ---- dates ----------------------------------------------------------------------------------

_PUBLISHED_META = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "citation_publication_date", "citation_date", "citation_online_date", "dc.date.issued",
    "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date", "dcterms.date",
    "datepublished", "date", "pubdate", "publishdate", "publish-date", "publish_date",
    "published", "published_time", "parsely-pub-date", "sailthru.date", "article.published",
    "og:pubdate", "article_date_original", "original-publish-date", "displaydate",
    "dc.date.available",
)  # fmt: skip
_MODIFIED_META = (
    "article:modified_time", "og:updated_time", "dc.date.modified", "dcterms.modified",
    "datemodified", "last-modified", "lastmod",
)  # fmt: skip


def _first_date(values: Iterable[Any], today: dt.date | None) -> str | None:
    for value in values:
        if isinstance(value, str) and (date := parse_date(value, today)):
            return date
    return None


def _jsonld_values(src: Sources, key: str) -> list[Any]:
    items = ([src.main] if src.main else []) + [i for i in src.jsonld if i is not src.main]
    return [i.data.get(key) for i in items]


def _published(
    src: Sources, url: str | None, blocks: Sequence[PageBlock], shown: list[str],
    today: dt.date | None,
) -> str | None:
    candidates: list[Callable[[], Iterable[Any]]] = [  # each read only when needed
        lambda: _jsonld_values(src, "datePublished"),
        lambda: (v for key in _PUBLISHED_META for v in src.meta.get(key, [])),
        lambda: src.item_values("datepublished") + src.item_values("date"),
        lambda: (value for value, in_comments in src.times if not in_comments),
        lambda: shown or text_dates(blocks, _headline_anchors(blocks, None), today, wide=True),
        lambda: [url_date(url, today), url_date(src.canonical, today)],
        lambda: keyword_dates(blocks, today),
        lambda: _jsonld_values(src, "dateCreated") + _jsonld_values(src, "uploadDate"),
        lambda: src.item_values("datecreated"),
    ]
    for values in candidates:
        if date := _first_date(values(), today):
            return _local_day(date, url_date(url, today))
    return None


def _local_day(date: str, in_url: str | None) -> str:
    """The URL's day where a UTC time stamp fell on the day after (or before) it."""
    if in_url is None or date[:10] == in_url:
        return date
    gap = abs((dt.date.fromisoformat(date[:10]) - dt.date.fromisoformat(in_url)).days)
    return in_url if gap == 1 else date


def _earlier_shown(published: str | None, shown: list[str]) -> str | None:
    """The date shown by the headline when it is earlier than the stated publication: a page
    cannot be published after it was shown to readers, so the stated date is an update's.
    A day earlier is no evidence when the stated time stamp carries a zone and falls in the
    first twelve hours of its UTC day: the same moment is the evening before in the Americas,
    where the page shows its local date ("2025-07-05T00:04Z" shown as "July 4")."""
    if (shown and published and shown[0] < published[:10]
            and not _same_moment_a_day_apart(published, shown[0])):
        return shown[0]
    return published


def _same_moment_a_day_apart(stamp: str, day: str) -> bool:
    """Whether ``day`` can be the local date, in some time zone, of the zoned ``stamp``."""
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return False
    if moment.tzinfo is None:
        return False  # a time without a zone is the page's local time already
    utc = moment.astimezone(dt.timezone.utc)
    return (utc.date() - dt.date.fromisoformat(day)).days == 1 and utc.hour < 12


def _modified(src: Sources, today: dt.date | None) -> str | None:
    candidates: list[Iterable[Any]] = [
        _jsonld_values(src, "dateModified"),
        (v for key in _MODIFIED_META for v in src.meta.get(key, [])),
        src.item_values("datemodified"),
    ]
    for values in candidates:
        if date := _first_date(values, today):
            return date
    return None


# ---- site ----------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _site_name(src: Sources) -> str | None:
    publisher = src.main.data.get("publisher") if src.main else None
    websites = [i for i in src.jsonld if "website" in i.types]
    candidates = [
        src.first_meta("og:site_name"),
        *jsonld_names(publisher)[:1],
        *(clean(w.data.get("name")) for w in websites[:1]),
        src.first_meta("application-name", "apple-mobile-web-app-title"),
    ]
    return next((c for c in map(clean, candidates) if c and len(c) < 100), None)


# ---- language, url, and the rest ------------------------------------------------------------

_LANG = re.compile(r"^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*$")


def _language(src: Sources) -> str | None:
    main = src.main.data if src.main else {}
    for value in (src.html_lang, src.first_meta("og:locale"),
                  src.first_meta("content-language", "language", "dc.language"),
                  main.get("inLanguage")):  # fmt: skip
        tag = clean(value)
        if tag and _LANG.match(tag) and tag.lower() not in ("und", "zxx", "xx"):
            return tag.replace("_", "-")
    return None


@lru_cache(maxsize=1024)
def _absolute(href: str | None, base: str | None) -> str | None:
    """``href`` made absolute against ``base``. Cached: a page's canonical URL is resolved
    for its own URL and again among the candidates for ``url``, and urljoin is slow."""
    href = clean(href)
    if not href or not base:
        return href
    try:
        return urljoin(base, href)
    except ValueError:
        return href


def canonical_url(src: Sources, url: str | None) -> str | None:
    """The URL the page declares as its own (``<link rel=canonical>`` → ``og:url`` → JSON-LD
    ``url`` of the main item), made absolute against ``url``, when it is plausible: http(s),
    not the site's root for a page that is not, and on the same site as ``url`` (its host, a
    subdomain of it, or another host with the very same path: a mirror, a mobile copy)."""
    main = src.main.data if src.main else {}
    for href in (src.canonical, src.first_meta("og:url"), main.get("url")):
        absolute = _absolute(href if isinstance(href, str) else None, url)
        if absolute and _is_plausible_canonical(absolute, url):
            return absolute
    return None


def _is_plausible_canonical(candidate: str, url: str | None) -> bool:
    parts, page = split_url(candidate), split_url(url)
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    if page is None or not page.hostname:
        return True
    if parts.path.strip("/") == "" and page.path.strip("/") != "" and not parts.query:
        return False  # every page of a badly configured site pointing at the home page
    if parts.path.rstrip("/") == page.path.rstrip("/"):
        return True
    return site_key(parts.hostname) == site_key(page.hostname)


def _strings(value: Any) -> list[str]:
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return _strings(value.get("name") or value.get("url"))
    text = clean(value)
    if not text:
        return []
    return [p.strip() for p in text.split(",") if p.strip()] if "," in text else [text]


def _image(src: Sources, base: str | None) -> str | None:
    main = src.main.data if src.main else {}
    image = _strings(main.get("image"))[:1] or [src.first_meta("og:image", "twitter:image") or ""]
    return _absolute(image[0], base) if image[0] else None


def _unique(values: Iterable[str], limit: int = 20) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if len(v) < 80))[:limit]


def read_metadata(
    dom: Dom,
    url: str | None,
    blocks: Sequence[PageBlock] = (),
    *,
    page_model: PageTypeModel | None = None,
    today: dt.date | None = None,
) -> PageMeta:
    """Gather and reconcile the metadata of ``dom`` (precedence in the module docstring).

    ``blocks`` (the page's text blocks) feed the page-type signals; ``today`` bounds
    plausible dates (default: the current UTC date).
    """
    src = gather_sources(dom)
    site_name = _site_name(src)
    canonical = _absolute(src.canonical or src.first_meta("og:url"), url)
    # the stated URL, unless there is none or no URL parser reads it ("http://[if IE 7]>")
    parts = split_url(canonical) if canonical and canonical.startswith("http") else None
    page_url = canonical if parts is not None else url
    if parts is None:
        parts = split_url(url)
    host = parts.netloc if parts is not None else None
    main: JsonLdItem | None = src.main
    main_data = main.data if main else {}
    signals = page_signals(src, page_url, blocks)
    scores = type_scores(signals, page_model or shipped_page_model())
    modified = _modified(src, today)
    title = read_title(src, site_name, host, blocks, page_url)
    anchors = _headline_anchors(blocks, title)
    found = _date_line(blocks, anchors, today)
    shown = [found[2]] if found else []
    published = _published(src, page_url, blocks, shown, today)
    if published and shown:
        published = _earlier_shown(published, _beside_dates(blocks, anchors, found, today))
    return PageMeta(
        title=title,
        doc_title=src.title,
        description=clean(main_data.get("description"))
        or src.first_meta("og:description", "description", "twitter:description"),
        authors=read_authors(src, blocks, anchors, site_name, dom.author_texts),
        date=published,
        date_modified=modified,
        site_name=site_name,
        language=_language(src),
        url=canonical_url(src, url) or url,
        image=_image(src, page_url),
        categories=_unique(_strings(main_data.get("articleSection"))
                           + src.meta.get("article:section", [])),
        tags=_unique(_strings(main_data.get("keywords")) + src.meta.get("article:tag", [])
                     + _strings(src.first_meta("keywords", "news_keywords"))),
        page_type=top_type(scores),
        signals=signals,
        type_scores=scores,
    )
