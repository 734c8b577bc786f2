"""Who wrote a page: author names from every source, reconciled (see :mod:`.metadata`).

Precedence, most trusted first (the first source that yields a plausible name wins):
JSON-LD ``author`` of the main item (``{"@id": …}`` references resolved) → ``<meta
name=author>``, ``article:author``, ``DC.creator``, Parse.ly/Sailthru, ``citation_author`` →
Twitter's "Written by" label → microdata/RDFa ``author``/``creator`` → the first byline
element (``rel=author``, ``byline``/``author``/``username`` classes, forum engines' poster
names, a vcard's ``fn`` inside an author element, ``p-author``; outside comment threads) →
a short "By Jane Doe" line just after the headline (or a "by Jane Doe" after a date or a
verb of posting: "May 4, 2025 by Jane Doe", "Started by jdoe") → the innermost element
whose class or id says ``author``/``byline``/``writer``/``autor``/``auteur`` (in a long
author box, its first short leaves) → a "Written by …"/"Author: …" line anywhere → a
JSON-LD author of type Organization (a person's byline is preferred to it). An author that
is the site's own name is kept only when no later source names a person.

Each name loses "By"/"Written by" prefixes, roles and trailing dates; e-mail addresses,
URLs, template placeholders ("page.head.author"), avatar initials, navigation words
("Home", "Login", "Menu"…) and text too long to be a name are refused. A user name may hold
digits ("Ejp55230"); a post count after it is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..page import PageBlock
from .sources import Sources, clean

__all__ = [
    "clean_author", "element_bylines", "jsonld_names", "labelled_bylines", "read_authors",
    "squash", "text_bylines",
]  # fmt: skip

_LABEL_SCAN_BLOCKS = 300  # blocks searched for a "Written by" line


_AUTHOR_META = (
    "author", "article:author", "dc.creator", "dcterms.creator", "parsely-author",
    "sailthru.author", "byl", "book:author", "citation_author",
)  # fmt: skip
_BY_PREFIX = re.compile(
    r"^(?:(?:written|posted|published|reviewed|edited|created|text|words|story|"
    r"photos?|updated)\s+)?(?:by|von|par|por|di|door|av|przez|от)\s*[:\-]?\s+|^(?:authors?|"
    r"autor(?:in)?|auteur|writer)\s*[:\-]\s*",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"\s*(?:[|•·⋅∙●]|\s[-–—]\s|\bon\s+\w+\s+\d|\bupdated\b|\bpublished\b|\d{1,2}[/.]\d{1,2}[/.]\d"
    r"|\d{4}-\d{2}-\d{2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)"
    r".*$",
    re.IGNORECASE,
)
_NAV_WORDS = frozenset(
    "home login log in sign in sign up signin register menu search subscribe account admin "
    "administrator contact about share follow comments comment read more skip to content "
    "anonymous unknown guest staff editor editors newsletter privacy cookie cookies by author "
    "the".split()
)  # fmt: skip
_NAV_PHRASES = ("log in", "sign in", "sign up", "read more", "skip to")
_MAX_NAME_WORDS = 6
_NAME_SPLIT = re.compile(r"\s*(?:;|\s&\s|\band\b|\bund\b|\bet\b|\by\b|,)\s*", re.IGNORECASE)


def _is_navigation(name: str) -> bool:
    words = re.findall(r"\w+", name.lower())
    if not words:
        return True
    low = " ".join(words)
    return all(w in _NAV_WORDS for w in words) or any(p in low for p in _NAV_PHRASES)


def clean_author(value: str) -> str | None:
    """One author's name without "By" prefixes and trailing dates, or None when ``value``
    is not a person's or organisation's name (an e-mail, a URL, navigation words)."""
    name = clean(value)
    if not name:
        return None
    name = _BY_PREFIX.sub("", name).strip(" ,:;|-–—")
    name = _TRAILING.sub("", name).strip(" ,:;|-–—")
    if not name or len(name) > 80 or len(name.split()) > _MAX_NAME_WORDS:
        return None
    if "{" in name or _is_template_path(name):
        return None  # a template placeholder ("{{author}}", "page.head.author")
    if "@" in name or "://" in name or name.startswith(("www.", "/")) or "http" in name:
        return None
    words = name.split()
    while len(words) > 1 and _NUMBER.fullmatch(words[-1]):
        words.pop()  # a forum member's post count after the name ("wolfmw 1,674")
    name = " ".join(words)
    # a user name may hold digits ("Ejp55230"); a name made of numbers is a date or a count
    digits, letters = sum(c.isdigit() for c in name), sum(c.isalpha() for c in name)
    if letters == 0 or (digits > 2 and (len(words) > 1 or letters < _MIN_USER_LETTERS)):
        return None
    if _is_navigation(name):
        return None
    return name


_MIN_USER_LETTERS = 3  # "CC7567" is an id, "Ejp55230" a user's chosen name
_NUMBER = re.compile(r"[\d.,]+[kKmM]?")
_TEMPLATE_WORDS = frozenset("author name page post head meta user data article field".split())


def _is_template_path(name: str) -> bool:
    """"page.head.author": a template variable left unfilled (not "hayley.p", a user name)."""
    parts = name.split(".")
    return len(parts) > 1 and " " not in name and any(p in _TEMPLATE_WORDS for p in parts)


def _split_names(value: str) -> list[str]:
    """"A, B and C" → three names; "Jane Doe, MD" stays one (a part of one word is not a name)."""
    parts = [p for p in _NAME_SPLIT.split(value) if p.strip()]
    if len(parts) > 1 and all(len(p.split()) >= 2 for p in parts):
        return parts
    return [value]


def jsonld_names(value: Any, depth: int = 0) -> list[str]:
    if depth > 3:
        return []
    if isinstance(value, list):
        return [n for v in value for n in jsonld_names(v, depth + 1)]
    if isinstance(value, dict):
        value = value.get("name") or (
            " ".join(filter(None, (clean(value.get("givenName")), clean(value.get("familyName")))))
        )
    name = clean(value)
    return [name] if name else []


_BYLINE_TEXT = re.compile(
    # "ByDaryl Austin": inline elements glued without a space still mark the name
    r"^(?:(?:written|posted|published|reviewed|edited|story|words)\s+)?by(?:\b\s*:?\s*|"
    r"(?=(?-i:[A-Z])))(.*)$",
    re.IGNORECASE,
)
_BYLINE_WINDOW = 30  # blocks after the headline searched for a "By …" line
_MAX_BYLINE_CHARS = 120  # a byline line may go on with a role and a date
_MAX_NAME_CHARS = 80


def text_bylines(blocks: Sequence[PageBlock], anchors: Sequence[int]) -> list[str]:
    """Names from short "By Jane Doe" lines just after the headline (the blocks at
    ``anchors``), or the page's start.

    A lone "By" block takes the next block as the name (a prefix styled apart).
    """
    windows = [(max(0, a - 3), a + _BYLINE_WINDOW) for a in anchors] or [(0, _BYLINE_WINDOW)]
    for lo, hi in windows:
        for i in range(lo, min(len(blocks), hi)):
            text = blocks[i].text
            if blocks[i].chars > _MAX_BYLINE_CHARS or not text[:1].isalpha():
                continue
            match = _BYLINE_TEXT.match(text)
            if match is not None:
                name = match[1] or (blocks[i + 1].text if i + 1 < len(blocks) else "")
            elif (inner := _inner_byline(text)) is not None:
                name = inner
            else:
                continue
            name = _CONNECTOR_TAIL.sub("", _TRAILING.sub("", name).rstrip(" ,;.")).strip()
            if len(name) <= _MAX_NAME_CHARS and _looks_like_name(name):
                return [name]
    return []


# "by" inside a line, after a date or a verb: "September 1st, 2023 By Emily Norwood",
# "submitted 17 hours ago by jdoe", "Started by Biology Forums, June 04, 2024"
_INNER_BY = re.compile(
    r"(?:^|[\s·•|—–,:])(?:by|von|par|por|door|av|przez)\s+([^\s·•|,].*)$", re.IGNORECASE
)
_BEFORE_BY = re.compile(
    r"(?:\d|\b(?:posted|written|started|submitted|published|edited|created))\W*$", re.IGNORECASE
)
# a word that joins the name to a date or place cut off after it ("David at", "Colin on")
_CONNECTOR_TAIL = re.compile(r"(?:\s+(?:on|at|in|am|le|el|il|op|om|i))+\s*$")  # lower case only


def _inner_byline(text: str) -> str | None:
    """The name of a "by Name" after a date or a verb of posting, anywhere in a short line."""
    match = _INNER_BY.search(text)
    if match is None or match.start() == 0 or not _BEFORE_BY.search(text[: match.start() + 1]):
        return None
    return match[1]


def _looks_like_name(text: str) -> bool:
    """Capitalised words, not a sentence ("By the way, …")."""
    words = text.split()
    if not words or len(words) > _MAX_NAME_WORDS or text.rstrip().endswith((".", "!", "?")):
        return False
    # a word of a script without case (CJK, Arabic, …) is neither upper nor lower case
    return all(not w[0].islower() or w in _PARTICLES for w in words)


_PARTICLES = frozenset("van von der den de da di del la le du bin al y and und et &".split())


def _is_organisation(value: Any) -> bool:
    items = value if isinstance(value, list) else [value]
    return bool(items) and all(
        isinstance(i, dict) and str(i.get("@type", "")).lower() in _ORGANISATION_TYPES
        for i in items
    )


_ORGANISATION_TYPES = frozenset(("organization", "newsmediaorganization", "corporation"))


_AUTHOR_LABEL = re.compile(
    r"^(?:(?:written|posted|published)\s+by|by|authors?|autor(?:es|in)?|auteurs?|autore|"
    r"writer|about the author)\b\s*[:\-]?\s*", re.IGNORECASE,
)


def element_bylines(texts: Sequence[str]) -> list[str]:
    """The first text of an element classed author/byline that reads as a name, once a label
    ("Author", "Written by") is taken off: capitalised words (or words of a script without
    case), not a sentence."""
    for text in texts:
        name = _TRAILING.sub("", _AUTHOR_LABEL.sub("", clean(text) or "")).strip(" ,:;|-–—")
        if name and _looks_like_name(name) and clean_author(name) and not _is_initials(name):
            return [name]
    return []


def _is_initials(name: str) -> bool:
    """"JD": the initials an avatar shows in place of a photo."""
    return " " not in name and len(name) <= 3 and name.isupper()


_LABELLED_BYLINE = re.compile(
    r"^(?:written\s+by|authors?\s*:|autor(?:es|in)?\s*:|auteurs?\s*:|autore\s*:)\s*(.+)$",
    re.IGNORECASE,
)


def labelled_bylines(blocks: Sequence[PageBlock]) -> list[str]:
    """A name on a short line anywhere in the page's first blocks that says it is the
    author's ("Written by Jane Doe", "Author: Jane Doe"): an author box below the body."""
    for block in blocks[:_LABEL_SCAN_BLOCKS]:
        if block.chars > _MAX_BYLINE_CHARS or not block.text[:1].isalpha():
            continue
        match = _LABELLED_BYLINE.match(block.text)
        if match is not None:
            name = _TRAILING.sub("", match[1])
            if len(name) <= _MAX_NAME_CHARS and _looks_like_name(name):
                return [name]
    return []


