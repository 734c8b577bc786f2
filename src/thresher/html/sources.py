"""Every place a page states its metadata, gathered into one :class:`Sources` record.

Read once per page from the parsed DOM: ``<meta>`` tags (OpenGraph ``og:*`` and
``article:*``, Twitter cards, ``name=author``/``date``, Dublin Core ``DC.*``, Highwire
``citation_*``, Parse.ly and Sailthru), JSON-LD (``@graph``, arrays, nested
``mainEntity``), microdata ``itemprop`` and RDFa ``property`` outside ``<meta>``, ``<time>``
elements (flagged when they sit in a comment thread), byline elements (``rel=author``,
``byline``/``author`` classes), the ``<h1>`` headings, ``<title>``, ``<html lang>``,
``<link rel=canonical>`` and the date in the URL's path. Nothing is decided here:
:mod:`thresher.html.metadata` weighs these against each other.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any

from .dom import Dom

__all__ = ["JsonLdItem", "Sources", "gather_sources", "jsonld_items"]

_MAX_ITEMS = 200
# JSON-LD types, most specific content first: the page's main item is the first found here
_MAIN_TYPES = (
    "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
    "liveblogposting", "scholarlyarticle", "techarticle", "article", "report", "review",
    "socialmediaposting", "discussionforumposting", "qapage", "question", "product",
    "recipe", "howto", "videoobject", "event", "course", "jobposting", "faqpage",
    "collectionpage", "itempage", "profilepage", "aboutpage", "webpage",
)  # fmt: skip


@dataclass(frozen=True)
class JsonLdItem:
    """One JSON-LD object and its ``@type`` names, lower-cased."""

    data: dict[str, Any]
    types: tuple[str, ...]


@dataclass(frozen=True)
class Sources:
    """The raw metadata statements of one page, unreconciled.

    ``meta`` maps a lower-cased ``<meta>`` key (``property``, ``name`` or ``itemprop``) to
    its values in document order; ``main`` is the JSON-LD item that describes the page's
    content (see ``_MAIN_TYPES``), if any.
    """

    meta: dict[str, list[str]] = field(default_factory=dict)
    jsonld: list[JsonLdItem] = field(default_factory=list)
    main: JsonLdItem | None = None
    items: list[tuple[str, str]] = field(default_factory=list)  # microdata / RDFa
    times: list[tuple[str, bool]] = field(default_factory=list)  # (value, in comments)
    bylines: list[str] = field(default_factory=list)
    h1: list[str] = field(default_factory=list)
    title: str | None = None
    html_lang: str | None = None
    canonical: str | None = None

    def first_meta(self, *keys: str) -> str | None:
        for key in keys:
            values = self.meta.get(key)
            if values:
                return values[0]
        return None

    def item_by_id(self, ref: str) -> dict[str, Any] | None:
        """The JSON-LD item whose ``@id`` is ``ref`` and that has more than its id."""
        for item in self.jsonld:
            if item.data.get("@id") == ref and len(item.data) > 2:
                return item.data
        return None

    def item_values(self, key: str) -> list[str]:
        return [value for k, value in self.items if k == key]

    @property
    def jsonld_types(self) -> set[str]:
        return {t for item in self.jsonld for t in item.types}


def clean(value: Any) -> str | None:
    """``value`` with whitespace folded, or None when it is not a non-empty string."""
    if not isinstance(value, str):
        return None
    for _ in range(2):  # entities escaped once or twice (JSON-LD, some CMSs' <meta>)
        if "&" not in value or ";" not in value:
            break
        value = html.unescape(value)
    text = " ".join(value.split())
    return text or None


def _types(node: dict[str, Any]) -> tuple[str, ...]:
    kind = node.get("@type", ())
    kinds = kind if isinstance(kind, list) else [kind]
    return tuple(str(k).rsplit("/", 1)[-1].lower() for k in kinds if isinstance(k, str))


_WRAPPERS = (("<![CDATA[", "]]>"), ("<!--", "-->"), ("//<![CDATA[", "//]]>"))


def _unwrapped(script: str) -> str:
    """The JSON of a script, without the CDATA section or comment some CMSs wrap it in."""
    text = script.strip().rstrip(";").strip()
    for start, end in _WRAPPERS:
        if text.startswith(start) and text.endswith(end):
            text = text[len(start) : -len(end)].strip().rstrip(";")
    return text


def jsonld_items(scripts: list[str]) -> list[JsonLdItem]:
    """Every typed object in the JSON-LD ``scripts``: top level, ``@graph``, arrays, and the
    ``mainEntity`` / ``mainEntityOfPage`` objects nested in them, in document order."""
    items: list[JsonLdItem] = []
    for script in scripts:
        try:
            data = json.loads(_unwrapped(script))
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack and len(items) < _MAX_ITEMS:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(reversed(node))
            elif isinstance(node, dict):
                types = _types(node)
                if types:
                    items.append(JsonLdItem(node, types))
                nested = [node.get(k) for k in ("@graph", "mainEntity", "mainEntityOfPage")]
                stack.extend(reversed([n for n in nested if isinstance(n, (list, dict))]))
    return items


def _main_item(items: list[JsonLdItem]) -> JsonLdItem | None:
    best: tuple[int, JsonLdItem] | None = None
    for item in items:
        rank = min((_MAIN_TYPES.index(t) for t in item.types if t in _MAIN_TYPES), default=None)
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, item)
    return best[1] if best else None


def _meta_values(dom: Dom) -> dict[str, list[str]]:
    meta: dict[str, list[str]] = {}
    for attrs in dom.meta_tags():
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        if not key and attrs.get("http-equiv"):
            key = attrs.get("http-equiv")
        if not key:
            continue  # <meta charset>, <meta content> alone
        content = clean(attrs.get("content"))
        if content:
            for name in key.lower().split():  # property="dc:title og:title" names two keys
                meta.setdefault(name.replace("dcterm:", "dc.").replace("dc:", "dc."), []).append(
                    content
                )
    return meta


def gather_sources(dom: Dom) -> Sources:
    """Read every metadata source of ``dom`` (one pass over the tree finds the source
    elements and the bylines: ``Dom.candidates``)."""
    items = jsonld_items(dom.jsonld_scripts())
    return Sources(
        meta=_meta_values(dom),
        jsonld=items,
        main=_main_item(items),
        items=dom.item_properties(),
        times=dom.times(),
        bylines=dom.byline_texts(),
        h1=[t for t in (clean(h) for h in dom.heading_texts("h1")) if t],
        title=clean(dom.title()),
        html_lang=dom.html_lang(),
        canonical=dom.canonical_url(),
    )
