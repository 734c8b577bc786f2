"""Page metadata from the obvious sources: JSON-LD, OpenGraph, ``<meta>``, ``<title>``, ``<time>``.

Precedence, most trusted first: JSON-LD of an article-like type, OpenGraph / article:*,
other ``<meta>`` names, then the document (``<title>``, ``<time>``, ``<html lang>``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from .dom import Dom

__all__ = ["PageMeta", "read_metadata"]


@dataclass(frozen=True)
class PageMeta:
    title: str | None = None
    doc_title: str | None = None  # the <title> element as written
    description: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    site_name: str | None = None
    language: str | None = None
    url: str | None = None


_DATE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?"
)
_AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author")
_DATE_META = (
    "article:published_time", "datepublished", "date", "dc.date", "dc.date.issued",
    "pubdate", "publishdate", "parsely-pub-date", "og:published_time", "sailthru.date",
)


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _iso_date(value: str | None) -> str | None:
    """Return ``value`` as ISO 8601 (date, or date and time) if it holds a plausible date."""
    if not value:
        return None
    match = _DATE.search(value)
    if match is None:
        return None
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    if not (1990 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    if not match[4]:
        return match[0][:10]
    # keep the time and offset as given, without fractions of a second
    iso = f"{match[0][:10]}T{match[4]}:{match[5]}:{match[6] or '00'}"
    zone = match[7]
    if zone:
        iso += "Z" if zone == "Z" else f"{zone[:3]}:{zone[-2:]}"
    return iso


def _jsonld_items(scripts: list[str]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for script in scripts:
        try:
            data = json.loads(script)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack and len(items) < 200:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(reversed(node))
            elif isinstance(node, dict):
                items.append(node)
                graph = node.get("@graph")
                if isinstance(graph, list):
                    stack.extend(reversed(graph))
    return items


_ARTICLE_TYPES = ("article", "posting", "report", "webpage", "qapage", "product", "recipe")


def _type_of(item: dict[str, Any]) -> str:
    kind = item.get("@type", "")
    if isinstance(kind, list):
        kind = " ".join(str(k) for k in kind)
    return str(kind).lower()


def _names(value: Any) -> list[str]:
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    if isinstance(value, dict):
        value = value.get("name")
    name = _clean(value)
    return [name] if name and len(name) < 100 else []


def read_metadata(dom: Dom, url: str | None) -> PageMeta:
    """Gather title, authors, date, site name, language and canonical URL from ``dom``."""
    meta: dict[str, str] = {}
    for attrs in dom.meta_tags():
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        content = _clean(attrs.get("content"))
        if key and content and key not in meta:
            meta[key] = content
    ld = [i for i in _jsonld_items(dom.jsonld_scripts()) if any(
        t in _type_of(i) for t in _ARTICLE_TYPES)]
    article = next((i for i in ld if "webpage" not in _type_of(i)), ld[0] if ld else {})
    doc_title = _clean(dom.title())
    title = (
        _clean(article.get("headline"))
        or meta.get("og:title")
        or meta.get("twitter:title")
        or doc_title
    )
    authors = _names(article.get("author"))
    if not authors:
        for key in _AUTHOR_META:
            value = meta.get(key)
            if value and not value.startswith("http"):
                authors = [value]
                break
    date = _iso_date(_clean(article.get("datePublished")))
    for key in _DATE_META:
        if date:
            break
        date = _iso_date(meta.get(key))
    if not date:
        date = next((d for d in map(_iso_date, dom.time_datetimes()) if d), None)
    publisher = article.get("publisher")
    site_name = meta.get("og:site_name") or (
        _names(publisher)[0] if _names(publisher) else None)
    language = dom.html_lang() or meta.get("og:locale") or meta.get("content-language")
    description = meta.get("og:description") or meta.get("description")
    return PageMeta(
        title=title,
        doc_title=doc_title,
        description=description,
        authors=tuple(dict.fromkeys(authors)),
        date=date,
        site_name=site_name,
        language=language.replace("_", "-") if language else None,
        url=url or meta.get("og:url") or dom.canonical_url(),
    )