def _resolve_ids(value: Any, src: Sources) -> Any:
    """JSON-LD ``{"@id": …}`` references (Yoast's ``author``) replaced by the item they name."""
    if isinstance(value, list):
        return [_resolve_ids(v, src) for v in value]
    if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
        return src.item_by_id(value["@id"]) or value
    return value


def _author_candidates(
    src: Sources, blocks: Sequence[PageBlock], anchors: Sequence[int],
    author_texts: Callable[[], list[str]],
) -> Iterable[list[str]]:
    jsonld = src.main.data.get("author") or src.main.data.get("creator") if src.main else None
    jsonld = _resolve_ids(jsonld, src)
    # an organisation named as author yields to a person's byline, when the page has one
    deferred = _is_organisation(jsonld)
    if not deferred:
        yield jsonld_names(jsonld)
    for key in _AUTHOR_META:
        yield src.meta.get(key, [])
    if (src.first_meta("twitter:label1") or "").lower() in ("written by", "author", "by"):
        yield src.meta.get("twitter:data1", [])
    yield src.item_values("author") + src.item_values("creator")
    yield src.bylines[:1]  # the first: later ones are often replies' authors
    yield text_bylines(blocks, anchors)
    yield element_bylines(author_texts())  # a query of its own: only when needed
    yield labelled_bylines(blocks)
    if deferred:
        yield jsonld_names(jsonld)


def read_authors(
    src: Sources, blocks: Sequence[PageBlock], anchors: Sequence[int],
    site_name: str | None = None, author_texts: Callable[[], list[str]] = list,
) -> tuple[str, ...]:
    """The authors of the page: the first source's names (precedence in the module
    docstring); the site's own name (the publisher put in an author field) is kept only when
    no later source names a person. ``anchors`` are the blocks where the headline may sit;
    ``author_texts`` gives the texts of the elements classed author/byline (read only when
    the sources before them name nobody)."""
    site = squash(site_name)
    fallback: tuple[str, ...] = ()
    for values in _author_candidates(src, blocks, anchors, author_texts):
        names: list[str] = []
        for value in values:
            for part in _split_names(_BY_PREFIX.sub("", clean(value) or "")):
                name = clean_author(part)
                if name and name.lower() not in (n.lower() for n in names):
                    names.append(name)
        if names and site and all(squash(n) == site for n in names):
            fallback = fallback or tuple(names)
        elif names:
            return tuple(names[:10])
    return fallback


def squash(text: str | None) -> str:
    return re.sub(r"[\W_]+", "", (text or "").lower())
